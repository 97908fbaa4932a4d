// Unit tests of ui/security.js: what Settings → Security says and offers for each way of
// unlocking, and what each change's dialog asks for.

import assert from 'node:assert/strict';
import test from 'node:test';

import { securityFailure, securityMode, securityProblem, unlockActions, unlockFacts } from '../../ui/security.js';

test('a keychain vault says plainly that unlocking takes no secret, and offers a passphrase', () => {
  const facts = unlockFacts('keychain');
  assert.match(facts.lead, /needs no passphrase/);
  assert.match(facts.hint, /anyone signed in as you/);
  assert.equal(facts.warning, '');
  assert.deepEqual(unlockActions('keychain'), ['require']);
});

test('a passphrase vault offers to change it or give it up for the keychain', () => {
  assert.match(unlockFacts('passphrase').lead, /asks for your passphrase/);
  assert.deepEqual(unlockActions('passphrase'), ['change', 'keychain']);
  assert.match(unlockFacts('passphrase', true).warning, /Make a new recovery key/);
});

test('each change asks for the current passphrase only where there is one', () => {
  assert.equal(securityMode('require', 'keychain').current, false);
  assert.equal(securityMode('require', 'keychain').fresh, true);
  assert.equal(securityMode('change', 'passphrase').current, true);
  assert.equal(securityMode('keychain', 'passphrase').fresh, false);
  for (const name of ['recovery', 'rekey']) {
    assert.equal(securityMode(name, 'keychain').current, false, name);
    assert.equal(securityMode(name, 'passphrase').current, true, name);
    assert.equal(securityMode(name, 'keychain').key, true, name);
  }
  assert.equal(securityMode('require', 'keychain').key, false);
  assert.equal(securityMode('format-disk', 'keychain'), null);
});

test('what is typed is checked before anything is sent', () => {
  const change = securityMode('change', 'passphrase');
  assert.deepEqual(securityProblem(change, { current: '', passphrase: 'long enough', confirmation: 'long enough' }).field, 'current');
  assert.deepEqual(securityProblem(change, { current: 'old one', passphrase: 'short', confirmation: 'short' }).field, 'passphrase');
  assert.deepEqual(securityProblem(change, { current: 'old one', passphrase: 'long enough', confirmation: 'long enougH' }).field, 'confirm');
  assert.equal(securityProblem(change, { current: 'old one', passphrase: 'long enough', confirmation: 'long enough' }), null);
  assert.equal(securityProblem(securityMode('rekey', 'keychain'), { current: '', passphrase: '', confirmation: '' }), null);
  assert.equal(securityProblem(securityMode('rekey', 'passphrase'), { current: '', passphrase: '', confirmation: '' }).field, 'current');
});

test('a refusal points at the field to fix', () => {
  assert.equal(securityFailure({ kind: 'wrong_passphrase', message: 'wrong passphrase' }).field, 'current');
  assert.deepEqual(securityFailure({ kind: 'invalid_input', message: 'invalid passphrase: use at least 8 characters' }), {
    field: 'passphrase',
    message: 'Invalid passphrase: use at least 8 characters.',
  });
  assert.equal(securityFailure({ kind: 'internal', message: 'another Rapport window has this vault open' }), null);
});
