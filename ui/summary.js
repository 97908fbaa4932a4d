// The summary screen's logic: range presets, the `choice` the preview and save commands take,
// ticking lines and partners, and the remembered choices. Pure: no DOM, so `node --test` can check it.

import { calendarDate, count, shortDateLabel } from './format.js';

/** How long choices must settle before the preview is asked for again, in milliseconds. */
export const SUMMARY_DEBOUNCE_MS = 150;

/** The ranges offered, in order. "custom" takes its two dates from the date inputs. */
export const PRESETS = [
  ['this-quarter', 'This quarter'],
  ['last-quarter', 'Last quarter'],
  ['last-30-days', 'Last 30 days'],
  ['custom', 'Custom'],
];

/** The formats `save_summary` writes, with their names for people. */
export const FORMATS = [
  ['md', 'Markdown'],
  ['html', 'Web page (HTML)'],
  ['pdf', 'PDF'],
  ['json', 'JSON'],
];

/** Where the choices are remembered, in the vault (remembered.js): ids, dates, keys, a folder. */
export const SUMMARY_PREFERENCE = 'summary';
/** Where an older Rapport kept them, in localStorage; moved into the vault when first read. */
export const LEGACY_SUMMARY_KEY = 'rapport.summaryChoices';

/**
 * Changes that make it another summary: the private notes included by hand belong to the one
 * they were included in, so any of these takes them out.
 */
export const OTHER_SUMMARY = ['preset', 'from', 'to', 'partners'];

/** At most this many unticked keys are remembered. */
const REMEMBERED = 500;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const LINE_KEY = /^[a-z_]{1,20}:\d{1,18}$/;

/**
 * The first time someone opens the screen: this quarter, every partner, Markdown. `include`
 * (private notes included by hand) lives only as long as the summary it is for: it is never
 * remembered.
 */
export function defaultChoices() {
  return { preset: 'this-quarter', from: '', to: '', partners: [], format: 'md', exclude: [], include: [], directory: null };
}

/** Whether `text` is a real calendar day written YYYY-MM-DD. */
export function isDay(text) {
  if (!DAY.test(String(text ?? ''))) return false;
  const date = calendarDate(text);
  return day(date) === text;
}

