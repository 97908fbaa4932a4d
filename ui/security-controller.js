// Wires Settings → Security to the api: what unlocking takes, and each change (a passphrase
// required, changed or given up, a new recovery key, a new encryption key). Knows nothing of
// the DOM (security-view.js does that) and keeps no secret after a change is sent.

import { sentence } from './format.js';
import { securityFailure, securityMode, securityProblem, unlockActions, unlockFacts } from './security.js';

export class SecurityController {
  #api;
  #view;
  #session;
  #clipboard;
  #protection = null;
  #mode = null;

  /**
   * `session`: {changed(status)} — `changed` tells the rest of the app the
   * vault's new status (its protection shows in the status line and decides the lock screen).
   */
  constructor(api, view, session, { clipboard = globalThis.navigator?.clipboard } = {}) {
    this.#api = api;
    this.#view = view;
    this.#session = session;
    this.#clipboard = clipboard;
    view.bindAction((name) => this.open(name));
    view.bindSubmit((values) => this.#submit(values));
    view.bindCopy((key) => this.#copy(key));
    view.bindDone(() => this.#keyWrittenDown());
  }

  /** Locking: the dialog and what it held go; what unlocking takes is read again next time. */
  clear() {
    this.#mode = null;
    this.#protection = null;
    this.#view.dismiss();
  }

  /** The person has the new recovery key: the vault stops saying it may be unseen. */
  async #keyWrittenDown() {
    try {
      await this.#api.recoveryKeyShown();
      this.#showProtection(this.#protection);
    } catch {
      // The vault keeps saying the key may be unseen; the next "I have it" tries again.
    }
  }

  /** Reads how the vault unlocks now and shows it (Settings was opened). */
  async show() {
    try {
      const status = await this.#api.securityStatus();
      this.#showProtection(status.protection, status.recovery_key_unseen);
    } catch (error) {
      this.#view.showMessage(sentence(error.message), 'error');
    }
  }

  /** Opens the dialog of change `name` (require, change, keychain, recovery, rekey). */
  async open(name) {
    if (this.#protection === null) await this.show();
    const mode = securityMode(name, this.#protection);
    if (!mode) return;
    this.#mode = mode;
    this.#view.showMessage('');
    this.#view.openDialog(mode);
  }

  #showProtection(protection, recoveryKeyUnseen = false) {
    this.#protection = protection;
    this.#view.showFacts(unlockFacts(protection, recoveryKeyUnseen), unlockActions(protection));
  }

  async #submit(values) {
    const mode = this.#mode;
    if (!mode) return;
    const problem = securityProblem(mode, values);
    if (problem) {
      this.#view.showError(problem.message, problem.field);
      return;
    }
    const current = mode.current ? values.current : undefined;
    this.#view.showError('');
    this.#view.showBusy(true);
    try {
      const answer = await this.#send(mode.name, current, values.passphrase);
      this.#mode = null;
      this.#showProtection(answer.status.protection);
      this.#session.changed(answer.status);
      if (mode.key) {
        this.#view.showRecoveryKey(answer.recovery_key, mode.done);
      } else {
        this.#view.closeDialog();
        const left = answer.keychain_entry_left
          ? ' The keychain kept the old entry ("rapport", vault-…): remove it in your keychain app, or the vault still opens without the passphrase.'
          : '';
        this.#view.showMessage(`${mode.done}${left}`, left ? 'error' : 'done');
      }
    } catch (error) {
      this.#view.showBusy(false);
      const failure = securityFailure(error);
      this.#view.showError(failure?.message ?? sentence(error.message), failure?.field ?? null);
    }
  }

  #send(name, current, passphrase) {
    switch (name) {
      case 'require':
      case 'change':
        return this.#api.setPassphrase({ current, newPassphrase: passphrase });
      case 'keychain':
        return this.#api.useKeychain({ current });
      case 'recovery':
        return this.#api.newRecoveryKey({ current });
      default:
        return this.#api.rekeyVault({ current });
    }
  }

  async #copy(key) {
    try {
      await this.#clipboard.writeText(key);
      this.#view.showCopied(true);
    } catch {
      this.#view.showCopied(false);
    }
  }
}
