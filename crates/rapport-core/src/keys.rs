//! The key envelope: a random data key, wrapped for each way of unlocking the vault.
//!
//! The vault's database is encrypted by SQLCipher with a random 32-byte *data key* used as a raw
//! key. The data key itself is never written to disk in the clear. It is kept:
//! - in the OS keychain (the default protection), under an entry named after the vault's id, or
//! - wrapped with a key derived by Argon2id from a passphrase (the other protection), and
//! - always wrapped with a key derived from the *recovery key* shown once at creation.
//!
//! The wrapped copies, salts and KDF parameters live in the key file beside the database
//! (`rapport.keys.json`), which holds no personal data.

use std::fmt;

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, InputError, Result};

/// Version of the key file's layout.
pub(crate) const KEY_FILE_FORMAT: u32 = 1;

/// The raw SQLCipher key. Zeroed when dropped; never printed.
#[derive(Clone)]
pub struct DataKey(Zeroizing<[u8; 32]>);

impl DataKey {
    pub(crate) fn generate(rng: &mut (impl RngCore + CryptoRng)) -> DataKey {
        let mut bytes = Zeroizing::new([0u8; 32]);
        rng.fill_bytes(bytes.as_mut());
        DataKey(bytes)
    }

    /// Wraps 32 raw bytes, e.g. as read back by a [`Keychain`] implementation.
    pub fn from_bytes(bytes: [u8; 32]) -> DataKey {
        DataKey(Zeroizing::new(bytes))
    }

    pub(crate) fn from_slice(bytes: &[u8]) -> Option<DataKey> {
        let array: [u8; 32] = bytes.try_into().ok()?;
        Some(DataKey(Zeroizing::new(array)))
    }

    /// The raw bytes, e.g. to hand to a [`Keychain`] implementation. Never print them.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The `PRAGMA key` value for a raw key: `x'<64 hex digits>'`.
    pub(crate) fn sqlcipher_pragma_value(&self) -> Zeroizing<String> {
        let mut value = Zeroizing::new(String::with_capacity(67));
        value.push_str("x'");
        value.push_str(&hex_encode(self.as_bytes()));
        value.push('\'');
        value
    }

    /// A short fingerprint stored in the key file, so that a key from the keychain that belongs to
    /// another vault is recognised before SQLCipher is even asked.
    pub(crate) fn check_value(&self) -> String {
        let mut hasher = Sha256::new();
        hasher.update(b"rapport key check v1");
        hasher.update(self.as_bytes());
        hex_encode(&hasher.finalize()[..16])
    }
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey(..)")
    }
}

/// The recovery key: 160 random bits written as 32 Crockford base-32 characters in groups of four,
/// e.g. `7KQ2-M9XD-...`. Shown once at creation; the only way back in when the keychain entry
/// or the passphrase is lost.
#[derive(Clone)]
pub struct RecoveryKey(Zeroizing<[u8; 20]>);

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

impl RecoveryKey {
    pub(crate) fn generate(rng: &mut (impl RngCore + CryptoRng)) -> RecoveryKey {
        let mut bytes = Zeroizing::new([0u8; 20]);
        rng.fill_bytes(bytes.as_mut());
        RecoveryKey(bytes)
    }

    /// Parses what a person typed or pasted: case, spaces and dashes do not matter, and the
    /// look-alike letters I, L and O are read as 1, 1 and 0.
    pub fn parse(text: &str) -> Result<RecoveryKey, InputError> {
        let invalid = || {
            InputError::new(
                "recovery key",
                "expected 32 letters and digits in groups of four, as shown when the vault was created",
            )
        };
        let mut bits: u64 = 0;
        let mut bit_count = 0;
        let mut bytes = Zeroizing::new([0u8; 20]);
        let mut filled = 0;
        for c in text.chars() {
            if c == '-' || c.is_whitespace() {
                continue;
            }
            let c = match c.to_ascii_uppercase() {
                'I' | 'L' => '1',
                'O' => '0',
                other => other,
            };
            let value = CROCKFORD
                .iter()
                .position(|&d| d as char == c)
                .ok_or_else(invalid)?;
            bits = (bits << 5) | value as u64;
            bit_count += 5;
            if bit_count >= 8 {
                bit_count -= 8;
                if filled == bytes.len() {
                    return Err(invalid());
                }
                bytes[filled] = (bits >> bit_count) as u8;
                filled += 1;
            }
        }
        bits.zeroize();
        if filled != bytes.len() || bit_count != 0 {
            return Err(invalid());
        }
        Ok(RecoveryKey(bytes))
    }

