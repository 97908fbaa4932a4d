// The shell's view: owns the DOM. Exposes bind*() hooks for the controller and show*() updates.
// User text (notes, tags, partner names) enters the page only through textContent.

import {
  fullDateLabel,
  groupByDay,
  kindLabel,
  timeLabel,
  timelineSummary,
  vaultFacts,
} from './format.js';

const SCREENS = ['loading', 'welcome', 'recovery', 'unlock', 'key-missing', 'problem', 'journal'];
const KNOWN_KINDS = new Set(['note', 'win', 'concern', 'reflection', 'feedback']);

export class View {
  constructor(doc = document) {
    this.doc = doc;
    this.app = doc.getElementById('app');
    this.screens = new Map(SCREENS.map((name) => [name, this.#one(`[data-screen="${name}"]`)]));
    this.createButton = this.#one('[data-action="create"]');
    this.createError = this.#field('create-error');
    this.recoveryKey = this.#field('recovery-key');
    this.copyStatus = this.#field('copy-status');
    this.savedConfirm = this.#field('saved-confirm');
    this.confirmSavedButton = this.#one('[data-action="confirm-saved"]');
    this.unlockForm = this.#one('[data-form="unlock"]');
    this.passphrase = this.unlockForm.elements.namedItem('passphrase');
    this.unlockButton = this.#one('[data-action="unlock"]');
    this.unlockError = this.#field('unlock-error');
    this.problemTitle = this.#field('problem-title');
    this.problemMessage = this.#field('problem-message');
    this.vaultFacts = this.#field('vault-facts');
    this.vaultDir = this.#field('vault-dir');
    this.timelineSummary = this.#field('timeline-summary');
    this.empty = this.#field('empty');
    this.timeline = this.#field('timeline');
    this.dayTemplate = doc.getElementById('day-template');
    this.entryTemplate = doc.getElementById('entry-template');

    this.savedConfirm.addEventListener('change', () => {
      this.confirmSavedButton.disabled = !this.savedConfirm.checked;
    });
    this.#bindCopy('copy-key', 'recovery-key', 'copy-status', 'Copied. Now store it somewhere safe.');
    this.#bindCopy('copy-command', 'recover-command', 'command-copy-status', 'Copied. Paste it into a terminal.');
  }

  // ---- hooks for the controller ----

  bindCreate(handler) {
    this.createButton.addEventListener('click', () => handler());
  }

  bindConfirmSaved(handler) {
    this.confirmSavedButton.addEventListener('click', () => handler());
  }

  bindUnlock(handler) {
    this.unlockForm.addEventListener('submit', (event) => {
      event.preventDefault();
      handler(this.passphrase.value);
    });
  }

  bindRetry(handler) {
    for (const button of this.doc.querySelectorAll('[data-action="retry"]')) {
      button.addEventListener('click', () => handler());
    }
  }

  // ---- updates ----

  showLoading() {
    this.#switchTo('loading', { focus: false });
  }

  showWelcome(status) {
    this.#setDataDir(status);
    this.showCreating(false);
    this.createError.hidden = true;
    this.#switchTo('welcome');
  }

  showCreating(busy) {
    this.createButton.disabled = busy;
    this.createButton.textContent = busy ? 'Creating your vault…' : 'Create my vault';
  }

  showCreateError(message) {
    this.showCreating(false);
    this.createError.textContent = message;
    this.createError.hidden = false;
  }

  showRecoveryKey(recoveryKey) {
    this.recoveryKey.textContent = recoveryKey;
    this.savedConfirm.checked = false;
    this.confirmSavedButton.disabled = true;
    this.#switchTo('recovery');
  }

  /** Forgets the recovery key as soon as the person has confirmed saving it. */
  clearRecoveryKey() {
    this.recoveryKey.textContent = '';
  }

  showUnlock(status) {
    this.#setDataDir(status);
    this.showUnlocking(false);
    this.unlockError.hidden = true;
    this.passphrase.removeAttribute('aria-invalid');
    this.passphrase.value = '';
    this.#switchTo('unlock', { focus: false });
    this.passphrase.focus();
  }

  showUnlocking(busy) {
    this.unlockButton.disabled = busy;
    this.passphrase.readOnly = busy;
    this.unlockButton.textContent = busy ? 'Unlocking…' : 'Unlock';
  }

  showUnlockError(message) {
    this.showUnlocking(false);
    this.unlockError.textContent = message;
    this.unlockError.hidden = false;
    this.passphrase.setAttribute('aria-invalid', 'true');
    this.passphrase.select();
    this.passphrase.focus();
  }

  showKeyMissing(status) {
    this.#setDataDir(status);
    this.#switchTo('key-missing');
  }

  showProblem({ title, message, status }) {
    this.#setDataDir(status);
    this.problemTitle.textContent = title;
    this.problemMessage.textContent = message;
    this.#switchTo('problem');
  }

  /** The open journal: status line and the latest entries grouped by local day. */
  showJournal(status, entries, now = new Date()) {
    this.vaultFacts.textContent = vaultFacts(status).join(' · ');
    this.vaultDir.textContent = status.data_dir;
    this.vaultDir.title = status.data_dir;
    const total = status.entry_count ?? entries.length;
    this.timelineSummary.textContent = timelineSummary(entries.length, total);
    this.empty.hidden = entries.length > 0;
    this.timeline.hidden = entries.length === 0;
    this.timeline.replaceChildren(
      ...groupByDay(entries, now).map((day) => this.#renderDay(day)),
    );
    this.#switchTo('journal');
  }

  // ---- internals ----

  #renderDay(day) {
    const node = this.dayTemplate.content.firstElementChild.cloneNode(true);
    node.querySelector('.day-label').textContent = day.label;
    node.querySelector('.day-entries').replaceChildren(
      ...day.entries.map(({ entry, date }) => this.#renderEntry(entry, date)),
    );
    return node;
  }

  #renderEntry(entry, date) {
    const node = this.entryTemplate.content.firstElementChild.cloneNode(true);
    node.dataset.entryId = String(entry.id);

    const time = node.querySelector('.entry-time');
    time.dateTime = date.toISOString();
    time.textContent = timeLabel(date);
    time.title = fullDateLabel(date);

    const badge = node.querySelector('.badge');
    badge.textContent = kindLabel(entry.kind);
    badge.dataset.kind = KNOWN_KINDS.has(entry.kind) ? entry.kind : 'note';

    const partners = node.querySelector('.entry-partners');
    partners.textContent = entry.partners.length > 0 ? `with ${entry.partners.join(', ')}` : '';
    partners.hidden = entry.partners.length === 0;

    node.querySelector('.entry-shareable').hidden = !entry.shareable;
    node.querySelector('.entry-body').textContent = entry.body;

    const tags = node.querySelector('.entry-tags');
    tags.replaceChildren(
      ...entry.tags.map((tag) => {
        const item = this.doc.createElement('li');
        item.className = 'tag';
        item.textContent = `#${tag}`;
        return item;
      }),
    );
    tags.hidden = entry.tags.length === 0;
    return node;
  }

  #switchTo(name, { focus = true } = {}) {
    for (const [screenName, screen] of this.screens) {
      screen.hidden = screenName !== name;
    }
    this.app.dataset.current = name;
    if (focus) {
      // Move focus to the new screen's heading so keyboard and screen-reader users start there.
      this.screens.get(name).querySelector('h1[tabindex="-1"]')?.focus({ preventScroll: true });
    }
  }

  #setDataDir(status) {
    const dir = status?.data_dir ?? '';
    for (const node of this.doc.querySelectorAll('[data-field="data-dir"]')) {
      node.textContent = dir;
      node.title = dir;
    }
  }

  #bindCopy(action, sourceField, statusField, doneMessage) {
    const button = this.#one(`[data-action="${action}"]`);
    const source = this.#field(sourceField);
    const status = this.#field(statusField);
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(source.textContent);
        status.textContent = doneMessage;
        button.textContent = 'Copied';
      } catch {
        // Clipboard access can be refused; select the text so the person can copy it by hand.
        const range = this.doc.createRange();
        range.selectNodeContents(source);
        const selection = this.doc.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        status.textContent = 'Copying was not allowed here. The text is selected: press Ctrl+C to copy it.';
      }
    });
  }

  #one(selector) {
    const node = this.doc.querySelector(selector);
    if (!node) throw new Error(`index.html is missing ${selector}`);
    return node;
  }

  #field(name) {
    return this.#one(`[data-field="${name}"]`);
  }
}
