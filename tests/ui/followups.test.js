import assert from 'node:assert/strict';
import test from 'node:test';

import { FOLLOWUP_CHOICES, actionFilter, filterProblems, followUpRows } from '../../ui/followups.js';

test('the actions tab becomes the list_actions filter', () => {
  assert.deepEqual(actionFilter({ text: '', partnerId: null, which: 'open' }, '2026-12-04'), { open: true });
  assert.deepEqual(actionFilter({ text: 'wip', partnerId: 3, which: 'mine' }, '2026-12-04'), {
    open: true,
    owner: 'me',
    partner_id: 3,
    text: 'wip',
  });
  assert.deepEqual(actionFilter({ text: '', partnerId: null, which: 'overdue' }, '2026-12-04'), { open: true, overdue_on: '2026-12-04' });
  assert.deepEqual(actionFilter({ text: '', partnerId: null, which: 'all' }, '2026-12-04'), { open: false });
  assert.equal(FOLLOWUP_CHOICES.actions[0][0], 'open');
});

test('problems are kept by state, partner and words', () => {
  const problems = [
    { id: 1, title: 'Too much WIP', closed_at: null, shared_with: [{ id: 3 }], allies: [] },
    { id: 2, title: 'On-call rota', closed_at: '2026-11-01T00:00:00Z', shared_with: [{ id: 4 }], allies: [{ partner: { id: 3 } }] },
  ];
  assert.deepEqual(filterProblems(problems, { text: '', partnerId: null, which: 'open' }).map((p) => p.id), [1]);
  assert.deepEqual(filterProblems(problems, { text: '', partnerId: 3, which: 'all' }).map((p) => p.id), [1, 2]);
  assert.deepEqual(filterProblems(problems, { text: 'rota', partnerId: null, which: 'closed' }).map((p) => p.id), [2]);
});

test('rows say whose, when, with whom, and what opens', () => {
  const [action] = followUpRows(
    'actions',
    [{ id: 7, text: 'Send numbers', owner: 'them', due: '2026-12-01', done_at: null, origin_meeting: 5, partners: [{ name: 'Sam' }] }],
    '2026-12-04',
  );
  assert.equal(action.overdue, true);
  assert.match(action.meta, /overdue/);
  assert.match(action.meta, /with Sam/);
  assert.deepEqual(action.open, { kind: 'meeting', id: 5 });
  const [problem] = followUpRows('problems', [{ id: 2, title: 'WIP', stage: 'options', closed_at: null, shared_with: [{ name: 'Sam' }] }], '2026-12-04');
  assert.deepEqual(problem.open, { kind: 'problem', id: 2 });
  assert.match(problem.meta, /Options · with Sam/);
});
