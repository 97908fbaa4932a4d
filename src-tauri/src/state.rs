//! The app's one piece of state: where the vault lives and, once unlocked, the open vault.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rapport_core::{Keychain, OsKeychain, Protection, Unlock, Vault, VaultStatus};

use crate::error::IpcError;

/// Shared by every command through Tauri's state manager.
#[derive(Debug)]
pub struct AppState {
    /// Resolved once at start: `$RAPPORT_DATA_DIR`, else the platform default.
    pub data_dir: PathBuf,
    /// `None` until the vault is created or unlocked. Dropping the vault forgets its key.
    pub vault: Mutex<Option<Vault>>,
    /// Whether the global quick-capture shortcut is registered, and why not.
    pub shortcut: Mutex<ShortcutStatus>,
    /// Set by the global shortcut; taken by the page when it gains focus.
    pub capture_requested: AtomicBool,
    /// Desktop reminders: on or off, how long before a meeting, and which were shown.
    pub reminders: Mutex<ReminderSettings>,
    /// The backup the person chose to restore, kept here so the page never names a path.
    pub pending_backup: Mutex<Option<PathBuf>>,
}

/// How far ahead the reminders kept for a locked vault reach.
const REMINDER_HORIZON: chrono::Duration = chrono::Duration::days(7);

/// Reminder preferences as the page last set them (it keeps them between runs), and the keys of
/// the reminders already shown in this run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderSettings {
    /// Meetings and decide-again days.
    pub enabled: bool,
    pub lead_minutes: u32,
    /// The quarterly reminder to reflect (off unless the person turns it on).
    pub reflect_quarterly: bool,
    pub shown: std::collections::HashSet<String>,
    /// The coming week's reminders with their times, kept from the open vault (in memory only;
    /// their texts name no one), so that they come while it is locked. Quitting forgets them.
    pub scheduled: Vec<rapport_core::cadence::ScheduledReminder>,
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            enabled: true,
            lead_minutes: 10,
            reflect_quarterly: false,
            shown: std::collections::HashSet::new(),
            scheduled: Vec::new(),
        }
    }
}

/// The global quick-capture shortcut as the page reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ShortcutStatus {
    /// The key combination, e.g. "Ctrl+Alt+N"; empty when none was tried (tests).
    pub accelerator: String,
    pub registered: bool,
    /// Why the desktop refused it.
    pub message: Option<String>,
}

/// How commands receive the state. It is an `Arc` so that the blocking part of a command can
/// take its own handle onto a worker thread.
pub type SharedState = Arc<AppState>;

impl AppState {
    pub fn shared(data_dir: PathBuf) -> SharedState {
        Arc::new(AppState {
            data_dir,
            vault: Mutex::new(None),
            shortcut: Mutex::new(ShortcutStatus::default()),
            capture_requested: AtomicBool::new(false),
            reminders: Mutex::new(ReminderSettings::default()),
            pending_backup: Mutex::new(None),
        })
    }

