// Unit tests of ui/journal-controller.js with a fake api and recording views: what the open
// journal asks of Rust and shows, for the flows that have more than one step.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { ApiError } from '../../ui/api.js';
import { FIRST_PAGE_LIMIT, TIMELINE_LIMIT, localDateTime } from '../../ui/format.js';
import { JournalController } from '../../ui/journal-controller.js';
import { REFLECTION_PROMPTS } from '../../ui/prompts.js';
import { recording } from './recording.js';

function setup(apiOverrides = {}, controllerOptions = {}, editorExtra = {}) {
  const log = [];
  const calls = [];
  const shell = recording('shell', log, { currentView: 'journal', confirm: async () => true });
  const timelines = {
    journal: recording('journal', log, { removeEntry: (id) => { log.push(['journal', 'removeEntry', id]); return () => { log.push(['journal', 'putBack', id]); return true; }; } }),
    partner: recording('partner', log, { removeEntry: () => null }),
    trash: recording('trash', log, { removeEntry: (id) => { log.push(['trash', 'removeEntry', id]); return null; } }),
  };
  const editor = recording('editor', log, { isOpen: false, ...editorExtra });
  const reader = recording('reader', log, { entry: null });
  const partners = recording('partners', log);
  const palette = recording('palette', log);
  // Not a thenable: the loader's promise resolves to the view itself.
  const history = recording('history', log, { then: undefined });
  const answers = recording('answers', log, { then: undefined, isOpen: true });
  const api = new Proxy(
    {
      vaultStatus: async () => ({ state: 'open', protection: 'keychain', entry_count: 1, partner_count: 1 }),
      listPartners: async () => [{ id: 4, name: 'Grace', relationship: 'peer' }],
      listTags: async () => [{ tag: 'wip', count: 2 }],
      shortcutStatus: async () => ({ accelerator: 'Ctrl+Alt+N', registered: true, message: null }),
      ...apiOverrides,
    },
    {
      get(target, prop) {
        return async (...args) => {
          calls.push([prop, ...args]);
          if (prop in target) return target[prop](...args);
          return null;
        };
      },
    },
  );
  const sessionLog = [];
  const session = {
    lock: () => sessionLog.push('lock'),
    autoLockMinutes: () => 10,
    setAutoLockMinutes: (m) => sessionLog.push(['minutes', m]),
  };
  const timers = { setTimeout: (fn) => { fn(); return 1; }, clearTimeout: () => {} };
  const controller = new JournalController(
    api,
    {
      shell: shell.view,
      timelines: { journal: timelines.journal.view, partner: timelines.partner.view, trash: timelines.trash.view },
      partners: partners.view,
      history: async () => {
        log.push(['history', 'loaded']);
        return history.view;
      },
      answers: async () => {
        log.push(['answers', 'loaded']);
        return answers.view;
      },
      dialogs: async () => {
        log.push(['dialogs', 'loaded']);
        return { editor: editor.view, reader: reader.view, palette: palette.view };
      },
    },
    session,
    { timers, ...controllerOptions },
  );
  return { controller, log, calls, shell, timelines, editor, reader, partners, palette, history, answers, sessionLog };
}

const STATUS = { state: 'open', protection: 'keychain', data_dir: '/v', entry_count: 0, partner_count: 0 };
const flush = () => new Promise((resolve) => setImmediate(resolve));

test('opening shows the journal and reads its first page; pages are asked by cursor', async () => {
  const { controller, log, calls, timelines } = setup({
    listEntries: async () => ({ entries: [], next_before: null }),
  });
  await controller.open(STATUS);
  assert.ok(log.some(([v, m]) => v === 'journal' && m === 'reset'));
  // The desktop shortcut is not asked for on the way to the first screen: asking registers it,
  // which holds the app's UI thread (main.js asks a moment later).
  assert.ok(!calls.some(([c]) => c === 'shortcutStatus'));
  await controller.showShortcut();
  assert.ok(log.some(([v, m, s]) => v === 'shell' && m === 'showShortcut' && s.registered));
  const request = { generation: 1, index: 1, before: 951, restore: false };
  await timelines.journal.handlers.bindNeedPage(request);
  assert.deepEqual(calls.find(([c]) => c === 'listEntries'), ['listEntries', { limit: TIMELINE_LIMIT, before: 951 }]);
  assert.ok(log.some(([v, m, r]) => v === 'journal' && m === 'showPage' && r === request));
  await timelines.trash.handlers.bindNeedPage({ generation: 1, index: 0, before: null });
  // The first page is smaller: it only has to fill the window on the way to the first screen.
  assert.ok(FIRST_PAGE_LIMIT < TIMELINE_LIMIT);
  assert.deepEqual(calls.filter(([c]) => c === 'listEntries').at(-1), ['listEntries', { limit: FIRST_PAGE_LIMIT, before: undefined, trash: true }]);
});

