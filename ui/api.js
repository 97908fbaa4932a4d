// The one door to Rust: the only module that calls `invoke`. Everything else imports `api`.

/** An error from the app, with the `kind` the views branch on (see src-tauri/src/error.rs). */
export class ApiError extends Error {
  constructor(kind, message) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
  }
}

/**
 * Turns whatever a command rejected with into an ApiError. Rapport's commands reject with
 * `{kind, message}`; Tauri itself (a refused permission, arguments of the wrong type) rejects
 * with a plain string, which becomes kind "internal".
 */
export function toApiError(raw) {
  if (raw instanceof ApiError) return raw;
  if (raw && typeof raw === 'object' && typeof raw.kind === 'string') {
    return new ApiError(raw.kind, String(raw.message ?? ''));
  }
  const message = typeof raw === 'string' && raw !== '' ? raw : 'Rapport could not complete that request';
  return new ApiError('internal', message);
}

/** Calls a command through the given IPC bridge (Tauri's internals object). */
export async function call(bridge, command, args = {}) {
  if (!bridge || typeof bridge.invoke !== 'function') {
    throw new ApiError('internal', 'this window is not connected to Rapport');
  }
  try {
    return await bridge.invoke(command, args);
  } catch (raw) {
    throw toApiError(raw);
  }
}

/** The app's commands, one function each. `bridge` is replaceable for tests. */
export function createApi(bridge = globalThis.__TAURI_INTERNALS__) {
  return {
    /** → {state: "absent"|"locked"|"open", protection, data_dir, entry_count, partner_count} */
    vaultStatus: () => call(bridge, 'vault_status'),
    /** Creates a keychain vault → {recovery_key, status} */
    createVault: () => call(bridge, 'create_vault'),
    /** Unlocks from the keychain, or with `passphrase` for a passphrase vault → status */
    unlockVault: (passphrase) =>
      call(bridge, 'unlock_vault', passphrase === undefined ? {} : { passphrase }),
    /** The newest `limit` entries (1 to 200), newest first. */
    latestEntries: (limit) => call(bridge, 'latest_entries', { limit }),
  };
}
