// Wires "Your data" (Settings) to the api: backups, the vault check, export-all and imports.
// Files are chosen in the native dialog by Rust; the page only remembers the last folder.

import { VAULT_GONE } from './api.js';
import { dataOutcome } from './data.js';
import { sentence } from './format.js';

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
  #running = false;

  /**
   * `session` = {vaultGone(error), changed()}: changed() after an import, so the journal
   * reloads. `storage` keeps the last folder used (localStorage).
   */
  constructor(api, view, session, storage = globalThis.localStorage) {
    this.#api = api;
    this.#view = view;
    this.#session = session;
    this.#storage = storage;
    view.bindAction((action, source) => this.run(action, source));
  }

  get #directory() {
    try {
      return this.#storage?.getItem('rapport.dataDirectory') || undefined;
    } catch {
      return undefined;
    }
  }

  #remember(directory) {
    try {
      if (directory) this.#storage?.setItem('rapport.dataDirectory', directory);
    } catch {
      // Storage refused (private mode, quota): the dialog simply starts in its default folder.
    }
  }

  async run(action, source) {
    if (this.#running || !(action in BUSY)) return;
    this.#running = true;
    this.#view.showBusy(true, BUSY[action]);
    try {
      const result = await this.#call(action, source);
      const outcome = dataOutcome(action, result);
      this.#remember(result?.file?.directory);
      this.#view.showBusy(false);
      this.#view.showMessage(outcome.message, outcome.tone);
      if (action === 'import' && result) await this.#session.changed();
    } catch (error) {
      this.#view.showBusy(false);
      if (VAULT_GONE.has(error.kind)) {
        this.#view.clear();
        this.#session.vaultGone(error);
      } else {
        this.#view.showMessage(sentence(error.message), 'error');
      }
    } finally {
      this.#running = false;
    }
  }

  #call(action, source) {
    switch (action) {
      case 'backup': return this.#api.backupVault(this.#directory);
      case 'check': return this.#api.checkVault().then(() => ({ checked: true }));
      case 'export-json': return this.#api.exportVault('json', this.#directory);
      case 'export-markdown': return this.#api.exportVault('markdown', this.#directory);
      case 'import': return this.#api.importFile(source, this.#directory);
      default: return Promise.resolve(null);
    }
  }

  clear() {
    this.#view.clear();
  }
}