test('a page that fails to load is said under the timeline', async () => {
  const { controller, log, timelines } = setup({
    listEntries: async () => { throw new ApiError('internal', 'the disk is full'); },
  });
  await controller.open(STATUS);
  await timelines.journal.handlers.bindNeedPage({ generation: 1, index: 0, before: null });
  assert.deepEqual(log.at(-1).slice(0, 2), ['journal', 'showPageError']);
  assert.equal(log.at(-1)[3], 'The disk is full.');
});

test('a new entry is saved, put at the top of the journal, and the counts refresh', async () => {
  const saved = { id: 12, body: 'Grace covered', kind: 'win', tags: ['wip'], partners: [{ id: 4, name: 'Grace' }], shareable: false };
  const { controller, log, calls, editor } = setup({ addEntry: async () => saved });
  await controller.open(STATUS);
  controller.newEntry();
  await flush();
  const opened = log.find(([v, m]) => v === 'editor' && m === 'open');
  assert.deepEqual(opened[2].draft.partners, [], 'not on a partner page: nobody linked');
  assert.deepEqual(opened[2].knownTags, [{ tag: 'wip', count: 2 }]);
  await editor.handlers.bindSave({ body: 'Grace covered', kind: 'win', tagsText: '#wip', partners: [{ id: 4, name: 'Grace' }], shareable: false }, null);
  assert.deepEqual(calls.find(([c]) => c === 'addEntry'), [
    'addEntry',
    { body: 'Grace covered', kind: 'win', tags: ['wip'], partner_ids: [4], shareable: false },
  ]);
  assert.ok(log.some(([v, m]) => v === 'editor' && m === 'close'));
  assert.ok(log.some(([v, m, e]) => v === 'journal' && m === 'insertEntry' && e === saved));
  assert.ok(log.some(([v, m, t]) => v === 'shell' && m === 'showToast' && /Private/.test(t)));
  assert.ok(calls.filter(([c]) => c === 'vaultStatus').length >= 1, 'counts refreshed');
});

test('the editor, reader and palette are loaded the first time one is needed, and once', async () => {
  const { controller, log } = setup();
  await controller.open(STATUS);
  controller.clear();
  assert.ok(!log.some(([v]) => v === 'dialogs'), 'not loaded on the way to the first screen, nor to clear');
  assert.ok(!log.some(([v, m]) => v === 'editor' && m === 'dismiss'));
  await controller.open(STATUS);
  controller.newEntry();
  await flush();
  assert.equal(log.filter(([v]) => v === 'dialogs').length, 1);
  assert.ok(log.some(([v, m]) => v === 'editor' && m === 'open'));
  await controller.preload();
  assert.equal(log.filter(([v]) => v === 'dialogs').length, 1, 'loaded once');
});

test('a refused tag is said in the editor, which stays open with the text', async () => {
  const { controller, log, editor } = setup({
    addEntry: async () => { throw new ApiError('invalid_input', "invalid tag: use letters, digits, '-', '_', '/' or '.' only"); },
  });
  await controller.open(STATUS);
  await controller.preload();
  await editor.handlers.bindSave({ body: 'x', kind: 'note', tagsText: '<script>', partners: [], shareable: false }, null);
  assert.deepEqual(log.at(-1), ['editor', 'showError', "Invalid tag: use letters, digits, '-', '_', '/' or '.' only."]);
  assert.ok(!log.some(([v, m]) => v === 'editor' && m === 'close'));
});

