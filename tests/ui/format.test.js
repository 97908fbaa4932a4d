// Unit tests of ui/format.js: run with `node --test tests/ui/`.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  count,
  dayKey,
  dayLabel,
  groupByDay,
  kindLabel,
  sentence,
  timelineSummary,
  vaultFacts,
} from '../../ui/format.js';

const NOW = new Date(2026, 10, 21, 15, 30); // Saturday 21 November 2026, local time

test('counts read naturally', () => {
  assert.equal(count(0, 'entry', 'entries'), '0 entries');
  assert.equal(count(1, 'entry', 'entries'), '1 entry');
  assert.equal(count(2, 'partner'), '2 partners');
});

test('messages from Rust become sentences', () => {
  assert.equal(sentence('wrong passphrase; nothing was changed'), 'Wrong passphrase; nothing was changed.');
  assert.equal(sentence('Already fine.'), 'Already fine.');
  assert.equal(sentence(''), '');
  assert.equal(sentence(undefined), '');
});

test('kinds have labels, unknown kinds pass through', () => {
  assert.equal(kindLabel('win'), 'Win');
  assert.equal(kindLabel('mystery'), 'mystery');
});

test('the status line names protection and counts', () => {
  assert.deepEqual(
    vaultFacts({ state: 'open', protection: 'keychain', entry_count: 3, partner_count: 1 }),
    ['Encrypted', 'Keychain', '3 entries', '1 partner'],
  );
  assert.deepEqual(vaultFacts({ state: 'locked', protection: 'passphrase' }), ['Encrypted', 'Passphrase']);
});

test('the timeline summary says when only the latest entries are shown', () => {
  assert.equal(timelineSummary(0, 0), '');
  assert.equal(timelineSummary(3, 3), '3 entries, newest first');
  assert.equal(timelineSummary(50, 120), 'The latest 50 of 120 entries');
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

test('entries are grouped by local day, in order', () => {
  const at = (d, h) => new Date(2026, 10, d, h).toISOString();
  const entries = [
    { id: 3, created_at: at(21, 9) },
    { id: 2, created_at: at(21, 8) },
    { id: 1, created_at: at(19, 12) },
  ];
  const days = groupByDay(entries, NOW, 'en-GB');
  assert.deepEqual(
    days.map((d) => [d.key, d.label, d.entries.map((e) => e.entry.id)]),
    [
      ['2026-11-21', 'Today', [3, 2]],
      ['2026-11-19', dayLabel(new Date(2026, 10, 19), NOW, 'en-GB'), [1]],
    ],
  );
  assert.equal(dayKey(new Date(2026, 0, 5)), '2026-01-05');
});