    /// The key as shown to the person, e.g. `7KQ2-M9XD-…` (8 groups of 4).
    pub fn display(&self) -> Zeroizing<String> {
        let mut out = Zeroizing::new(String::with_capacity(39));
        let mut bits: u64 = 0;
        let mut bit_count = 0;
        let mut written = 0;
        for &byte in self.0.iter() {
            bits = (bits << 8) | byte as u64;
            bit_count += 8;
            while bit_count >= 5 {
                bit_count -= 5;
                if written > 0 && written % 4 == 0 {
                    out.push('-');
                }
                out.push(CROCKFORD[((bits >> bit_count) & 31) as usize] as char);
                written += 1;
            }
        }
        bits.zeroize();
        out
    }

    fn as_bytes(&self) -> &[u8] {
        self.0.as_ref()
    }
}

impl fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKey(..)")
    }
}

/// How the vault is unlocked day to day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Protection {
    Keychain,
    Passphrase,
}

/// The key file beside the database. Holds no personal data: ids, salts, parameters, ciphertext.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct KeyFile {
    pub format: u32,
    pub vault_id: String,
    pub protection: Protection,
    pub key_check: String,
    pub passphrase: Option<WrappedKey>,
    pub recovery: WrappedKey,
}

/// The data key encrypted with XChaCha20-Poly1305 under a key derived by Argon2id.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WrappedKey {
    pub kdf: KdfParams,
    pub nonce: String,
    pub ciphertext: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct KdfParams {
    pub algorithm: String,
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
    pub salt: String,
}

impl KdfParams {
    /// OWASP's recommended Argon2id settings (19 MiB, 2 passes, 1 lane).
    fn recommended(rng: &mut (impl RngCore + CryptoRng)) -> KdfParams {
        let mut salt = [0u8; 16];
        rng.fill_bytes(&mut salt);
        KdfParams {
            algorithm: "argon2id".to_owned(),
            memory_kib: 19 * 1024,
            iterations: 2,
            parallelism: 1,
            salt: hex_encode(&salt),
        }
    }

    fn derive(&self, secret: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
        // A tampered key file must not make us allocate gigabytes or spin for minutes.
        if self.algorithm != "argon2id"
            || !(8..=1024 * 1024).contains(&self.memory_kib)
            || !(1..=16).contains(&self.iterations)
            || !(1..=8).contains(&self.parallelism)
        {
            return Err(Error::KeyFile(
                "unsupported key-derivation parameters".into(),
            ));
        }
        let salt = hex_decode(&self.salt).ok_or_else(|| Error::KeyFile("bad salt".into()))?;
        let params = Params::new(self.memory_kib, self.iterations, self.parallelism, Some(32))
            .map_err(|_| Error::KeyFile("unsupported key-derivation parameters".into()))?;
        let mut out = Zeroizing::new([0u8; 32]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(secret, &salt, out.as_mut())
            .map_err(|_| Error::KeyFile("key derivation failed".into()))?;
        Ok(out)
    }
}

/// What a wrapped copy is for; bound into the ciphertext so copies cannot be swapped.
#[derive(Clone, Copy)]
pub(crate) enum WrapPurpose {
    Passphrase,
    Recovery,
}

impl WrapPurpose {
    fn label(self) -> &'static str {
        match self {
            WrapPurpose::Passphrase => "passphrase",
            WrapPurpose::Recovery => "recovery",
        }
    }
}

