// The vault's screens: welcome, recovery key, unlock, locked, recover, problem, and the switch
// to the open journal. Owns their DOM; exposes bind*() hooks for the controller and show*()
// updates. The open journal's own views live in shell-view.js and the views it assembles.

import { field, one } from './dom.js';
import { tidyRecoveryKey } from './forms.js';

const SCREENS = ['loading', 'welcome', 'recovery', 'unlock', 'locked', 'recover', 'restore', 'problem', 'journal'];

export class VaultView {
  constructor(doc = document) {
    this.doc = doc;
    this.app = doc.getElementById('app');
    this.screens = new Map(SCREENS.map((name) => [name, one(doc, `[data-screen="${name}"]`)]));

    // Welcome: keychain first, a passphrase on request.
    this.welcomeKeychain = field(doc, 'welcome-keychain');
    this.createButton = one(doc, '[data-action="create"]');
    this.createError = field(doc, 'create-error');
    this.welcomeIncomplete = field(doc, 'welcome-incomplete');
    this.passphraseForm = one(doc, '[data-form="create-passphrase"]');
    this.newPassphrase = this.passphraseForm.elements.namedItem('passphrase');
    this.confirmPassphrase = this.passphraseForm.elements.namedItem('confirm');
    this.createPassphraseButton = one(doc, '[data-action="create-with-passphrase"]');
    this.createPassphraseError = field(doc, 'create-passphrase-error');
    this.keychainReason = field(doc, 'keychain-reason');
    this.chooseKeychainButton = one(doc, '[data-action="choose-keychain"]');

    // Recovery key.
    this.recoveryWhy = field(doc, 'recovery-why');
    this.recoveryKey = field(doc, 'recovery-key');
    this.copyStatus = field(doc, 'copy-status');
    this.savedConfirm = field(doc, 'saved-confirm');
    this.confirmSavedButton = one(doc, '[data-action="confirm-saved"]');
    this.printSheet = field(doc, 'print-sheet');
    this.printKey = field(doc, 'print-key');
    this.printMeta = field(doc, 'print-meta');

    // Unlock (passphrase) and locked (keychain).
    this.unlockForm = one(doc, '[data-form="unlock"]');
    this.passphrase = this.unlockForm.elements.namedItem('passphrase');
    this.unlockButton = one(doc, '[data-action="unlock"]');
    this.unlockError = field(doc, 'unlock-error');
    this.unlockKeychainButton = one(doc, '[data-action="unlock-keychain"]');
    this.lockedReason = field(doc, 'locked-reason');
    this.lockedError = field(doc, 'locked-error');

    // Recover.
    this.recoverForm = one(doc, '[data-form="recover"]');
    this.recoveryKeyInput = this.recoverForm.elements.namedItem('recovery_key');
    this.recoverPassphrase = this.recoverForm.elements.namedItem('passphrase');
    this.recoverConfirm = this.recoverForm.elements.namedItem('confirm');
    this.recoverPassphraseFields = field(doc, 'recover-passphrase-fields');
    this.recoverButton = one(doc, '[data-action="recover"]');
    this.recoverError = field(doc, 'recover-error');
    this.recoverEyebrow = field(doc, 'recover-eyebrow');
    this.recoverTitle = field(doc, 'recover-title');
    this.recoverWhy = field(doc, 'recover-why');
    this.recoverBack = field(doc, 'recover-back');

    // Restore a backup (a new computer).
    this.restoreForm = one(doc, '[data-form="restore"]');
    this.restoreFile = field(doc, 'restore-file');
    this.restoreKey = this.restoreForm.elements.namedItem('recovery_key');
    this.restorePassphrase = this.restoreForm.elements.namedItem('passphrase');
    this.restoreNew = this.restoreForm.elements.namedItem('new_passphrase');
    this.restoreConfirm = this.restoreForm.elements.namedItem('confirm');
    this.restoreKeyField = field(doc, 'restore-key-field');
    this.restorePassphraseField = field(doc, 'restore-passphrase-field');
    this.restoreNewFields = field(doc, 'restore-new-passphrase');
    this.restoreButton = one(doc, '[data-action="restore"]');
    this.restoreToggle = one(doc, '[data-action="restore-toggle-secret"]');
    this.restoreError = field(doc, 'restore-error');
    this.restoreToggle.addEventListener('click', () => this.#showRestoreSecret(this.restoreKeyField.hidden ? 'key' : 'passphrase'));

    // Problem.
    this.problemTitle = field(doc, 'problem-title');
    this.problemMessage = field(doc, 'problem-message');

    this.savedConfirm.addEventListener('change', () => {
      this.confirmSavedButton.disabled = !this.savedConfirm.checked;
    });
    one(doc, '[data-action="choose-passphrase"]').addEventListener('click', () => this.showPassphraseChoice());
    this.chooseKeychainButton.addEventListener('click', () => this.#showKeychainChoice());
    this.#bindCopy();
    one(doc, '[data-action="print-key"]').addEventListener('click', () => this.#print());
    const win = doc.defaultView;
    win?.addEventListener('afterprint', () => this.#clearPrintSheet());
    for (const input of doc.querySelectorAll('.screen input')) {
      input.addEventListener('input', () => input.removeAttribute('aria-invalid'));
    }
    for (const input of [this.recoveryKeyInput, this.restoreKey]) {
      input.addEventListener('blur', () => {
        input.value = tidyRecoveryKey(input.value);
      });
    }
  }

  // ---- hooks for the controller ----

  bindCreate(handler) {
    this.createButton.addEventListener('click', () => handler());
  }

  /** `handler(passphrase, confirmation)` */
  bindCreateWithPassphrase(handler) {
    this.passphraseForm.addEventListener('submit', (event) => {
      event.preventDefault();
      handler(this.newPassphrase.value, this.confirmPassphrase.value);
    });
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

  bindUnlockKeychain(handler) {
    this.unlockKeychainButton.addEventListener('click', () => handler());
  }

  /** The lock screen's offer to require a passphrase: unlock, then open that setting. */
  bindRequirePassphrase(handler) {
    one(this.doc, '[data-action="require-passphrase"]').addEventListener('click', () => handler());
  }

  bindForgotPassphrase(handler) {
    one(this.doc, '[data-action="forgot-passphrase"]').addEventListener('click', () => handler());
  }

  /** `handler(recoveryKey, passphrase, confirmation)` */
  bindRecover(handler) {
    this.recoverForm.addEventListener('submit', (event) => {
      event.preventDefault();
      handler(this.recoveryKeyInput.value, this.recoverPassphrase.value, this.recoverConfirm.value);
    });
  }

  /** `handler()` for "Restore a backup" on the welcome screen and "Choose another file". */
  bindRestoreStart(handler) {
    for (const button of this.doc.querySelectorAll('[data-action="restore-start"], [data-action="restore-other"]')) {
      button.addEventListener('click', () => handler());
    }
  }

  /** `handler({recoveryKey, passphrase, newPassphrase, confirmation})`: the field not in use is ''. */
  bindRestore(handler) {
    this.restoreForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const byKey = !this.restoreKeyField.hidden;
      handler({
        recoveryKey: byKey ? this.restoreKey.value : '',
        passphrase: byKey ? '' : this.restorePassphrase.value,
        newPassphrase: this.restoreNewFields.hidden ? '' : this.restoreNew.value,
        confirmation: this.restoreNewFields.hidden ? '' : this.restoreConfirm.value,
      });
    });
    one(this.doc, '[data-action="restore-cancel"]').addEventListener('click', () => handler(null));
  }

  /** `handler()` when the window gains focus (the global capture shortcut brings it forward). */
  bindWindowFocus(handler) {
    this.doc.defaultView?.addEventListener('focus', () => handler());
  }

  bindRetry(handler) {
    for (const button of this.doc.querySelectorAll('[data-action="retry"], [data-action="recover-back"]')) {
      button.addEventListener('click', () => handler());
    }
  }

  // ---- updates ----

  showLoading() {
    this.#switchTo('loading', { focus: false });
  }

  showWelcome(status) {
    this.#setDataDir(status);
    this.welcomeIncomplete.hidden = !status?.incomplete;
    this.showCreating(false);
    this.createError.hidden = true;
    this.#showKeychainChoice();
    this.#switchTo('welcome');
  }

  showCreating(busy) {
    this.createButton.disabled = busy;
    this.createButton.textContent = busy ? 'Creating your vault…' : 'Create my vault';
    this.createPassphraseButton.disabled = busy;
    this.createPassphraseButton.textContent = busy ? 'Creating your vault…' : 'Create my vault';
    this.newPassphrase.readOnly = busy;
    this.confirmPassphrase.readOnly = busy;
  }

  showCreateError(message) {
    this.showCreating(false);
    this.createError.textContent = message;
    this.createError.hidden = false;
  }

  /**
   * The passphrase form. With `reason` (the keychain could not be used), says so and offers no
   * way back to the keychain.
   */
  showPassphraseChoice(reason = '') {
    this.showCreating(false);
    this.welcomeKeychain.hidden = true;
    this.passphraseForm.hidden = false;
    this.keychainReason.textContent = reason;
    this.keychainReason.hidden = reason === '';
    this.chooseKeychainButton.hidden = reason !== '';
    this.createPassphraseError.hidden = true;
    for (const input of [this.newPassphrase, this.confirmPassphrase]) {
      input.removeAttribute('aria-invalid');
    }
    this.#switchTo('welcome', { focus: false });
    this.newPassphrase.focus();
  }

  /** A problem with the passphrase form: `field` is "passphrase", "confirm" or null. */
  showCreatePassphraseError(message, fieldName = null) {
    this.showCreating(false);
    this.createPassphraseError.textContent = message;
    this.createPassphraseError.hidden = false;
    const input = fieldName === 'confirm' ? this.confirmPassphrase : this.newPassphrase;
    input.setAttribute('aria-invalid', 'true');
    input.select();
    input.focus();
  }

  showRecoveryKey(recoveryKey, status) {
    this.recoveryWhy.textContent =
      status?.protection === 'passphrase'
        ? 'Your vault opens with your passphrase. If you ever forget it, this recovery key is the only way back into your journal. Nobody else has a copy, and Rapport cannot show it again.'
        : 'Rapport keeps your vault’s key in this computer’s keychain, so you never have to type it. If that keychain entry is ever lost (a new computer, a reset keyring), this recovery key is the only way back into your journal. Nobody else has a copy.';
    this.recoveryKey.textContent = recoveryKey;
    this.savedConfirm.checked = false;
    this.confirmSavedButton.disabled = true;
    this.newPassphrase.value = '';
    this.confirmPassphrase.value = '';
    this.#switchTo('recovery');
  }

  /** Forgets the recovery key as soon as the person has confirmed saving it. */
  clearRecoveryKey() {
    this.recoveryKey.textContent = '';
    this.#clearPrintSheet();
    this.copyStatus.textContent =
      'Write it down, print it, or keep it in your password manager. It will not be shown again.';
  }

  showUnlock(status, message = '') {
    this.#setDataDir(status);
    this.showUnlocking(false);
    this.unlockError.hidden = true;
    this.passphrase.removeAttribute('aria-invalid');
    this.passphrase.value = '';
    this.#switchTo('unlock', { focus: false });
    this.passphrase.focus();
    if (message) this.showUnlockError(message);
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

  /** A keychain vault that was locked: one button opens it again. */
  showLocked(status, reason = '') {
    this.#setDataDir(status);
    this.lockedReason.textContent = reason || 'Your journal is closed and its key is out of memory.';
    this.lockedError.hidden = true;
    this.showUnlockingKeychain(false);
    this.#switchTo('locked', { focus: false });
    this.unlockKeychainButton.focus();
  }

  showUnlockingKeychain(busy) {
    this.unlockKeychainButton.disabled = busy;
    this.unlockKeychainButton.textContent = busy ? 'Unlocking…' : 'Unlock';
  }

  showLockedError(message) {
    this.showUnlockingKeychain(false);
    this.lockedError.textContent = message;
    this.lockedError.hidden = false;
    this.unlockKeychainButton.focus();
  }

  /**
   * The recovery form. `variant` "key-missing": a keychain vault whose key is not in this
   * keychain; "forgot": a passphrase vault whose passphrase is lost (a new one is asked for).
   */
  showRecover(status, variant) {
    this.#setDataDir(status);
    const forgot = variant === 'forgot';
    const passphraseVault = status?.protection === 'passphrase';
    this.recoverForm.dataset.variant = variant;
    this.recoverEyebrow.textContent = forgot ? 'Forgotten passphrase' : 'Vault locked';
    this.recoverTitle.textContent = forgot
      ? 'Restore access with your recovery key'
      : 'Your keychain has no key for this vault';
    this.recoverWhy.textContent = forgot
      ? 'Enter the recovery key you saved when you created the vault, then choose a new passphrase. Your journal stays exactly as it is.'
      : 'Your journal is safe and unchanged, but Rapport cannot open it without its key. This happens on a new computer, or after the keyring was reset. Enter the recovery key you saved when you created the vault.';
    this.recoverBack.textContent = forgot ? 'Back to unlock' : 'Try the keychain again';
    this.recoverPassphraseFields.hidden = !passphraseVault;
    this.recoveryKeyInput.value = '';
    this.recoverPassphrase.value = '';
    this.recoverConfirm.value = '';
    this.recoverError.hidden = true;
    for (const input of [this.recoveryKeyInput, this.recoverPassphrase, this.recoverConfirm]) {
      input.removeAttribute('aria-invalid');
    }
    this.showRecovering(false);
    this.#switchTo('recover', { focus: false });
    this.recoveryKeyInput.focus();
  }

  showRecovering(busy) {
    this.recoverButton.disabled = busy;
    this.recoverButton.textContent = busy ? 'Restoring access…' : 'Restore access';
  }

  /** A problem with the recovery form: `field` is "recovery_key", "passphrase", "confirm" or null. */
  showRecoverError(message, fieldName = 'recovery_key') {
    this.showRecovering(false);
    this.recoverError.textContent = message;
    this.recoverError.hidden = false;
    const input =
      fieldName === 'passphrase' ? this.recoverPassphrase
        : fieldName === 'confirm' ? this.recoverConfirm
          : this.recoveryKeyInput;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }

  /** Forgets what was typed into the recovery form. */
  clearRecoverForm() {
    this.recoveryKeyInput.value = '';
    this.recoverPassphrase.value = '';
    this.recoverConfirm.value = '';
  }

  /** The restore form for the backup called `fileName`, empty, asking for the recovery key. */
  showRestore(status, fileName) {
    this.#setDataDir(status);
    this.restoreFile.textContent = fileName;
    for (const input of [this.restoreKey, this.restorePassphrase, this.restoreNew, this.restoreConfirm]) {
      input.value = '';
      input.removeAttribute('aria-invalid');
    }
    this.restoreNewFields.hidden = true;
    this.restoreError.hidden = true;
    this.showRestoring(false);
    this.#switchTo('restore', { focus: false });
    this.#showRestoreSecret('key');
  }

  restoreShown() {
    return this.app.dataset.current === 'restore';
  }

  showRestoring(busy) {
    this.restoreButton.disabled = busy;
    this.restoreButton.textContent = busy ? 'Checking the backup…' : 'Restore';
  }

  /** This computer has no usable keychain: ask for a passphrase for the restored vault. */
  showRestoreNeedsPassphrase() {
    this.showRestoring(false);
    this.restoreNewFields.hidden = false;
    this.restoreError.hidden = true;
    this.restoreNew.focus();
  }

  /** `field`: "recovery_key", "passphrase", "new_passphrase", "confirm" or null. */
  showRestoreError(message, fieldName = null) {
    this.showRestoring(false);
    this.restoreError.textContent = message;
    this.restoreError.hidden = false;
    const input = {
      recovery_key: this.restoreKey,
      passphrase: this.restorePassphrase,
      new_passphrase: this.restoreNew,
      confirm: this.restoreConfirm,
    }[fieldName];
    input?.setAttribute('aria-invalid', 'true');
    input?.focus();
  }

  clearRestoreForm() {
    for (const input of [this.restoreKey, this.restorePassphrase, this.restoreNew, this.restoreConfirm]) {
      input.value = '';
    }
  }

  showProblem({ title, message, status }) {
    this.#setDataDir(status);
    this.problemTitle.textContent = title;
    this.problemMessage.textContent = message;
    this.#switchTo('problem');
  }

  /** Shows the journal's frame; its content is drawn by the journal's views. */
  showJournal() {
    this.passphrase.value = '';
    this.clearRecoverForm();
    this.clearRestoreForm();
    this.#switchTo('journal', { focus: false });
  }

  // ---- internals ----

  #showRestoreSecret(which) {
    const byKey = which === 'key';
    this.restoreKeyField.hidden = !byKey;
    this.restorePassphraseField.hidden = byKey;
    this.restoreToggle.textContent = byKey ? 'Use the vault’s passphrase instead' : 'Use the recovery key instead';
    this.restoreError.hidden = true;
    (byKey ? this.restoreKey : this.restorePassphrase).focus();
  }

  #showKeychainChoice() {
    this.passphraseForm.hidden = true;
    this.welcomeKeychain.hidden = false;
    this.newPassphrase.value = '';
    this.confirmPassphrase.value = '';
    if (this.app.dataset.current === 'welcome') this.createButton.focus();
  }

  #switchTo(name, { focus = true } = {}) {
    for (const [screenName, screen] of this.screens) {
      screen.hidden = screenName !== name;
    }
    this.app.dataset.current = name;
    if (focus) {
      // Move focus to the new screen's heading so keyboard and screen-reader users start there.
      const heading = [...this.screens.get(name).querySelectorAll('h1[tabindex="-1"]')].find(
        (h) => !h.closest('[hidden]'),
      );
      heading?.focus({ preventScroll: true });
    }
  }

  #setDataDir(status) {
    const dir = status?.data_dir ?? '';
    for (const node of this.doc.querySelectorAll('[data-field="data-dir"]')) {
      node.textContent = dir;
      node.title = dir;
    }
  }

  #bindCopy() {
    const button = one(this.doc, '[data-action="copy-key"]');
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(this.recoveryKey.textContent);
        this.copyStatus.textContent = 'Copied. Now store it somewhere safe, such as your password manager.';
      } catch {
        // Clipboard access can be refused; select the text so the person can copy it by hand.
        const range = this.doc.createRange();
        range.selectNodeContents(this.recoveryKey);
        const selection = this.doc.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        this.copyStatus.textContent = 'Copying was not allowed here. The key is selected: press Ctrl+C to copy it.';
      }
    });
  }

  #print() {
    this.printKey.textContent = this.recoveryKey.textContent;
    const dir = this.doc.querySelector('[data-screen="welcome"] [data-field="data-dir"]')?.textContent ?? '';
    this.printMeta.textContent = `Printed ${new Date().toLocaleDateString()}${dir ? ` · Vault in ${dir}` : ''}`;
    // The sheet shows only in print (style.css); its text is cleared after printing and when
    // the key is confirmed as saved.
    this.doc.defaultView.print();
  }

  #clearPrintSheet() {
    this.printKey.textContent = '';
    this.printMeta.textContent = '';
  }
}
