// The modules index.html preloads are exactly those main.js imports statically, directly or not:
// a view that should load on first use and is imported at start would silently slow the launch,
// and a module on the way to the first screen that is not preloaded would be fetched late.

import assert from 'node:assert/strict';
import test from 'node:test';

import { read, startModules } from './sources.js';

test('index.html preloads every module main.js needs at start, and no other', () => {
  const needed = startModules();
  const preloaded = [...read('index.html').matchAll(/<link rel="modulepreload" href="([\w-]+\.js)">/g)].map((m) => m[1]);
  assert.deepEqual(preloaded.toSorted(), [...needed].toSorted());
  for (const later of ['editor-view.js', 'meeting-view.js', 'summary-view.js', 'data-view.js']) {
    assert.ok(!needed.has(later), `${later} is loaded on first use`);
  }
});
