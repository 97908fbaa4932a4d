// Support both ways on a partner's page: the rows of the per-year chart, the totals, the draft a
// button opens, and how each support reads.

import assert from 'node:assert/strict';
import test from 'node:test';

import { supportFromValue, supportLabel, supportValue } from '../../ui/format.js';
import { newEntryArgument, entryChanges } from '../../ui/forms.js';
import { supportDraft, supportRows, supportTotals } from '../../ui/support.js';

const years = (...rows) => rows.map(([year, given, received]) => ({ year, given, received }));

test('the latest years are drawn newest first against the largest count, the earlier ones summed', () => {
  const balance = { given: 9, received: 12, years: years([2008, 0, 3], [2010, 1, 1], [2016, 4, 2], [2019, 2, 4], [2026, 2, 2]) };
  const { rows, earlier } = supportRows(balance, 3);
  assert.deepEqual(rows.map((r) => r.year), [2026, 2019, 2016]);
  assert.deepEqual(rows.map((r) => [r.givenShare, r.receivedShare]), [[0.5, 0.5], [0.5, 1], [1, 0.5]]);
  assert.equal(rows[1].said, '2019: 2 times you supported them, 4 times they supported you');
  assert.deepEqual(earlier, { from: 2008, to: 2010, given: 1, received: 4 });
  assert.equal(supportRows(balance).earlier, null, 'eight years fit');
  assert.deepEqual(supportRows({ given: 0, received: 0, years: [] }), { rows: [], earlier: null });
  assert.deepEqual(supportRows(undefined), { rows: [], earlier: null }, 'a partner from a list has none');
});

test('the totals say both ways, and nothing before any is noted', () => {
  assert.equal(supportTotals({ given: 1, received: 3, years: [] }), 'You supported them 1 time · they supported you 3 times');
  assert.equal(supportTotals({ given: 0, received: 0, years: [] }), null);
  assert.equal(supportTotals(undefined), null);
});

test('each support reads as the core prints it, and round-trips through the editor\'s field', () => {
  assert.equal(supportLabel({ direction: 'received', act: 'covered' }), 'They covered for you');
  assert.equal(supportLabel({ direction: 'given', act: 'hard_feedback' }), 'You gave them hard feedback');
  assert.equal(supportLabel(null), '');
  assert.equal(supportLabel({ direction: 'given', act: 'bribed' }), '', 'an unknown act is not guessed at');
  for (const support of [{ direction: 'given', act: 'taught' }, { direction: 'received', act: 'opportunity' }]) {
    assert.deepEqual(supportFromValue(supportValue(support)), support);
  }
  assert.equal(supportValue(null), '');
  assert.equal(supportFromValue(''), null);
  assert.equal(supportFromValue('sideways:covered'), null);
});

test('a button opens the editor linked to the partner, the support chosen, and the argument carries it', () => {
  const draft = supportDraft([{ id: 4, name: 'Mike', role: 'ignored' }], 'given');
  assert.deepEqual(draft.partners, [{ id: 4, name: 'Mike' }]);
  assert.deepEqual(draft.support, { direction: 'given', act: 'covered' });
  assert.equal(supportDraft([], 'anything').support.direction, 'received');
  const argument = newEntryArgument({ ...draft, body: 'Covered his on-call', tagsText: '' });
  assert.deepEqual(argument.support, { direction: 'given', act: 'covered' });
  assert.equal('support' in newEntryArgument({ ...draft, support: null, tagsText: '' }), false);
});

test('an edit sends the support only when it changed, and null to take it off', () => {
  const entry = { body: 'x', kind: 'note', tags: [], partners: [{ id: 4 }], shareable: false, support: { direction: 'received', act: 'covered' }, created_at: '2026-01-01T12:00:00Z' };
  const typed = { body: 'x', kind: 'note', tagsText: '', partners: [{ id: 4 }], shareable: false, when: '' };
  assert.deepEqual(entryChanges(entry, { ...typed, support: { direction: 'received', act: 'covered' } }), {});
  assert.deepEqual(entryChanges(entry, { ...typed, support: null }), { support: null });
  assert.deepEqual(entryChanges(entry, { ...typed, support: { direction: 'given', act: 'covered' } }), {
    support: { direction: 'given', act: 'covered' },
  });
  assert.deepEqual(entryChanges({ ...entry, support: null }, { ...typed, support: null }), {});
});
