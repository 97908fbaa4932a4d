// Unit tests of ui/vault-controller.js with a fake api and a recording view: which screen, when.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { ApiError } from '../../ui/api.js';
import { VaultController as Controller } from '../../ui/vault-controller.js';

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

/** A journal controller that records what it was asked. */
function recordingJournal() {
  const calls = [];
  return {
    calls,
    open: async (status) => { calls.push(['open', status.state]); },
    clear: () => { calls.push(['clear']); },
    newEntry: () => { calls.push(['newEntry']); },
  };
}

const OPEN = { state: 'open', protection: 'keychain', data_dir: '/v', entry_count: 0, partner_count: 0 };
const ABSENT = { state: 'absent', protection: null, data_dir: '/v' };

test('no vault: the welcome screen', async () => {
  const { view, screens } = recordingView();
  const api = { vaultStatus: async () => ABSENT };
  await new Controller(api, view).start();
  assert.deepEqual(screens(), ['showLoading', 'showWelcome']);
});

test('create shows the recovery key, then the journal once confirmed', async () => {
  const { view, handlers, shown, screens } = recordingView();
  const journal = recordingJournal();
  const api = {
    vaultStatus: async () => ABSENT,
    createVault: async (passphrase) => {
      assert.equal(passphrase, undefined, 'the keychain is the default');
      return { recovery_key: 'AAAA-BBBB', status: OPEN };
    },
  };
  await new Controller(api, view, { journal }).start();
  await handlers.bindCreate();
  assert.deepEqual(shown.at(-1), ['showRecoveryKey', 'AAAA-BBBB', OPEN]);
  assert.deepEqual(journal.calls, [], 'nothing of the journal before the key is confirmed');
  await handlers.bindConfirmSaved();
  assert.deepEqual(screens().slice(-2), ['clearRecoveryKey', 'showJournal']);
  assert.deepEqual(journal.calls, [['open', 'open']]);
});

test('no keychain: the passphrase form, saying why', async () => {
  const { view, handlers, shown } = recordingView();
  const api = {
    vaultStatus: async () => ABSENT,
    createVault: async () => { throw new ApiError('keychain_unavailable', 'no secret service on the session bus'); },
  };
  await new Controller(api, view).start();
  await handlers.bindCreate();
  const [name, reason] = shown.at(-1);
  assert.equal(name, 'showPassphraseChoice');
  assert.match(reason, /no keychain/);
  assert.match(reason, /No secret service on the session bus\./);
});

test('a passphrase vault: short or mismatched passphrases are not sent', async () => {
  const { view, handlers, shown } = recordingView();
  const sent = [];
  const api = {
    vaultStatus: async () => ABSENT,
    createVault: async (passphrase) => {
      sent.push(passphrase);
      return { recovery_key: 'KEY', status: { ...OPEN, protection: 'passphrase' } };
    },
  };
  await new Controller(api, view).start();
  await handlers.bindCreateWithPassphrase('short', 'short');
  assert.deepEqual(shown.at(-1).slice(0, 1), ['showCreatePassphraseError']);
  assert.equal(shown.at(-1)[2], 'passphrase');
  await handlers.bindCreateWithPassphrase('long enough words', 'long enough word');
  assert.equal(shown.at(-1)[2], 'confirm');
  assert.deepEqual(sent, []);
  await handlers.bindCreateWithPassphrase('long enough words', 'long enough words');
  assert.deepEqual(sent, ['long enough words']);
  assert.equal(shown.at(-1)[0], 'showRecoveryKey');
});

test('a locked keychain vault is unlocked without asking', async () => {
  const { view, screens } = recordingView();
  const api = {
    vaultStatus: async () => ({ state: 'locked', protection: 'keychain', data_dir: '/v' }),
    unlockVault: async (passphrase) => { assert.equal(passphrase, undefined); return OPEN; },
  };
  await new Controller(api, view).start();
  assert.deepEqual(screens(), ['showLoading', 'showJournal']);
});

