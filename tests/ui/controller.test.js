// Unit tests of ui/controller.js with a fake api and a recording view: which screen, when.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { ApiError } from '../../ui/api.js';
import { Controller } from '../../ui/controller.js';

/** A view that records show*() calls and lets the test fire the bound handlers. */
function recordingView() {
  const handlers = {};
  const shown = [];
  const view = new Proxy(
    {},
    {
      get(_, name) {
        if (name.startsWith('bind')) return (handler) => { handlers[name] = handler; };
        return (...args) => { shown.push([name, ...args]); };
      },
    },
  );
  return { view, handlers, shown, screens: () => shown.map(([name]) => name) };
}

const OPEN = { state: 'open', protection: 'keychain', data_dir: '/v', entry_count: 0, partner_count: 0 };

test('no vault: the welcome screen', async () => {
  const { view, screens } = recordingView();
  const api = { vaultStatus: async () => ({ state: 'absent', protection: null, data_dir: '/v' }) };
  await new Controller(api, view).start();
  assert.deepEqual(screens(), ['showLoading', 'showWelcome']);
});

test('create shows the recovery key, then the journal once confirmed', async () => {
  const { view, handlers, shown, screens } = recordingView();
  const api = {
    vaultStatus: async () => ({ state: 'absent', protection: null, data_dir: '/v' }),
    createVault: async () => ({ recovery_key: 'AAAA-BBBB', status: OPEN }),
    latestEntries: async (limit) => { assert.equal(limit, 50); return []; },
  };
  await new Controller(api, view).start();
  await handlers.bindCreate();
  assert.deepEqual(shown.at(-1), ['showRecoveryKey', 'AAAA-BBBB']);
  await handlers.bindConfirmSaved();
  assert.deepEqual(screens().slice(-2), ['clearRecoveryKey', 'showJournal']);
});

test('a locked keychain vault is unlocked without asking', async () => {
  const { view, screens } = recordingView();
  const api = {
    vaultStatus: async () => ({ state: 'locked', protection: 'keychain', data_dir: '/v' }),
    unlockVault: async (passphrase) => { assert.equal(passphrase, undefined); return OPEN; },
    latestEntries: async () => [],
  };
  await new Controller(api, view).start();
  assert.deepEqual(screens(), ['showLoading', 'showJournal']);
});

test('a missing keychain entry shows the recovery instructions', async () => {
  const { view, screens } = recordingView();
  const api = {
    vaultStatus: async () => ({ state: 'locked', protection: 'keychain', data_dir: '/v' }),
    unlockVault: async () => { throw new ApiError('key_missing', 'not in the keychain'); },
  };
  await new Controller(api, view).start();
  assert.deepEqual(screens(), ['showLoading', 'showKeyMissing']);
});

test('a wrong passphrase is an inline error and the form stays', async () => {
  const { view, handlers, shown, screens } = recordingView();
  let attempts = 0;
  const api = {
    vaultStatus: async () => ({ state: 'locked', protection: 'passphrase', data_dir: '/v' }),
    unlockVault: async (passphrase) => {
      attempts += 1;
      if (passphrase !== 'right') throw new ApiError('wrong_passphrase', 'wrong passphrase');
      return { ...OPEN, protection: 'passphrase' };
    },
    latestEntries: async () => [],
  };
  await new Controller(api, view).start();
  assert.deepEqual(screens(), ['showLoading', 'showUnlock']);
  await handlers.bindUnlock('');
  assert.equal(attempts, 0, 'an empty passphrase is not sent');
  await handlers.bindUnlock('wrong');
  assert.equal(shown.at(-1)[0], 'showUnlockError');
  await handlers.bindUnlock('right');
  assert.equal(shown.at(-1)[0], 'showJournal');
});

test('anything else is shown as a problem with the message as a sentence', async () => {
  const { view, shown } = recordingView();
  const api = { vaultStatus: async () => { throw new ApiError('internal', 'the disk is full'); } };
  await new Controller(api, view).start();
  const [name, problem] = shown.at(-1);
  assert.equal(name, 'showProblem');
  assert.equal(problem.message, 'The disk is full.');
});
