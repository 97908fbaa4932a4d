// Unit tests of ui/history-view.js's pure parts (what the history form sends, spells in words) and of the pause and pulse words in ui/meetings.js.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { pauseHolds, spellArgument, spellSpan, spellWhat } from '../../ui/history-view.js';
import { cadenceStateLabel, pulseTrend } from '../../ui/meetings.js';

test('the spell form sends trimmed texts and dates, empty ones as null', () => {
  assert.deepEqual(spellArgument('relationship', { relationship: 'report', started: '2013-03-01', ended: '', role: 'x' }), {
    history: 'relationship',
    relationship: 'report',
    started: '2013-03-01',
    ended: null,
  });
  assert.deepEqual(spellArgument('role', { role: '  Director ', organisation: '', started: '', ended: '2016-07-01' }), {
    history: 'role',
    role: 'Director',
    organisation: null,
    started: null,
    ended: '2016-07-01',
  });
});

test('spells in words', () => {
  assert.equal(spellWhat('relationship', { relationship: 'cross_functional' }), 'Cross-functional');
  assert.equal(spellWhat('role', { role: 'Director', organisation: 'Acme' }), 'Director at Acme');
  assert.equal(spellWhat('role', { role: null, organisation: null }), 'Role not named');
  assert.match(spellSpan({ started: '2013-03-01', ended: '2016-07-01' }), /^Mar 2013 – Jul 2016$/);
  assert.match(spellSpan({ started: '2020-01-01', ended: null }), /^Since Jan 2020$/);
  assert.equal(spellSpan({ started: null, ended: null }), 'Now; since not known');
});

test('pauses: what the form sends, in words to the day, and whether one holds today', () => {
  assert.deepEqual(spellArgument('pause', { reason: 'leave', started: '2026-01-05', ended: '' }), {
    reason: 'leave',
    started: '2026-01-05',
    ended: null,
  });
  assert.equal(spellWhat('pause', { reason: 'reorg' }), 'Re-org');
  assert.equal(spellWhat('pause', { reason: 'strike' }), 'Pause');
  assert.match(spellSpan({ started: '2026-01-05', ended: '2027-01-04' }, 'pause', 'en-GB'), /^5 Jan 2026, back on 4 Jan 2027$/);
  assert.match(spellSpan({ started: '2026-01-05', ended: null }, 'pause', 'en-GB'), /^From 5 Jan 2026 until you resume it$/);
  const leave = { started: '2026-01-05', ended: '2027-01-04' };
  assert.ok(pauseHolds(leave, '2026-01-05') && pauseHolds(leave, '2027-01-03'));
  assert.ok(!pauseHolds(leave, '2027-01-04') && !pauseHolds(leave, '2026-01-04'), 'back on the 4th');
  assert.ok(pauseHolds({ started: '2026-01-05', ended: null }, '2030-01-01'));
  const paused = { state: 'paused', paused: { reason: 'leave', started: '2026-01-05', ended: '2027-01-04' } };
  assert.match(cadenceStateLabel(paused, 'en-GB'), /^Paused · leave, back on 4 Jan 2027$/);
  assert.equal(cadenceStateLabel({ state: 'paused', paused: { reason: 'sabbatical', started: '2026-01-05', ended: null } }), 'Paused · sabbatical');
});

test('the pulse trend: the latest six for the eye, every one said', () => {
  assert.equal(pulseTrend([]), null);
  const points = [2, 3, 3, 4, 5, 4, 4, 5].map((pulse) => ({ at: '2026-01-01T10:00:00Z', pulse }));
  const trend = pulseTrend(points);
  assert.equal(trend.text, '3 · 4 · 5 · 4 · 4 · 5');
  assert.equal(trend.said, 'How you were doing in the latest 8 meetings, oldest first: 2, 3, 3, 4, 5, 4, 4, 5 of 5; 3.8 on average.');
  assert.match(pulseTrend([{ pulse: 4 }]).said, /latest meeting, oldest first: 4 of 5/);
  assert.equal(pulseTrend([{ pulse: 4 }]).text, '4 of 5');
});