impl WrappedKey {
    pub(crate) fn seal(
        key: &DataKey,
        secret: &[u8],
        vault_id: &str,
        purpose: WrapPurpose,
        rng: &mut (impl RngCore + CryptoRng),
    ) -> Result<WrappedKey> {
        let kdf = KdfParams::recommended(rng);
        let wrapping_key = kdf.derive(secret)?;
        let mut nonce = [0u8; 24];
        rng.fill_bytes(&mut nonce);
        let aad = associated_data(vault_id, purpose);
        let cipher = XChaCha20Poly1305::new(wrapping_key.as_ref().into());
        let ciphertext = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: key.as_bytes(),
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| Error::KeyFile("could not wrap the key".into()))?;
        Ok(WrappedKey {
            kdf,
            nonce: hex_encode(&nonce),
            ciphertext: hex_encode(&ciphertext),
        })
    }

    /// Returns `None` when the secret is wrong (or the wrapped copy was tampered with).
    pub(crate) fn open(
        &self,
        secret: &[u8],
        vault_id: &str,
        purpose: WrapPurpose,
    ) -> Result<Option<DataKey>> {
        let nonce = hex_decode(&self.nonce)
            .filter(|n| n.len() == 24)
            .ok_or_else(|| Error::KeyFile("bad nonce".into()))?;
        let ciphertext =
            hex_decode(&self.ciphertext).ok_or_else(|| Error::KeyFile("bad ciphertext".into()))?;
        let wrapping_key = self.kdf.derive(secret)?;
        let aad = associated_data(vault_id, purpose);
        let cipher = XChaCha20Poly1305::new(wrapping_key.as_ref().into());
        match cipher.decrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &ciphertext,
                aad: aad.as_bytes(),
            },
        ) {
            Ok(plain) => {
                let plain = Zeroizing::new(plain);
                DataKey::from_slice(&plain)
                    .map(Some)
                    .ok_or_else(|| Error::KeyFile("wrapped key has the wrong length".into()))
            }
            Err(_) => Ok(None),
        }
    }
}

fn associated_data(vault_id: &str, purpose: WrapPurpose) -> String {
    format!("rapport vault {vault_id} key for {}", purpose.label())
}

impl KeyFile {
    pub(crate) fn new(
        key: &DataKey,
        protection: &NewSecret<'_>,
        recovery: &RecoveryKey,
        rng: &mut (impl RngCore + CryptoRng),
    ) -> Result<KeyFile> {
        let mut id = [0u8; 16];
        rng.fill_bytes(&mut id);
        let vault_id = hex_encode(&id);
        Self::for_vault(vault_id, key, protection, recovery, rng)
    }

    pub(crate) fn for_vault(
        vault_id: String,
        key: &DataKey,
        protection: &NewSecret<'_>,
        recovery: &RecoveryKey,
        rng: &mut (impl RngCore + CryptoRng),
    ) -> Result<KeyFile> {
        let (protection, passphrase) = protection.wrap(key, &vault_id, rng)?;
        let recovery = WrappedKey::seal(
            key,
            recovery.as_bytes(),
            &vault_id,
            WrapPurpose::Recovery,
            rng,
        )?;
        Ok(KeyFile {
            format: KEY_FILE_FORMAT,
            key_check: key.check_value(),
            vault_id,
            protection,
            passphrase,
            recovery,
        })
    }

    /// The same vault under a new day-to-day protection; the recovery key's wrapped copy is kept
    /// as it is (the data key does not change), so the recovery key still works.
    pub(crate) fn with_protection(
        &self,
        key: &DataKey,
        protection: &NewSecret<'_>,
        rng: &mut (impl RngCore + CryptoRng),
    ) -> Result<KeyFile> {
        let (protection, passphrase) = protection.wrap(key, &self.vault_id, rng)?;
        Ok(KeyFile {
            format: KEY_FILE_FORMAT,
            vault_id: self.vault_id.clone(),
            protection,
            key_check: key.check_value(),
            passphrase,
            recovery: self.recovery.clone(),
        })
    }

    pub(crate) fn parse(text: &str) -> Result<KeyFile> {
        let file: KeyFile =
            serde_json::from_str(text).map_err(|e| Error::KeyFile(format!("not valid: {e}")))?;
        if file.format > KEY_FILE_FORMAT {
            return Err(Error::KeyFile(format!(
                "format {} is newer than this build understands; upgrade Rapport",
                file.format
            )));
        }
        if file.vault_id.len() != 32 || hex_decode(&file.vault_id).is_none() {
            return Err(Error::KeyFile("bad vault id".into()));
        }
        if file.protection == Protection::Passphrase && file.passphrase.is_none() {
            return Err(Error::KeyFile(
                "passphrase protection without a wrapped key".into(),
            ));
        }
        Ok(file)
    }

    pub(crate) fn unlock_with_passphrase(&self, passphrase: &str) -> Result<DataKey> {
        let wrapped = self.passphrase.as_ref().ok_or(Error::KeychainRequired)?;
        let key = wrapped
            .open(
                passphrase.as_bytes(),
                &self.vault_id,
                WrapPurpose::Passphrase,
            )?
            .ok_or(Error::WrongPassphrase)?;
        self.check(key)
    }

