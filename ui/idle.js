// Auto-lock: the setting (kept in localStorage: a preference, never journal data) and the idle
// clock that decides when to lock. Timers and the clock come in from outside, so tests can run
// the clock by hand.

export const AUTO_LOCK_KEY = 'rapport.autoLockMinutes';
export const DEFAULT_AUTO_LOCK_MINUTES = 10;
/** The choices the settings panel offers, in minutes. */
export const AUTO_LOCK_CHOICES = [1, 2, 5, 10, 15, 30, 60];

/** The saved idle time in minutes, or the default when nothing (or nonsense) is saved. */
export function readAutoLockMinutes(storage) {
  let raw = null;
  try {
    raw = storage?.getItem(AUTO_LOCK_KEY) ?? null;
  } catch {
    // Storage can be unavailable; the default is safe.
  }
  const minutes = Number(raw);
  return AUTO_LOCK_CHOICES.includes(minutes) ? minutes : DEFAULT_AUTO_LOCK_MINUTES;
}

/** Saves the idle time; refuses values the panel does not offer. Returns what is now in force. */
export function writeAutoLockMinutes(storage, minutes) {
  const value = Number(minutes);
  if (!AUTO_LOCK_CHOICES.includes(value)) return readAutoLockMinutes(storage);
  try {
    storage?.setItem(AUTO_LOCK_KEY, String(value));
  } catch {
    // Not saved, but still in force for this session.
  }
  return value;
}

/** "1 minute", "10 minutes", "1 hour". */
export function autoLockLabel(minutes) {
  if (minutes === 60) return '1 hour';
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * Calls `onIdle` once when nothing has happened for `minutes`. Checks every few seconds against
 * the clock rather than trusting one long timer, because timers in a hidden or suspended window
 * fire late: after a laptop wakes up, the first check locks at once.
 */
export class AutoLock {
  #now;
  #setInterval;
  #clearInterval;
  #onIdle;
  #minutes;
  #lastActivity = 0;
  #timer = null;

  constructor({ minutes, onIdle, now = () => Date.now(), timers = globalThis, checkEveryMs = 5000 }) {
    this.#minutes = minutes;
    this.#onIdle = onIdle;
    this.#now = now;
    this.#setInterval = (fn) => timers.setInterval(fn, checkEveryMs);
    this.#clearInterval = (id) => timers.clearInterval(id);
  }

  get minutes() {
    return this.#minutes;
  }

  get running() {
    return this.#timer !== null;
  }

  /** Starts watching (the vault was opened). */
  start() {
    this.stop();
    this.#lastActivity = this.#now();
    this.#timer = this.#setInterval(() => this.check());
  }

  /** Stops watching (the vault was locked). */
  stop() {
    if (this.#timer !== null) this.#clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Something happened: a key, the pointer, the wheel. Checks first, so a late wake-up locks. */
  touch() {
    if (!this.running) return;
    if (this.check()) return;
    this.#lastActivity = this.#now();
  }

  setMinutes(minutes) {
    this.#minutes = minutes;
    this.#lastActivity = this.#now();
  }

  /** Locks if the idle time has passed; returns whether it did. */
  check() {
    if (!this.running) return false;
    if (this.#now() - this.#lastActivity < this.#minutes * 60_000) return false;
    this.stop();
    this.#onIdle();
    return true;
  }
}
