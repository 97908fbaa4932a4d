// Unit tests of ui/summary-controller.js with a fake api, a recording view and a hand-driven
// clock: the live preview, stale answers, ticking, including, copying, saving, the vault going.

import assert from 'node:assert/strict';
import test from 'node:test';

import { ApiError } from '../../ui/api.js';
import { LEGACY_SUMMARY_KEY } from '../../ui/summary.js';
import { SummaryController } from '../../ui/summary-controller.js';
import { recording } from './recording.js';

/** Timers that run only when told to. */
function manualTimers() {
  let next = 1;
  const pending = new Map();
  return {
    setTimeout: (fn) => { pending.set(next, fn); return next++; },
    clearTimeout: (id) => pending.delete(id),
    async flush() {
      const due = [...pending.values()];
      pending.clear();
      for (const fn of due) await fn();
    },
  };
}

function memoryStorage(initial = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k) => (data.has(k) ? data.get(k) : null),
    setItem: (k, v) => data.set(k, String(v)),
    removeItem: (k) => data.delete(k),
    data,
  };
}

const preview = (extra = {}) => ({
  summary: { from: '2026-10-01', to: '2026-11-21', partners: [], problems: [], included: [] },
  sources: {}, cadence: {}, chosen_lines: 3, candidates: [], more_candidates: false, markdown: '# Partnership summary', ...extra,
});

function setup(apiOverrides = {}, options = {}) {
  const log = [];
  const calls = [];
  const shell = recording('shell', log);
  const summary = recording('summary', log);
  // The vault's remembered choices (get_preference / set_preference).
  const prefs = options.prefs ?? new Map();
  const api = {
    getPreference: async (name) => (prefs.has(name) ? structuredClone(prefs.get(name)) : null),
    setPreference: async (name, value) => { prefs.set(name, structuredClone(value)); },
    listPartners: async () => [{ id: 1, name: 'Grace', archived: false }, { id: 2, name: 'Priya', archived: false }, { id: 3, name: 'Old', archived: true }],
    previewSummary: async (choice) => { calls.push(['preview', choice]); return preview(); },
    saveSummary: async (...args) => { calls.push(['save', ...args]); return { path: '/home/me/summary.md', directory: '/home/me', bytes: 10 }; },
    ...apiOverrides,
  };
  const timers = manualTimers();
  const storage = options.storage ?? memoryStorage();
  const copied = [];
  const clipboard = { writeText: async (text) => { copied.push(text); } };
  const controller = new SummaryController(api, { shell: shell.view, summary: summary.view }, {
    storage, clipboard, timers, today: () => '2026-11-21',
  });
  return { controller, log, calls, handlers: summary.handlers, timers, storage, prefs, copied };
}

const shown = (log, method) => log.filter(([name, m]) => name === 'summary' && m === method);

test('showing the screen lists active partners and previews this quarter at once', async () => {
  const { controller, log, calls } = setup();
  await controller.show();
  assert.deepEqual(log[0], ['shell', 'showView', 'summary']);
  const [, , , partners] = shown(log, 'showChoices')[0];
  assert.deepEqual(partners, [{ id: 1, name: 'Grace' }, { id: 2, name: 'Priya' }]);
  assert.deepEqual(calls, [['preview', { from: '2026-10-01', to: '2026-11-21', partners: [], include_entries: [], exclude: [] }]]);
  assert.equal(shown(log, 'showPreview').length, 1);
});

test('no partners: the screen teaches and asks for no preview', async () => {
  const { controller, log, calls } = setup({ listPartners: async () => [] });
  await controller.show();
  assert.deepEqual(shown(log, 'showNoPartners')[0], ['summary', 'showNoPartners', true]);
  assert.deepEqual(calls, []);
});

test('changes are debounced into one preview, and remembered', async () => {
  const { controller, handlers, calls, timers, prefs } = setup();
  await controller.show();
  calls.length = 0;
  handlers.bindChange({ preset: 'last-quarter' });
  handlers.bindLine('action:2', false);
  handlers.bindPartner(2, false);
  assert.equal(calls.length, 0);
  await timers.flush();
  assert.deepEqual(calls, [['preview', { from: '2026-07-01', to: '2026-09-30', partners: [1], include_entries: [], exclude: ['action:2'] }]]);
  const saved = prefs.get('summary');
  assert.equal(saved.preset, 'last-quarter');
  assert.deepEqual(saved.partners, [1]);
  assert.deepEqual(saved.exclude, ['action:2']);
});

test('an answer that arrives after a newer request is dropped', async () => {
  const answers = [];
  const { controller, handlers, log, timers } = setup({
    previewSummary: (choice) => new Promise((resolve) => answers.push(() => resolve(preview({ chosen_lines: choice.exclude.length })))),
  });
  const showing = controller.show();
  await new Promise((resolve) => setTimeout(resolve, 0));
  answers.shift()();
  await showing;
  handlers.bindLine('action:1', false);
  await timers.flush();
  handlers.bindLine('action:2', false);
  const latest = timers.flush();
  const [older, newer] = answers;
  newer();
  await latest;
  older();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const previews = shown(log, 'showPreview').map(([, , p]) => p.chosen_lines);
  assert.deepEqual(previews, [0, 2]);
});

