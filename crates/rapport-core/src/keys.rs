//! The key envelope: a random data key, wrapped for each way of unlocking the vault.
//!
//! The vault's database is encrypted by SQLCipher with a random 32-byte *data key* used as a raw
//! key. The data key itself is never written to disk in the clear. It is kept:
//! - in the OS keychain (the default protection), under an entry named after the vault's id, or
//! - wrapped with a key derived by Argon2id from a passphrase (the other protection), and
//! - always wrapped with a key derived from the *recovery key* shown once at creation.
//!
//! The wrapped copies, salts and KDF parameters live in the key file beside the database
//! (`rapport.keys.json`), which holds no personal data. The key file is authenticated: a MAC
//! under a key derived from the data key covers every field, so any change to it (protection
//! mode, wrapped copies, salts, KDF parameters, vault id) is found as soon as the data key is
//! known, and refused.
//!
//! Why one file of this size: it is the whole key file format, its wrapping and its MAC, which
//! must change together; about a quarter of it is their unit tests. The keychain is in
//! `keychain.rs`.

use std::fmt;

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, InputError, Result};

/// Version of the key file's layout. Format 2 added the MAC (`KeyFile::mac`) and the id a
/// wrapped copy was sealed for (`WrappedKey::sealed_for`); format 1 files are authenticated
/// (rewritten as format 2) the first time they are opened.
pub(crate) const KEY_FILE_FORMAT: u32 = 2;

/// The largest key file read: a real one is about 1 KB.
pub(crate) const MAX_KEY_FILE_BYTES: usize = 64 * 1024;

/// Bounds on the Argon2id parameters read from a key file or a backup, so that a crafted file
/// cannot make an unlock take more than a fraction of a second of work per 19 MiB or allocate
/// more than 256 MiB. The recommended parameters (19 MiB, 2 passes) are well inside them.
const MAX_KDF_MEMORY_KIB: u32 = 256 * 1024;
const MAX_KDF_ITERATIONS: u32 = 8;
const MAX_KDF_PARALLELISM: u32 = 4;
/// Memory times passes: the work one derivation does (the recommended 19 MiB x 2 is 38,912).
const MAX_KDF_WORK: u64 = 512 * 1024;

/// The raw SQLCipher key. Zeroed when dropped; never printed.
#[derive(Clone)]
pub struct DataKey(Zeroizing<[u8; 32]>);

impl DataKey {
    pub(crate) fn generate(rng: &mut (impl RngCore + CryptoRng)) -> DataKey {
        let mut bytes = Zeroizing::new([0u8; 32]);
        rng.fill_bytes(bytes.as_mut());
        DataKey(bytes)
    }

    /// Wraps 32 raw bytes, e.g. as read back by a `Keychain` implementation (keychain.rs).
    pub fn from_bytes(bytes: [u8; 32]) -> DataKey {
        DataKey(Zeroizing::new(bytes))
    }

    pub(crate) fn from_slice(bytes: &[u8]) -> Option<DataKey> {
        let array: [u8; 32] = bytes.try_into().ok()?;
        Some(DataKey(Zeroizing::new(array)))
    }

    /// The raw bytes, e.g. to hand to a `Keychain` implementation (keychain.rs). Never print them.
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
    /// Written by a re-key: the vault id (keychain entry) of the key this file replaces, so the
    /// unlock that finishes an interrupted re-key removes that entry and no other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
    /// HMAC-SHA256 over every other field, under a key derived from the data key. Absent only
    /// in format 1 files, written before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mac: Option<String>,
}

