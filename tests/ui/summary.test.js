// Unit tests of ui/summary.js: range presets, the choice sent to Rust, ticking, remembering.

import assert from 'node:assert/strict';
import test from 'node:test';

import {
  FORMATS,
  PRESETS,
  buildChoice,
  defaultChoices,
  isDay,
  knownPartners,
  partnerChosen,
  partnersAfterToggle,
  presetRange,
  rangeProblem,
  keptSummaryChoices,
  sharedLabel,
  summaryChoicesFrom,
  summaryLines,
  toggled,
} from '../../ui/summary.js';

/** A localStorage stand-in. */
function memoryStorage(initial = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key) => (data.has(key) ? data.get(key) : null),
    setItem: (key, value) => data.set(key, String(value)),
    data,
  };
}

test('presets count from today: quarters, the quarter before, the last 30 days', () => {
  assert.deepEqual(presetRange('this-quarter', '2026-11-21'), { from: '2026-10-01', to: '2026-11-21' });
  assert.deepEqual(presetRange('last-quarter', '2026-11-21'), { from: '2026-07-01', to: '2026-09-30' });
  assert.deepEqual(presetRange('last-30-days', '2026-11-21'), { from: '2026-10-23', to: '2026-11-21' });
  // January: the last quarter is in the year before.
  assert.deepEqual(presetRange('this-quarter', '2027-01-05'), { from: '2027-01-01', to: '2027-01-05' });
  assert.deepEqual(presetRange('last-quarter', '2027-01-05'), { from: '2026-10-01', to: '2026-12-31' });
  assert.deepEqual(presetRange('last-30-days', '2026-03-01'), { from: '2026-01-31', to: '2026-03-01' });
  assert.equal(presetRange('custom', '2026-11-21'), null);
  assert.equal(presetRange('this-quarter', 'soon'), null);
  assert.equal(PRESETS.length, 4);
  assert.deepEqual(FORMATS.map(([value]) => value), ['md', 'html', 'pdf', 'json']);
});

test('a day must be a real calendar day', () => {
  assert.ok(isDay('2024-02-29'));
  assert.ok(!isDay('2025-02-29'));
  assert.ok(!isDay('2025-2-1'));
  assert.ok(!isDay(''));
  assert.ok(!isDay(undefined));
});

test('the choice carries the range, partners, included notes and unticked keys', () => {
  const choices = { ...defaultChoices(), partners: [3], include: [9], exclude: ['action:2'] };
  assert.deepEqual(buildChoice(choices, '2026-11-21'), {
    from: '2026-10-01',
    to: '2026-11-21',
    partners: [3],
    include_entries: [9],
    exclude: ['action:2'],
  });
  const custom = { ...defaultChoices(), preset: 'custom', from: '2026-01-01', to: '2026-02-01' };
  assert.equal(buildChoice(custom, '2026-11-21').from, '2026-01-01');
  assert.equal(rangeProblem(custom, '2026-11-21'), '');
});

test('a custom range needs both dates, the right way round', () => {
  const missing = { ...defaultChoices(), preset: 'custom', from: '2026-01-01', to: '' };
  assert.equal(buildChoice(missing, '2026-11-21'), null);
  assert.match(rangeProblem(missing, '2026-11-21'), /both/);
  const backwards = { ...defaultChoices(), preset: 'custom', from: '2026-03-01', to: '2026-02-01' };
  assert.equal(buildChoice(backwards, '2026-11-21'), null);
  assert.match(rangeProblem(backwards, '2026-11-21'), /after/);
});

test('toggling adds once and removes, without touching the list it was given', () => {
  const list = ['a'];
  assert.deepEqual(toggled(list, 'b', true), ['a', 'b']);
  assert.deepEqual(toggled(list, 'a', true), ['a']);
  assert.deepEqual(toggled(list, 'a', false), []);
  assert.deepEqual(list, ['a']);
});

test('partners: none chosen means everyone; choosing everyone goes back to none; the last one stays', () => {
  const all = [1, 2, 3];
  assert.deepEqual(partnersAfterToggle([], 2, false, all), [1, 3]);
  assert.deepEqual(partnersAfterToggle([1, 3], 2, true, all), []);
  assert.deepEqual(partnersAfterToggle([1], 3, true, all), [1, 3]);
  assert.deepEqual(partnersAfterToggle([1], 1, false, all), [1]);
  assert.ok(partnerChosen([], 2));
  assert.ok(!partnerChosen([1], 2));
  assert.deepEqual(knownPartners([1, 9], all), [1]);
  assert.deepEqual(knownPartners([9], all), []);
  assert.deepEqual(knownPartners([1, 2, 3], all), []);
});

test('the lines of a summary in reading order, and how many will be shared', () => {
  const line = (key) => ({ key, text: key, detail: '', provenance: { kind: 'meeting', id: 1, at: '' } });
  const summary = {
    partners: [{ decisions: [line('decision:1')], actions: [line('action:1')], wins: [line('entry:4')], support: [line('entry:6')], notes: [line('entry:5')] }],
    problems: [line('problem:1')],
    included: [line('entry:9')],
  };
  assert.deepEqual(summaryLines(summary).map((l) => l.key), ['decision:1', 'action:1', 'entry:4', 'entry:6', 'entry:5', 'problem:1', 'entry:9']);
  assert.equal(sharedLabel(1), '1 line will be shared');
  assert.equal(sharedLabel(12), '12 lines will be shared');
  assert.equal(sharedLabel(0), 'Nothing will be shared yet');
});

test('remembered choices round-trip: ids, dates, keys, format and folder only, never included notes', () => {
  const choices = {
    preset: 'custom', from: '2026-01-01', to: '2026-03-31', partners: [2, 5], format: 'pdf',
    exclude: ['decision:4', 'entry:7'], include: [7], directory: '/home/me/Documents',
  };
  const kept = JSON.parse(JSON.stringify(keptSummaryChoices(choices)));
  assert.deepEqual(summaryChoicesFrom(kept), { ...choices, include: [] });
  assert.deepEqual(Object.keys(kept).sort(), ['directory', 'exclude', 'format', 'from', 'partners', 'preset', 'to']);
});

test('what is read back is checked, part by part', () => {
  const read = summaryChoicesFrom({
    preset: 'forever', from: '2026-13-01', to: '2026-02-01', partners: [1, -2, 'x', 1.5, 3],
    format: 'docx', exclude: ['action:3', '<b>', 'decision:x', 5], include: ['7', 8], directory: 42,
  });
  assert.equal(read.preset, 'this-quarter');
  assert.equal(read.from, '');
  assert.equal(read.to, '2026-02-01');
  assert.deepEqual(read.partners, [1, 3]);
  assert.equal(read.format, 'md');
  assert.deepEqual(read.exclude, ['action:3']);
  assert.deepEqual(read.include, [], 'included notes written by an older version are not read back');
  assert.equal(read.directory, null);
  assert.deepEqual(summaryChoicesFrom('{not json'), defaultChoices());
  assert.deepEqual(summaryChoicesFrom(null), defaultChoices());
});
