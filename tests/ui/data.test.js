// Unit tests of ui/data.js and ui/data-controller.js: what is said after each data action, and
// that the controller sends the remembered folder, reloads after an import and hands a locked
// vault back.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { ApiError } from '../../ui/api.js';
import { DataController } from '../../ui/data-controller.js';
import { dataOutcome } from '../../ui/data.js';

test('a cancelled dialog says nothing', () => {
  for (const action of ['backup', 'export-json', 'export-markdown', 'import']) {
    assert.deepEqual(dataOutcome(action, null), { message: '', tone: '' });
  }
});

test('each outcome names what was written and where', () => {
  const backup = dataOutcome('backup', { file: { path: '/b/x.rapport-backup' }, entries: 1200, partners: 1 });
  assert.match(backup.message, /1,200 entries and 1 partner to \/b\/x\.rapport-backup/);
  assert.match(backup.message, /encrypted/);
  assert.match(dataOutcome('export-markdown', { file: { path: '/m' }, files: 1 }).message, /Wrote 1 file into \/m/);
  const folder = dataOutcome('import', { file_name: 'notes', entries: 5, rows: 5, partner_links: 0, skipped: 2, partners: 2, undated: 1 }, 'markdown');
  assert.equal(
    folder.message,
    'Imported 5 entries, 2 new partners from notes. 2 files without text, or of meetings, were left out. 1 note had no date of its own and is dated by its file\'s last change.',
  );
  const imported = dataOutcome('import', { file_name: 'Journal.json', entries: 3, partner_links: 2, skipped: 1 });
  assert.equal(imported.message, 'Imported 3 entries, 2 links to partners from Journal.json. 1 entry without text was left out.');
});

function fakeView() {
  const calls = [];
  let handler = null;
  return {
    calls,
    fire: (action, source) => handler(action, source),
    bindAction: (h) => { handler = h; },
    showBusy: (busy) => calls.push(['busy', busy]),
    showMessage: (message, tone) => calls.push(['message', message, tone]),
    clear: () => calls.push(['clear']),
  };
}

function memoryStorage() {
  const map = new Map();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => map.set(k, v) };
}

test('the folder used last is where the next dialog starts; an import reloads the journal', async () => {
  const view = fakeView();
  const asked = [];
  let changed = 0;
  const api = {
    exportVault: async (kind, directory) => { asked.push([kind, directory]); return { file: { path: '/out/x.json', directory: '/out' } }; },
    importFile: async (source, directory) => { asked.push([source, directory]); return { file_name: 'j.json', entries: 2, partner_links: 0, skipped: 0 }; },
  };
  const data = new DataController(api, view, { changed: async () => { changed += 1; } }, memoryStorage());
  await data.run('export-json');
  await data.run('import', 'jrnl');
  assert.deepEqual(asked, [['json', undefined], ['jrnl', '/out']]);
  assert.equal(changed, 1);
  assert.deepEqual(view.calls.at(-1), ['message', 'Imported 2 entries from j.json.', 'done']);
});

test('an error is said in place and the next action runs', async () => {
  const view = fakeView();
  let calls = 0;
  const api = { backupVault: async () => { calls += 1; throw new ApiError('internal', 'could not write the backup: disk full'); } };
  const data = new DataController(api, view, { changed: async () => {} }, memoryStorage());
  await data.run('backup');
  assert.deepEqual(view.calls.at(-1), ['message', 'Could not write the backup: disk full.', 'error']);
  await data.run('backup');
  assert.equal(calls, 2);
});

test('a call the vault went away under never answers (api.js); after the lock the next one runs', async () => {
  const view = fakeView();
  let calls = 0;
  const api = { backupVault: () => { calls += 1; return calls === 1 ? new Promise(() => {}) : null; } };
  const data = new DataController(api, view, { changed: async () => {} }, memoryStorage());
  data.run('backup');
  await new Promise((resolve) => setTimeout(resolve, 0));
  await data.run('backup');
  assert.equal(calls, 1, 'one action at a time');
  data.clear();
  await data.run('backup');
  assert.equal(calls, 2);
});
