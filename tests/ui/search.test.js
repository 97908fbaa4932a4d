// Unit tests of ui/search.js: the palette's query, stale answers and result order.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  Latest,
  buildSearchQuery,
  debounce,
  groupHits,
  hasFilters,
  isBackwardsRange,
  moveSelection,
  noFilters,
  snippetRuns,
} from '../../ui/search.js';

test('nothing typed and no filters: no search', () => {
  assert.equal(buildSearchQuery('', noFilters()), null);
  assert.equal(buildSearchQuery('   ', noFilters()), null);
});

test('text goes as typed (a trailing space ends the prefix match); filters only when set', () => {
  assert.deepEqual(buildSearchQuery('wip', noFilters(), 30), { text: 'wip', limit: 30 });
  assert.deepEqual(buildSearchQuery('  wip ', noFilters(), 30), { text: 'wip ', limit: 30 });
  const filters = { partnerId: '3', tag: 'peer-1on1', kind: 'win', from: '2026-11-01', to: '' };
  assert.ok(hasFilters(filters));
  assert.deepEqual(buildSearchQuery('', filters, 30), {
    text: '',
    limit: 30,
    partner_ids: [3],
    tags: ['peer-1on1'],
    kind: 'win',
    since: new Date(2026, 10, 1).toISOString(),
  });
  assert.ok(isBackwardsRange({ ...noFilters(), from: '2026-11-02', to: '2026-11-01' }));
  assert.ok(!isBackwardsRange({ ...noFilters(), from: '2026-11-01', to: '2026-11-01' }));
});

test('only the latest answer counts', () => {
  const latest = new Latest();
  const first = latest.next();
  const second = latest.next();
  assert.ok(!latest.isCurrent(first), 'an answer to an older request is dropped');
  assert.ok(latest.isCurrent(second));
  latest.cancel();
  assert.ok(!latest.isCurrent(second), 'closing the palette drops everything in flight');
});

test('debounce runs once after the pause, with the last arguments', () => {
  const pending = new Map();
  let id = 0;
  const timers = {
    setTimeout: (fn, ms) => { pending.set(++id, { fn, ms }); return id; },
    clearTimeout: (t) => pending.delete(t),
  };
  const seen = [];
  const run = debounce((text) => seen.push(text), 80, timers);
  run('w');
  run('wi');
  run('wip');
  assert.equal(pending.size, 1);
  assert.equal([...pending.values()][0].ms, 80);
  const [[fired, timer]] = [...pending];
  pending.delete(fired);
  timer.fn();
  assert.deepEqual(seen, ['wip']);
  run('x');
  run.cancel();
  assert.equal(pending.size, 0);
});

test('partners come first, each group keeps the core ranking, positions run through both', () => {
  const hits = [
    { type: 'entry', entry: { id: 1 } },
    { type: 'partner', partner: { id: 7 } },
    { type: 'entry', entry: { id: 2 } },
  ];
  const { groups, total } = groupHits(hits);
  assert.equal(total, 3);
  assert.deepEqual(groups.map((g) => g.title), ['Partners', 'Entries']);
  assert.deepEqual(groups[1].hits.map((h) => [h.hit.entry.id, h.position]), [[1, 1], [2, 2]]);
  assert.deepEqual(groupHits([]), { groups: [], total: 0 });
});

test('arrow keys wrap around', () => {
  assert.equal(moveSelection(-1, 1, 3), 0);
  assert.equal(moveSelection(-1, -1, 3), 2);
  assert.equal(moveSelection(2, 1, 3), 0);
  assert.equal(moveSelection(0, -1, 3), 2);
  assert.equal(moveSelection(0, 1, 0), -1);
});

test('snippets merge runs and fall back to plain text', () => {
  assert.deepEqual(
    snippetRuns([
      { text: 'too much ', highlight: false },
      { text: 'work', highlight: true },
      { text: '', highlight: false },
      { text: ' in ', highlight: false },
      { text: 'progress', highlight: false },
    ]),
    [
      { text: 'too much ', highlight: false },
      { text: 'work', highlight: true },
      { text: ' in progress', highlight: false },
    ],
  );
  assert.deepEqual(snippetRuns([], 'Quality Director'), [{ text: 'Quality Director', highlight: false }]);
  assert.deepEqual(snippetRuns(undefined), []);
});

test('actions and decisions found by search come after problems, each in its group', () => {
  const hits = [
    { type: 'decision', decision: { id: 4 } },
    { type: 'problem', problem: { id: 2 } },
    { type: 'action', action: { id: 9 } },
    { type: 'entry', entry: { id: 1 } },
  ];
  const { groups, total } = groupHits(hits);
  assert.equal(total, 4);
  assert.deepEqual(groups.map((g) => g.title), ['Entries', 'Problems', 'Actions', 'Decisions']);
  assert.deepEqual(groups.at(-1).hits[0], { hit: hits[0], position: 3 });
});