function day(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `{from, to}` of a preset, counted from `today` (YYYY-MM-DD); null for "custom" or unknown. */
export function presetRange(preset, today) {
  const now = calendarDate(today);
  if (!now) return null;
  const year = now.getFullYear();
  const quarterStart = Math.floor(now.getMonth() / 3) * 3;
  switch (preset) {
    case 'this-quarter':
      return { from: day(new Date(year, quarterStart, 1)), to: today };
    case 'last-quarter':
      // Month -3 of January is October of the year before: Date rolls the year over.
      return { from: day(new Date(year, quarterStart - 3, 1)), to: day(new Date(year, quarterStart, 0)) };
    case 'last-30-days':
      return { from: day(new Date(year, now.getMonth(), now.getDate() - 29)), to: today };
    default:
      return null;
  }
}

/** The range the choices mean: a preset's, or the custom dates. Null when a date is missing. */
export function rangeOf(choices, today) {
  if (choices.preset !== 'custom') return presetRange(choices.preset, today);
  if (!isDay(choices.from) || !isDay(choices.to)) return null;
  return { from: choices.from, to: choices.to };
}

/** What is wrong with the range, for the person, or '' when it can be previewed. */
export function rangeProblem(choices, today) {
  if (choices.preset !== 'custom') return '';
  if (!isDay(choices.from) || !isDay(choices.to)) return 'Choose both a start and an end date.';
  if (choices.from > choices.to) return 'The start date is after the end date.';
  return '';
}

/**
 * The `choice` that `preview_summary` and `save_summary` take, or null when the range is not
 * complete or runs backwards.
 */
export function buildChoice(choices, today) {
  const range = rangeOf(choices, today);
  if (!range || range.from > range.to) return null;
  return {
    from: range.from,
    to: range.to,
    partners: [...choices.partners],
    include_entries: [...choices.include],
    exclude: [...choices.exclude],
  };
}

/** `list` with `value` in it (once) when `on`, without it otherwise. A new array. */
export function toggled(list, value, on) {
  const without = list.filter((item) => item !== value);
  return on ? [...without, value] : without;
}

/**
 * The partner ids chosen after ticking (`on`) or unticking partner `id`, where `[]` means every
 * active partner (`allIds`). Choosing everyone becomes `[]` again; the last partner cannot be
 * unticked (a summary of no one says nothing), so that leaves the choice as it was.
 */
export function partnersAfterToggle(chosen, id, on, allIds) {
  const current = chosen.length === 0 ? [...allIds] : chosen.filter((p) => allIds.includes(p));
  const next = toggled(current, id, on);
  if (next.length === 0) return chosen;
  if (allIds.every((p) => next.includes(p))) return [];
  return allIds.filter((p) => next.includes(p));
}

/** Whether partner `id` is in the summary: everyone is when none are chosen one by one. */
export function partnerChosen(chosen, id) {
  return chosen.length === 0 || chosen.includes(id);
}

/** Forgets partners who are gone or archived; if none is left, everyone is chosen again. */
export function knownPartners(chosen, allIds) {
  const known = chosen.filter((id) => allIds.includes(id));
  return known.length === allIds.length ? [] : known;
}

/** Every line of a summary, in the order it reads. */
export function summaryLines(summary) {
  const lines = [];
  for (const partner of summary?.partners ?? []) {
    lines.push(...partner.decisions, ...partner.actions, ...partner.wins, ...(partner.support ?? []), ...(partner.notes ?? []));
  }
  lines.push(...(summary?.problems ?? []), ...(summary?.included ?? []));
  return lines;
}

/** "12 lines will be shared", or what to do when none will. */
export function sharedLabel(chosenLines) {
  if (!chosenLines) return 'Nothing will be shared yet';
  return `${count(chosenLines, 'line')} will be shared`;
}

/** "1 Oct 2026 to 21 Nov 2026" for a range of YYYY-MM-DD dates. */
export function rangeLabel(from, to, locale = undefined) {
  const start = calendarDate(from);
  const end = calendarDate(to);
  if (!start || !end) return '';
  return `${shortDateLabel(start, locale)} to ${shortDateLabel(end, locale)}`;
}

const positiveIds = (list) =>
  (Array.isArray(list) ? list : []).filter((id) => Number.isSafeInteger(id) && id > 0).slice(-REMEMBERED);

/** The remembered choices, each part checked; anything unreadable falls back to the default. */
export function summaryChoicesFrom(raw) {
  const choices = defaultChoices();
  if (!raw || typeof raw !== 'object') return choices;
  if (PRESETS.some(([value]) => value === raw.preset)) choices.preset = raw.preset;
  if (isDay(raw.from)) choices.from = raw.from;
  if (isDay(raw.to)) choices.to = raw.to;
  choices.partners = [...new Set(positiveIds(raw.partners))];
  if (FORMATS.some(([value]) => value === raw.format)) choices.format = raw.format;
  choices.exclude = [...new Set((Array.isArray(raw.exclude) ? raw.exclude : []).filter((k) => typeof k === 'string' && LINE_KEY.test(k)))].slice(-REMEMBERED);
  if (typeof raw.directory === 'string' && raw.directory !== '' && raw.directory.length < 4096) choices.directory = raw.directory;
  return choices;
}

/** A remembered value as it should be kept: what an older Rapport kept loses what is not kept now. */
export function cleanSummaryChoices(raw) {
  return keptSummaryChoices(summaryChoicesFrom(raw));
}

/**
 * What is remembered of the choices: only ids, dates, keys, the format and the last folder;
 * never the private notes included by hand.
 */
export function keptSummaryChoices(choices) {
  return {
    preset: choices.preset,
    from: choices.from,
    to: choices.to,
    partners: choices.partners,
    format: choices.format,
    exclude: choices.exclude.slice(-REMEMBERED),
    directory: choices.directory ?? null,
  };
}
