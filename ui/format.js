// Pure formatting for the views: no DOM, no IPC, so `node --test` can check it.

/** How many entries one page of a timeline asks for. */
export const TIMELINE_LIMIT = 50;
/**
 * The first page is smaller: it is on the way to the first screen, where every card costs its
 * layout. Twelve cards fill a full-height window; the next page is read in the next frame.
 */
export const FIRST_PAGE_LIMIT = 12;

/** The kinds of entry, in the order the editor offers them. */
export const KINDS = ['note', 'win', 'concern', 'reflection', 'feedback'];

const KIND_LABELS = {
  note: 'Note',
  win: 'Win',
  concern: 'Concern',
  reflection: 'Reflection',
  feedback: 'Feedback',
};

/** How you relate to a partner, in the order the partner form offers them. */
export const RELATIONSHIPS = ['peer', 'manager', 'mentor', 'mentee', 'report', 'cross_functional'];

const RELATIONSHIP_LABELS = {
  peer: 'Peer',
  manager: 'Manager',
  mentor: 'Mentor',
  mentee: 'Mentee',
  report: 'Report',
  cross_functional: 'Cross-functional',
};

/** Why a partner's cadence is paused, with its label, in the order the history dialog offers them. */
export const PAUSE_REASONS = [
  ['leave', 'Leave'],
  ['sabbatical', 'Sabbatical'],
  ['reorg', 'Re-org'],
  ['other', 'Pause'],
];

/** The label of a pause's reason ("Leave"); unknown ones read "Pause". */
export function pauseReasonLabel(reason) {
  return PAUSE_REASONS.find(([value]) => value === reason)?.[1] ?? 'Pause';
}

/** Support given and received: each act with how it reads either way, in the editor's order. */
export const SUPPORT_ACTS = [
  ['covered', 'You covered for them', 'They covered for you'],
  ['advocated', 'You advocated for them', 'They advocated for you'],
  ['shielded', 'You shielded them', 'They shielded you'],
  ['sponsored', 'You sponsored them', 'They sponsored you'],
  ['opportunity', 'You opened an opportunity for them', 'They opened an opportunity for you'],
  ['hard_feedback', 'You gave them hard feedback', 'They gave you hard feedback'],
  ['taught', 'You taught them', 'They taught you'],
];

/** What an entry's support says ("They covered for you"), as the core's printers say it; '' for none. */
export function supportLabel(support) {
  if (!support) return '';
  const act = SUPPORT_ACTS.find(([value]) => value === support.act);
  if (!act) return '';
  return support.direction === 'given' ? act[1] : act[2];
}

/** The editor's value for a support ("received:covered"), '' for none; and back. */
export function supportValue(support) {
  return support ? `${support.direction}:${support.act}` : '';
}

export function supportFromValue(value) {
  const [direction, act] = String(value ?? '').split(':');
  if (!['given', 'received'].includes(direction) || !SUPPORT_ACTS.some(([known]) => known === act)) return null;
  return { direction, act };
}

/** The label of an entry kind; unknown kinds are shown as they come. */
export function kindLabel(kind) {
  return KIND_LABELS[kind] ?? String(kind);
}

/** A kind the stylesheet has colours for ("note" for anything unknown). */
export function knownKind(kind) {
  return KINDS.includes(kind) ? kind : 'note';
}

/** The label of a relationship; unknown values are shown as they come. */
export function relationshipLabel(relationship) {
  return RELATIONSHIP_LABELS[relationship] ?? String(relationship ?? '');
}

/**
 * 1234 → "1,234". Written out rather than `toLocaleString()`: the first locale-aware number
 * format loads ICU's number data, ~7 ms on the way to the first screen, and the rest of the
 * app's wording is English.
 */
export function grouped(n) {
  const [whole, fraction] = String(n).split('.');
  const digits = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return fraction === undefined ? digits : `${digits}.${fraction}`;
}

/** "1 entry", "3 entries", "1,234 entries". */
export function count(n, singular, plural = `${singular}s`) {
  return `${grouped(n)} ${n === 1 ? singular : plural}`;
}

