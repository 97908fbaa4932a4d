// Unit tests of ui/idle.js: the auto-lock setting and clock, with a hand-run clock.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  AUTO_LOCK_KEY,
  AutoLock,
  DEFAULT_AUTO_LOCK_MINUTES,
  autoLockLabel,
  readAutoLockMinutes,
  writeAutoLockMinutes,
} from '../../ui/idle.js';

function memoryStorage(initial = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => data.set(k, String(v)), data };
}

function manualTimers() {
  const intervals = new Map();
  let next = 1;
  return {
    setInterval: (fn) => { intervals.set(next, fn); return next++; },
    clearInterval: (id) => intervals.delete(id),
    tick: () => { for (const fn of [...intervals.values()]) fn(); },
    get count() { return intervals.size; },
  };
}

test('the setting defaults to 10 minutes and refuses nonsense', () => {
  assert.equal(DEFAULT_AUTO_LOCK_MINUTES, 10);
  assert.equal(readAutoLockMinutes(memoryStorage()), 10);
  assert.equal(readAutoLockMinutes(memoryStorage({ [AUTO_LOCK_KEY]: 'banana' })), 10);
  assert.equal(readAutoLockMinutes(memoryStorage({ [AUTO_LOCK_KEY]: '0' })), 10);
  assert.equal(readAutoLockMinutes(memoryStorage({ [AUTO_LOCK_KEY]: '5' })), 5);
  assert.equal(readAutoLockMinutes(undefined), 10);
  const throwing = { getItem: () => { throw new Error('denied'); } };
  assert.equal(readAutoLockMinutes(throwing), 10);
});

test('the setting is saved only for offered values', () => {
  const storage = memoryStorage();
  assert.equal(writeAutoLockMinutes(storage, 30), 30);
  assert.equal(storage.data.get(AUTO_LOCK_KEY), '30');
  assert.equal(writeAutoLockMinutes(storage, 7), 30, 'not offered: the saved value stays');
  assert.equal(autoLockLabel(1), '1 minute');
  assert.equal(autoLockLabel(15), '15 minutes');
  assert.equal(autoLockLabel(60), '1 hour');
});

test('locks once after the idle time, and activity postpones it', () => {
  let now = 0;
  let locks = 0;
  const timers = manualTimers();
  const auto = new AutoLock({ minutes: 10, onIdle: () => { locks += 1; }, now: () => now, timers });
  auto.touch();
  assert.equal(timers.count, 0, 'nothing runs before start');
  auto.start();
  now = 9 * 60_000;
  timers.tick();
  assert.equal(locks, 0);
  auto.touch();
  now = 18 * 60_000;
  timers.tick();
  assert.equal(locks, 0, 'activity at minute 9 moved the deadline to minute 19');
  now = 19 * 60_000;
  timers.tick();
  assert.equal(locks, 1);
  assert.equal(auto.running, false);
  timers.tick();
  assert.equal(locks, 1, 'only once');
});

test('waking late locks at the first activity', () => {
  let now = 0;
  let locks = 0;
  const timers = manualTimers();
  const auto = new AutoLock({ minutes: 1, onIdle: () => { locks += 1; }, now: () => now, timers });
  auto.start();
  now = 60 * 60_000; // the laptop slept; no timer fired
  auto.touch();
  assert.equal(locks, 1);
});

test('a new setting takes effect from now', () => {
  let now = 0;
  let locks = 0;
  const timers = manualTimers();
  const auto = new AutoLock({ minutes: 10, onIdle: () => { locks += 1; }, now: () => now, timers });
  auto.start();
  now = 4 * 60_000;
  auto.setMinutes(5);
  now = 8 * 60_000;
  timers.tick();
  assert.equal(locks, 0);
  now = 9 * 60_000;
  timers.tick();
  assert.equal(locks, 1);
  auto.stop();
  assert.equal(timers.count, 0);
});
