// Unit tests of ui/history-view.js's pure parts: what the history form sends, and spells in words.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { pauseHolds, spellArgument, spellSpan, spellWhat } from '../../ui/history-view.js';
import { cadenceStateLabel } from '../../ui/meetings.js';

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
