// Wires the view to the api: decides which screen to show from the vault's state and errors.

import { TIMELINE_LIMIT, sentence } from './format.js';

export class Controller {
  #api;
  #view;
  /** The last vault status seen, for the data directory shown on every screen. */
  #status = null;
  /** The status of a vault just created, kept until its recovery key has been confirmed. */
  #created = null;

  constructor(api, view) {
    this.#api = api;
    this.#view = view;
    view.bindCreate(() => this.#create());
    view.bindConfirmSaved(() => this.#confirmSaved());
    view.bindUnlock((passphrase) => this.#unlock(passphrase));
    view.bindRetry(() => this.start());
  }

  /** Reads the vault's state and shows the screen that goes with it. */
  async start() {
    this.#view.showLoading();
    try {
      let status = await this.#api.vaultStatus();
      this.#status = status;
      if (status.state === 'absent') {
        this.#view.showWelcome(status);
        return;
      }
      if (status.state === 'locked' && status.protection === 'passphrase') {
        this.#view.showUnlock(status);
        return;
      }
      if (status.state === 'locked') {
        // A keychain vault opens without asking; usually the app has opened it already.
        status = await this.#api.unlockVault();
      }
      await this.#openJournal(status);
    } catch (error) {
      this.#showError(error);
    }
  }

  async #create() {
    this.#view.showCreating(true);
    try {
      const created = await this.#api.createVault();
      this.#created = created.status;
      this.#status = created.status;
      this.#view.showRecoveryKey(created.recovery_key);
    } catch (error) {
      if (error.kind === 'vault_exists') {
        await this.start();
      } else {
        this.#view.showCreateError(sentence(error.message));
      }
    }
  }

  async #confirmSaved() {
    this.#view.clearRecoveryKey();
    const status = this.#created;
    this.#created = null;
    try {
      await this.#openJournal(status ?? (await this.#api.vaultStatus()));
    } catch (error) {
      this.#showError(error);
    }
  }

  async #unlock(passphrase) {
    if (passphrase === '') {
      this.#view.showUnlockError('Enter your passphrase.');
      return;
    }
    this.#view.showUnlocking(true);
    try {
      const status = await this.#api.unlockVault(passphrase);
      await this.#openJournal(status);
    } catch (error) {
      if (error.kind === 'wrong_passphrase') {
        this.#view.showUnlockError('That passphrase does not open this vault. Check it and try again.');
      } else if (error.kind === 'invalid_input') {
        this.#view.showUnlockError(sentence(error.message));
      } else {
        this.#showError(error);
      }
    }
  }

  async #openJournal(status) {
    this.#status = status;
    const entries = await this.#api.latestEntries(TIMELINE_LIMIT);
    this.#view.showJournal(status, entries, new Date());
  }

  #showError(error) {
    const status = this.#status;
    switch (error.kind) {
      case 'no_vault':
        this.#view.showWelcome(status);
        break;
      case 'key_missing':
        this.#view.showKeyMissing(status);
        break;
      case 'locked':
        if (status?.protection === 'passphrase') {
          this.#view.showUnlock(status);
        } else {
          this.#showKeychainProblem(error, status);
        }
        break;
      case 'keychain_unavailable':
        this.#showKeychainProblem(error, status);
        break;
      default:
        this.#view.showProblem({
          title: 'Rapport could not open your journal',
          message: sentence(error.message),
          status,
        });
    }
  }

  #showKeychainProblem(error, status) {
    this.#view.showProblem({
      title: 'Rapport cannot reach your keychain',
      message: sentence(error.message),
      status,
    });
  }
}
