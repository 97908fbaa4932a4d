// Unit tests of ui/format.js: run with `node --test tests/ui/`.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  cadenceLabel,
  calendarDate,
  count,
  dateRange,
  dayKey,
  dayLabel,
  groupByDay,
  grouped,
  hue,
  initials,
  instantOf,
  localDateTime,
  kindLabel,
  knownKind,
  markdownAsText,
  preview,
  relationshipLabel,
  relativeTime,
  roleLine,
  sentence,
  spanLabel,
  timelineSummary,
  vaultFacts,
} from '../../ui/format.js';

const NOW = new Date(2026, 10, 21, 15, 30); // Saturday 21 November 2026, local time

test('counts read naturally', () => {
  assert.equal(count(0, 'entry', 'entries'), '0 entries');
  assert.equal(count(1, 'entry', 'entries'), '1 entry');
  assert.equal(count(2, 'partner'), '2 partners');
  // Grouped like the sidebar's counts, so the journal's header reads the same number.
  assert.equal(count(100000, 'entry', 'entries'), '100,000 entries');
});

test('large numbers are grouped by thousands', () => {
  assert.equal(grouped(0), '0');
  assert.equal(grouped(999), '999');
  assert.equal(grouped(1000), '1,000');
  assert.equal(grouped(99_999), '99,999');
  assert.equal(grouped(1_234_567), '1,234,567');
  assert.equal(grouped(1234.5), '1,234.5');
});

test('messages from Rust become sentences', () => {
  assert.equal(sentence('wrong passphrase; nothing was changed'), 'Wrong passphrase; nothing was changed.');
  assert.equal(sentence('Already fine.'), 'Already fine.');
  assert.equal(sentence(''), '');
  assert.equal(sentence(undefined), '');
});

test('kinds and relationships have labels, unknown values pass through', () => {
  assert.equal(kindLabel('win'), 'Win');
  assert.equal(kindLabel('mystery'), 'mystery');
  assert.equal(knownKind('mystery'), 'note');
  assert.equal(knownKind('concern'), 'concern');
  assert.equal(relationshipLabel('cross_functional'), 'Cross-functional');
  assert.equal(relationshipLabel('peer'), 'Peer');
  assert.equal(relationshipLabel('friend'), 'friend');
});

test('the status line names the protection', () => {
  assert.deepEqual(vaultFacts({ state: 'open', protection: 'keychain' }), ['Encrypted', 'Keychain']);
  assert.deepEqual(vaultFacts({ state: 'locked', protection: 'passphrase' }), ['Encrypted', 'Passphrase']);
});

test('the timeline summary counts entries', () => {
  assert.equal(timelineSummary(0), '');
  assert.equal(timelineSummary(null), '');
  assert.equal(timelineSummary(1), '1 entry, newest first');
  assert.equal(timelineSummary(120), '120 entries, newest first');
});

test('days are labelled relative to today', () => {
  assert.equal(dayLabel(new Date(2026, 10, 21, 0, 1), NOW, 'en-GB'), 'Today');
  assert.equal(dayLabel(new Date(2026, 10, 20, 23, 59), NOW, 'en-GB'), 'Yesterday');
  // Punctuation between the parts varies with the ICU version, so only the parts are checked.
  const thisYear = dayLabel(new Date(2026, 10, 17, 9), NOW, 'en-GB');
  assert.match(thisYear, /^Tuesday,? 17 November$/);
  const lastYear = dayLabel(new Date(2025, 11, 31, 9), NOW, 'en-GB');
  assert.match(lastYear, /^Wednesday,? 31 December,? 2025$/);
});

test('relative times read like a person would say them', () => {
  const ago = (ms) => relativeTime(new Date(NOW - ms), NOW, 'en');
  assert.equal(ago(10_000), 'just now');
  assert.equal(ago(5 * 60_000), '5 minutes ago');
  assert.equal(ago(3 * 3_600_000), '3 hours ago');
  assert.equal(relativeTime(new Date(2026, 10, 20, 23, 0), NOW, 'en'), 'yesterday');
  assert.equal(relativeTime(new Date(2026, 10, 17, 9), NOW, 'en'), '4 days ago');
  assert.equal(relativeTime(new Date(2026, 10, 7, 9), NOW, 'en'), '2 weeks ago');
  assert.equal(relativeTime(new Date(2026, 7, 21, 9), NOW, 'en'), '3 months ago');
  assert.equal(relativeTime(new Date(2024, 10, 1, 9), NOW, 'en'), '2 years ago');
});