test('an edit sends only the changes and the version it started from, and redraws the entry in place', async () => {
  const original = { id: 3, body: 'a', kind: 'note', tags: [], partners: [], shareable: false, version: 4 };
  const updated = { ...original, kind: 'win', version: 5 };
  const { controller, log, calls, editor } = setup({ updateEntry: async () => updated });
  await controller.open(STATUS);
  await controller.preload();
  await editor.handlers.bindSave({ body: 'a', kind: 'win', tagsText: '', partners: [], shareable: false }, original);
  assert.deepEqual(calls.find(([c]) => c === 'updateEntry'), ['updateEntry', 3, { kind: 'win' }, 4]);
  assert.ok(log.some(([v, m, e]) => v === 'journal' && m === 'replaceEntry' && e === updated));
});

test('an edit refused as changed elsewhere shows the entry as it is now and keeps what was typed', async () => {
  const original = { id: 3, body: 'a', kind: 'note', tags: [], partners: [], shareable: false, version: 4 };
  const fresh = { ...original, body: 'changed by the CLI', version: 5 };
  const { controller, log, editor } = setup({
    updateEntry: async () => { throw new ApiError('changed_elsewhere', 'this entry was changed elsewhere'); },
    getEntry: async () => fresh,
  });
  await controller.open(STATUS);
  await controller.preload();
  await editor.handlers.bindSave({ body: 'mine', kind: 'note', tagsText: '', partners: [], shareable: false }, original);
  assert.ok(log.some(([v, m, e]) => v === 'journal' && m === 'replaceEntry' && e === fresh), 'the journal shows their version');
  const said = log.find(([v, m]) => v === 'editor' && m === 'changedElsewhere');
  assert.ok(said, 'the editor is told, and keeps the text');
  assert.equal(said[2], fresh, 'the next save is made on the fresh version');
  assert.match(said[3], /changed in another Rapport window/);
  assert.ok(!log.some(([v, m]) => v === 'editor' && m === 'close'), 'the editor stays open');
});

test('trash offers Undo, which restores and puts the entry back where it was', async () => {
  const { controller, log, calls, timelines } = setup();
  await controller.open(STATUS);
  await timelines.journal.handlers.bindEntryAction('trash', 7);
  assert.ok(calls.some(([c, id]) => c === 'trashEntry' && id === 7));
  const toast = log.find(([v, m]) => v === 'shell' && m === 'showToast');
  assert.equal(toast[2], 'Moved to the trash.');
  await toast[3].run();
  assert.ok(calls.some(([c, id]) => c === 'restoreEntry' && id === 7));
  assert.ok(log.some(([v, m, id]) => v === 'journal' && m === 'putBack' && id === 7));
});

test('delete for good asks first, and does nothing when the answer is no', async () => {
  const { controller, calls, timelines, shell } = setup();
  await controller.open(STATUS);
  shell.view.confirm = async () => false;
  await timelines.trash.handlers.bindEntryAction('purge', 5);
  assert.ok(!calls.some(([c]) => c === 'purgeEntry'));
  shell.view.confirm = async () => true;
  await timelines.trash.handlers.bindEntryAction('purge', 5);
  assert.ok(calls.some(([c, id]) => c === 'purgeEntry' && id === 5));
});

test('a reflection prompt opens capture as a private reflection about the partner', async () => {
  const grace = { id: 4, name: 'Grace', relationship: 'peer', roles: [] };
  const { controller, log, partners, shell } = setup({ getPartner: async () => grace, listEntries: async () => ({ entries: [], next_before: null }) });
  await controller.open(STATUS);
  await partners.handlers.bindOpenPartner(4);
  assert.ok(log.some(([v, m, p]) => v === 'partners' && m === 'showPartner' && p === grace));
  assert.ok(log.some(([v, m, name]) => v === 'shell' && m === 'showView' && name === 'partner'));
  partners.handlers.bindPrompt(REFLECTION_PROMPTS[0]);
  await flush();
  const opened = log.filter(([v, m]) => v === 'editor' && m === 'open').at(-1);
  assert.equal(opened[2].draft.body, 'Who is my sounding board?\n\n');
  assert.equal(opened[2].draft.kind, 'reflection');
  assert.deepEqual(opened[2].draft.partners, [{ id: 4, name: 'Grace' }]);
  shell.view.currentView = 'partner';
  controller.newEntry();
  await flush();
  const plain = log.filter(([v, m]) => v === 'editor' && m === 'open').at(-1);
  assert.deepEqual(plain[2].draft.partners, [{ id: 4, name: 'Grace' }], 'Ctrl+N on a partner page links them');
});