    /// Locks the vault slot.
    ///
    /// A poisoned lock is taken over rather than reported: a panic in another command cannot
    /// have left a half-written change behind, because SQLite rolls back an unfinished
    /// transaction when it is dropped, so the vault is still consistent.
    pub fn vault(&self) -> MutexGuard<'_, Option<Vault>> {
        self.vault.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn shortcut(&self) -> MutexGuard<'_, ShortcutStatus> {
        self.shortcut.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn pending_backup(&self) -> MutexGuard<'_, Option<PathBuf>> {
        self.pending_backup
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub fn reminders(&self) -> MutexGuard<'_, ReminderSettings> {
        self.reminders
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The reminders to show now that were not shown before; marks them shown.
    pub fn take_due_reminders(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<rapport_core::cadence::Reminder>, IpcError> {
        let (enabled, lead, reflect) = {
            let settings = self.reminders();
            (
                settings.enabled,
                settings.lead_minutes,
                settings.reflect_quarterly,
            )
        };
        if !enabled && !reflect {
            return Ok(Vec::new());
        }
        let lead = chrono::Duration::minutes(i64::from(lead));
        let open = {
            let slot = self.vault();
            match slot.as_ref() {
                Some(vault) => {
                    let mut due = if enabled {
                        vault.reminders(now, lead)?
                    } else {
                        Vec::new()
                    };
                    if reflect {
                        due.extend(vault.reflection_reminder(now)?);
                    }
                    Some(due)
                }
                None => None,
            }
        };
        let mut settings = self.reminders();
        let due = match open {
            Some(due) => due,
            // Locked: what the open vault left when it locked (`keep_reminder_schedule`), when
            // its time has come.
            None => settings
                .scheduled
                .iter()
                .filter(|scheduled| scheduled.at <= now)
                .filter(|scheduled| {
                    if scheduled
                        .key
                        .starts_with(rapport_core::cadence::REFLECT_KEY)
                    {
                        reflect
                    } else {
                        enabled
                    }
                })
                .map(|scheduled| rapport_core::cadence::Reminder {
                    key: scheduled.key.clone(),
                    text: scheduled.text.clone(),
                })
                .collect(),
        };
        Ok(due
            .into_iter()
            .filter(|reminder| settings.shown.insert(reminder.key.clone()))
            .collect())
    }

    /// Keeps the coming reminders from the open vault now (it is about to lock): computed once
    /// here, not on every tick of the reminder loop.
    pub fn keep_reminder_schedule(&self, vault: &Vault, now: chrono::DateTime<chrono::Utc>) {
        let lead = chrono::Duration::minutes(i64::from(self.reminders().lead_minutes));
        if let Ok(mut schedule) = vault.reminder_schedule(now, lead, REMINDER_HORIZON) {
            if let Ok(Some(reflect)) = vault.reflection_reminder_schedule(now, REMINDER_HORIZON) {
                schedule.push(reflect);
            }
            self.reminders().scheduled = schedule;
        }
    }

    pub fn request_capture(&self) {
        self.capture_requested.store(true, Ordering::SeqCst);
    }

    /// Whether quick capture was asked for since the last call.
    pub fn take_capture_request(&self) -> bool {
        self.capture_requested.swap(false, Ordering::SeqCst)
    }

    /// Opens a keychain-protected vault into `slot` if it is not open yet. Passphrase vaults
    /// and absent vaults are left alone: they need the person at the keyboard.
    pub fn open_with_keychain(
        &self,
        slot: &mut Option<Vault>,
        keychain: &dyn Keychain,
    ) -> Result<(), IpcError> {
        if slot.is_some() {
            return Ok(());
        }
        if Vault::status(&self.data_dir)? == VaultStatus::Present(Protection::Keychain) {
            *slot = Some(Vault::open(&self.data_dir, Unlock::Keychain(keychain))?);
        }
        Ok(())
    }
}

impl AppState {
    /// Runs `work` on the open vault, or says why there is none (no vault yet, or locked).
    pub fn with_vault<T>(
        &self,
        work: impl FnOnce(&mut Vault) -> Result<T, IpcError>,
    ) -> Result<T, IpcError> {
        let mut slot = self.vault();
        match slot.as_mut() {
            Some(vault) => work(vault),
            None => match Vault::status(&self.data_dir)? {
                VaultStatus::Absent => Err(rapport_core::Error::NoVault {
                    dir: self.data_dir.clone(),
                }
                .into()),
                VaultStatus::Present(_) => {
                    Err(IpcError::locked("the vault is locked; unlock it first"))
                }
            },
        }
    }
}

/// Runs blocking vault work on Tauri's blocking pool, so that the async command handler (and
/// with it the window) never waits on disk, SQLCipher or the keychain.
pub async fn run_blocking<T, F>(state: &SharedState, work: F) -> Result<T, IpcError>
where
    T: Send + 'static,
    F: FnOnce(&AppState) -> Result<T, IpcError> + Send + 'static,
{
    let state = Arc::clone(state);
    tauri::async_runtime::spawn_blocking(move || work(&state))
        .await
        .map_err(|_| IpcError::internal("the vault operation stopped unexpectedly"))?
}

/// Tries to open a keychain vault as the app starts, so the journal is ready when the page asks.
///
/// It runs in the background because the keychain can be slow to answer (a locked keyring, a
/// busy session bus) and must not hold up the window. A failure is not an error here: the page
/// asks again through `unlock_vault` and shows the person what went wrong. Only the error's
/// kind is logged, never a path's contents or a key.
pub fn open_keychain_vault_in_background(state: &SharedState) {
    let state = Arc::clone(state);
    tauri::async_runtime::spawn_blocking(move || {
        let mut slot = state.vault();
        if let Err(error) = state.open_with_keychain(&mut slot, &OsKeychain) {
            eprintln!(
                "rapport-desktop: the vault was not opened at start ({})",
                error.kind.as_str()
            );
        }
    });
}
