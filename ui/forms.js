// What the forms send: checks that need no vault, and the arguments of the commands they call.
// Pure: no DOM, so `node --test` can check it. The core checks everything again; these checks
// only spare a round trip for mistakes the page can see by itself.

import { splitTags } from './complete.js';
import { instantOf, localDateTime, supportValue } from './format.js';

/** The smallest passphrase the core accepts for a new vault, in characters. */
export const MIN_PASSPHRASE_CHARS = 8;

/** What is wrong with a new passphrase and its confirmation: {field, message} or null. */
export function newPassphraseProblem(passphrase, confirmation) {
  if ([...String(passphrase ?? '')].length < MIN_PASSPHRASE_CHARS) {
    return { field: 'passphrase', message: `Use at least ${MIN_PASSPHRASE_CHARS} characters.` };
  }
  if (passphrase !== confirmation) {
    return { field: 'confirm', message: 'The two passphrases differ. Type the same one twice.' };
  }
  return null;
}

/**
 * A recovery key as typed or pasted, tidied for display: upper case, groups of four joined by
 * dashes. The core reads it leniently either way (spaces, dashes, I/L for 1, O for 0).
 */
export function tidyRecoveryKey(text) {
  const plain = String(text ?? '').toUpperCase().replace(/[^0-9A-Z]/g, '');
  return plain.match(/.{1,4}/g)?.join('-') ?? '';
}

/** Whether a recovery key has the right number of characters (32) to be worth sending. */
export function recoveryKeyLooksComplete(text) {
  return String(text ?? '').replace(/[^0-9A-Za-z]/g, '').length === 32;
}

/**
 * The editor's fields as `add_entry`'s `entry` argument. `when` (a datetime-local value) dates
 * a memory written down later; empty, the entry is dated when it is saved.
 */
export function newEntryArgument(draft) {
  const entry = {
    body: draft.body,
    kind: draft.kind,
    tags: splitTags(draft.tagsText),
    partner_ids: draft.partners.map((p) => p.id),
    shareable: Boolean(draft.shareable),
  };
  const createdAt = instantOf(draft.when);
  if (createdAt) entry.created_at = createdAt;
  if (draft.support) entry.support = { direction: draft.support.direction, act: draft.support.act };
  return entry;
}

/** Only what changed between an entry and the editor's fields, as `update_entry`'s `changes`. */
export function entryChanges(entry, draft) {
  const changes = {};
  if (draft.body !== entry.body) changes.body = draft.body;
  if (draft.kind !== entry.kind) changes.kind = draft.kind;
  const tags = splitTags(draft.tagsText);
  if (!sameList(tags, entry.tags)) changes.tags = tags;
  const partnerIds = draft.partners.map((p) => p.id);
  if (!sameList(partnerIds, entry.partners.map((p) => p.id))) changes.partner_ids = partnerIds;
  if (Boolean(draft.shareable) !== Boolean(entry.shareable)) changes.shareable = Boolean(draft.shareable);
  // null takes the support off; absent leaves it.
  if (supportValue(draft.support) !== supportValue(entry.support)) {
    changes.support = draft.support ? { direction: draft.support.direction, act: draft.support.act } : null;
  }
  // The field shows minutes: a date left as it was is no change, even with the seconds it had.
  const createdAt = instantOf(draft.when);
  if (createdAt && draft.when !== localDateTime(new Date(entry.created_at))) changes.created_at = createdAt;
  return changes;
}

/** Whether the editor holds anything worth asking about before it is closed. */
export function draftIsDirty(draft, original) {
  if (!original) return draft.body.trim() !== '';
  return Object.keys(entryChanges(original, draft)).length > 0;
}

function sameList(a, b) {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** The partner form's fields (strings from inputs) as `add_partner`'s `partner` argument. */
export function newPartnerArgument(values) {
  const partner = { name: values.name.trim(), relationship: values.relationship };
  for (const field of ['role', 'organisation', 'since', 'notes']) {
    const value = values[field]?.trim() ?? '';
    if (value !== '') partner[field] = value;
  }
  const cadence = cadenceNumber(values.cadence_days);
  if (cadence !== null) partner.cadence_days = cadence;
  return partner;
}

/** Only what changed, as `update_partner`'s `changes`. An emptied role or organisation clears it. */
export function partnerChanges(partner, values) {
  const changes = {};
  const name = values.name.trim();
  if (name !== partner.name) changes.name = name;
  if (values.relationship !== partner.relationship) changes.relationship = values.relationship;
  for (const field of ['role', 'organisation']) {
    const value = values[field]?.trim() ?? '';
    if (value !== (partner[field] ?? '')) changes[field] = value;
  }
  const since = values.since?.trim() ?? '';
  if (since !== '' && since !== (partner.since ?? '')) changes.since = since;
  const notes = values.notes ?? '';
  if (notes.trimEnd() !== (partner.notes ?? '')) changes.notes = notes;
  const cadence = cadenceNumber(values.cadence_days);
  // 0 clears the cadence (update_partner in src-tauri/src/commands/partners.rs).
  if (cadence !== (partner.cadence_days ?? null)) changes.cadence_days = cadence ?? 0;
  if (Boolean(values.archived) !== Boolean(partner.archived)) changes.archived = Boolean(values.archived);
  return changes;
}

/** What is wrong with the partner form that the page can see: {field, message} or null. */
export function partnerProblem(values) {
  if (values.name.trim() === '') return { field: 'name', message: 'Give the partner a name.' };
  const raw = String(values.cadence_days ?? '').trim();
  if (raw !== '') {
    const days = Number(raw);
    if (!Number.isInteger(days) || days < 1 || days > 366) {
      return { field: 'cadence_days', message: 'Give a number of days from 1 to 366, or leave it empty.' };
    }
  }
  return null;
}

function cadenceNumber(raw) {
  const text = String(raw ?? '').trim();
  if (text === '') return null;
  const days = Number(text);
  return Number.isInteger(days) ? days : null;
}
