//! `due`: who you owe a conversation, overdue actions, decisions and problems to revisit.

use chrono::{DateTime, Utc};
use rapport_core::Vault;

use crate::input::today;
use crate::output::Output;
use crate::{render, Failure};

pub(crate) fn run_due(vault: &mut Vault, now: DateTime<Utc>, out: Output) -> Result<(), Failure> {
    let due = vault.due(now)?;
    out.print(&due, |w| render::due(w, &due, today()))
}
