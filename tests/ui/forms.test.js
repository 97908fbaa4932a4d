// Unit tests of ui/forms.js and ui/prompts.js: what the forms send.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  draftIsDirty,
  entryChanges,
  newEntryArgument,
  newPartnerArgument,
  newPassphraseProblem,
  partnerChanges,
  partnerProblem,
  recoveryKeyLooksComplete,
  tidyRecoveryKey,
} from '../../ui/forms.js';
import { REFLECTION_PROMPTS, promptDraft } from '../../ui/prompts.js';

test('new passphrases: long enough, typed twice the same', () => {
  assert.equal(newPassphraseProblem('short', 'short').field, 'passphrase');
  assert.equal(newPassphraseProblem('long enough', 'long enougH').field, 'confirm');
  assert.equal(newPassphraseProblem('long enough', 'long enough'), null);
  assert.equal(newPassphraseProblem('ééééééé', 'ééééééé').field, 'passphrase', 'counted in characters');
});

test('recovery keys are tidied and checked for length only', () => {
  assert.equal(tidyRecoveryKey('abcd efgh-jkmn'), 'ABCD-EFGH-JKMN');
  assert.equal(tidyRecoveryKey(''), '');
  assert.ok(recoveryKeyLooksComplete('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789'));
  assert.ok(recoveryKeyLooksComplete('abcdefghjkmnpqrstvwxyz0123456789'));
  assert.ok(!recoveryKeyLooksComplete('ABCD-EFGH'));
});

const draft = (over = {}) => ({
  body: 'Ada covered the review.',
  kind: 'win',
  tagsText: 'had-my-back, #wip',
  partners: [{ id: 1, name: 'Ada' }],
  shareable: false,
  ...over,
});

test('a new entry: tags split, partners by id, private unless switched on', () => {
  assert.deepEqual(newEntryArgument(draft()), {
    body: 'Ada covered the review.',
    kind: 'win',
    tags: ['had-my-back', 'wip'],
    partner_ids: [1],
    shareable: false,
  });
});

/** The entry `draft()` was opened on, as the core returns it. */
const ENTRY = {
  id: 9,
  body: 'Ada covered the review.',
  kind: 'win',
  tags: ['had-my-back', 'wip'],
  partners: [{ id: 1, name: 'Ada' }],
  shareable: false,
};

test('a memory written down later carries its date; an empty date is now', () => {
  const dated = newEntryArgument(draft({ when: '2008-03-14T09:30' }));
  assert.equal(dated.created_at, new Date(2008, 2, 14, 9, 30).toISOString().replace('.000Z', 'Z'));
  assert.ok(!('created_at' in newEntryArgument(draft({ when: '' }))));
  assert.ok(!('created_at' in newEntryArgument(draft({ when: 'not a date' }))));
});

test('an edit moves the entry only when its date was changed', () => {
  // Written at 09:30:41 local: the field shows 09:30, which is no change.
  const entry = { ...ENTRY, created_at: new Date(2026, 10, 21, 9, 30, 41).toISOString() };
  assert.deepEqual(entryChanges(entry, draft({ when: '2026-11-21T09:30' })), {});
  assert.deepEqual(entryChanges(entry, draft({ when: '' })), {}, 'a cleared field keeps the date');
  assert.deepEqual(entryChanges(entry, draft({ when: '2008-03-14T09:30' })), {
    created_at: new Date(2008, 2, 14, 9, 30).toISOString().replace('.000Z', 'Z'),
  });
  assert.ok(draftIsDirty(draft({ when: '2008-03-14T09:30' }), entry));
});

test('an edit sends only what changed', () => {
  const entry = ENTRY;
  assert.deepEqual(entryChanges(entry, draft()), {});
  assert.ok(!draftIsDirty(draft(), entry));
  assert.deepEqual(entryChanges(entry, draft({ kind: 'note', tagsText: 'wip', shareable: true })), {
    kind: 'note',
    tags: ['wip'],
    shareable: true,
  });
  assert.deepEqual(entryChanges(entry, draft({ partners: [] })), { partner_ids: [] });
  assert.ok(draftIsDirty(draft({ body: 'x' }), entry));
  assert.ok(!draftIsDirty(draft({ body: '  ' }), null), 'an empty new entry is nothing to lose');
  assert.ok(draftIsDirty(draft(), null));
});

const values = (over = {}) => ({
  name: ' Priya Raman ',
  role: 'Quality Director',
  organisation: '',
  relationship: 'cross_functional',
  since: '2019-04-01',
  cadence_days: '14',
  notes: '',
  archived: false,
  ...over,
});

test('a new partner leaves out empty fields', () => {
  assert.deepEqual(newPartnerArgument(values()), {
    name: 'Priya Raman',
    relationship: 'cross_functional',
    role: 'Quality Director',
    since: '2019-04-01',
    cadence_days: 14,
  });
  assert.equal(partnerProblem(values({ name: '  ' })).field, 'name');
  assert.equal(partnerProblem(values({ cadence_days: '0' })).field, 'cadence_days');
  assert.equal(partnerProblem(values({ cadence_days: '2.5' })).field, 'cadence_days');
  assert.equal(partnerProblem(values({ cadence_days: '' })), null);
});

test('a partner edit sends only what changed; emptied fields clear', () => {
  const partner = {
    id: 3,
    name: 'Priya Raman',
    role: 'Quality Director',
    organisation: null,
    relationship: 'cross_functional',
    since: '2019-04-01',
    cadence_days: 14,
    notes: '',
    archived: false,
  };
  assert.deepEqual(partnerChanges(partner, values()), {});
  assert.deepEqual(partnerChanges(partner, values({ role: '', organisation: 'Acme', cadence_days: '' })), {
    role: '',
    organisation: 'Acme',
    cadence_days: 0,
  });
  assert.deepEqual(partnerChanges(partner, values({ archived: true, relationship: 'peer' })), {
    relationship: 'peer',
    archived: true,
  });
});

test('the four reflection prompts start a private reflection linked to the partner', () => {
  assert.deepEqual(
    REFLECTION_PROMPTS.map((p) => p.text),
    [
      'Who is my sounding board?',
      'Who has my back in a meeting if I have to step away?',
      'Am I treating my cross-functional peers as equals or as minions?',
      'What kind of partner am I, and what kind do I want to be?',
    ],
  );
  const d = promptDraft(REFLECTION_PROMPTS[1], { id: 4, name: 'Grace', role: 'PM' });
  assert.deepEqual(d, {
    body: 'Who has my back in a meeting if I have to step away?\n\n',
    kind: 'reflection',
    tags: ['reflect-has-my-back'],
    partners: [{ id: 4, name: 'Grace' }],
    shareable: false,
  });
});
