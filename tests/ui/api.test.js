// Unit tests of ui/api.js with a fake IPC bridge: run with `node --test tests/ui/`.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { ApiError, createApi, toApiError } from '../../ui/api.js';

function fakeBridge(reply = () => 'ok') {
  const calls = [];
  return {
    calls,
    invoke: async (command, args) => {
      calls.push([command, args]);
      return reply(command, args);
    },
  };
}

test('vault commands are called by name, absent arguments left out', async () => {
  const bridge = fakeBridge();
  const api = createApi(bridge);
  await api.vaultStatus();
  await api.createVault();
  await api.createVault('correct horse battery');
  await api.unlockVault();
  await api.unlockVault('secret words');
  await api.recoverVault('AAAA-BBBB');
  await api.recoverVault('AAAA-BBBB', 'new passphrase');
  await api.lockVault();
  assert.deepEqual(bridge.calls, [
    ['vault_status', {}],
    ['create_vault', {}],
    ['create_vault', { passphrase: 'correct horse battery' }],
    ['unlock_vault', {}],
    ['unlock_vault', { passphrase: 'secret words' }],
    ['recover_vault', { recovery_key: 'AAAA-BBBB' }],
    ['recover_vault', { recovery_key: 'AAAA-BBBB', passphrase: 'new passphrase' }],
    ['lock_vault', {}],
  ]);
});

test('entry commands use the snake_case names of docs/ipc.md', async () => {
  const bridge = fakeBridge();
  const api = createApi(bridge);
  await api.listEntries({ limit: 50 });
  await api.listEntries({ limit: 50, before: 120, partnerId: 3 });
  await api.listEntries({ limit: 50, before: null, trash: true });
  await api.getEntry(7);
  await api.addEntry({ body: 'x', tags: [] });
  await api.updateEntry(7, { kind: 'win' });
  await api.trashEntry(7);
  await api.restoreEntry(7);
  await api.purgeEntry(7);
  await api.renderMarkdown('**hi**');
  await api.listTags();
  assert.deepEqual(bridge.calls, [
    ['list_entries', { limit: 50 }],
    ['list_entries', { limit: 50, before: 120, partner_id: 3 }],
    ['list_entries', { limit: 50, trash: true }],
    ['get_entry', { id: 7 }],
    ['add_entry', { entry: { body: 'x', tags: [] } }],
    ['update_entry', { id: 7, changes: { kind: 'win' } }],
    ['trash_entry', { id: 7 }],
    ['restore_entry', { id: 7 }],
    ['purge_entry', { id: 7 }],
    ['render_markdown', { text: '**hi**' }],
    ['list_tags', {}],
  ]);
});

test('partner, search and desktop commands', async () => {
  const bridge = fakeBridge();
  const api = createApi(bridge);
  await api.listPartners();
  await api.listPartners(true);
  await api.getPartner(2);
  await api.addPartner({ name: 'Ada' });
  await api.updatePartner(2, { role: '' });
  await api.search({ text: 'wip', limit: 30 });
  await api.shortcutStatus();
  await api.takeCaptureRequest();
  assert.deepEqual(bridge.calls, [
    ['list_partners', {}],
    ['list_partners', { include_archived: true }],
    ['get_partner', { id: 2 }],
    ['add_partner', { partner: { name: 'Ada' } }],
    ['update_partner', { id: 2, changes: { role: '' } }],
    ['search', { query: { text: 'wip', limit: 30 } }],
    ['shortcut_status', {}],
    ['take_capture_request', {}],
  ]);
});

test('a {kind, message} rejection becomes an ApiError with that kind', async () => {
  const api = createApi(fakeBridge(() => {
    throw { kind: 'wrong_passphrase', message: 'wrong passphrase; nothing was changed' };
  }));
  await assert.rejects(api.unlockVault('nope'), (error) => {
    assert.ok(error instanceof ApiError);
    assert.ok(error instanceof Error);
    assert.equal(error.kind, 'wrong_passphrase');
    assert.equal(error.message, 'wrong passphrase; nothing was changed');
    return true;
  });
});

test("Tauri's own string rejections become internal errors", () => {
  const error = toApiError('Command list_entries not allowed by ACL');
  assert.equal(error.kind, 'internal');
  assert.equal(error.message, 'Command list_entries not allowed by ACL');
  assert.equal(toApiError(undefined).kind, 'internal');
});

test('without a bridge every call fails as internal', async () => {
  await assert.rejects(createApi(undefined).vaultStatus(), { kind: 'internal' });
});

test('a journal command that finds the vault gone tells the one handler and never answers', async () => {
  const gone = [];
  const bridge = fakeBridge((command) => {
    throw { kind: command === 'list_entries' ? 'locked' : 'key_missing', message: 'the vault is locked' };
  });
  const api = createApi(bridge, { vaultGone: (error) => gone.push(error.kind) });
  const settled = [];
  api.listEntries({ limit: 5 }).then(() => settled.push('answered'), () => settled.push('rejected'));
  api.getPreference('data.folder').then(() => settled.push('answered'), () => settled.push('rejected'));
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepEqual(gone, ['locked', 'key_missing']);
  assert.deepEqual(settled, [], 'the caller never goes on with a session that is over');
});

test('for the vault screens a locked or absent vault is an answer, and other errors reject as usual', async () => {
  const gone = [];
  const bridge = fakeBridge((command) => {
    throw command === 'add_entry'
      ? { kind: 'invalid_input', message: 'the entry is empty' }
      : { kind: command === 'vault_status' ? 'no_vault' : 'locked', message: 'no' };
  });
  const api = createApi(bridge, { vaultGone: (error) => gone.push(error.kind) });
  for (const call of [api.vaultStatus, api.unlockVault, api.createVault, api.recoverVault, api.lockVault, api.chooseBackup, api.restoreBackup]) {
    await assert.rejects(call(), ApiError);
  }
  await assert.rejects(api.addEntry({ body: '' }), { kind: 'invalid_input' });
  assert.deepEqual(gone, []);
  // Without a handler (a module tested alone) the error rejects like any other.
  await assert.rejects(createApi(fakeBridge(() => { throw { kind: 'locked', message: 'no' }; })).listTags(), { kind: 'locked' });
});