/**
 * Turns a message from Rust (written lower-case, CLI style) into a sentence:
 * capital first letter, final full stop.
 */
/** What to tell the person about a failed request that is not about the vault itself. */
export function failureNotice(error) {
  if (error.kind === 'not_found') return 'That is no longer in your journal.';
  return sentence(error.message) || 'Something went wrong.';
}

export function sentence(message) {
  const text = String(message ?? '').trim();
  if (text === '') return '';
  const first = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/** The facts in the status line of an open vault, e.g. ["Encrypted", "Keychain"]. */
export function vaultFacts(status) {
  const facts = ['Encrypted'];
  if (status?.protection === 'keychain') facts.push('Keychain');
  if (status?.protection === 'passphrase') facts.push('Passphrase');
  return facts;
}

/** The line under the journal's title. */
export function timelineSummary(total) {
  if (typeof total !== 'number' || total === 0) return '';
  return `${count(total, 'entry', 'entries')}, newest first`;
}

/** A local calendar-day key such as "2026-11-21", used to group entries. */
export function dayKey(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A datetime-local input's value ("2026-11-21T10:30") for the instant `date`, in local time. */
export function localDateTime(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${dayKey(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The instant of a datetime-local value, as RFC 3339 UTC; null when it is not one. */
export function instantOf(localValue) {
  const date = new Date(localValue);
  if (!localValue || Number.isNaN(date.getTime())) return null;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Intl formatters are costly to build (a fraction of a millisecond each, on every card of a
 * timeline page), so each locale-and-options pair is built once and kept.
 */
const formatters = new Map();

function dateFormat(locale, options) {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

function relativeFormat(locale) {
  const key = `relative|${locale ?? ''}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    formatters.set(key, format);
  }
  return format;
}

/** "Today", "Yesterday", "Monday 17 November", with the year when it is not this year. */
export function dayLabel(date, now, locale = undefined) {
  const today = dayKey(now);
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  const key = dayKey(date);
  if (key === today) return 'Today';
  if (key === dayKey(yesterday)) return 'Yesterday';
  const options = { weekday: 'long', day: 'numeric', month: 'long' };
  if (date.getFullYear() !== now.getFullYear()) options.year = 'numeric';
  return dateFormat(locale, options).format(date);
}

/** Local time of day, e.g. "09:05" or "9:05 AM" as the locale prefers. */
export function timeLabel(date, locale = undefined) {
  return dateFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(date);
}

/** Full local date and time, for a tooltip and the reader's header. */
export function fullDateLabel(date, locale = undefined) {
  return dateFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(date);
}

/** A short date such as "17 Nov 2026". */
export function shortDateLabel(date, locale = undefined) {
  return dateFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}

/** "April 2019" from a `YYYY-MM-DD` date (read as a calendar date, not an instant). */
export function monthLabel(isoDate, locale = undefined) {
  const date = calendarDate(isoDate);
  if (!date) return '';
  return dateFormat(locale, { month: 'long', year: 'numeric' }).format(date);
}

/** A `YYYY-MM-DD` string as a local Date at midnight, or null. */
export function calendarDate(isoDate) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(isoDate ?? ''));
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/**
 * How long ago `date` was, in words: "just now", "5 minutes ago", "yesterday", "3 weeks ago".
 * Days are counted in calendar days, so something written late yesterday is "yesterday".
 */
export function relativeTime(date, now, locale = undefined) {
  const format = relativeFormat(locale);
  const seconds = Math.round((now - date) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return format.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  if (date >= startOfToday) return format.format(-hours, 'hour');
  const startOfDay = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  const days = Math.round((startOfToday - startOfDay) / 86_400_000);
  if (days < 7) return format.format(-days, 'day');
  if (days < 30) return format.format(-Math.round(days / 7), 'week');
  if (days < 365) return format.format(-Math.max(1, Math.round(days / 30.44)), 'month');
  return format.format(-Math.round(days / 365.25), 'year');
}

/** "Quality Director at Acme", "Quality Director", "Acme", or "". */
export function roleLine(role, organisation) {
  const r = (role ?? '').trim();
  const o = (organisation ?? '').trim();
  if (r && o) return `${r} at ${o}`;
  return r || o;
}

/** The intended meeting cadence in words: "Weekly", "Every 2 weeks", "Every 10 days". */
export function cadenceLabel(days) {
  if (typeof days !== 'number' || days <= 0) return '';
  if (days === 1) return 'Daily';
  if (days === 7) return 'Weekly';
  if (days % 7 === 0) return `Every ${days / 7} weeks`;
  if (days === 30 || days === 31) return 'Monthly';
  return `Every ${days} days`;
}

/** "Apr 2019 – Mar 2023", "Since Apr 2019", "Until Mar 2023", or "". */
export function spanLabel(started, ended, locale = undefined) {
  const short = (iso) => {
    const date = calendarDate(iso);
    return date ? dateFormat(locale, { month: 'short', year: 'numeric' }).format(date) : '';
  };
  const from = short(started);
  const to = short(ended);
  if (from && to) return `${from} – ${to}`;
  if (from) return `Since ${from}`;
  if (to) return `Until ${to}`;
  return '';
}

/**
 * Groups entries (newest first, `created_at` in RFC 3339) by local day, keeping their order:
 * [{ key, label, continued, entries: [{ entry, date }] }]. `previousKey` is the day the page
 * before this one ended on: a first day with that key is marked `continued`, so a page that
 * starts mid-day does not repeat the day's heading. `dateOf` picks the instant to group by
 * (the trash groups by `deleted_at`).
 */
export function groupByDay(entries, now, locale = undefined, previousKey = null, dateOf = (e) => e.created_at) {
  const days = [];
  for (const entry of entries) {
    const date = new Date(dateOf(entry));
    const key = dayKey(date);
    let day = days.at(-1);
    if (!day || day.key !== key) {
      day = {
        key,
        label: dayLabel(date, now, locale),
        continued: days.length === 0 && key === previousKey,
        entries: [],
      };
      days.push(day);
    }
    day.entries.push({ entry, date });
  }
  return days;
}

/**
 * Markdown's marks taken out of a body, for plain-text listings: emphasis, code, strike,
 * heading and quote markers, and links (their text stays). Nothing becomes markup: the result
 * goes into the page as text. Text that only looks like markup (`<b>`) is left as it is.
 */
export function markdownAsText(body) {
  return String(body ?? '')
    .replace(/^ {0,3}#{1,6}[ \t]+/gm, '')
    .replace(/^ {0,3}> ?/gm, '')
    .replace(/\[([^\]\n]+)\]\([^)\s]*\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/~~(?=\S)([^\n]*?\S)~~/g, '$1')
    .replace(/(^|[^\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w])_(?=[^\s_])([^_\n]*?[^\s_])_(?!\w)/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1');
}

/** The first lines of a body on one line, for lists and titles. */
export function preview(body, maxChars = 120) {
  const flat = String(body ?? '').split(/\s+/).filter(Boolean).join(' ');
  if (flat.length <= maxChars) return flat;
  return `${flat.slice(0, maxChars - 1).trimEnd()}…`;
}

/**
 * Local calendar dates from date inputs (`YYYY-MM-DD`, either may be empty) as the search's
 * instants: `since` is the start of the first day, `until` the start of the day after the last
 * (exclusive), both RFC 3339 in UTC.
 */
export function dateRange(from, to) {
  const range = {};
  const start = calendarDate(from);
  if (start) range.since = start.toISOString();
  const end = calendarDate(to);
  if (end) range.until = new Date(end.getFullYear(), end.getMonth(), end.getDate() + 1).toISOString();
  return range;
}

/** "Priya Raman" → "PR"; "Ada" → "A". */
export function initials(name) {
  const words = String(name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]][0] ?? '';
  const last = words.length > 1 ? ([...words.at(-1)][0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** A stable colour (one of eight) for a name's avatar. */
export function hue(name) {
  let sum = 0;
  for (const ch of String(name ?? '')) sum = (sum * 31 + ch.codePointAt(0)) % 9973;
  return sum % 8;
}
