//! The command line, as clap sees it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Rapport: a private journal for working partnerships. Everything stays on this machine,
/// encrypted; the key lives in the system keychain (or behind a passphrase).
#[derive(Debug, Parser)]
#[command(name = "rapport", version, max_term_width = 100)]
pub struct Cli {
    /// The vault's directory [default: $RAPPORT_DATA_DIR, else $XDG_DATA_HOME/rapport]
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Print machine-readable JSON (shapes documented in docs/cli-json.md)
    #[arg(long, global = true)]
    pub json: bool,

    /// For passphrase vaults: read the passphrase from the first line of standard input
    #[arg(long, global = true)]
    pub passphrase_stdin: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new vault and print its recovery key (shown once: keep it safe)
    Init(InitArgs),
    /// Restore access with the recovery key (re-stores the key in the keychain)
    Recover(RecoverArgs),
    /// Where the vault is, how it is protected, what it holds
    Status,
    /// Bring entry ID back from the trash, or restore the backup FILE into the data directory
    /// (which must hold no vault)
    Restore(RestoreArgs),
    /// Change how the vault is unlocked: set or change a passphrase, or move the key back into
    /// the keychain. With --passphrase-stdin a passphrase vault's current passphrase is the first
    /// line of standard input and a new passphrase the next
    Protect(ProtectArgs),
    /// Make a new recovery key (shown once); the old one stops opening this vault
    #[command(subcommand)]
    RecoveryKey(RecoveryKeyCommand),
    /// Make a new data key: re-encrypt the vault with it and show a new recovery key once.
    /// Afterwards no older key file, passphrase copy or recovery key opens the vault
    Rekey,
    /// Print shell completions, e.g. `rapport completions bash >
    /// ~/.local/share/bash-completion/completions/rapport` (the Linux packages install them)
    Completions(CompletionsArgs),
    /// Write the manual pages (rapport.1 and one per verb, e.g. rapport-note.1) into DIR,
    /// e.g. `rapport manual ~/.local/share/man/man1` (the Linux packages install them)
    Manual(ManualArgs),
    #[command(flatten)]
    Journal(JournalCommand),
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManualArgs {
    /// The directory to write the pages into (made if missing)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct ProtectArgs {
    /// Protect the vault with a passphrase (asked twice on the terminal, or the next line of
    /// standard input with --passphrase-stdin); the key leaves the keychain
    #[arg(
        long,
        conflicts_with = "keychain",
        required_unless_present = "keychain"
    )]
    pub passphrase: bool,
    /// Keep the key in the system keychain again: no passphrase to unlock on this account
    #[arg(long)]
    pub keychain: bool,
}

#[derive(Debug, Subcommand)]
pub enum RecoveryKeyCommand {
    /// Make a new recovery key and print it once
    New,
}