test('search: stale answers are dropped, empty input shows the hint', async () => {
  const answers = [];
  const { controller, log, palette } = setup({
    search: (query) => new Promise((resolve) => answers.push({ query, resolve })),
  });
  await controller.open(STATUS);
  await controller.preload();
  palette.handlers.bindQuery('wi', { partnerId: '', tag: '', kind: '', from: '', to: '' });
  palette.handlers.bindQuery('wip', { partnerId: '', tag: '', kind: '', from: '', to: '' });
  assert.deepEqual(answers.map((a) => a.query.text), ['wi', 'wip']);
  answers[1].resolve([{ type: 'entry', entry: { id: 1 }, snippet: [] }]);
  await flush();
  answers[0].resolve([]);
  await flush();
  const shown = log.filter(([v, m]) => v === 'palette' && m === 'showResults');
  assert.equal(shown.length, 1, 'the older answer came last and was dropped');
  assert.equal(shown[0][2].length, 1);
  palette.handlers.bindQuery('  ', { partnerId: '', tag: '', kind: '', from: '', to: '' });
  assert.deepEqual(log.at(-1).slice(0, 2), ['palette', 'showIdle']);
  palette.handlers.bindQuery('x', { partnerId: '', tag: '', kind: '', from: '2026-11-02', to: '2026-11-01' });
  assert.deepEqual(log.at(-1).slice(0, 2), ['palette', 'showSearchError']);
});

test('opening a search result: partners go to their page, entries to the reader', async () => {
  const { controller, log, calls, palette } = setup({
    getPartner: async (id) => ({ id, name: 'Grace', roles: [] }),
    getEntry: async (id) => ({ id, body: '**x**', kind: 'note', partners: [], tags: [] }),
    renderMarkdown: async () => '<p><strong>x</strong></p>',
    listEntries: async () => ({ entries: [], next_before: null }),
  });
  await controller.open(STATUS);
  await controller.preload();
  palette.handlers.bindOpen({ type: 'entry', entry: { id: 9 } });
  await flush();
  await flush();
  assert.ok(calls.some(([c, t]) => c === 'renderMarkdown' && t === '**x**'));
  assert.ok(log.some(([v, m, e, html]) => v === 'reader' && m === 'open' && e.id === 9 && html === '<p><strong>x</strong></p>'));
  palette.handlers.bindOpen({ type: 'partner', partner: { id: 4 } });
  await flush();
  await flush();
  assert.ok(log.some(([v, m, p]) => v === 'partners' && m === 'showPartner' && p.id === 4));
});

test('clearing (locking) closes everything and drops answers that arrive afterwards', async () => {
  let answer;
  const { controller, log, timelines } = setup({
    getEntry: () => new Promise((resolve) => { answer = resolve; }),
    renderMarkdown: async () => '<p>secret</p>',
  });
  await controller.open(STATUS);
  await controller.preload();
  // Ask to read an entry, then lock before its answer arrives.
  const opening = timelines.journal.handlers.bindEntryAction('open', 1);
  controller.clear();
  for (const name of ['editor', 'reader', 'palette']) {
    assert.ok(log.some(([v, m]) => v === name && m === 'dismiss'), `${name} dismissed`);
  }
  for (const name of ['journal', 'partner', 'trash']) {
    assert.ok(log.some(([v, m]) => v === name && m === 'clear'), `${name} timeline cleared`);
  }
  assert.ok(log.some(([v, m]) => v === 'partners' && m === 'clear'));
  assert.ok(log.some(([v, m]) => v === 'shell' && m === 'clear'));
  answer({ id: 1, body: 'secret', kind: 'note', partners: [], tags: [] });
  await opening;
  assert.ok(!log.some(([v, m]) => v === 'reader' && m === 'open'), 'nothing is shown after locking');
});