test('including a note and removing it again; custom starts from the range shown', async () => {
  const { controller, handlers, calls, timers } = setup();
  await controller.show();
  handlers.bindInclude(9);
  handlers.bindLine('entry:9', false);
  handlers.bindRemove(9);
  handlers.bindChange({ preset: 'custom' });
  await timers.flush();
  assert.deepEqual(calls.at(-1)[1], { from: '2026-10-01', to: '2026-11-21', partners: [], include_entries: [], exclude: [] });
  handlers.bindChange({ from: '2026-12-01' });
  await timers.flush();
  assert.equal(calls.length, 2, 'a backwards range asks for nothing');
});

test('copy hands over exactly the Markdown; save remembers the folder', async () => {
  const { controller, handlers, calls, copied, log, prefs } = setup();
  await controller.show();
  await handlers.bindCopy();
  assert.deepEqual(copied, ['# Partnership summary']);
  handlers.bindChange({ format: 'pdf' });
  await handlers.bindSave();
  assert.deepEqual(calls.at(-1), ['save', { from: '2026-10-01', to: '2026-11-21', partners: [], include_entries: [], exclude: [] }, 'pdf', undefined]);
  assert.match(shown(log, 'showStatus').at(-1)[2], /Saved to \/home\/me\/summary\.md \(readable only by you\)/);
  assert.equal(prefs.get('summary').directory, '/home/me');
  await handlers.bindSave();
  assert.equal(calls.at(-1)[3], '/home/me');
});

test('a cancelled save says nothing; a failed one shows why', async () => {
  let answer = null;
  const { controller, handlers, log } = setup({ saveSummary: async () => { if (answer) throw answer; return null; } });
  await controller.show();
  await handlers.bindSave();
  assert.ok(!shown(log, 'showStatus').some(([, , text]) => text.startsWith('Saved')));
  answer = new ApiError('io', 'the disk is full');
  await handlers.bindSave();
  assert.deepEqual(shown(log, 'showError').at(-1), ['summary', 'showError', 'The disk is full.']);
});

test('an included note that is gone is taken out, and the preview tried again', async () => {
  let refuse = false;
  const { controller, calls, handlers, timers } = setup({
    previewSummary: async (choice) => {
      calls.push(['preview', choice]);
      if (refuse && choice.include_entries.length) throw new ApiError('invalid_input', 'that entry is in the trash');
      return preview();
    },
  });
  await controller.show();
  handlers.bindInclude(9);
  await timers.flush();
  refuse = true;
  handlers.bindLine('action:2', false);
  await timers.flush();
  assert.deepEqual(calls.map(([, c]) => c.include_entries), [[], [9], [9], []]);
  assert.deepEqual(controller.choices.include, []);
});

test('included notes are for one summary: never remembered, gone with another period or partners', async () => {
  const { controller, calls, handlers, timers, storage, prefs } = setup();
  await controller.show();
  handlers.bindInclude(9);
  await timers.flush();
  assert.deepEqual(calls.at(-1)[1].include_entries, [9]);
  assert.ok(!('include' in prefs.get('summary')), 'not remembered');
  assert.ok(!JSON.stringify(prefs.get('summary')).includes('9]'), 'the id is nowhere remembered');
  assert.equal(storage.data.size, 0, "nothing in WebKit's storage");

  // Ticking a line keeps it: the same summary.
  handlers.bindLine('action:2', false);
  await timers.flush();
  assert.deepEqual(calls.at(-1)[1].include_entries, [9]);

  // Another period: it is gone, and a new screen (a restart) never had it.
  handlers.bindChange({ preset: 'last-quarter' });
  await timers.flush();
  assert.deepEqual(calls.at(-1)[1].include_entries, []);
  handlers.bindInclude(9);
  await timers.flush();
  handlers.bindPartner(2, false);
  await timers.flush();
  assert.deepEqual(calls.at(-1)[1].include_entries, [], 'other partners, another summary');
  handlers.bindInclude(9);
  await timers.flush();
  const again = setup({}, { storage, prefs });
  await again.controller.show();
  assert.deepEqual(again.calls.at(-1)[1].include_entries, []);

  // Locking forgets it too.
  controller.clear();
  assert.deepEqual(controller.choices.include, []);
});

test("choices an older Rapport kept in WebKit's storage move into the vault and leave it", async () => {
  const storage = memoryStorage({
    [LEGACY_SUMMARY_KEY]: JSON.stringify({ preset: 'last-quarter', partners: [2], include: [9], directory: '/home/me/private' }),
  });
  const { controller, calls, prefs } = setup({}, { storage });
  await controller.show();
  assert.equal(calls.at(-1)[1].from, '2026-07-01', 'the old choices are used');
  assert.deepEqual(calls.at(-1)[1].include_entries, [], 'but not the notes it had included');
  assert.equal(prefs.get('summary').directory, '/home/me/private');
  assert.ok(!('include' in prefs.get('summary')), 'nor are they moved into the vault');
  assert.equal(storage.data.size, 0, 'and are gone from localStorage');
});

test('the choices are per vault: read again after a lock', async () => {
  const prefs = new Map([['summary', { preset: 'last-30-days' }]]);
  const { controller, calls } = setup({}, { prefs });
  await controller.show();
  assert.equal(calls.at(-1)[1].from, '2026-10-23');
  controller.clear();
  prefs.set('summary', { preset: 'last-quarter' });
  await controller.show();
  assert.equal(calls.at(-1)[1].from, '2026-07-01');
});
