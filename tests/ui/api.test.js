// Unit tests of ui/api.js with a fake IPC bridge: run with `node --test tests/ui/`.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { ApiError, createApi, toApiError } from '../../ui/api.js';

function fakeBridge(reply) {
  const calls = [];
  return {
    calls,
    invoke: async (command, args) => {
      calls.push([command, args]);
      return reply(command, args);
    },
  };
}

test('commands are called by name with their arguments', async () => {
  const bridge = fakeBridge(() => 'ok');
  const api = createApi(bridge);
  await api.vaultStatus();
  await api.unlockVault();
  await api.unlockVault('secret words');
  await api.latestEntries(50);
  assert.deepEqual(bridge.calls, [
    ['vault_status', {}],
    ['unlock_vault', {}],
    ['unlock_vault', { passphrase: 'secret words' }],
    ['latest_entries', { limit: 50 }],
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
  const error = toApiError('Command latest_entries not allowed by ACL');
  assert.equal(error.kind, 'internal');
  assert.equal(error.message, 'Command latest_entries not allowed by ACL');
  assert.equal(toApiError(undefined).kind, 'internal');
});

test('without a bridge every call fails as internal', async () => {
  await assert.rejects(createApi(undefined).vaultStatus(), { kind: 'internal' });
});
