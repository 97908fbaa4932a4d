import assert from 'node:assert/strict';
import test from 'node:test';

import { actionEdit, decisionEdit, itemEditable } from '../../ui/capture-edit.js';

test('an action form becomes one edit; an empty due date clears it', () => {
  assert.deepEqual(actionEdit({ text: 'Send it', owner: 'them', due: '2031-01-02' }), {
    text: 'Send it',
    owner: 'them',
    due: '2031-01-02',
  });
  assert.deepEqual(actionEdit({ text: 'Send it', owner: 'me', due: '' }), { text: 'Send it', owner: 'me', clear_due: true });
});

test('a decision form becomes one edit; an empty date clears it', () => {
  assert.deepEqual(decisionEdit({ text: 'Cap WIP', agreed: 'false', revisit_on: '2031-02-03' }), {
    text: 'Cap WIP',
    agreed: false,
    revisit_on: '2031-02-03',
  });
  assert.deepEqual(decisionEdit({ text: 'Cap WIP', agreed: 'true', revisit_on: '' }), {
    text: 'Cap WIP',
    agreed: true,
    clear_revisit: true,
  });
});

test('only items of the meeting and topics carried in have words to edit here', () => {
  assert.equal(itemEditable({ carried: null }), true);
  assert.equal(itemEditable({ carried: { kind: 'agenda' } }), true);
  assert.equal(itemEditable({ carried: { kind: 'action' } }), false);
  assert.equal(itemEditable({ carried: { kind: 'entry' } }), false);
});
