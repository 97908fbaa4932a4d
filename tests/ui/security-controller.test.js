// Unit tests of ui/security-controller.js with a fake api and a recording view: each change
// sends only what it needs, a new recovery key is shown once, refusals land on their field, and
// the rest of the app learns the vault's new protection.

import assert from 'node:assert/strict';
import test from 'node:test';

import { ApiError } from '../../ui/api.js';
import { SecurityController } from '../../ui/security-controller.js';
import { recording } from './recording.js';

const status = (protection) => ({ state: 'open', protection, data_dir: '/v', entry_count: 1, partner_count: 0 });

function setup(protection, overrides = {}) {
  const log = [];
  const calls = [];
  const changed = [];
  const { view, handlers } = recording('security', log);
  const api = {
    securityStatus: async () => ({ protection, recovery_key_unseen: false }),
    setPassphrase: async (args) => { calls.push(['setPassphrase', args]); return { status: status('passphrase'), keychain_entry_left: false }; },
    useKeychain: async (args) => { calls.push(['useKeychain', args]); return { status: status('keychain'), keychain_entry_left: false }; },
    newRecoveryKey: async (args) => { calls.push(['newRecoveryKey', args]); return { recovery_key: 'NEW1-KEY2', status: status(protection) }; },
    rekeyVault: async (args) => { calls.push(['rekeyVault', args]); return { recovery_key: 'REKE-YED1', status: status(protection) }; },
    recoveryKeyShown: async () => { calls.push(['recoveryKeyShown']); },
    ...overrides,
  };
  const copied = [];
  const controller = new SecurityController(api, view, {
    changed: (s) => changed.push(s.protection),
  }, { clipboard: { writeText: async (t) => copied.push(t) } });
  return { controller, log, calls, changed, handlers, copied };
}

const calledWith = (log, method) => log.filter(([, m]) => m === method).map(([, , ...args]) => args);

test('settings show what unlocking takes and the changes offered', async () => {
  const { controller, log } = setup('keychain');
  await controller.show();
  const [[facts, actions]] = calledWith(log, 'showFacts');
  assert.match(facts.lead, /needs no passphrase/);
  assert.deepEqual(actions, ['require']);
});

test('requiring a passphrase sends only the new one and tells the app the vault changed', async () => {
  const { controller, log, calls, changed, handlers } = setup('keychain');
  await controller.show();
  handlers.bindAction('require');
  await new Promise((r) => setImmediate(r));
  assert.equal(calledWith(log, 'openDialog')[0][0].name, 'require');
  await handlers.bindSubmit({ current: 'ignored', passphrase: 'correct horse', confirmation: 'correct horse' });
  assert.deepEqual(calls, [['setPassphrase', { current: undefined, newPassphrase: 'correct horse' }]]);
  assert.deepEqual(changed, ['passphrase']);
  assert.equal(calledWith(log, 'closeDialog').length, 1);
  assert.match(calledWith(log, 'showMessage').at(-1)[0], /asks for your passphrase/);
  assert.deepEqual(calledWith(log, 'showFacts').at(-1)[1], ['change', 'keychain']);
});

test('a mistyped form is refused before anything is sent', async () => {
  const { controller, calls, log, handlers } = setup('passphrase');
  await controller.open('change');
  await handlers.bindSubmit({ current: '', passphrase: 'correct horse', confirmation: 'correct horse' });
  await handlers.bindSubmit({ current: 'old one!', passphrase: 'correct horse', confirmation: 'correct hors' });
  assert.deepEqual(calls, []);
  assert.deepEqual(calledWith(log, 'showError').map(([, field]) => field), ['current', 'confirm']);
});

test('a wrong current passphrase lands on its field and the dialog stays open', async () => {
  const { controller, log, handlers, changed } = setup('passphrase', {
    useKeychain: async () => { throw new ApiError('wrong_passphrase', 'wrong passphrase; nothing was changed'); },
  });
  await controller.open('keychain');
  await handlers.bindSubmit({ current: 'not it at all', passphrase: '', confirmation: '' });
  assert.deepEqual(calledWith(log, 'showError').at(-1), ['That is not the current passphrase. Nothing was changed.', 'current']);
  assert.equal(calledWith(log, 'closeDialog').length, 0);
  assert.deepEqual(changed, []);
});

test('a new recovery key and a re-key show the key once, with the current passphrase sent', async () => {
  const { controller, log, calls, handlers, copied } = setup('passphrase');
  await controller.open('recovery');
  await handlers.bindSubmit({ current: 'the passphrase', passphrase: '', confirmation: '' });
  await controller.open('rekey');
  await handlers.bindSubmit({ current: 'the passphrase', passphrase: '', confirmation: '' });
  assert.deepEqual(calls, [
    ['newRecoveryKey', { current: 'the passphrase' }],
    ['rekeyVault', { current: 'the passphrase' }],
  ]);
  assert.deepEqual(calledWith(log, 'showRecoveryKey').map(([key]) => key), ['NEW1-KEY2', 'REKE-YED1']);
  // "I have written it down" tells the vault, which then stops warning.
  await handlers.bindDone();
  assert.deepEqual(calls.at(-1), ['recoveryKeyShown']);
  assert.equal(calls.length, 3);
  await handlers.bindCopy('REKE-YED1');
  assert.deepEqual(copied, ['REKE-YED1']);
  assert.deepEqual(calledWith(log, 'showCopied').at(-1), [true]);
});

test('a busy vault is said in the dialog', async () => {
  const busy = setup('keychain', {
    rekeyVault: async () => { throw new ApiError('internal', 'another Rapport window or command has this vault open'); },
  });
  await busy.controller.open('rekey');
  await busy.handlers.bindSubmit({ current: '', passphrase: '', confirmation: '' });
  assert.match(calledWith(busy.log, 'showError').at(-1)[0], /^Another Rapport window/);
});

test('locking closes the dialog, whatever it showed, and reads the protection again next time', async () => {
  const { controller, log } = setup('keychain');
  await controller.open('rekey');
  controller.clear();
  assert.equal(calledWith(log, 'dismiss').length, 1);
  const before = calledWith(log, 'showFacts').length;
  await controller.open('recovery');
  assert.equal(calledWith(log, 'showFacts').length, before + 1, 'asked again after the lock');
});
