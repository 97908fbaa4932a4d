// Wires "Your data" (Settings) to the api: backups, the vault check, export-all and imports.
// Files are chosen in the native dialog by Rust; the page only remembers the last folder, in the
// vault (remembered.js).

import { dataOutcome } from './data.js';
import { sentence } from './format.js';
import { recall, remember } from './remembered.js';

/** Where the last folder is remembered (in the vault), and where older versions kept it. */
export const FOLDER = 'data.folder';
export const LEGACY_FOLDER = 'rapport.dataDirectory';

const BUSY = {
  backup: 'Writing the backup…',
  check: 'Reading every page of the vault…',
  'export-json': 'Writing the export…',
  'export-markdown': 'Writing the Markdown files…',
  import: 'Importing… a large journal takes a few seconds.',
};

export class DataController {
  #api;
  #view;
  #session;
  #storage;
  /** The action under way; a call the vault went away under never settles, so `clear` resets it. */
  #running = false;
  /** The last folder used, once read from the vault (undefined: not read yet). */
  #folder = undefined;

  /**
   * `session` = {changed()}: changed() after an import, so the journal
   * reloads. `storage`: where an older Rapport kept the last folder (localStorage), moved into
   * the vault when first read.
   */
  constructor(api, view, session, storage = globalThis.localStorage) {
    this.#api = api;
    this.#view = view;
    this.#session = session;
    this.#storage = storage;
    view.bindAction((action, source) => this.run(action, source));
  }

  async #directory() {
    if (this.#folder === undefined) {
      const folder = await recall(this.#api, FOLDER, this.#storage, LEGACY_FOLDER);
      this.#folder = typeof folder === 'string' && folder !== '' ? folder : null;
    }
    return this.#folder ?? undefined;
  }

  #remember(directory) {
    if (!directory || directory === this.#folder) return;
    this.#folder = directory;
    remember(this.#api, FOLDER, directory);
  }

  async run(action, source) {
    if (this.#running || !(action in BUSY)) return;
    this.#running = true;
    this.#view.showBusy(true, BUSY[action]);
    try {
      const result = await this.#call(action, source);
      const outcome = dataOutcome(action, result, source);
      this.#remember(result?.file?.directory);
      this.#view.showBusy(false);
      this.#view.showMessage(outcome.message, outcome.tone);
      if (action === 'import' && result) await this.#session.changed();
      this.#running = false;
    } catch (error) {
      this.#running = false;
      this.#view.showBusy(false);
      this.#view.showMessage(sentence(error.message), 'error');
    }
  }

  async #call(action, source) {
    if (action === 'check') return this.#api.checkVault().then(() => ({ checked: true }));
    const directory = await this.#directory();
    switch (action) {
      case 'backup': return this.#api.backupVault(directory);
      case 'export-json': return this.#api.exportVault('json', directory);
      case 'export-markdown': return this.#api.exportVault('markdown', directory);
      case 'import': return this.#api.importFile(source, directory);
      default: return null;
    }
  }

  /** Locking: what was said goes, and the folder is read from the vault again next time. */
  clear() {
    this.#running = false;
    this.#folder = undefined;
    this.#view.clear();
  }
}
