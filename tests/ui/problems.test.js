import assert from 'node:assert/strict';
import test from 'node:test';

import { rankMatches } from '../../ui/complete.js';
import {
  STAGES,
  allyCandidates,
  meetingProblems,
  allyKey,
  allySuggestions,
  skipsTheViews,
  splitWhom,
  viewsChange,
  viewsWritten,
  partnerProblems,
  stageChange,
  stageIndex,
  stageLabel,
  stageSteps,
  stanceLabel,
} from '../../ui/problems.js';

test('the stages follow the brief, in order', () => {
  assert.deepEqual(
    STAGES.map(([value]) => value),
    ['both_views', 'options', 'agreement', 'allies', 'managers', 'decide_again'],
  );
  assert.equal(stageIndex('agreement'), 2);
  assert.equal(stageIndex('nonsense'), -1);
  assert.equal(stageLabel('managers'), 'Presented to managers');
  assert.equal(stageLabel('decide_again', '2026-12-01'), 'Decide again on 2026-12-01');
});

test('the steps before the current stage are done, those after are still to do', () => {
  const steps = stageSteps('agreement');
  assert.deepEqual(steps.map((s) => s.state), ['done', 'done', 'current', 'todo', 'todo', 'todo']);
  assert.equal(stageSteps('both_views')[0].state, 'current');
});

test('moving to a stage is one change; deciding again needs a date', () => {
  assert.deepEqual(stageChange('options'), { stage: 'options' });
  assert.equal(stageChange('decide_again'), null);
  assert.equal(stageChange('decide_again', '1 Dec'), null);
  assert.deepEqual(stageChange('decide_again', '2026-12-01'), { stage: 'decide_again', decide_again_on: '2026-12-01' });
  assert.equal(stageChange('somewhere'), null);
});

test('stances have labels, an unknown one reads Unknown', () => {
  assert.equal(stanceLabel('against'), 'Against');
  assert.equal(stanceLabel('for'), 'For');
  assert.equal(stanceLabel(undefined), 'Unknown');
});

test('a partner’s open problems: shared with them or with them as an ally, newest change first', () => {
  const problems = [
    { id: 1, shared_with: [{ id: 7 }], allies: [], updated_at: '2026-01-01T00:00:00Z' },
    { id: 2, shared_with: [{ id: 8 }], allies: [{ partner: { id: 7 }, stance: 'for' }], updated_at: '2026-02-01T00:00:00Z' },
    { id: 3, shared_with: [{ id: 7 }], allies: [], closed_at: '2026-03-01T00:00:00Z' },
    { id: 4, shared_with: [{ id: 8 }], allies: [] },
  ];
  assert.deepEqual(partnerProblems(problems, 7).map((p) => p.id), [2, 1]);
  assert.deepEqual(partnerProblems(undefined, 7), []);
});

test('allies can be anyone not archived, not shared with and not an ally already', () => {
  const problem = { shared_with: [{ id: 1 }], allies: [{ partner: { id: 2 }, stance: 'for' }] };
  const partners = [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4, archived: true }];
  assert.deepEqual(allyCandidates(problem, partners).map((p) => p.id), [3]);
});

test('leaving both views unwritten is asked about, once they are written it is not', () => {
  const fresh = { stage: 'both_views', my_view: 'Nothing ships', their_view: '  ' };
  assert.equal(viewsWritten(fresh), false);
  assert.equal(skipsTheViews(fresh, 'options'), true);
  assert.equal(skipsTheViews(fresh, 'both_views'), false);
  const written = { ...fresh, their_view: 'QA is flooded' };
  assert.equal(skipsTheViews(written, 'decide_again'), false);
  // Once past the first step, moving between later stages never asks.
  assert.equal(skipsTheViews({ ...fresh, stage: 'options' }, 'agreement'), false);
});

test('the worksheet form becomes one views change, to whom split on commas', () => {
  assert.deepEqual(splitWhom(' the org, customers ,, Dana '), ['the org', 'customers', 'Dana']);
  assert.deepEqual(viewsChange({ my_view: 'a', their_view: 'b', why_it_matters: 'c', matters_to: 'x, y' }), {
    views: { my_view: 'a', their_view: 'b', why_it_matters: 'c', matters_to: ['x', 'y'] },
  });
});

test('the ally box suggests partners, then people, then recording a new name', () => {
  const problem = {
    shared_with: [{ id: 1, name: 'Sam' }],
    allies: [{ id: 9, partner: null, person: { id: 5, name: 'Kim' }, name: 'Kim' }],
  };
  const partners = [
    { id: 1, name: 'Sam' },
    { id: 2, name: 'Dana Ortiz', role: 'Support' },
  ];
  const people = [
    { id: 5, name: 'Kim', role: '' },
    { id: 6, name: 'Dave', role: 'VP' },
  ];
  const all = allySuggestions(problem, partners, people, 'Da', rankMatches);
  assert.deepEqual(
    all.map((s) => s.value),
    [{ partner_id: 2 }, { person_id: 6 }, { name: 'Da' }],
  );
  assert.equal(all.at(-1).create, true);
  // A name someone already has is not offered as new; Kim is on the problem already.
  const kim = allySuggestions(problem, partners, people, 'kim', rankMatches);
  assert.deepEqual(kim, []);
  assert.deepEqual(allyKey(problem.allies[0]), { person_id: 5 });
  assert.deepEqual(allyKey({ partner: { id: 2 } }), { partner_id: 2 });
});

test('the problems linked to a meeting, open first', () => {
  const problems = [
    { id: 1, closed_at: '2026-01-01', meetings: [{ id: 5 }] },
    { id: 2, closed_at: null, meetings: [{ id: 5 }, { id: 6 }] },
    { id: 3, closed_at: null, meetings: [{ id: 6 }] },
  ];
  assert.deepEqual(meetingProblems(problems, 5).map((p) => p.id), [2, 1]);
  assert.deepEqual(meetingProblems(problems, 9), []);
});