    pub(crate) fn unlock_with_recovery_key(&self, recovery: &RecoveryKey) -> Result<DataKey> {
        let key = self
            .recovery
            .open(recovery.as_bytes(), &self.vault_id, WrapPurpose::Recovery)?
            .ok_or(Error::WrongRecoveryKey)?;
        self.check(key)
    }

    pub(crate) fn check(&self, key: DataKey) -> Result<DataKey> {
        if key.check_value() == self.key_check {
            Ok(key)
        } else {
            Err(Error::KeyMismatch)
        }
    }
}

/// The day-to-day protection chosen for a new (or recovered) vault, with its secret.
pub(crate) enum NewSecret<'a> {
    Keychain,
    Passphrase(&'a str),
}

impl NewSecret<'_> {
    /// The protection and, for a passphrase, the data key wrapped under it.
    fn wrap(
        &self,
        key: &DataKey,
        vault_id: &str,
        rng: &mut (impl RngCore + CryptoRng),
    ) -> Result<(Protection, Option<WrappedKey>)> {
        Ok(match self {
            NewSecret::Keychain => (Protection::Keychain, None),
            NewSecret::Passphrase(passphrase) => (
                Protection::Passphrase,
                Some(WrappedKey::seal(
                    key,
                    passphrase.as_bytes(),
                    vault_id,
                    WrapPurpose::Passphrase,
                    rng,
                )?),
            ),
        })
    }
}

/// Where the data key is kept when the vault is protected by the OS keychain.
///
/// The real implementation is [`OsKeychain`]; tests substitute failing ones to check that every
/// keychain failure leaves the vault untouched.
pub trait Keychain {
    /// Stores the data key for the vault `vault_id`, replacing any earlier one for that id.
    fn store(&self, vault_id: &str, key: &DataKey) -> Result<(), KeychainError>;
    /// Loads the data key for `vault_id`; `Ok(None)` when there is no entry for it.
    fn load(&self, vault_id: &str) -> Result<Option<DataKey>, KeychainError>;
    /// Removes the entry for `vault_id`, if there is one.
    fn remove(&self, vault_id: &str) -> Result<(), KeychainError>;
}

/// A keychain failure, described without any secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct KeychainError(pub String);

/// The operating system's keychain: Secret Service (GNOME Keyring, KWallet) on Linux, Keychain
/// on macOS, Credential Manager on Windows, through the `keyring` crate.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsKeychain;

const KEYCHAIN_SERVICE: &str = "rapport";

impl OsKeychain {
    fn entry(vault_id: &str) -> Result<keyring::Entry, KeychainError> {
        keyring::Entry::new(KEYCHAIN_SERVICE, &format!("vault-{vault_id}")).map_err(describe)
    }
}

impl Keychain for OsKeychain {
    fn store(&self, vault_id: &str, key: &DataKey) -> Result<(), KeychainError> {
        Self::entry(vault_id)?
            .set_secret(key.as_bytes())
            .map_err(describe)
    }

    fn load(&self, vault_id: &str) -> Result<Option<DataKey>, KeychainError> {
        match Self::entry(vault_id)?.get_secret() {
            Ok(secret) => {
                let secret = Zeroizing::new(secret);
                DataKey::from_slice(&secret).map(Some).ok_or_else(|| {
                    KeychainError("the keychain entry for this vault is not a Rapport key".into())
                })
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(describe(e)),
        }
    }

    fn remove(&self, vault_id: &str) -> Result<(), KeychainError> {
        match Self::entry(vault_id)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(describe(e)),
        }
    }
}

fn describe(error: keyring::Error) -> KeychainError {
    const INSTEAD: &str = "or protect the vault with a passphrase instead";
    let text = match &error {
        keyring::Error::NoStorageAccess(_) => {
            "the keychain is locked or refused access; unlock it and try again".to_owned()
        }
        keyring::Error::PlatformFailure(inner) => {
            let detail = inner.to_string();
            if detail.contains("ServiceUnknown") || detail.contains("org.freedesktop.secrets") {
                format!(
                    "no keychain service is running (on Linux: start GNOME Keyring or KWallet, {INSTEAD})"
                )
            } else if detail.contains("autolaunch")
                || detail.contains("Failed to connect")
                || detail.contains("DBUS_SESSION_BUS_ADDRESS")
            {
                format!("there is no desktop session bus to reach the keychain (log in to a desktop session, {INSTEAD})")
            } else if detail.contains("IsLocked") || detail.contains("locked") {
                "the keychain is locked; unlock it and try again".to_owned()
            } else {
                format!("keychain failure ({detail}); try again, {INSTEAD}")
            }
        }
        other => format!("keychain failure ({other}); try again, {INSTEAD}"),
    };
    KeychainError(text)
}

