// The search palette's logic: building the query, dropping stale answers, ordering results.
// Pure: no DOM, so `node --test` can check it.

import { dateRange } from './format.js';

/** How long typing must pause before a search is sent, in milliseconds. */
export const SEARCH_DEBOUNCE_MS = 80;
/** How many results the palette asks for. */
export const SEARCH_LIMIT = 30;

/** The palette's filters, all off. */
export function noFilters() {
  return { partnerId: null, tag: '', kind: '', from: '', to: '' };
}

/** Whether any filter is set (filters narrow the search to entries). */
export function hasFilters(filters) {
  return Boolean(filters.partnerId || filters.tag || filters.kind || filters.from || filters.to);
}

/**
 * The `search` command's query for what is typed and the filters, or null when there is
 * nothing to search for (empty text and no filters). Empty fields are left out.
 */
export function buildSearchQuery(text, filters = noFilters(), limit = SEARCH_LIMIT) {
  const trimmed = String(text ?? '').trim();
  if (trimmed === '' && !hasFilters(filters)) return null;
  // The trailing space matters to the core: without it the last word also matches as a prefix.
  const query = { text: trimmed === '' ? '' : String(text).trimStart(), limit };
  if (filters.partnerId != null && filters.partnerId !== '') query.partner_ids = [Number(filters.partnerId)];
  if (filters.tag) query.tags = [filters.tag];
  if (filters.kind) query.kind = filters.kind;
  Object.assign(query, dateRange(filters.from, filters.to));
  return query;
}

/** A date range where the start is after the end, which would find nothing. */
export function isBackwardsRange(filters) {
  return Boolean(filters.from && filters.to && filters.from > filters.to);
}

/**
 * Hands out a number per request and says whether an answer is still the latest, so an answer
 * that arrives after a newer request was sent is dropped instead of replacing fresher results.
 */
export class Latest {
  #last = 0;

  next() {
    this.#last += 1;
    return this.#last;
  }

  isCurrent(ticket) {
    return ticket === this.#last;
  }

  /** Makes every outstanding ticket stale (the palette closed). */
  cancel() {
    this.#last += 1;
  }
}

/** `fn` runs `ms` after the last call; `cancel()` drops a pending run. Timers are injectable. */
export function debounce(fn, ms, timers = globalThis) {
  let timer = null;
  const debounced = (...args) => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = null;
      fn(...args);
    }, ms);
  };
  debounced.cancel = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };
  return debounced;
}

/**
 * Splits hits into the palette's groups, partners first (there are few, and a name is usually
 * what was meant), keeping the core's ranking inside each group. Each hit gets its position in
 * the flat order that the arrow keys walk.
 */
export function groupHits(hits) {
  const partners = [];
  const entries = [];
  const meetings = [];
  const problems = [];
  const actions = [];
  const decisions = [];
  for (const hit of hits ?? []) {
    if (hit.type === 'partner') partners.push(hit);
    else if (hit.type === 'entry') entries.push(hit);
    else if (hit.type === 'meeting') meetings.push(hit);
    else if (hit.type === 'problem') problems.push(hit);
    else if (hit.type === 'action') actions.push(hit);
    else if (hit.type === 'decision') decisions.push(hit);
  }
  const groups = [];
  let position = 0;
  for (const [type, title, list] of [
    ['partner', 'Partners', partners],
    ['entry', 'Entries', entries],
    ['meeting', 'Meetings', meetings],
    ['problem', 'Problems', problems],
    ['action', 'Actions', actions],
    ['decision', 'Decisions', decisions],
  ]) {
    if (list.length === 0) continue;
    groups.push({ type, title, hits: list.map((hit) => ({ hit, position: position++ })) });
  }
  return { groups, total: position };
}

/** The index the arrow keys move to, wrapping around; -1 when there is nothing to select. */
export function moveSelection(current, delta, total) {
  if (total <= 0) return -1;
  if (current < 0) return delta > 0 ? 0 : total - 1;
  return (((current + delta) % total) + total) % total;
}

/**
 * Snippet parts as the view draws them: adjacent parts with the same highlight merged,
 * empty parts dropped, and an empty snippet replaced by `fallback` as plain text.
 */
export function snippetRuns(parts, fallback = '') {
  const runs = [];
  for (const part of parts ?? []) {
    const text = String(part?.text ?? '');
    if (text === '') continue;
    const highlight = Boolean(part.highlight);
    const last = runs.at(-1);
    if (last && last.highlight === highlight) last.text += text;
    else runs.push({ text, highlight });
  }
  if (runs.length === 0 && fallback) runs.push({ text: fallback, highlight: false });
  return runs;
}
