// Pure formatting for the journal views: no DOM, no IPC, so `node --test` can check it.

/** How many entries the timeline asks for. */
export const TIMELINE_LIMIT = 50;

const KIND_LABELS = {
  note: 'Note',
  win: 'Win',
  concern: 'Concern',
  reflection: 'Reflection',
  feedback: 'Feedback',
};

/** The label of an entry kind; unknown kinds are shown as they come. */
export function kindLabel(kind) {
  return KIND_LABELS[kind] ?? String(kind);
}

/** "1 entry", "3 entries". */
export function count(n, singular, plural = `${singular}s`) {
  return `${n} ${n === 1 ? singular : plural}`;
}

/**
 * Turns a message from Rust (written lower-case, CLI style) into a sentence:
 * capital first letter, final full stop.
 */
export function sentence(message) {
  const text = String(message ?? '').trim();
  if (text === '') return '';
  const first = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/** The facts in the status line of an open vault, e.g. ["Encrypted", "Keychain", "3 entries", "1 partner"]. */
export function vaultFacts(status) {
  const facts = ['Encrypted'];
  if (status.protection === 'keychain') facts.push('Keychain');
  if (status.protection === 'passphrase') facts.push('Passphrase');
  if (typeof status.entry_count === 'number') facts.push(count(status.entry_count, 'entry', 'entries'));
  if (typeof status.partner_count === 'number') facts.push(count(status.partner_count, 'partner'));
  return facts;
}

/** The line above the timeline: how much of the journal is shown. */
export function timelineSummary(shown, total) {
  if (total === 0) return '';
  if (shown >= total) return `${count(total, 'entry', 'entries')}, newest first`;
  return `The latest ${shown} of ${total} entries`;
}

/** A local calendar-day key such as "2026-11-21", used to group entries. */
export function dayKey(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
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
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** Local time of day, e.g. "09:05" or "9:05 AM" as the locale prefers. */
export function timeLabel(date, locale = undefined) {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(date);
}

/** Full local date and time, for a tooltip and the `datetime` attribute's reader. */
export function fullDateLabel(date, locale = undefined) {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(date);
}

/**
 * Groups entries (newest first, `created_at` in RFC 3339) by local day, keeping their order:
 * [{ key, label, entries: [{ entry, date }] }].
 */
export function groupByDay(entries, now, locale = undefined) {
  const days = [];
  for (const entry of entries) {
    const date = new Date(entry.created_at);
    const key = dayKey(date);
    let day = days.at(-1);
    if (!day || day.key !== key) {
      day = { key, label: dayLabel(date, now, locale), entries: [] };
      days.push(day);
    }
    day.entries.push({ entry, date });
  }
  return days;
}
