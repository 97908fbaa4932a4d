// Unit tests of ui/remembered.js: choices live in the vault; what an older Rapport left in
// localStorage moves there once, and leaves localStorage only when the vault took it.

import assert from 'node:assert/strict';
import test from 'node:test';

import { recall, remember } from '../../ui/remembered.js';

function vault({ failing = false } = {}) {
  const prefs = new Map();
  return {
    prefs,
    getPreference: async (name) => {
      if (failing) throw new Error('locked');
      return prefs.get(name) ?? null;
    },
    setPreference: async (name, value) => {
      if (failing) throw new Error('locked');
      if (value === null) prefs.delete(name);
      else prefs.set(name, value);
    },
  };
}

function storage(initial = {}) {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k) => data.get(k) ?? null, removeItem: (k) => data.delete(k) };
}

test('a choice is remembered in the vault and read back', async () => {
  const api = vault();
  assert.equal(await recall(api, 'data.folder'), null);
  await remember(api, 'data.folder', '/home/me/backups');
  assert.equal(await recall(api, 'data.folder'), '/home/me/backups');
  await remember(api, 'data.folder', null);
  assert.equal(await recall(api, 'data.folder'), null);
});

test('a legacy value moves into the vault, plain text or JSON, and leaves localStorage', async () => {
  const api = vault();
  const old = storage({ 'rapport.dataDirectory': '/home/me/old', 'rapport.summaryChoices': '{"partners":[3]}' });
  assert.equal(await recall(api, 'data.folder', old, 'rapport.dataDirectory'), '/home/me/old');
  assert.deepEqual(await recall(api, 'summary', old, 'rapport.summaryChoices'), { partners: [3] });
  assert.equal(old.data.size, 0);
  assert.equal(api.prefs.get('data.folder'), '/home/me/old');
});

test('what the vault already has wins, and the legacy copy is still removed', async () => {
  const api = vault();
  api.prefs.set('data.folder', '/home/me/new');
  const old = storage({ 'rapport.dataDirectory': '/home/me/old' });
  assert.equal(await recall(api, 'data.folder', old, 'rapport.dataDirectory'), '/home/me/new');
  assert.equal(old.data.size, 0);
});

test('a locked vault recalls nothing and leaves the legacy copy for later', async () => {
  const api = vault({ failing: true });
  const old = storage({ 'rapport.dataDirectory': '/home/me/old' });
  assert.equal(await recall(api, 'data.folder', old, 'rapport.dataDirectory'), null);
  assert.equal(old.data.size, 1);
  await assert.doesNotReject(remember(api, 'data.folder', '/x'));
});

test('a legacy value is cleaned before it moves into the vault', async () => {
  const api = vault();
  const old = storage({ old: '{"keep":1,"drop":2}' });
  const clean = ({ keep }) => ({ keep });
  assert.deepEqual(await recall(api, 'choices', old, 'old', clean), { keep: 1 });
  assert.deepEqual(api.prefs.get('choices'), { keep: 1 });
});