test('a missing keychain entry shows the recovery form, which never creates a vault', async () => {
  const { view, handlers, shown, screens } = recordingView();
  const recovered = [];
  const api = {
    vaultStatus: async () => ({ state: 'locked', protection: 'keychain', data_dir: '/v' }),
    unlockVault: async () => { throw new ApiError('key_missing', 'not in the keychain'); },
    recoverVault: async (key, passphrase) => { recovered.push([key, passphrase]); return OPEN; },
    createVault: async () => assert.fail('recovery must never create a vault'),
  };
  await new Controller(api, view).start();
  assert.deepEqual(screens(), ['showLoading', 'showRecover']);
  assert.equal(shown.at(-1)[2], 'key-missing');
  await handlers.bindRecover('ABCD-EFGH', '', '');
  assert.equal(shown.at(-1)[0], 'showRecoverError', 'a short key is not sent');
  const key = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789';
  await handlers.bindRecover(key, '', '');
  assert.deepEqual(recovered, [[key, undefined]], 'a keychain vault needs no passphrase');
  assert.equal(shown.at(-1)[0], 'showJournal');
});

test('a forgotten passphrase: recovery asks for a new one', async () => {
  const { view, handlers, shown } = recordingView();
  const recovered = [];
  const status = { state: 'locked', protection: 'passphrase', data_dir: '/v' };
  const api = {
    vaultStatus: async () => status,
    recoverVault: async (key, passphrase) => {
      recovered.push(passphrase);
      if (key.startsWith('0000')) throw new ApiError('internal', 'wrong recovery key; nothing was changed');
      return { ...OPEN, protection: 'passphrase' };
    },
  };
  await new Controller(api, view).start();
  await handlers.bindForgotPassphrase();
  assert.deepEqual(shown.at(-1), ['showRecover', status, 'forgot']);
  const key = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789';
  await handlers.bindRecover(key, 'new one', 'new one');
  assert.equal(shown.at(-1)[0], 'showRecoverError');
  assert.deepEqual(recovered, []);
  await handlers.bindRecover('0000-0000-0000-0000-0000-0000-0000-0000', 'new passphrase', 'new passphrase');
  assert.deepEqual(shown.at(-1), ['showRecoverError', 'Wrong recovery key; nothing was changed.', 'recovery_key']);
  await handlers.bindRecover(key, 'new passphrase', 'new passphrase');
  assert.deepEqual(recovered, ['new passphrase', 'new passphrase']);
  assert.equal(shown.at(-1)[0], 'showJournal');
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

test('locking keeps what is being typed first, then clears the journal', async () => {
  const { view } = recordingView();
  const journal = { ...recordingJournal() };
  journal.keepTyping = async () => { journal.calls.push(['keepTyping']); };
  const api = { vaultStatus: async () => OPEN, lockVault: async () => { journal.calls.push(['lockVault']); return { ...OPEN, state: 'locked' }; } };
  const controller = new Controller(api, view, { journal });
  await controller.start();
  await controller.lock();
  assert.deepEqual(journal.calls.slice(1), [['keepTyping'], ['clear'], ['lockVault']]);
});

test('locking clears the journal before the vault is asked to lock, then offers unlock', async () => {
  const { view, handlers, screens } = recordingView();
  const order = [];
  const journal = {
    open: async () => order.push('open'),
    clear: () => order.push('clear'),
    newEntry: () => {},
  };
  const autoLock = { start: () => order.push('watch'), stop: () => order.push('unwatch'), minutes: 10 };
  const api = {
    vaultStatus: async () => OPEN,
    lockVault: async () => { order.push('lock_vault'); return { ...OPEN, state: 'locked' }; },
    unlockVault: async () => { order.push('unlock_vault'); return OPEN; },
  };
  const controller = new Controller(api, view, { journal, autoLock });
  await controller.start();
  await controller.lock();
  assert.deepEqual(order, ['watch', 'open', 'unwatch', 'clear', 'lock_vault']);
  assert.equal(screens().at(-1), 'showLocked', 'a keychain vault unlocks with a button');
  await handlers.bindUnlockKeychain();
  assert.deepEqual(order.slice(-3), ['unlock_vault', 'watch', 'open']);
  assert.equal(screens().at(-1), 'showJournal');
});

test("the keychain lock screen's offer: unlock, then Settings → Security asks for a passphrase", async () => {
  const { view, handlers, screens } = recordingView();
  const order = [];
  const api = {
    vaultStatus: async () => ({ ...OPEN, state: 'locked' }),
    unlockVault: async () => { order.push('unlock_vault'); return OPEN; },
  };
  const requirePassphrase = async () => { order.push('require'); };
  await new Controller(api, view, { requirePassphrase }).start();
  order.length = 0;
  await handlers.bindRequirePassphrase();
  assert.deepEqual(order, ['unlock_vault', 'require']);
  assert.equal(screens().at(-1), 'showJournal');

  // When the keychain refuses, nothing is offered on top of the error.
  order.length = 0;
  const refusing = recordingView();
  const failing = {
    vaultStatus: async () => ({ ...OPEN, state: 'locked' }),
    unlockVault: async () => { throw new ApiError('keychain_unavailable', 'the keychain is locked'); },
  };
  await new Controller(failing, refusing.view, { requirePassphrase }).start();
  await refusing.handlers.bindRequirePassphrase();
  assert.deepEqual(order, []);
  assert.equal(refusing.screens().at(-1), 'showLockedError');
});

test('after a change of protection, locking shows the screen of the new protection', async () => {
  const { view, screens } = recordingView();
  const api = {
    vaultStatus: async () => OPEN,
    lockVault: async () => ({ ...OPEN, state: 'locked', protection: 'passphrase' }),
  };
  const controller = new Controller(api, view);
  await controller.start();
  controller.statusChanged({ ...OPEN, protection: 'passphrase' });
  await controller.lock();
  assert.equal(screens().at(-1), 'showUnlock', 'the passphrase is asked for at once');
});

test('idle locking says why; a passphrase vault goes back to its passphrase', async () => {
  const { view, shown } = recordingView();
  const api = {
    vaultStatus: async () => ({ state: 'locked', protection: 'passphrase', data_dir: '/v' }),
    unlockVault: async () => ({ ...OPEN, protection: 'passphrase' }),
    lockVault: async () => ({ state: 'locked', protection: 'passphrase', data_dir: '/v' }),
  };
  const controller = new Controller(api, view, { autoLock: { start() {}, stop() {}, minutes: 5 } });
  await controller.start();
  await controller.lockWhenIdle();
  assert.equal(shown.at(-1)[0], 'showUnlock');
});

test('a failed lock still leaves the page cleared, and says to quit', async () => {
  const { view, shown } = recordingView();
  const journal = recordingJournal();
  const api = {
    vaultStatus: async () => OPEN,
    lockVault: async () => { throw new ApiError('internal', 'the vault operation stopped unexpectedly'); },
  };
  const controller = new Controller(api, view, { journal });
  await controller.start();
  await controller.lock();
  assert.deepEqual(journal.calls.at(-1), ['clear']);
  const [name, problem] = shown.at(-1);
  assert.equal(name, 'showProblem');
  assert.match(problem.message, /Quit Rapport/);
});

test('the global capture shortcut opens capture now, or right after unlocking', async () => {
  const { view, handlers } = recordingView();
  const journal = recordingJournal();
  let requested = true;
  const api = {
    vaultStatus: async () => ({ state: 'locked', protection: 'passphrase', data_dir: '/v' }),
    unlockVault: async () => ({ ...OPEN, protection: 'passphrase' }),
    takeCaptureRequest: async () => { const r = requested; requested = false; return r; },
  };
  await new Controller(api, view, { journal }).start();
  await handlers.bindWindowFocus();
  assert.deepEqual(journal.calls, [], 'not while locked');
  await handlers.bindUnlock('right words');
  assert.deepEqual(journal.calls, [['open', 'open'], ['newEntry']]);
  requested = true;
  await handlers.bindWindowFocus();
  assert.deepEqual(journal.calls.at(-1), ['newEntry']);
});

test('a journal command that found the vault gone shows the way back in, once, and only if it was open', async () => {
  const { view, screens } = recordingView();
  const journal = recordingJournal();
  const controller = new Controller({ vaultStatus: async () => ({ ...OPEN, state: 'locked', protection: 'passphrase' }) }, view, { journal });
  await controller.start();
  controller.vaultGone(new ApiError('locked', 'the vault is locked'));
  assert.deepEqual(journal.calls, [], 'a locked vault at start is not a session that ended');
  const opened = recordingView();
  const open = new Controller({ vaultStatus: async () => OPEN, unlockVault: async () => OPEN }, opened.view, { journal });
  await open.start();
  open.vaultGone(new ApiError('key_missing', 'the key is gone'));
  open.vaultGone(new ApiError('locked', 'the vault is locked'));
  assert.deepEqual(journal.calls, [['open', 'open'], ['clear']]);
  assert.equal(opened.screens().at(-1), 'showRecover');
  assert.deepEqual(screens(), ['showLoading', 'showUnlock']);
});

test('anything else is shown as a problem with the message as a sentence', async () => {
  const { view, shown } = recordingView();
  const api = { vaultStatus: async () => { throw new ApiError('internal', 'the disk is full'); } };
  await new Controller(api, view).start();
  const [name, problem] = shown.at(-1);
  assert.equal(name, 'showProblem');
  assert.equal(problem.message, 'The disk is full.');
});

test('restoring a backup on a new computer: choose, wrong key, no keychain, then open', async () => {
  const { view, handlers, shown, screens } = recordingView();
  const journal = recordingJournal();
  const KEY = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789';
  const sent = [];
  let answer = 'wrong';
  const api = {
    vaultStatus: async () => ABSENT,
    chooseBackup: async () => ({ file_name: 'rapport-2026-11-21.rapport-backup' }),
    restoreBackup: async (secrets) => {
      sent.push(secrets);
      if (answer === 'wrong') throw new ApiError('wrong_recovery_key', 'wrong recovery key');
      if (answer === 'no-keychain') throw new ApiError('keychain_unavailable', 'no secret service');
      return OPEN;
    },
  };
  await new Controller(api, view, { journal }).start();
  await handlers.bindRestoreStart();
  assert.deepEqual(shown.at(-1), ['showRestore', ABSENT, 'rapport-2026-11-21.rapport-backup']);

  await handlers.bindRestore({ recoveryKey: 'ABCD', passphrase: '', newPassphrase: '', confirmation: '' });
  assert.equal(shown.at(-1)[0], 'showRestoreError');
  assert.equal(sent.length, 0, 'an incomplete key is not sent');

  await handlers.bindRestore({ recoveryKey: KEY, passphrase: '', newPassphrase: '', confirmation: '' });
  assert.deepEqual(shown.at(-1).slice(0, 1).concat(shown.at(-1)[2]), ['showRestoreError', 'recovery_key']);

  answer = 'no-keychain';
  await handlers.bindRestore({ recoveryKey: KEY, passphrase: '', newPassphrase: '', confirmation: '' });
  assert.equal(shown.at(-1)[0], 'showRestoreNeedsPassphrase');

  answer = 'ok';
  await handlers.bindRestore({ recoveryKey: KEY, passphrase: '', newPassphrase: 'short', confirmation: 'short' });
  assert.equal(shown.at(-1)[0], 'showRestoreError', 'a short new passphrase is refused here');
  await handlers.bindRestore({ recoveryKey: KEY, passphrase: '', newPassphrase: 'long enough words', confirmation: 'long enough words' });
  assert.deepEqual(sent.at(-1), { recoveryKey: KEY, newPassphrase: 'long enough words' });
  assert.ok(screens().includes('showJournal'));
  assert.deepEqual(journal.calls, [['open', 'open']]);
});

test('restoring with the backup passphrase sends only the passphrase; cancel goes back', async () => {
  const { view, handlers, screens } = recordingView();
  const sent = [];
  const api = {
    vaultStatus: async () => ABSENT,
    chooseBackup: async () => null,
    restoreBackup: async (secrets) => { sent.push(secrets); return OPEN; },
  };
  await new Controller(api, view).start();
  await handlers.bindRestoreStart();
  assert.ok(!screens().includes('showRestore'), 'a cancelled dialog changes nothing');
  await handlers.bindRestore({ recoveryKey: '', passphrase: 'old words here', newPassphrase: '', confirmation: '' });
  assert.deepEqual(sent, [{ passphrase: 'old words here' }]);
  await handlers.bindRestore(null);
  assert.equal(screens().at(-1), 'showWelcome');
});