pub(crate) fn hex_encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

pub(crate) fn hex_decode(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    fn rng() -> StdRng {
        StdRng::seed_from_u64(7)
    }

    #[test]
    fn recovery_key_round_trips_through_its_display_form() {
        let key = RecoveryKey::generate(&mut rng());
        let shown = key.display();
        assert_eq!(shown.len(), 39, "8 groups of 4 with 7 dashes");
        assert_eq!(shown.matches('-').count(), 7);
        let parsed = RecoveryKey::parse(&shown).unwrap();
        assert_eq!(parsed.as_bytes(), key.as_bytes());
        let sloppy = shown
            .to_lowercase()
            .replace('-', " ")
            .replace('1', "l")
            .replace('0', "o");
        assert_eq!(
            RecoveryKey::parse(&sloppy).unwrap().as_bytes(),
            key.as_bytes()
        );
    }

    #[test]
    fn recovery_key_rejects_wrong_length_and_characters() {
        let shown = RecoveryKey::generate(&mut rng()).display();
        assert!(RecoveryKey::parse(&shown[..shown.len() - 1]).is_err());
        assert!(RecoveryKey::parse(&format!("{}A", &*shown)).is_err());
        assert!(RecoveryKey::parse(&shown.replace(&shown[0..1], "U")).is_err());
        assert!(RecoveryKey::parse("").is_err());
    }

    #[test]
    fn wrapped_key_opens_only_with_its_secret_and_purpose() {
        let mut rng = rng();
        let key = DataKey::generate(&mut rng);
        let id = "00112233445566778899aabbccddeeff";
        let wrapped = WrappedKey::seal(
            &key,
            b"correct horse",
            id,
            WrapPurpose::Passphrase,
            &mut rng,
        )
        .unwrap();
        let opened = wrapped
            .open(b"correct horse", id, WrapPurpose::Passphrase)
            .unwrap()
            .unwrap();
        assert_eq!(opened.as_bytes(), key.as_bytes());
        assert!(wrapped
            .open(b"wrong horse", id, WrapPurpose::Passphrase)
            .unwrap()
            .is_none());
        assert!(wrapped
            .open(b"correct horse", id, WrapPurpose::Recovery)
            .unwrap()
            .is_none());
        let other_id = "ffeeddccbbaa99887766554433221100";
        assert!(wrapped
            .open(b"correct horse", other_id, WrapPurpose::Passphrase)
            .unwrap()
            .is_none());
    }

    #[test]
    fn tampered_kdf_parameters_are_refused_before_deriving() {
        let mut rng = rng();
        let key = DataKey::generate(&mut rng);
        let id = "00112233445566778899aabbccddeeff";
        let mut wrapped =
            WrappedKey::seal(&key, b"pw", id, WrapPurpose::Passphrase, &mut rng).unwrap();
        wrapped.kdf.memory_kib = u32::MAX;
        assert!(matches!(
            wrapped.open(b"pw", id, WrapPurpose::Passphrase),
            Err(Error::KeyFile(_))
        ));
    }

    #[test]
    fn key_material_is_not_debug_printed() {
        let mut rng = rng();
        let key = DataKey::generate(&mut rng);
        let recovery = RecoveryKey::generate(&mut rng);
        assert_eq!(format!("{key:?}"), "DataKey(..)");
        assert_eq!(format!("{recovery:?}"), "RecoveryKey(..)");
    }

    #[test]
    fn sqlcipher_pragma_is_a_raw_64_digit_key() {
        let key = DataKey::generate(&mut rng());
        let value = key.sqlcipher_pragma_value();
        assert!(value.starts_with("x'") && value.ends_with('\''));
        assert_eq!(value.len(), 67);
    }

    #[test]
    fn hex_round_trips() {
        let bytes = [0u8, 1, 0x7f, 0x80, 0xff];
        assert_eq!(hex_decode(&hex_encode(&bytes)).unwrap(), bytes);
        assert!(hex_decode("abc").is_none());
        assert!(hex_decode("zz").is_none());
    }
}