test('the summary screen is reached from the sidebar and Ctrl+4, and cleared on lock', async () => {
  const summaryLog = [];
  const summary = { show: async () => summaryLog.push('show'), clear: () => summaryLog.push('clear') };
  const { controller, shell } = setup({}, { summary });
  await controller.navigate('summary');
  shell.handlers.bindShortcut('go-summary');
  await flush();
  controller.clear();
  assert.deepEqual(summaryLog, ['show', 'show', 'clear']);
});

/** Timers that run only when told: `run()` fires what is pending. */
function manualTimers() {
  let next = 1;
  const pending = new Map();
  return {
    setTimeout: (fn) => { pending.set(next, fn); return next++; },
    clearTimeout: (id) => { pending.delete(id); },
    run: () => { const due = [...pending.values()]; pending.clear(); for (const fn of due) fn(); },
    get pending() { return pending.size; },
  };
}

const TYPED = { body: 'half a sentence', kind: 'concern', tagsText: 'wip, pe', partners: [{ id: 4, name: 'Grace' }], shareable: false };

test('what is typed is kept as a draft a moment after the last keystroke, and forgotten once saved', async () => {
  const timers = manualTimers();
  const { controller, calls, editor } = setup(
    { addEntry: async () => ({ id: 9, partners: [], shareable: false }) },
    { timers },
    { isOpen: true, original: null, draft: () => TYPED },
  );
  await controller.open(STATUS);
  await controller.preload();
  editor.handlers.bindTyping();
  editor.handlers.bindTyping();
  assert.ok(!calls.some(([c]) => c === 'saveDraft'), 'not at every keystroke');
  timers.run();
  await flush();
  const saved = calls.filter(([c]) => c === 'saveDraft');
  assert.deepEqual(saved, [['saveDraft', {
    entry: null, base_version: null, body: 'half a sentence', kind: 'concern', tags_text: 'wip, pe', partners: [4], shareable: false,
    created_at: null, support: null,
  }]]);
  await editor.handlers.bindSave({ ...TYPED, body: 'a whole sentence.' }, null);
  await flush();
  const order = calls.map(([c]) => c);
  assert.ok(order.indexOf('discardDraft') > order.indexOf('addEntry'), 'saved: then the draft goes');
});

test('a lock keeps what was typed at once, and never waits long for it', async () => {
  const timers = manualTimers();
  const { controller, calls, editor } = setup({}, { timers }, { isOpen: true, original: { id: 3, version: 7 }, draft: () => TYPED });
  await controller.open(STATUS);
  await controller.preload();
  editor.handlers.bindTyping();
  await controller.keepTyping();
  const [, draft] = calls.find(([c]) => c === 'saveDraft');
  assert.deepEqual([draft.entry, draft.base_version], [3, 7], 'an edit names its entry and the version it started from');
  assert.equal(timers.pending, 0, 'nothing left to keep later');

  // Meetings that never answer do not hold the lock: it goes on after a moment.
  const stuck = setup({}, {
    timers: { setTimeout: (fn) => { setTimeout(fn, 5); return 1; }, clearTimeout: () => {} },
    meetings: { open: async () => {}, clear: () => {}, keepTyping: () => new Promise(() => {}) },
  });
  await stuck.controller.keepTyping();
});

test('closing the editor without saving forgets the draft', async () => {
  const { controller, calls, editor } = setup({}, {}, { isOpen: true, original: null, draft: () => TYPED });
  await controller.open(STATUS);
  await controller.preload();
  editor.handlers.bindAbandon();
  await flush();
  assert.ok(calls.some(([c]) => c === 'discardDraft'));
});

