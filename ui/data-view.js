// The "Your data" part of Settings: backup, check, export and import buttons and one status
// line. Owns that DOM; the data controller decides what the buttons do.

import { field } from './dom.js';

export class DataView {
  #doc;
  #status;
  #source;
  #buttons;

  constructor(doc = document) {
    this.#doc = doc;
    this.#status = field(doc, 'data-status');
    this.#source = field(doc, 'import-source');
    this.#buttons = [...doc.querySelectorAll('[data-data-action]')];
    // What was done is said while Settings is open; closing it starts afresh.
    doc.querySelector('[data-dialog="settings"]')?.addEventListener('close', () => {
      if (!this.#buttons[0]?.disabled) this.showMessage('');
    });
  }

  /** `handler(action, source)`: action is backup, check, export-json, export-markdown or import. */
  bindAction(handler) {
    for (const button of this.#buttons) {
      button.addEventListener('click', () => handler(button.dataset.dataAction, this.#source.value));
    }
  }

  /** While one runs, the others wait: they all use the vault and the native dialog. */
  showBusy(busy, message = '') {
    for (const button of this.#buttons) button.disabled = busy;
    this.#source.disabled = busy;
    if (busy) this.showMessage(message, 'busy');
    this.#doc.querySelector('[data-field="data-settings"]')?.setAttribute('aria-busy', String(busy));
  }

  /** tone: 'done', 'error', 'busy' or '' (neutral). */
  showMessage(message, tone = '') {
    this.#status.textContent = message;
    this.#status.dataset.tone = tone;
    // Settings scrolls on a small window: keep what was said in sight.
    if (message) this.#status.scrollIntoView?.({ block: 'nearest' });
  }

  clear() {
    this.showBusy(false);
    this.showMessage('');
  }
}
