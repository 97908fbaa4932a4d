// Settings → Security and its dialog: what unlocking takes, the buttons for each change, and
// the dialog that asks for the secrets a change needs and shows a new recovery key once. Owns
// that DOM (ui/parts/dialogs.html); the security controller decides what the buttons do.

import { Modal, field, one } from './dom.js';

export class SecurityView {
  #doc;
  #actions;
  #dialog;
  #form;
  #mode = null;
  #busy = false;
  #keyShown = false;
  #onSubmit = () => {};
  #onDone = () => {};

  constructor(doc = document) {
    this.#doc = doc;
    this.#actions = [...doc.querySelectorAll('[data-security-action]')];
    this.#dialog = new Modal(one(doc, '[data-dialog="security"]'));
    this.#form = one(doc, '[data-form="security"]');
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      // After a new recovery key is shown, the button says the person has it and closes.
      if (this.#mode) {
        this.#onSubmit(this.#values());
      } else if (this.#keyShown) {
        this.#keyShown = false;
        this.#onDone();
        this.closeDialog();
      }
    });
    // Esc and the backdrop do not close it while a change runs or a new key is on screen: the
    // key would be gone unseen. (Locking still closes it; the vault then says the key is unseen.)
    this.#dialog.element.addEventListener('cancel', (event) => {
      if (this.#busy || this.#keyShown) event.preventDefault();
    });
    one(this.#form, '[data-action="security-cancel"]').addEventListener('click', () => this.closeDialog());
    // Secrets never outlive the dialog.
    this.#dialog.element.addEventListener('close', () => this.#reset());
    // What was done is said while Settings is open; closing it starts afresh.
    doc.querySelector('[data-dialog="settings"]')?.addEventListener('close', () => this.showMessage(''));
  }

  /** `handler(name)`: name is require, change, keychain, recovery or rekey. */
  bindAction(handler) {
    for (const button of this.#actions) {
      button.addEventListener('click', () => handler(button.dataset.securityAction));
    }
  }

  /** `handler({current, passphrase, confirmation})` when the dialog's form is sent. */
  bindSubmit(handler) {
    this.#onSubmit = handler;
  }

  /** `handler()` when the person says they have written the new recovery key down. */
  bindDone(handler) {
    this.#onDone = handler;
  }

  bindCopy(handler) {
    one(this.#form, '[data-action="security-copy"]').addEventListener('click', () =>
      handler(field(this.#form, 'security-key').textContent),
    );
  }

  /** The section: `facts` from unlockFacts(), `actions` the unlocking changes offered. */
  showFacts(facts, actions) {
    field(this.#doc, 'security-lead').textContent = facts.lead;
    field(this.#doc, 'security-unlock-hint').textContent = facts.hint;
    const warning = field(this.#doc, 'security-warning');
    warning.textContent = facts.warning;
    warning.hidden = !facts.warning;
    for (const button of this.#actions) {
      const name = button.dataset.securityAction;
      if (['require', 'change', 'keychain'].includes(name)) button.hidden = !actions.includes(name);
    }
  }

  /** tone: 'done', 'error' or '' (neutral). */
  showMessage(message, tone = '') {
    const status = field(this.#doc, 'security-status');
    status.textContent = message;
    status.dataset.tone = tone;
    if (message) status.scrollIntoView?.({ block: 'nearest' });
  }

  /** Opens the dialog for `mode` (securityMode()). */
  openDialog(mode) {
    this.#reset();
    this.#mode = mode;
    field(this.#form, 'security-title').textContent = mode.title;
    field(this.#form, 'security-why').textContent = mode.why;
    field(this.#form, 'security-current-field').hidden = !mode.current;
    field(this.#form, 'security-new-field').hidden = !mode.fresh;
    field(this.#form, 'security-confirm-field').hidden = !mode.fresh;
    this.#submitButton.textContent = mode.submit;
    const first = mode.current ? '#security-current' : mode.fresh ? '#security-new' : '[data-action="security-submit"]';
    this.#dialog.open(one(this.#form, first));
  }

  showBusy(busy) {
    this.#busy = busy;
    this.#submitButton.disabled = busy;
    this.#submitButton.textContent = busy ? this.#mode?.busy ?? '' : this.#mode?.submit ?? '';
    for (const input of this.#form.querySelectorAll('input')) input.disabled = busy;
    one(this.#form, '[data-action="security-cancel"]').disabled = busy;
    this.#form.setAttribute('aria-busy', String(busy));
  }

  /** `field`: 'current', 'passphrase' or 'confirm' (focused), or null for the whole form. */
  showError(message, name = null) {
    const error = field(this.#form, 'security-error');
    error.textContent = message;
    error.hidden = !message;
    const input = { current: '#security-current', passphrase: '#security-new', confirm: '#security-confirm' }[name];
    for (const each of this.#form.querySelectorAll('input')) each.removeAttribute('aria-invalid');
    if (input) {
      const target = one(this.#form, input);
      target.setAttribute('aria-invalid', 'true');
      target.focus();
      target.select?.();
    }
  }

  /**
   * The change is made and made a recovery key: the dialog shows it once, and the only way on
   * is "I have written it down".
   */
  showRecoveryKey(recoveryKey, done) {
    this.showBusy(false);
    this.#clearInputs();
    for (const name of ['security-current-field', 'security-new-field', 'security-confirm-field']) {
      field(this.#form, name).hidden = true;
    }
    field(this.#form, 'security-why').textContent = `${done} Write the new key down or keep it in your password manager: it will not be shown again.`;
    field(this.#form, 'security-key').textContent = recoveryKey;
    field(this.#form, 'security-key-box').hidden = false;
    one(this.#form, '[data-action="security-cancel"]').hidden = true;
    this.#mode = null;
    this.#keyShown = true;
    this.#submitButton.textContent = 'I have written it down';
    this.#submitButton.focus();
  }

  showCopied(copied) {
    field(this.#form, 'security-foot').textContent = copied
      ? 'Copied. Paste it where you keep secrets, then clear your clipboard.'
      : 'The clipboard refused it: write it down instead.';
  }

  closeDialog() {
    this.#dialog.close();
  }

  /** Locking: the dialog goes, whatever it showed. */
  dismiss() {
    this.#keyShown = false;
    this.#busy = false;
    this.#dialog.dismiss();
    this.showMessage('');
  }

  get #submitButton() {
    return one(this.#form, '[data-action="security-submit"]');
  }

  #values() {
    const value = (selector) => one(this.#form, selector).value;
    return { current: value('#security-current'), passphrase: value('#security-new'), confirmation: value('#security-confirm') };
  }

  #clearInputs() {
    for (const input of this.#form.querySelectorAll('input')) input.value = '';
  }

  #reset() {
    this.#mode = null;
    this.#keyShown = false;
    this.#clearInputs();
    this.showError('');
    this.showBusy(false);
    field(this.#form, 'security-key').textContent = '';
    field(this.#form, 'security-key-box').hidden = true;
    field(this.#form, 'security-foot').textContent = '';
    one(this.#form, '[data-action="security-cancel"]').hidden = false;
  }
}