test('a draft kept before a lock or a crash is offered again in the editor; an edit on the version it started from', async () => {
  const { controller, log } = setup({
    getDraft: async () => ({
      entry: 7, base_version: 2, body: 'typed before the crash', kind: 'win', tags_text: 'a, b',
      partners: [4, 99], shareable: true, saved_at: '2026-12-04T10:00:00Z', created_at: '2008-03-14T08:30:00Z',
      support: { direction: 'received', act: 'covered' },
    }),
    getEntry: async () => ({ id: 7, version: 3, body: 'changed since', kind: 'note', tags: [], partners: [], shareable: false }),
  });
  await controller.open(STATUS);
  const [, , opened] = log.find(([v, m]) => v === 'editor' && m === 'open');
  assert.deepEqual(opened.draft, {
    body: 'typed before the crash', kind: 'win', tagsText: 'a, b', partners: [{ id: 4, name: 'Grace' }], shareable: true,
    support: { direction: 'received', act: 'covered' },
    when: localDateTime(new Date('2008-03-14T08:30:00Z')),
  }, 'a partner no longer there is left out; the date and the support given are kept');
  assert.equal(opened.original.version, 2, 'saving is refused if the entry changed since the draft');
  assert.equal(opened.restoredAt, '2026-12-04T10:00:00Z');
});

test('Ctrl+N on a meeting links the meeting\'s partners', async () => {
  const meetings = {
    open: async () => {},
    clear: () => {},
    partnersOnScreen: () => [{ id: 4, name: 'Grace' }, { id: 6, name: 'Marco' }],
  };
  const { controller, log, shell } = setup({}, { meetings });
  await controller.open(STATUS);
  await controller.preload();
  Object.defineProperty(shell.view, 'currentView', { value: 'meeting', configurable: true });
  await controller.newEntry();
  const [, , opened] = log.find(([v, m]) => v === 'editor' && m === 'open');
  assert.deepEqual(opened.draft.partners, [{ id: 4, name: 'Grace' }, { id: 6, name: 'Marco' }]);
});

test("a partner's history: spells added, corrected and removed; the page and the dialog follow", async () => {
  const grace = { id: 4, name: 'Grace', relationship: 'peer', relationships: [], roles: [], version: 1 };
  const changed = { ...grace, relationships: [{ id: 9, relationship: 'report', started: '2013-03-01', ended: '2016-07-01' }], version: 2 };
  let refuse = false;
  const { controller, log, calls, partners, history, shell } = setup({
    getPartner: async () => grace,
    listEntries: async () => ({ entries: [], next_before: null }),
    addPartnerSpell: async () => {
      if (refuse) throw new ApiError('invalid_input', 'invalid dates: overlaps the spell from 2016-07-01 to 2020-01-01');
      return changed;
    },
    correctPartnerSpell: async () => changed,
    removePartnerSpell: async () => grace,
  });
  await controller.open(STATUS);
  await partners.handlers.bindOpenPartner(4);
  await partners.handlers.bindEditHistory();
  assert.deepEqual(log.filter(([v]) => v === 'history').slice(0, 2), [['history', 'loaded'], ['history', 'open', grace]]);

  const spell = { history: 'relationship', relationship: 'report', started: '2013-03-01', ended: '2016-07-01' };
  log.length = 0;
  await history.handlers.bindSave('relationship', spell, null);
  assert.deepEqual(calls.find(([c]) => c === 'addPartnerSpell'), ['addPartnerSpell', 4, spell]);
  assert.ok(log.some(([v, m, p]) => v === 'partners' && m === 'showPartner' && p === changed));
  assert.ok(log.some(([v, m, p]) => v === 'history' && m === 'show' && p === changed));
  assert.ok(log.some(([v, m]) => v === 'history' && m === 'closeSpellForm'));

  // Refused: the dialog says why, the form stays open with what was typed.
  refuse = true;
  log.length = 0;
  await history.handlers.bindSave('relationship', spell, null);
  assert.deepEqual(log.filter(([v]) => v === 'history'), [['history', 'showError', 'Invalid dates: overlaps the spell from 2016-07-01 to 2020-01-01.']]);

  await history.handlers.bindSave('relationship', spell, { id: 9 });
  assert.deepEqual(calls.find(([c]) => c === 'correctPartnerSpell'), ['correctPartnerSpell', 4, 9, spell]);

  // Removing asks first.
  let asked = null;
  shell.view.confirm = async (question) => { asked = question; return true; };
  await history.handlers.bindRemove('role', { id: 3 }, 'Director at Acme (Mar 2013 – Jul 2016)');
  assert.match(asked.message, /^Director at Acme \(Mar 2013 – Jul 2016\) leaves the history/);
  assert.deepEqual(calls.find(([c]) => c === 'removePartnerSpell'), ['removePartnerSpell', 4, 'role', 3]);

  // Pauses of the cadence go to their own commands, and the cadence card is read again.
  const leave = { reason: 'leave', started: '2026-01-05', ended: null };
  calls.length = 0;
  await history.handlers.bindSave('pause', leave, null);
  await history.handlers.bindSave('pause', leave, { id: 2 });
  await history.handlers.bindRemove('pause', { id: 2 }, 'Leave (From 5 Jan 2026 until you resume it)');
  await history.handlers.bindResume({ id: 2 });
  assert.deepEqual(
    calls.filter(([c]) => /Pause|resume/.test(c)),
    [['addPause', 4, leave], ['correctPause', 4, 2, leave], ['removePause', 4, 2], ['resumeCadence', 4]],
  );
  assert.match(asked.message, /no longer a pause/);
});