/// The verbs that work on an open vault.
#[derive(Debug, Subcommand)]
pub enum JournalCommand {
    /// Add, list, show and edit partners
    #[command(subcommand)]
    Partner(PartnerCommand),
    /// Write a journal entry
    Note(NoteArgs),
    /// The timeline, newest first, a page at a time
    List(ListArgs),
    /// Show one entry
    Show { id: i64 },
    /// Change an entry's text, kind, tags, partners or sharing
    Edit(EditArgs),
    /// Move an entry to the trash
    Rm { id: i64 },
    /// Delete entries in the trash for good
    Purge(PurgeArgs),
    /// Find entries and partners
    Search(SearchArgs),
    /// Import another journal
    #[command(subcommand)]
    Import(ImportCommand),
    /// Prepare, list and close meetings (agendas carry open threads forward)
    #[command(subcommand)]
    Meeting(MeetingCommand),
    /// Action items from meetings
    #[command(subcommand)]
    Action(ActionCommand),
    /// Decisions from meetings, and when to decide again
    #[command(subcommand)]
    Decision(DecisionCommand),
    /// Agenda templates
    #[command(subcommand)]
    Template(TemplateCommand),
    /// Peer problems: from both views heard to "decide again on DATE"
    #[command(subcommand)]
    Problem(ProblemCommand),
    /// People who are not partners (allies on a problem): list, add, promote, remove
    #[command(subcommand)]
    Person(PersonCommand),
    /// What needs attention now: who you owe a conversation, overdue actions, decisions to revisit
    Due,
    /// Write an encrypted backup (database snapshot + wrapped keys) to FILE, readable only by you
    Backup { file: std::path::PathBuf },
    /// Read and verify every page of the vault
    Check,
    /// Write the whole vault as JSON (docs/export-format.md), or as Markdown files
    ExportAll {
        /// The JSON file to write (plaintext: readable only by you)
        #[arg(required_unless_present = "markdown", conflicts_with = "markdown")]
        file: Option<PathBuf>,
        /// Write a folder of Markdown files with front matter instead
        #[arg(long, value_name = "DIR")]
        markdown: Option<PathBuf>,
    },
    /// A summary to share with your manager: agreements, actions, wins, cadence; never a private
    /// entry unless you --include it
    Summary(SummaryArgs),
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// An entry id (a number) from the trash, or a backup file (write `./42` for a file named 42)
    #[arg(value_name = "ID|FILE")]
    pub target: String,
    /// Open the backup with the recovery key (first line of standard input); the key then goes
    /// into this machine's keychain. Without it, --passphrase-stdin or a terminal prompt gives
    /// the backup's passphrase, which stays the vault's passphrase.
    #[arg(long)]
    pub recovery_key_stdin: bool,
    /// With --recovery-key-stdin: protect the restored vault with a new passphrase instead of
    /// the keychain (next line of standard input with --passphrase-stdin, else asked twice)
    #[arg(long, requires = "recovery_key_stdin")]
    pub passphrase: bool,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// First day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub from: String,
    /// Last day, included (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub to: String,
    /// Partners to cover (repeatable) [default: all who are not archived]
    #[arg(long = "partner", value_name = "NAME")]
    pub partners: Vec<String>,
    /// md, html, json or pdf (a PDF needs --out FILE or a pipe, not a terminal)
    #[arg(long, default_value = "md")]
    pub format: String,
    /// Write to this file (atomically, readable only by you) instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    /// Include this private entry (repeatable; entries are left out unless named)
    #[arg(long = "include", value_name = "ENTRY_ID")]
    pub include: Vec<i64>,
    /// Leave out a line by its key, e.g. action:3 (see --format json)
    #[arg(long = "exclude", value_name = "KEY")]
    pub exclude: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum ProblemCommand {
    /// Record a problem you share with a peer
    New {
        /// The peer(s) you share it with (repeatable)
        #[arg(long = "with", value_name = "NAME", required = true)]
        with: Vec<String>,
        #[arg(required = true, num_args = 1..)]
        title: Vec<String>,
    },
    /// Problems, open ones first
    List {
        #[arg(long)]
        open: bool,
    },
    /// A problem with its options, allies and meetings
    Show { id: i64 },
    /// Move to a stage: both-views, options, agreement, allies, managers, decide-again
    Stage {
        id: i64,
        stage: String,
        /// Required for decide-again
        #[arg(long, value_name = "DATE")]
        decide_again: Option<String>,
        /// Leave "both views" before both views are written
        #[arg(long)]
        anyway: bool,
    },
    /// Write both views, why it matters and to whom (each option given replaces what was there)
    Views {
        id: i64,
        /// The problem from your side
        #[arg(long, value_name = "TEXT")]
        mine: Option<String>,
        /// The problem from your peer's side, as you heard it
        #[arg(long, value_name = "TEXT")]
        theirs: Option<String>,
        /// Why it matters
        #[arg(long, value_name = "TEXT")]
        matters: Option<String>,
        /// To whom it matters: the organisation, a team, customers, a person (repeatable)
        #[arg(long = "to", value_name = "WHO")]
        to: Vec<String>,
    },
    /// Add an option you generated together
    Option {
        id: i64,
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// Change an option's text, or what each side stands to gain or lose with it
    EditOption {
        id: i64,
        option: i64,
        #[arg(long, value_name = "TEXT")]
        text: Option<String>,
        /// Your stake in this option
        #[arg(long, value_name = "TEXT")]
        mine: Option<String>,
        /// Your peer's stake, as you heard it
        #[arg(long, value_name = "TEXT")]
        theirs: Option<String>,
    },
    /// Take an option off the problem
    RemoveOption { id: i64, option: i64 },
    /// Mark the option you agreed on
    Choose { id: i64, option: i64 },
    /// A peer whose agreement you need: a partner, or anyone else (recorded as a person, not a
    /// partner); where they stand and the next step
    Ally {
        id: i64,
        name: String,
        /// for, against or unknown
        #[arg(long)]
        stance: Option<String>,
        /// The next step towards their agreement
        #[arg(long = "next", value_name = "STEP")]
        next: Option<String>,
        /// Whose step it is: me, them or both
        #[arg(long)]
        owner: Option<String>,
    },
    /// Take an ally off the problem (by the ally's number in `problem show`)
    RemoveAlly { id: i64, ally: i64 },
    /// Record that you presented the agreement to your managers (moves the stage)
    Presented {
        id: i64,
        /// To whom: "both our directors"
        #[arg(long = "to", value_name = "WHO")]
        to: String,
        /// When [default: today]
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// What they said
        #[arg(long, value_name = "TEXT")]
        said: Option<String>,
        /// When you will decide again (moves the problem to decide-again)
        #[arg(long, value_name = "DATE")]
        decide_again: Option<String>,
    },
    /// The brief to take to your managers together: both views, options, agreement, allies;
    /// never a private note unless you --include it
    Brief {
        id: i64,
        /// md, html, json or pdf (a PDF needs --out FILE or a pipe, not a terminal)
        #[arg(long, default_value = "md")]
        format: String,
        /// Write to this file (atomically, readable only by you) instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        /// Include this journal entry (repeatable)
        #[arg(long = "include", value_name = "ENTRY_ID")]
        include: Vec<i64>,
    },
    /// Link a meeting where the problem was discussed
    Link {
        id: i64,
        #[arg(long, value_name = "ID")]
        meeting: i64,
    },
    /// Close a problem (solved or dropped)
    Close { id: i64 },
    /// Open a closed problem again
    Reopen { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Everyone recorded who is not a partner
    List,
    /// Record someone without making them a partner
    Add {
        name: String,
        #[arg(long)]
        role: Option<String>,
    },
    /// Make a person a partner (they keep their place as an ally)
    Promote { name: String },
    /// Forget a person, and their place as an ally on every problem
    Remove { name: String },
}

#[derive(Debug, Subcommand)]
pub enum MeetingCommand {
    /// Create a meeting and print its prepared agenda (Markdown)
    New(MeetingNewArgs),
    /// Meetings, newest first
    List {
        #[arg(long, value_name = "NAME")]
        partner: Option<String>,
        #[arg(long, default_value_t = 20, value_name = "N")]
        limit: u32,
    },
    /// Print a meeting's agenda
    Show { id: i64 },
    /// Invite someone who is not a partner (recorded as a person if new)
    Guest { id: i64, name: String },
    /// Take a guest off a meeting
    Unguest { id: i64, name: String },
    /// Write the meeting's check-in (private: never shared)
    CheckIn {
        id: i64,
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// Mark a meeting as held
    Held { id: i64 },
    /// Mark a meeting as cancelled (its open items carry on to the next one)
    Cancel { id: i64 },
    /// Mark a held or cancelled meeting as planned again (marked by mistake)
    Reopen { id: i64 },
    /// Say what a meeting is about and how long it is (what the shared agenda says)
    Plan {
        id: i64,
        /// What it is about: "WIP across our teams"
        #[arg(long, value_name = "TEXT")]
        purpose: Option<String>,
        /// Its length in minutes (5 to 480)
        #[arg(long, value_name = "N")]
        minutes: Option<u32>,
    },
    /// After the meeting: how are we doing, 1 (strained) to 5 (working well); private, shown as a trend
    Pulse {
        id: i64,
        /// 1 to 5
        #[arg(required_unless_present = "clear", value_parser = clap::value_parser!(u8).range(1..=5))]
        pulse: Option<u8>,
        /// Take the pulse back
        #[arg(long, conflicts_with = "pulse")]
        clear: bool,
    },
    /// The agenda to send the peer: nothing private (no check-in, no item notes, no private entry
    /// carried in); md to paste, ics for their calendar
    Share {
        id: i64,
        /// md or ics
        #[arg(long, default_value = "md")]
        format: String,
        /// Write to this file (atomically, readable only by you) instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
    },
    /// Move a planned meeting to another time (one that did not happen when planned)
    Move {
        id: i64,
        /// The new time: "YYYY-MM-DD HH:MM" (local) or RFC 3339
        #[arg(long, value_name = "DATETIME")]
        at: String,
    },
    /// Add an item to a meeting's agenda
    Item {
        id: i64,
        /// The section to add it to (default: the first after "Carried forward")
        #[arg(long)]
        section: Option<String>,
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// Change the words of an agenda item (one of the meeting's own, or a topic carried in)
    EditItem {
        item: i64,
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// Delete an agenda item of the meeting's own (and where it was carried since)
    RmItem { item: i64 },
    /// Mark an agenda item open, discussed or parked
    Mark {
        item: i64,
        /// open, discussed or parked
        state: String,
    },
}

#[derive(Debug, Args)]
pub struct MeetingNewArgs {
    /// Who the meeting is with (repeatable)
    #[arg(long = "partner", value_name = "NAME", required = true)]
    pub partners: Vec<String>,
    /// The agenda template [default: the one for the first partner's relationship]
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,
    /// When: "YYYY-MM-DD HH:MM" (local) or RFC 3339 [default: now]
    #[arg(long, value_name = "DATETIME")]
    pub at: Option<String>,
    /// Why a peer one-on-one is needed (repeatable): shared-problem, need-cooperation,
    /// benefits-everyone
    #[arg(long = "signal", value_name = "SIGNAL")]
    pub signals: Vec<String>,
    /// What the meeting is about: "WIP across our teams"
    #[arg(long, value_name = "TEXT")]
    pub purpose: Option<String>,
    /// How long it is, in minutes (5 to 480)
    #[arg(long, value_name = "N")]
    pub minutes: Option<u32>,
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Record an action item from a meeting
    Add {
        #[arg(long, value_name = "ID")]
        meeting: i64,
        /// me, them or both
        #[arg(long)]
        owner: String,
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// Mark an action item done (everywhere it appears)
    Done { id: i64 },
    /// Open a done action item again
    Reopen { id: i64 },
    /// Change an action item's text, owner or due date (everywhere it appears)
    Edit {
        id: i64,
        #[arg(long, value_name = "TEXT")]
        text: Option<String>,
        /// me, them or both
        #[arg(long)]
        owner: Option<String>,
        #[arg(long, value_name = "DATE", conflicts_with = "no_due")]
        due: Option<String>,
        /// Remove the due date
        #[arg(long)]
        no_due: bool,
    },
    /// Delete an action item (and its place on every agenda)
    Rm { id: i64 },
    /// Action items, open and overdue first
    List {
        #[arg(long)]
        open: bool,
        #[arg(long)]
        overdue: bool,
        #[arg(long, value_name = "NAME")]
        partner: Option<String>,
        /// Mine (owner me or both)
        #[arg(long, conflicts_with = "theirs")]
        mine: bool,
        /// Theirs (owner them or both)
        #[arg(long)]
        theirs: bool,
        /// Only those whose text has these words
        #[arg(long, value_name = "WORDS")]
        text: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum DecisionCommand {
    /// Record a decision from a meeting
    Add {
        #[arg(long, value_name = "ID")]
        meeting: i64,
        /// We agreed
        #[arg(long, conflicts_with = "open", required_unless_present = "open")]
        agreed: bool,
        /// Still open between us
        #[arg(long)]
        open: bool,
        /// When to decide again
        #[arg(long, value_name = "DATE")]
        revisit: Option<String>,
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// Record the outcome of deciding again (no --revisit and --agreed settles it)
    Revisit {
        id: i64,
        #[arg(long, conflicts_with = "open", required_unless_present = "open")]
        agreed: bool,
        #[arg(long)]
        open: bool,
        #[arg(long, value_name = "DATE")]
        revisit: Option<String>,
    },
    /// Change a decision's words, whether it was agreed, or its date to decide again
    Edit {
        id: i64,
        #[arg(long, value_name = "TEXT")]
        text: Option<String>,
        #[arg(long, conflicts_with = "open")]
        agreed: bool,
        #[arg(long)]
        open: bool,
        #[arg(long, value_name = "DATE", conflicts_with = "no_revisit")]
        revisit: Option<String>,
        /// Remove the date to decide again
        #[arg(long)]
        no_revisit: bool,
    },
    /// Delete a decision (and its place on every agenda)
    Rm { id: i64 },
    /// Decisions, those to revisit first
    List {
        /// Only decisions not settled yet
        #[arg(long)]
        open: bool,
        #[arg(long, value_name = "NAME")]
        partner: Option<String>,
        /// Only those whose words include these
        #[arg(long, value_name = "WORDS")]
        text: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// All templates
    List,
    /// One template's sections and questions
    Show { name: String },
    /// Create a template: --section "Title: guiding question" (repeatable, in order)
    Add {
        name: String,
        #[arg(long = "section", value_name = "TITLE[: QUESTION]", required = true)]
        sections: Vec<String>,
    },
    /// Copy a template under a new name, to edit it
    Duplicate { name: String, new_name: String },
    /// Replace a user template's sections
    Edit {
        name: String,
        #[arg(long = "section", value_name = "TITLE[: QUESTION]", required = true)]
        sections: Vec<String>,
    },
    /// Use a template by default for a relationship (peer, manager, ...)
    Default { relationship: String, name: String },
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Protect the vault with a passphrase (asked on the terminal) instead of the keychain
    #[arg(long)]
    pub passphrase: bool,
}

#[derive(Debug, Args)]
pub struct RecoverArgs {
    /// Read the recovery key from standard input (its first line)
    #[arg(long, required = true)]
    pub recovery_key_stdin: bool,
}

#[derive(Debug, Subcommand)]
pub enum PartnerCommand {
    /// Add a partner
    Add(PartnerAddArgs),
    /// List partners
    List {
        /// Include archived partners
        #[arg(long)]
        archived: bool,
    },
    /// Show a partner, their relationship and role histories (with each spell's id) and recent entries
    Show { name: String },
    /// Change a partner (a new relationship, role or organisation is added to their history from today)
    Edit(PartnerEditArgs),
    /// Record a role in a partner's history: a past one with --to, else their role from --from on; or correct (--spell ID) or remove (--remove ID) one
    Role(PartnerRoleArgs),
    /// Record how you related: a past relationship with --to, else the relationship from --from (default today) on; or correct (--spell ID) or remove (--remove ID) one
    Relationship(PartnerRelationshipArgs),
    /// Pause a partner's cadence for a period (a leave, a sabbatical, a re-org): neither due nor overdue while it holds; or correct (--pause ID) or remove (--remove ID) a pause
    Pause(PartnerPauseArgs),
    /// End the pause that holds today: they are back, and the cadence counts again from today
    Resume { name: String },
    /// The story of the partnership, year by year from the first day: printed, or written to a file
    Story(PartnerStoryArgs),
}

#[derive(Debug, Args)]
pub struct PartnerAddArgs {
    pub name: String,
    #[arg(long)]
    pub role: Option<String>,
    /// peer, manager, mentor, mentee, report or cross-functional
    #[arg(long, default_value = "peer")]
    pub relationship: String,
    /// Where you work together
    #[arg(long = "org", value_name = "ORG")]
    pub organisation: Option<String>,
    /// How often you mean to meet, in days
    #[arg(long, value_name = "N")]
    pub cadence_days: Option<u32>,
    /// Since when you have worked together (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
}

#[derive(Debug, Args)]
pub struct PartnerEditArgs {
    pub name: String,
    #[arg(long = "name", value_name = "NEW_NAME")]
    pub new_name: Option<String>,
    /// New role ("" clears it)
    #[arg(long)]
    pub role: Option<String>,
    #[arg(long)]
    pub relationship: Option<String>,
    /// New organisation ("" clears it)
    #[arg(long = "org", value_name = "ORG")]
    pub organisation: Option<String>,
    /// Days between meetings (0 clears it)
    #[arg(long, value_name = "N")]
    pub cadence_days: Option<u32>,
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
    #[arg(long, conflicts_with = "unarchive")]
    pub archive: bool,
    #[arg(long)]
    pub unarchive: bool,
}

#[derive(Debug, Args)]
pub struct PartnerRoleArgs {
    pub name: String,
    /// The role they held, e.g. "Engineering Manager"
    #[arg(long, required_unless_present_any = ["organisation", "remove"])]
    pub role: Option<String>,
    /// Where they held it
    #[arg(long = "org", value_name = "ORG")]
    pub organisation: Option<String>,
    #[command(flatten)]
    pub spell: SpellArgs,
}

#[derive(Debug, Args)]
pub struct PartnerRelationshipArgs {
    pub name: String,
    /// peer, manager, mentor, mentee, report or cross-functional
    #[arg(required_unless_present = "remove")]
    pub relationship: Option<String>,
    #[command(flatten)]
    pub spell: SpellArgs,
}

#[derive(Debug, Args)]
pub struct PartnerPauseArgs {
    pub name: String,
    /// leave, sabbatical, reorg or other
    #[arg(long, default_value = "leave", conflicts_with = "remove")]
    pub reason: String,
    /// The first day of the pause (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE", conflicts_with = "remove")]
    pub from: Option<String>,
    /// The day they are back (YYYY-MM-DD), from which the cadence counts again; without it, until `partner resume`
    #[arg(long, value_name = "DATE", conflicts_with = "remove")]
    pub to: Option<String>,
    /// Correct pause ID (see `partner show`) instead of adding one
    #[arg(long = "pause", value_name = "ID", conflicts_with = "remove")]
    pub correct: Option<i64>,
    /// Remove pause ID (see `partner show`)
    #[arg(long, value_name = "ID")]
    pub remove: Option<i64>,
}

/// The dates of a spell in a partner's history, and which spell to correct or remove.
#[derive(Debug, Args)]
pub struct SpellArgs {
    /// When it began (YYYY-MM-DD); without --to, the current one begins then [default: today]
    #[arg(long, value_name = "DATE", conflicts_with = "remove")]
    pub from: Option<String>,
    /// When it ended (YYYY-MM-DD): a past spell
    #[arg(long, value_name = "DATE", conflicts_with = "remove")]
    pub to: Option<String>,
    /// Correct spell ID (see `partner show`) instead of adding one: every part is replaced
    #[arg(long, value_name = "ID", conflicts_with = "remove")]
    pub spell: Option<i64>,
    /// Remove spell ID (see `partner show`)
    #[arg(long, value_name = "ID")]
    pub remove: Option<i64>,
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// Link the entry to a partner (repeatable)
    #[arg(long = "partner", value_name = "NAME")]
    pub partners: Vec<String>,
    /// Tag the entry (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// note, win, concern, reflection or feedback
    #[arg(long, default_value = "note")]
    pub kind: String,
    /// Allow this entry into summaries you share (entries are private by default)
    #[arg(long)]
    pub shareable: bool,
    /// When it happened, for a memory written down later: "YYYY-MM-DD" (noon, local),
    /// "YYYY-MM-DD HH:MM" (local) or RFC 3339 [default: now]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[command(flatten)]
    pub support: SupportArgs,
    /// The text (Markdown); "-" reads it from standard input. Text that starts with a dash goes
    /// after `--`, so that a mistyped option is refused rather than saved as text
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,
}

/// A support moment: what you did for a linked partner, or they for you.
#[derive(Debug, Args)]
pub struct SupportArgs {
    /// Support you gave the linked partner: covered, advocated, shielded, sponsored,
    /// opportunity, hard-feedback or taught
    #[arg(long, value_name = "SUPPORT", conflicts_with = "received")]
    pub gave: Option<String>,
    /// Support you received from the linked partner (the same words as --gave)
    #[arg(long, value_name = "SUPPORT")]
    pub received: Option<String>,
}

#[derive(Debug, Args)]
pub struct PartnerStoryArgs {
    pub name: String,
    /// md, html or pdf (a PDF needs --out FILE or a pipe, not a terminal); --json gives the years
    #[arg(long, default_value = "md")]
    pub format: String,
    /// Write to this file (atomically, readable only by you) instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    /// Also the private side: how you were doing, concerns, and entries not marked shareable
    #[arg(long)]
    pub private: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: u32,
    /// Continue after this entry id (the previous page's last)
    #[arg(long, value_name = "ID")]
    pub before: Option<i64>,
    /// Only entries linked to this partner
    #[arg(long, value_name = "NAME")]
    pub partner: Option<String>,
    /// Only entries with this tag (an answer to a prompt: reflect-sounding-board, …)
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// List the trash instead
    #[arg(long)]
    pub trash: bool,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    pub id: i64,
    /// When it happened: "YYYY-MM-DD" (noon, local), "YYYY-MM-DD HH:MM" (local) or RFC 3339
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[arg(long)]
    pub kind: Option<String>,
    /// Replace the tags (repeatable)
    #[arg(long = "tag", value_name = "TAG", conflicts_with = "no_tags")]
    pub tags: Vec<String>,
    /// Remove all tags
    #[arg(long)]
    pub no_tags: bool,
    /// Replace the linked partners (repeatable)
    #[arg(long = "partner", value_name = "NAME", conflicts_with = "no_partners")]
    pub partners: Vec<String>,
    /// Unlink all partners
    #[arg(long)]
    pub no_partners: bool,
    #[arg(long, conflicts_with = "private")]
    pub shareable: bool,
    #[arg(long)]
    pub private: bool,
    #[command(flatten)]
    pub support: SupportArgs,
    /// No longer a support moment (keeps the text)
    #[arg(long, conflicts_with_all = ["gave", "received"])]
    pub no_support: bool,
    /// New text; "-" reads it from standard input. Text that starts with a dash goes after `--`
    #[arg(num_args = 0..)]
    pub text: Vec<String>,
}

#[derive(Debug, Args)]
pub struct PurgeArgs {
    /// The entry to delete for good (it must be in the trash)
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub id: Option<i64>,
    /// Empty the whole trash
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find (the last one also matches as a prefix); may be "" with filters
    pub query: String,
    #[arg(long = "partner", value_name = "NAME")]
    pub partners: Vec<String>,
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    #[arg(long)]
    pub kind: Option<String>,
    /// From this day (YYYY-MM-DD, local) or instant (RFC 3339)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to and including this day (YYYY-MM-DD, local), or before this instant (RFC 3339)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: u32,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// jrnl's JSON export (`jrnl --format json > FILE`)
    Jrnl { file: PathBuf },
    /// Day One's JSON export (Journal.json from its export zip)
    Dayone { file: PathBuf },
    /// A Rapport export-all file, into an empty vault (every row, ids kept)
    Rapport { file: PathBuf },
    /// A folder of Markdown notes: Rapport's export-all --markdown folder, or notes with front
    /// matter or a YYYY-MM-DD in their file names (Obsidian and the like)
    Markdown { dir: PathBuf },
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