/// The data key encrypted with XChaCha20-Poly1305 under a key derived by Argon2id.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WrappedKey {
    pub kdf: KdfParams,
    pub nonce: String,
    pub ciphertext: String,
    /// The vault id bound into this copy when it was sealed, when that is not the vault's id
    /// today (a restored vault gets an id of its own; its copies were sealed under the old one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed_for: Option<String>,
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

    /// Refuses parameters no Rapport writes: a tampered key file must not make us allocate
    /// gigabytes or spin for minutes.
    fn check_bounds(&self) -> Result<()> {
        let work = u64::from(self.memory_kib) * u64::from(self.iterations);
        if self.algorithm != "argon2id"
            || !(8..=MAX_KDF_MEMORY_KIB).contains(&self.memory_kib)
            || !(1..=MAX_KDF_ITERATIONS).contains(&self.iterations)
            || !(1..=MAX_KDF_PARALLELISM).contains(&self.parallelism)
            || work > MAX_KDF_WORK
        {
            return Err(Error::KeyFile(
                "unsupported key-derivation parameters".into(),
            ));
        }
        Ok(())
    }

    fn derive(&self, secret: &[u8]) -> Result<Zeroizing<[u8; 32]>> {
        self.check_bounds()?;
        let salt = hex_decode(&self.salt)
            .filter(|salt| (16..=64).contains(&salt.len()))
            .ok_or_else(|| Error::KeyFile("bad salt".into()))?;
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
            sealed_for: None,
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
        let ciphertext = hex_decode(&self.ciphertext)
            .filter(|c| c.len() == 32 + 16)
            .ok_or_else(|| Error::KeyFile("bad ciphertext".into()))?;
        let wrapping_key = self.kdf.derive(secret)?;
        let aad = associated_data(self.sealed_for.as_deref().unwrap_or(vault_id), purpose);
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
        Self::for_vault(new_vault_id(rng), key, protection, recovery, rng)
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
            replaces: None,
            mac: None,
        }
        .sealed(key))
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
            replaces: None,
            mac: None,
        }
        .sealed(key))
    }

    /// The same vault with a new recovery key: the old recovery key's copy is replaced.
    pub(crate) fn with_recovery(
        &self,
        key: &DataKey,
        recovery: &RecoveryKey,
        rng: &mut (impl RngCore + CryptoRng),
    ) -> Result<KeyFile> {
        let mut file = self.clone();
        file.recovery = WrappedKey::seal(
            key,
            recovery.as_bytes(),
            &self.vault_id,
            WrapPurpose::Recovery,
            rng,
        )?;
        Ok(file.sealed(key))
    }

    /// The same vault under an id of its own (a restored copy), so that its keychain entry can
    /// never replace another vault's. The wrapped copies stay as they were sealed: each
    /// remembers the id it was sealed for.
    pub(crate) fn with_new_id(
        &self,
        key: &DataKey,
        rng: &mut (impl RngCore + CryptoRng),
    ) -> KeyFile {
        let mut file = self.clone();
        let old_id = self.vault_id.clone();
        for wrapped in file.passphrase.iter_mut().chain([&mut file.recovery]) {
            wrapped.sealed_for.get_or_insert_with(|| old_id.clone());
        }
        file.vault_id = new_vault_id(rng);
        file.sealed(key)
    }

    /// The file with its MAC computed under `key`, in the current format.
    pub(crate) fn sealed(mut self, key: &DataKey) -> KeyFile {
        self.format = KEY_FILE_FORMAT;
        self.mac = None;
        self.mac = Some(hex_encode(&self.compute_mac(key)));
        self
    }

    /// True when the file carries a MAC (format 2 and later); a format 1 file has none.
    pub(crate) fn is_authenticated(&self) -> bool {
        self.mac.is_some()
    }

    fn compute_mac(&self, key: &DataKey) -> [u8; 32] {
        self.mac_over_body(key).finalize().into_bytes().into()
    }

    /// HMAC-SHA256 fed with the file's JSON without its MAC, keyed by a key derived from the
    /// data key (never the data key itself).
    fn mac_over_body(&self, key: &DataKey) -> Hmac<Sha256> {
        let mut derive = <Hmac<Sha256> as Mac>::new_from_slice(key.as_bytes())
            .expect("HMAC takes keys of any length");
        derive.update(b"rapport key file authentication v1");
        let mac_key: Zeroizing<[u8; 32]> = Zeroizing::new(derive.finalize().into_bytes().into());
        let unsigned = KeyFile {
            mac: None,
            ..self.clone()
        };
        // Serializing plain strings and numbers cannot fail.
        let body = serde_json::to_vec(&unsigned).unwrap_or_default();
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(mac_key.as_ref())
            .expect("HMAC takes keys of any length");
        mac.update(&body);
        mac
    }

    /// Whether the MAC is right for `key` (checked in constant time).
    fn mac_matches(&self, key: &DataKey) -> bool {
        let expected = self.mac.as_deref().and_then(hex_decode);
        expected.is_some_and(|expected| self.mac_over_body(key).verify_slice(&expected).is_ok())
    }

    pub(crate) fn parse(text: &str) -> Result<KeyFile> {
        if text.len() > MAX_KEY_FILE_BYTES {
            return Err(Error::KeyFile("it is far larger than a key file".into()));
        }
        let file: KeyFile =
            serde_json::from_str(text).map_err(|e| Error::KeyFile(format!("not valid: {e}")))?;
        if file.format > KEY_FILE_FORMAT {
            return Err(Error::KeyFile(format!(
                "format {} is newer than this build understands; upgrade Rapport",
                file.format
            )));
        }
        let is_id = |id: &str| id.len() == 32 && hex_decode(id).is_some();
        if !is_id(&file.vault_id) {
            return Err(Error::KeyFile("bad vault id".into()));
        }
        let sealed_for = file
            .passphrase
            .iter()
            .chain([&file.recovery])
            .filter_map(|w| w.sealed_for.as_deref());
        for id in sealed_for.chain(file.replaces.as_deref()) {
            // Only an authenticated file may name another id.
            if !is_id(id) || file.mac.is_none() {
                return Err(Error::KeyFile("bad vault id".into()));
            }
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
        self.check_unwrapped(key)
    }

    pub(crate) fn unlock_with_recovery_key(&self, recovery: &RecoveryKey) -> Result<DataKey> {
        let key = self
            .recovery
            .open(recovery.as_bytes(), &self.vault_id, WrapPurpose::Recovery)?
            .ok_or(Error::WrongRecoveryKey)?;
        self.check_unwrapped(key)
    }

    /// A key that came out of one of this file's own wrapped copies is the key the file was
    /// written with (the copies are authenticated encryption), so any misfit means the rest of
    /// the file was altered.
    fn check_unwrapped(&self, key: DataKey) -> Result<DataKey> {
        self.check(key).map_err(|e| match e {
            Error::KeyMismatch => Error::KeyFileAltered,
            other => other,
        })
    }

    /// The key if it is this vault's and the file is as Rapport wrote it under that key.
    ///
    /// A key from the keychain that fits neither the key check nor the MAC is another vault's
    /// key (an overwritten entry); one that fits one but not the other means the file was altered.
    pub(crate) fn check(&self, key: DataKey) -> Result<DataKey> {
        let fits_check = key.check_value() == self.key_check;
        if !self.is_authenticated() {
            // Format 1: nothing to verify here; the vault refuses such a file when its database
            // says the key file was authenticated before (a stripped MAC).
            if self.format >= 2 {
                return Err(Error::KeyFileAltered);
            }
            return if fits_check {
                Ok(key)
            } else {
                Err(Error::KeyMismatch)
            };
        }
        match (fits_check, self.mac_matches(&key)) {
            (true, true) => Ok(key),
            (false, false) => Err(Error::KeyMismatch),
            _ => Err(Error::KeyFileAltered),
        }
    }
}

fn new_vault_id(rng: &mut (impl RngCore + CryptoRng)) -> String {
    let mut id = [0u8; 16];
    rng.fill_bytes(&mut id);
    hex_encode(&id)
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