test("support noted from a partner's page opens the editor linked to them, and the page counts it", async () => {
  const grace = { id: 4, name: 'Grace', relationship: 'peer', relationships: [], roles: [], version: 1, support: { given: 0, received: 0, years: [] } };
  const { controller, log, partners, shell } = setup({
    getPartner: async () => grace,
    listEntries: async () => ({ entries: [], next_before: null }),
  });
  await controller.open(STATUS);
  await partners.handlers.bindOpenPartner(4);
  Object.defineProperty(shell.view, 'currentView', { value: 'partner', configurable: true });
  await partners.handlers.bindRecordSupport('given');
  await flush();
  const [, , opened] = log.find(([v, m]) => v === 'editor' && m === 'open');
  assert.deepEqual(opened.draft.partners, [{ id: 4, name: 'Grace' }]);
  assert.deepEqual(opened.draft.support, { direction: 'given', act: 'covered' });
  assert.ok(log.some(([v, m, partner]) => v === 'partners' && m === 'showPartner' && partner.support === grace.support));
});

test("a prompt's answers about a partner open newest first, page on, and 'Answer again' writes a tagged one", async () => {
  const grace = { id: 4, name: 'Grace', relationship: 'peer', relationships: [], roles: [], version: 1 };
  const page = { entries: [{ id: 9, body: 'Who is my sounding board?\n\nGrace.', created_at: '2026-01-05T12:00:00Z' }], next_before: 9 };
  const { controller, log, calls, partners, answers, shell } = setup({
    getPartner: async () => grace,
    listEntries: async () => page,
  });
  await controller.open(STATUS);
  await partners.handlers.bindOpenPartner(4);
  Object.defineProperty(shell.view, 'currentView', { value: 'partner', configurable: true });
  const [board] = REFLECTION_PROMPTS;
  await partners.handlers.bindOpenAnswers(board);
  const asked = calls.filter(([c, query]) => c === 'listEntries' && query.tag);
  assert.deepEqual(asked[0][1], { limit: 12, partnerId: 4, tag: 'reflect-sounding-board' });
  assert.ok(log.some(([v, m, opened]) => v === 'answers' && m === 'open' && opened.page === page && opened.prompt === board));
  await answers.handlers.bindMore(9);
  const more = calls.filter(([c, query]) => c === 'listEntries' && query.tag);
  assert.deepEqual(more[1][1], { limit: 12, before: 9, partnerId: 4, tag: 'reflect-sounding-board' });
  assert.ok(log.some(([v, m]) => v === 'answers' && m === 'showMore'));
  answers.handlers.bindAgain(board);
  await flush();
  const [, , opened] = log.find(([v, m]) => v === 'editor' && m === 'open');
  assert.deepEqual(opened.draft.tags, ['reflect-sounding-board']);
  assert.equal(opened.draft.body, 'Who is my sounding board?\n\n');
});
