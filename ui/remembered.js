// Remembered choices that name people, entries or folders live in the encrypted vault
// (get_preference / set_preference), never in WebKit's localStorage, which is plaintext outside
// the vault. A value an older Rapport left in localStorage moves into the vault the first time
// it is read, and leaves localStorage.

/**
 * The value remembered under `name` in the vault (or moved there from `legacyKey`, as `clean`
 * makes it: a legacy value may hold what is no longer remembered), or null.
 */
export async function recall(api, name, storage = null, legacyKey = null, clean = (value) => value) {
  let value = null;
  try {
    value = await api.getPreference(name);
  } catch {
    return null;
  }
  const raw = legacyKey ? readLegacy(storage, legacyKey) : null;
  if (raw === null) return value;
  const legacy = clean(raw);
  try {
    if (value === null) {
      await api.setPreference(name, legacy);
      value = legacy;
    }
    storage.removeItem(legacyKey);
  } catch {
    // Kept in localStorage until a later read can move it.
  }
  return value;
}

/** Remembers `value` under `name` in the vault; a refusal only means it is not remembered. */
export function remember(api, name, value) {
  return api.setPreference(name, value ?? null).catch(() => {});
}

function readLegacy(storage, key) {
  let raw = null;
  try {
    raw = storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
  if (raw === null) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
