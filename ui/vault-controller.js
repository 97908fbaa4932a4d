// Wires the vault's screens to the api: which screen to show from the vault's state and errors,
// creating, unlocking, recovering and locking. The open journal is the journal controller's.

import { sentence } from './format.js';
import { newPassphraseProblem, recoveryKeyLooksComplete } from './forms.js';
import { autoLockLabel } from './idle.js';

/** A journal that does nothing, for tests of the vault screens alone. */
const NO_JOURNAL = { open: async () => {}, clear: () => {}, newEntry: () => {} };

export class VaultController {
  #api;
  #view;
  #journal;
  #autoLock;
  /** The last vault status seen, for the data directory shown on every screen. */
  #status = null;
  /** The status of a vault just created, kept until its recovery key has been confirmed. */
  #created = null;
  #locking = false;
  #requirePassphrase;
  /** The global capture shortcut was pressed while the vault was not open. */
  #captureWaiting = false;

  /**
   * `journal`: the open journal's controller ({open(status), clear()}); `autoLock`: an AutoLock
   * (idle.js) whose onIdle calls lock(); `requirePassphrase()`: opens Settings → Security's
   * "Require a passphrase" (offered on the lock screen of a keychain vault). All optional for
   * tests.
   */
  constructor(api, view, { journal = NO_JOURNAL, autoLock = null, requirePassphrase = () => {} } = {}) {
    this.#api = api;
    this.#view = view;
    this.#journal = journal;
    this.#autoLock = autoLock;
    this.#requirePassphrase = requirePassphrase;
    view.bindCreate(() => this.#create());
    view.bindCreateWithPassphrase((passphrase, confirmation) => this.#createWithPassphrase(passphrase, confirmation));
    view.bindConfirmSaved(() => this.#confirmSaved());
    view.bindUnlock((passphrase) => this.#unlock(passphrase));
    view.bindUnlockKeychain(() => this.#unlockKeychain());
    view.bindRequirePassphrase(async () => {
      if (await this.#unlockKeychain()) await this.#requirePassphrase();
    });
    view.bindForgotPassphrase(() => this.#view.showRecover(this.#status, 'forgot'));
    view.bindRecover((key, passphrase, confirmation) => this.#recover(key, passphrase, confirmation));
    view.bindRestoreStart(() => this.#chooseBackup());
    view.bindRestore((secrets) => (secrets ? this.#restore(secrets) : this.start()));
    view.bindRetry(() => this.start());
    view.bindWindowFocus(() => this.#takeCaptureRequest());
  }

  /**
   * Reads the vault's state and shows the screen that goes with it. `asked`: the answer to a
   * vault_status already sent (main.js asks before it builds the views).
   */
  async start(asked = null) {
    this.#view.showLoading();
    try {
      let status = await (asked ?? this.#api.vaultStatus());
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

  /**
   * Locks now: what is being typed is kept first (as a draft, for a moment at most), then the
   * page is cleared (nothing of the journal stays on screen even if the call fails), then the
   * vault drops its key and connection.
   */
  async lock(reason = '') {
    if (this.#locking) return;
    this.#locking = true;
    this.#autoLock?.stop();
    await this.#journal.keepTyping?.();
    this.#journal.clear();
    const status = { ...(this.#status ?? {}), state: 'locked', entry_count: null, partner_count: null };
    this.#status = status;
    this.#showLockedScreen(status, reason);
    try {
      this.#status = await this.#api.lockVault();
    } catch (error) {
      this.#view.showProblem({
        title: 'Rapport could not close the vault',
        message: `${sentence(error.message)} Quit Rapport to be sure it is closed.`,
        status,
      });
    } finally {
      this.#locking = false;
    }
  }

  /** The open vault's status changed (its protection, in Settings → Security). */
  statusChanged(status) {
    this.#status = status;
  }

  /** Locks because nothing happened for the configured time. */
  lockWhenIdle() {
    const minutes = this.#autoLock?.minutes;
    return this.lock(minutes ? `Locked after ${autoLockLabel(minutes)} without activity.` : '');
  }

  /**
   * A journal command found the vault closed (or its key gone): show the way back in. The api
   * tells this for every such command (api.js); once the journal is gone, or before it was ever
   * open, there is nothing to end.
   */
  vaultGone(error) {
    if (this.#status?.state !== 'open') return;
    this.#status = { ...(this.#status ?? {}), state: 'locked' };
    this.#autoLock?.stop();
    this.#journal.clear();
    this.#showError(error);
  }

  async #create() {
    this.#view.showCreating(true);
    try {
      const created = await this.#api.createVault();
      this.#vaultCreated(created);
    } catch (error) {
      if (error.kind === 'vault_exists') {
        await this.start();
      } else if (error.kind === 'keychain_unavailable') {
        this.#view.showPassphraseChoice(
          `This computer has no keychain Rapport can use, so protect your vault with a passphrase instead. (${sentence(error.message)})`,
        );
      } else {
        this.#view.showCreateError(sentence(error.message));
      }
    }
  }

  async #createWithPassphrase(passphrase, confirmation) {
    const problem = newPassphraseProblem(passphrase, confirmation);
    if (problem) {
      this.#view.showCreatePassphraseError(problem.message, problem.field);
      return;
    }
    this.#view.showCreating(true);
    try {
      const created = await this.#api.createVault(passphrase);
      this.#vaultCreated(created);
    } catch (error) {
      if (error.kind === 'vault_exists') {
        await this.start();
      } else {
        this.#view.showCreatePassphraseError(sentence(error.message));
      }
    }
  }

  #vaultCreated(created) {
    this.#created = created.status;
    this.#status = created.status;
    this.#view.showRecoveryKey(created.recovery_key, created.status);
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

  /** Unlocks a keychain vault; true when the journal is open. */
  async #unlockKeychain() {
    this.#view.showUnlockingKeychain(true);
    try {
      const status = await this.#api.unlockVault();
      await this.#openJournal(status);
      return true;
    } catch (error) {
      if (error.kind === 'keychain_unavailable') {
        this.#view.showLockedError(sentence(error.message));
      } else {
        this.#showError(error);
      }
      return false;
    }
  }

  async #recover(recoveryKey, passphrase, confirmation) {
    if (!recoveryKeyLooksComplete(recoveryKey)) {
      this.#view.showRecoverError(
        'A recovery key has 32 letters and digits, in eight groups of four. Check it against your copy.',
        'recovery_key',
      );
      return;
    }
    const needsPassphrase = this.#status?.protection === 'passphrase';
    if (needsPassphrase) {
      const problem = newPassphraseProblem(passphrase, confirmation);
      if (problem) {
        this.#view.showRecoverError(problem.message, problem.field);
        return;
      }
    }
    this.#view.showRecovering(true);
    try {
      const status = await this.#api.recoverVault(recoveryKey, needsPassphrase ? passphrase : undefined);
      this.#view.clearRecoverForm();
      await this.#openJournal(status);
    } catch (error) {
      // A wrong key, a key for another vault, a refused passphrase: all are said on the form,
      // which stays filled in so a typo can be fixed.
      if (error.kind === 'no_vault') this.#showError(error);
      else this.#view.showRecoverError(sentence(error.message), 'recovery_key');
    }
  }

  /** A new computer: pick the backup file in the native dialog, then ask for its secret. */
  async #chooseBackup() {
    try {
      const chosen = await this.#api.chooseBackup();
      if (chosen) this.#view.showRestore(this.#status, chosen.file_name);
    } catch (error) {
      if (error.kind === 'vault_exists') await this.start();
      else if (this.#view.restoreShown()) this.#view.showRestoreError(sentence(error.message));
      else this.#view.showCreateError(sentence(error.message));
    }
  }

  async #restore({ recoveryKey, passphrase, newPassphrase, confirmation }) {
    const byKey = passphrase === '';
    if (byKey && !recoveryKeyLooksComplete(recoveryKey)) {
      this.#view.showRestoreError(
        'A recovery key has 32 letters and digits, in eight groups of four. Check it against your copy.',
        'recovery_key',
      );
      return;
    }
    if (newPassphrase !== '' || confirmation !== '') {
      const problem = newPassphraseProblem(newPassphrase, confirmation);
      if (problem) {
        this.#view.showRestoreError(problem.message, problem.field === 'confirm' ? 'confirm' : 'new_passphrase');
        return;
      }
    }
    this.#view.showRestoring(true);
    try {
      const status = await this.#api.restoreBackup(
        byKey
          ? { recoveryKey, newPassphrase: newPassphrase || undefined }
          : { passphrase },
      );
      this.#view.clearRestoreForm();
      await this.#openJournal(status);
    } catch (error) {
      switch (error.kind) {
        case 'keychain_unavailable':
          this.#view.showRestoreNeedsPassphrase();
          break;
        case 'vault_exists':
          await this.start();
          break;
        case 'wrong_recovery_key':
          this.#view.showRestoreError('That recovery key does not open this backup. Check it against your copy.', 'recovery_key');
          break;
        case 'wrong_passphrase':
          this.#view.showRestoreError('That passphrase does not open this backup.', 'passphrase');
          break;
        default:
          // A damaged backup, a disk error: said on the form; nothing was written.
          this.#view.showRestoreError(sentence(error.message), byKey ? 'recovery_key' : 'passphrase');
      }
    }
  }

  async #openJournal(status) {
    this.#status = status;
    this.#view.showJournal(status);
    this.#autoLock?.start();
    await this.#journal.open(status);
    if (this.#captureWaiting) {
      this.#captureWaiting = false;
      this.#journal.newEntry();
    }
  }

  /** After the global shortcut: capture now, or right after the vault is unlocked. */
  async #takeCaptureRequest() {
    let requested = false;
    try {
      requested = await this.#api.takeCaptureRequest();
    } catch {
      return;
    }
    if (!requested) return;
    if (this.#status?.state === 'open' && !this.#locking) this.#journal.newEntry();
    else this.#captureWaiting = true;
  }

  #showLockedScreen(status, reason) {
    if (status.protection === 'passphrase') this.#view.showUnlock(status, '');
    else this.#view.showLocked(status, reason);
  }

  #showError(error) {
    const status = this.#status;
    switch (error.kind) {
      case 'no_vault':
        this.#view.showWelcome(status);
        break;
      case 'key_missing':
        this.#view.showRecover(status, 'key-missing');
        break;
      case 'locked':
        if (status?.protection === 'passphrase') {
          this.#view.showUnlock(status);
        } else {
          this.#view.showLocked(status);
        }
        break;
      case 'keychain_unavailable':
        this.#view.showProblem({
          title: 'Rapport cannot reach your keychain',
          message: `${sentence(error.message)} Unlock your keyring or sign in to your desktop session, then try again.`,
          status,
        });
        break;
      default:
        this.#view.showProblem({
          title: 'Rapport could not open your journal',
          message: sentence(error.message),
          status,
        });
    }
  }
}
