// Unit tests of ui/keys.js: the keyboard map.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { SCOPES, SHORTCUTS, globalAction, isTypingTarget, listAction, shortcutsIn } from '../../ui/keys.js';

const textarea = { tagName: 'TEXTAREA' };
const input = { tagName: 'INPUT', type: 'text' };
const checkbox = { tagName: 'INPUT', type: 'checkbox' };
const body = { tagName: 'BODY' };
const key = (k, extra = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, target: body, ...extra });

test('global shortcuts work with Ctrl or Cmd, also while typing', () => {
  assert.equal(globalAction(key('n', { ctrlKey: true })), 'new-entry');
  assert.equal(globalAction(key('N', { ctrlKey: true, shiftKey: true })), 'new-partner');
  assert.equal(globalAction(key('k', { metaKey: true })), 'search');
  assert.equal(globalAction(key('l', { ctrlKey: true, target: textarea })), 'lock');
  assert.equal(globalAction(key(',', { ctrlKey: true })), 'settings');
  assert.equal(globalAction(key('2', { ctrlKey: true })), 'go-partners');
  assert.equal(globalAction(key('F1')), 'help');
  assert.equal(globalAction(key('F1', { target: textarea })), 'help');
});

test('single keys stay quiet while typing', () => {
  assert.equal(globalAction(key('?', { shiftKey: true })), 'help');
  assert.equal(globalAction(key('?', { shiftKey: true, target: input })), null);
  assert.equal(globalAction(key('?', { shiftKey: true, target: checkbox })), 'help');
  assert.equal(globalAction(key('z', { ctrlKey: true, target: textarea })), null, "the text field's own undo");
  assert.equal(globalAction(key('z', { ctrlKey: true })), 'undo');
  assert.equal(globalAction(key('n')), null);
  assert.equal(globalAction(key('n', { ctrlKey: true, altKey: true })), null, 'Ctrl+Alt+N is the desktop-wide shortcut');
});

test('list keys: arrows and J/K move, E edits, Delete trashes', () => {
  assert.equal(listAction(key('ArrowDown')), 'next');
  assert.equal(listAction(key('j')), 'next');
  assert.equal(listAction(key('k')), 'previous');
  assert.equal(listAction(key('Enter')), 'open');
  assert.equal(listAction(key('e')), 'edit');
  assert.equal(listAction(key('Delete')), 'trash');
  assert.equal(listAction(key('e', { target: input })), null);
  assert.equal(listAction(key('k', { ctrlKey: true })), null);
});

test('typing targets', () => {
  assert.ok(isTypingTarget(textarea));
  assert.ok(isTypingTarget(input));
  assert.ok(isTypingTarget({ tagName: 'DIV', isContentEditable: true }));
  assert.ok(!isTypingTarget(checkbox));
  assert.ok(!isTypingTarget(null));
});

test('every global action in the help sheet is one the key handler produces', () => {
  const produced = new Set();
  for (const k of ['n', 'k', 'l', ',', '0', '1', '2', '3', '4', 'z']) {
    produced.add(globalAction(key(k, { ctrlKey: true })));
  }
  produced.add(globalAction(key('N', { ctrlKey: true, shiftKey: true })));
  produced.add(globalAction(key('?')));
  for (const shortcut of shortcutsIn('global')) {
    assert.ok(produced.has(shortcut.action), `${shortcut.action} has no key`);
  }
  for (const shortcut of SHORTCUTS) {
    assert.ok(SCOPES.some(([scope]) => scope === shortcut.scope), shortcut.action);
    assert.ok(shortcut.label.length > 0);
  }
});
