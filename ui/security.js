// Settings → Security, the logic: what the section says for each way of unlocking, the changes
// it offers, what each change's dialog asks for, and what is wrong with what was typed. Pure: no
// DOM, so `node --test` can check it.

import { newPassphraseProblem } from './forms.js';
import { sentence } from './format.js';

/**
 * The changes, by name. `current`: asks for the current passphrase (only a passphrase vault has
 * one); `fresh`: asks for a new passphrase twice; `key`: the answer is a new recovery key, shown
 * once.
 */
const MODES = {
  require: {
    title: 'Require a passphrase',
    why: 'Rapport will ask for this passphrase every time it unlocks, and the key leaves your system keychain. Your recovery key stays the same.',
    fresh: true,
    submit: 'Require the passphrase',
    busy: 'Protecting…',
    done: 'Rapport now asks for your passphrase to unlock.',
  },
  change: {
    title: 'Change the passphrase',
    why: 'The old passphrase stops unlocking the vault (an old copy of its key file would still open with it: re-encrypt after a leak). Your recovery key stays the same.',
    fresh: true,
    submit: 'Change the passphrase',
    busy: 'Changing…',
    done: 'Passphrase changed.',
  },
  keychain: {
    title: 'Unlock from the keychain',
    why: 'The key goes back into your system keychain: Rapport then unlocks without a passphrase for anyone signed in to this computer account.',
    fresh: false,
    submit: 'Use the keychain',
    busy: 'Moving the key…',
    done: 'Rapport unlocks from your system keychain again, without a passphrase.',
  },
  recovery: {
    title: 'New recovery key',
    why: 'Your current recovery key will stop opening this vault. The new one is shown once: have paper or your password manager ready.',
    fresh: false,
    key: true,
    submit: 'Make a new recovery key',
    busy: 'Making a new key…',
    done: 'Your new recovery key is in use; the old one no longer opens this vault.',
  },
  rekey: {
    title: 'Re-encrypt with a new key',
    why: 'For when a copy of your vault, its key file or your recovery key may have got out: the vault is encrypted again with a new key, and no older key file, passphrase copy or recovery key opens it. Close Rapport in other windows and terminals first. You get a new recovery key, shown once.',
    fresh: false,
    key: true,
    submit: 'Re-encrypt',
    busy: 'Re-encrypting…',
    done: 'The vault is encrypted with a new key; older copies of its key file and the old recovery key no longer open it.',
  },
};

/** Which changes a vault with `protection` offers for unlocking, in order. */
export function unlockActions(protection) {
  return protection === 'passphrase' ? ['change', 'keychain'] : ['require'];
}

/**
 * What the section says about unlocking: `lead` plainly (for a keychain vault: that unlocking
 * takes no secret on this account), `hint` below it, and `warning` when a re-key was finished
 * after an interruption and its recovery key may never have been shown.
 */
export function unlockFacts(protection, recoveryKeyUnseen = false) {
  const facts =
    protection === 'passphrase'
      ? {
          lead: 'Rapport asks for your passphrase to unlock.',
          hint: 'Lock (Ctrl+L) and auto-lock close the vault; only the passphrase or your recovery key opens it again.',
        }
      : {
          lead: 'Unlocking needs no passphrase on this computer account.',
          hint: 'The key is in your system keychain: anyone signed in as you can open Rapport, and Lock only closes the window. Require a passphrase to change that.',
        };
  facts.warning = recoveryKeyUnseen
    ? 'A re-encryption was interrupted and finished later: its recovery key may never have been shown. Make a new recovery key.'
    : '';
  return facts;
}

/** The dialog for change `name` on a vault with `protection`, or null for an unknown name. */
export function securityMode(name, protection) {
  const mode = MODES[name];
  if (!mode) return null;
  return { name, key: false, ...mode, current: protection === 'passphrase' };
}

/**
 * What is wrong with the dialog's values ({current, passphrase, confirmation}) for `mode`, as
 * {field, message} naming the field to fix ('current', 'passphrase' or 'confirm'), or null.
 */
export function securityProblem(mode, values) {
  if (mode.current && !values.current) {
    return { field: 'current', message: 'Enter your current passphrase.' };
  }
  if (mode.fresh) return newPassphraseProblem(values.passphrase, values.confirmation);
  return null;
}

/** What the dialog says when the core refused: {field, message}, or null when not about a field. */
export function securityFailure(error) {
  switch (error?.kind) {
    case 'wrong_passphrase':
      return { field: 'current', message: 'That is not the current passphrase. Nothing was changed.' };
    case 'invalid_input':
      return { field: 'passphrase', message: sentence(error.message) };
    default:
      return null;
  }
}