test('entries are grouped by local day, in order, and a page can continue a day', () => {
  const at = (d, h) => new Date(2026, 10, d, h).toISOString();
  const entries = [
    { id: 3, created_at: at(21, 9) },
    { id: 2, created_at: at(21, 8) },
    { id: 1, created_at: at(19, 12) },
  ];
  const days = groupByDay(entries, NOW, 'en-GB');
  assert.deepEqual(
    days.map((d) => [d.key, d.label, d.continued, d.entries.map((e) => e.entry.id)]),
    [
      ['2026-11-21', 'Today', false, [3, 2]],
      ['2026-11-19', dayLabel(new Date(2026, 10, 19), NOW, 'en-GB'), false, [1]],
    ],
  );
  const next = groupByDay([{ id: 0, created_at: at(19, 8) }], NOW, 'en-GB', '2026-11-19');
  assert.equal(next[0].continued, true, 'the page before ended on the same day');
  const trash = groupByDay([{ id: 9, created_at: at(1, 8), deleted_at: at(21, 8) }], NOW, 'en-GB', null, (e) => e.deleted_at);
  assert.equal(trash[0].label, 'Today');
  assert.equal(dayKey(new Date(2026, 0, 5)), '2026-01-05');
});

test('partner facts', () => {
  assert.equal(roleLine('Quality Director', 'Acme'), 'Quality Director at Acme');
  assert.equal(roleLine('Quality Director', null), 'Quality Director');
  assert.equal(roleLine(null, ' Acme '), 'Acme');
  assert.equal(roleLine(null, undefined), '');
  assert.equal(cadenceLabel(7), 'Weekly');
  assert.equal(cadenceLabel(14), 'Every 2 weeks');
  assert.equal(cadenceLabel(10), 'Every 10 days');
  assert.equal(cadenceLabel(null), '');
  assert.match(spanLabel('2019-04-01', '2023-03-31', 'en-GB'), /^Apr 2019 – Mar 2023$/);
  assert.match(spanLabel('2019-04-01', null, 'en-GB'), /^Since Apr 2019$/);
  assert.equal(spanLabel(null, null), '');
  assert.equal(calendarDate('2019-04-01').getDate(), 1, 'a date is a calendar day, not a UTC instant');
  assert.equal(calendarDate('nonsense'), null);
});

test('initials and avatar colours are stable', () => {
  assert.equal(initials('Priya Raman'), 'PR');
  assert.equal(initials('Ada'), 'A');
  assert.equal(initials('  '), '?');
  assert.equal(initials('Émile van der Berg'), 'ÉB');
  assert.equal(hue('Ada'), hue('Ada'));
  assert.ok(hue('Grace') >= 0 && hue('Grace') < 8);
});

test('previews are one line and cut at a word', () => {
  assert.equal(preview('one\n\ntwo   three'), 'one two three');
  assert.equal(preview('abcdef ghijkl', 8), 'abcdef…');
});

test('date filters are local days as UTC instants, the end exclusive', () => {
  const range = dateRange('2026-11-01', '2026-11-21');
  assert.equal(range.since, new Date(2026, 10, 1).toISOString());
  assert.equal(range.until, new Date(2026, 10, 22).toISOString());
  assert.deepEqual(dateRange('', ''), {});
  assert.deepEqual(Object.keys(dateRange('', '2026-11-21')), ['until']);
});

test("cards show a note's words without Markdown's marks, and markup-like text as it is", () => {
  assert.equal(
    markdownAsText('# Plan\n> quoted\n**Grace** covered my _part_, see [the doc](https://x.example) and `wip`.'),
    'Plan\nquoted\nGrace covered my part, see the doc and wip.',
  );
  assert.equal(markdownAsText('snake_case_name, 2*3*4 and a * b'), 'snake_case_name, 2*3*4 and a * b');
  assert.equal(markdownAsText('<img src=x onerror=alert(1)>'), '<img src=x onerror=alert(1)>');
  assert.equal(markdownAsText('<script>alert(1)</script>'), '<script>alert(1)</script>');
  assert.equal(markdownAsText('- [ ] call Ada\n- ~~done~~'), '- [ ] call Ada\n- done');
});

test('failures outside a form read as one sentence', async () => {
  const { failureNotice } = await import('../../ui/format.js');
  assert.equal(failureNotice({ kind: 'not_found', message: 'no entry with that id' }), 'That is no longer in your journal.');
  assert.equal(failureNotice({ kind: 'internal', message: '' }), 'Something went wrong.');
  assert.match(failureNotice({ kind: 'invalid_input', message: 'invalid tag: use letters' }), /^Invalid tag: use letters/);
});

test('datetime-local values read and written in local time', () => {
  const at = new Date(2026, 0, 5, 7, 4, 59);
  assert.equal(localDateTime(at), '2026-01-05T07:04');
  assert.equal(instantOf('2026-01-05T07:04'), new Date(2026, 0, 5, 7, 4).toISOString().replace('.000Z', 'Z'));
  assert.equal(instantOf(''), null);
  assert.equal(instantOf(undefined), null);
  assert.equal(instantOf('2026-13-45T99:99'), null);
});
