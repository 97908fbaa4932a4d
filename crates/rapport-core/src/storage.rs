//! The one place that opens the encrypted database: key first, every pragma, then migrations.

use std::path::Path;

use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use crate::error::{Error, Result};
use crate::keys::DataKey;

/// How long a statement waits for another connection (another Rapport window or command) to
/// finish writing, checkpointing or migrating before it gives up with `Error::Busy`.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Schema migrations, in order. Those a vault lacks are applied together in one transaction that
/// holds the write lock from its start, and recorded in `schema_migrations`. An applied migration
/// is never edited: add a new file instead.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/0001_journal.sql")),
    (2, include_str!("../migrations/0002_meetings.sql")),
    (3, include_str!("../migrations/0003_live_counts.sql")),
    (4, include_str!("../migrations/0004_vault_meta.sql")),
    (5, include_str!("../migrations/0005_preferences.sql")),
    (6, include_str!("../migrations/0006_versions.sql")),
    (7, include_str!("../migrations/0007_drafts.sql")),
    (8, include_str!("../migrations/0008_problem_worksheet.sql")),
    (9, include_str!("../migrations/0009_meeting_purpose.sql")),
    (10, include_str!("../migrations/0010_meeting_guests.sql")),
    (
        11,
        include_str!("../migrations/0011_search_at_any_size.sql"),
    ),
    (
        12,
        include_str!("../migrations/0012_relationship_history.sql"),
    ),
    (13, include_str!("../migrations/0013_cadence_pauses.sql")),
    (14, include_str!("../migrations/0014_meeting_pulse.sql")),
    (15, include_str!("../migrations/0015_entry_support.sql")),
    (16, include_str!("../migrations/0016_reflection_tags.sql")),
];

/// The newest schema this build understands.
pub(crate) const SCHEMA_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OpenMode {
    /// The file was just created empty by the caller (with private permissions).
    New,
    /// The vault must already exist; it is never created by accident.
    Existing,
}

/// Opens the vault database with `key`, checks that it is really encrypted and readable with
/// that key, sets every pragma and brings the schema up to date.
#[allow(clippy::disallowed_methods)] // This is the one function allowed to open connections.
pub(crate) fn open(path: &Path, key: &DataKey, mode: OpenMode) -> Result<Connection> {
    // Without CREATE, a missing file is an error rather than a fresh empty vault that would
    // accept any key.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if mode == OpenMode::Existing {
        let len = std::fs::metadata(path)
            .map_err(|e| Error::io("could not read the vault's database", e))?
            .len();
        if len == 0 {
            return Err(Error::Damaged("the database file is empty".into()));
        }
    }
    let mut conn = Connection::open_with_flags(path, flags)
        .map_err(|e| Error::Damaged(format!("could not open: {e}")))?;

    // The key must be the very first statement: anything earlier on a new file would write a
    // plaintext header.
    conn.pragma_update(None, "key", &*key.sqlcipher_pragma_value())?;
    // Busy handling from the first read on: another process may hold the database for a moment
    // (writing, checkpointing as it closes, migrating), which is waited for, not called damage.
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Every transaction takes the write lock at its start (BEGIN IMMEDIATE), so that what it
    // reads cannot change under it before it writes: a read-then-write transaction that started
    // deferred would fail with "database is locked" (or work from stale values) when another
    // process wrote in between.
    conn.set_transaction_behavior(TransactionBehavior::Immediate);
    let cipher_version: Option<String> = conn
        .query_row("PRAGMA cipher_version", [], |row| row.get(0))
        .optional()?;
    if cipher_version.is_none_or(|v| v.is_empty()) {
        return Err(Error::NoEncryption);
    }
    // SQLCipher reports a wrong key to stderr ("hmac check failed"); errors are returned instead.
    conn.pragma_update(None, "cipher_log_level", "NONE")?;

    // The first read decrypts page 1: a wrong key or a damaged file shows up here.
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    }) {
        Ok(_) => {}
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            return Err(Error::KeyMismatch);
        }
        Err(e @ rusqlite::Error::SqliteFailure(..))
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) =>
        {
            return Err(Error::Busy);
        }
        Err(e) => return Err(Error::Damaged(e.to_string())),
    }

    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;

    migrate(&conn)?;
    Ok(conn)
}

/// Brings the schema up to date. The version is read under the write lock, so that two processes
/// opening an old vault at once apply each migration once: the second waits, then finds nothing
/// left to do.
fn migrate(conn: &Connection) -> Result<()> {
    if schema_version(conn)? == SCHEMA_VERSION {
        // The common case, without taking the write lock.
        return Ok(());
    }
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let applied = apply_migrations(conn);
    match applied {
        Ok(()) => conn.execute_batch("COMMIT").map_err(Error::from),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

/// The newest migration recorded, 0 for a database that has none yet.
fn schema_version(conn: &Connection) -> Result<i64> {
    let has_table: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
        [],
        |row| row.get(0),
    )?;
    if !has_table {
        return Ok(0);
    }
    let current: i64 = conn.query_row(
        "SELECT coalesce(max(version), 0) FROM schema_migrations",
        [],
        |row| row.get(0),
    )?;
    if current > SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            found: current,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(current)
}

/// Applies what the vault lacks; the caller holds the write lock and commits.
fn apply_migrations(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    INTEGER PRIMARY KEY,
             applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
         )",
    )?;
    let current = schema_version(conn)?;
    for &(version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
        conn.execute_batch(sql)?;
        conn.execute(
            "INSERT INTO schema_migrations (version) VALUES (?1)",
            [version],
        )?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) fn schema_versions(conn: &Connection) -> Vec<i64> {
    let mut stmt = conn
        .prepare("SELECT version FROM schema_migrations ORDER BY version")
        .unwrap();
    stmt.query_map([], |row| row.get(0))
        .unwrap()
        .map(|v| v.unwrap())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    fn all_versions() -> Vec<i64> {
        (1..=SCHEMA_VERSION).collect()
    }

    fn new_db(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("t.db");
        crate::paths::create_private_file(&path).unwrap();
        path
    }

    #[test]
    fn new_database_is_encrypted_migrated_and_reopens_with_its_key() {
        let tmp = tempfile::tempdir().unwrap();
        let path = new_db(tmp.path());
        let key = DataKey::generate(&mut StdRng::seed_from_u64(1));
        let conn = open(&path, &key, OpenMode::New).unwrap();
        assert_eq!(schema_versions(&conn), all_versions());
        drop(conn);
        let header = std::fs::read(&path).unwrap();
        assert!(!header.starts_with(b"SQLite format 3"));
        let conn = open(&path, &key, OpenMode::Existing).unwrap();
        assert_eq!(
            schema_versions(&conn),
            all_versions(),
            "migrations are not re-applied"
        );
    }

    #[test]
    fn wrong_key_is_refused_and_the_file_is_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let path = new_db(tmp.path());
        let mut rng = StdRng::seed_from_u64(2);
        let key = DataKey::generate(&mut rng);
        drop(open(&path, &key, OpenMode::New).unwrap());
        let before = std::fs::read(&path).unwrap();
        let other = DataKey::generate(&mut rng);
        assert!(matches!(
            open(&path, &other, OpenMode::Existing),
            Err(Error::KeyMismatch)
        ));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn missing_or_empty_file_is_not_created_as_a_new_vault() {
        let tmp = tempfile::tempdir().unwrap();
        let key = DataKey::generate(&mut StdRng::seed_from_u64(3));
        assert!(open(&tmp.path().join("absent.db"), &key, OpenMode::Existing).is_err());
        assert!(!tmp.path().join("absent.db").exists());
        let empty = new_db(tmp.path());
        assert!(matches!(
            open(&empty, &key, OpenMode::Existing),
            Err(Error::Damaged(_))
        ));
    }

    #[test]
    fn a_vault_from_a_newer_schema_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let path = new_db(tmp.path());
        let key = DataKey::generate(&mut StdRng::seed_from_u64(4));
        let conn = open(&path, &key, OpenMode::New).unwrap();
        conn.execute("INSERT INTO schema_migrations (version) VALUES (999)", [])
            .unwrap();
        drop(conn);
        match open(&path, &key, OpenMode::Existing) {
            Err(Error::NewerSchema { found, supported }) => {
                assert_eq!((found, supported), (999, SCHEMA_VERSION));
            }
            other => panic!("expected NewerSchema, got {other:?}"),
        }
    }

    /// Writes a vault by hand at an older `schema`, as a release of that time left it, then
    /// runs `rows` in it.
    fn write_old_vault(path: &Path, key: &DataKey, schema: i64, rows: &str) {
        #[allow(clippy::disallowed_methods)]
        let conn = Connection::open(path).unwrap();
        conn.pragma_update(None, "key", &*key.sqlcipher_pragma_value())
            .unwrap();
        // Every release opened its vaults in WAL mode, and a vault stays in it.
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.execute_batch(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT '');",
        )
        .unwrap();
        for &(version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v <= schema) {
            conn.execute_batch(sql).unwrap();
            conn.execute(
                "INSERT INTO schema_migrations (version) VALUES (?1)",
                [version],
            )
            .unwrap();
        }
        conn.execute_batch(rows).unwrap();
    }

    #[test]
    fn a_vault_at_schema_1_is_migrated_forward_without_losing_rows() {
        let tmp = tempfile::tempdir().unwrap();
        let path = new_db(tmp.path());
        let key = DataKey::generate(&mut StdRng::seed_from_u64(6));
        // A schema-1 vault, as the first release wrote it.
        write_old_vault(
            &path,
            &key,
            1,
            "INSERT INTO entries (created_at, updated_at, kind, body) VALUES (1, 1, 'note', 'kept');",
        );
        let conn = open(&path, &key, OpenMode::Existing).unwrap();
        assert_eq!(schema_versions(&conn), all_versions());
        let body: String = conn
            .query_row("SELECT body FROM entries", [], |row| row.get(0))
            .unwrap();
        assert_eq!(body, "kept");
        let templates: i64 = conn
            .query_row(
                "SELECT count(*) FROM templates WHERE builtin IS NOT NULL",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(templates, 3);
    }

    #[test]
    fn migration_12_gives_every_partner_their_relationship_since_they_were_known() {
        let tmp = tempfile::tempdir().unwrap();
        let path = new_db(tmp.path());
        let key = DataKey::generate(&mut StdRng::seed_from_u64(12));
        // One partner with the date they were known from, one added on 2021-06-01 (UTC noon,
        // the same day in every time zone within twelve hours).
        write_old_vault(
            &path,
            &key,
            11,
            "INSERT INTO partners (name, relationship, since, created_at, updated_at)
                 VALUES ('A', 'mentor', '2013-03-01', 1622548800000, 1622548800000),
                        ('B', 'cross_functional', NULL, 1622548800000, 1622548800000);",
        );
        let conn = open(&path, &key, OpenMode::Existing).unwrap();
        let spells: Vec<(String, String, Option<String>)> = conn
            .prepare("SELECT relationship, started, ended FROM partner_relationships ORDER BY partner_id")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            spells,
            [
                ("mentor".into(), "2013-03-01".into(), None),
                ("cross_functional".into(), "2021-06-01".into(), None),
            ]
        );
    }

    #[test]
    fn migration_16_tags_the_answers_to_the_prompts_written_before_the_tags() {
        let tmp = tempfile::tempdir().unwrap();
        let path = new_db(tmp.path());
        let key = DataKey::generate(&mut StdRng::seed_from_u64(16));
        write_old_vault(
            &path,
            &key,
            15,
            "INSERT INTO entries (created_at, updated_at, kind, body) VALUES
                 (1, 1, 'reflection', 'Who is my sounding board?\n\nMike, still.'),
                 (2, 2, 'reflection', 'What kind of partner am I, and what kind do I want to be?\n\nA better listener.'),
                 (3, 3, 'note', 'Who is my sounding board? (a note, not an answer)'),
                 (4, 4, 'reflection', 'A reflection of my own');",
        );
        let conn = open(&path, &key, OpenMode::Existing).unwrap();
        let tags: Vec<(i64, String)> = conn
            .prepare("SELECT entry_id, tag FROM entry_tags ORDER BY entry_id")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            tags,
            [
                (1, "reflect-sounding-board".into()),
                (2, "reflect-what-kind".into())
            ]
        );
    }

    #[test]
    fn migration_8_moves_allies_out_of_the_shared_with_peers() {
        let tmp = tempfile::tempdir().unwrap();
        let path = new_db(tmp.path());
        let key = DataKey::generate(&mut StdRng::seed_from_u64(8));
        write_old_vault(
            &path,
            &key,
            7,
            "INSERT INTO partners (id, name, relationship, created_at, updated_at)
                 VALUES (1, 'Sam', 'peer', 1, 1), (2, 'Dana', 'peer', 1, 1);
             INSERT INTO problems (id, title, created_at, updated_at) VALUES (1, 'WIP', 5, 5);
             INSERT INTO problem_peers (problem_id, partner_id, role, stance)
                 VALUES (1, 1, 'shared_with', 'unknown'), (1, 2, 'ally', 'for');",
        );
        let conn = open(&path, &key, OpenMode::Existing).unwrap();
        let peers: Vec<(i64, String)> = conn
            .prepare("SELECT partner_id, role FROM problem_peers")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(peers, [(1, "shared_with".to_owned())]);
        let ally: (i64, String, i64) = conn
            .query_row(
                "SELECT partner_id, stance, created_at FROM problem_allies",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .unwrap();
        assert_eq!(ally, (2, "for".to_owned(), 5));
    }

    #[test]
    fn migration_11_indexes_the_entries_already_there_for_prefixes() {
        let tmp = tempfile::tempdir().unwrap();
        let path = new_db(tmp.path());
        let key = DataKey::generate(&mut StdRng::seed_from_u64(11));
        write_old_vault(
            &path,
            &key,
            10,
            "INSERT INTO entries (id, created_at, updated_at, kind, body)
                 VALUES (1, 1, 1, 'note', 'quarterly planning'), (2, 2, 2, 'win', 'shipped it');",
        );
        let conn = open(&path, &key, OpenMode::Existing).unwrap();
        let found = |query: &str| -> Vec<i64> {
            conn.prepare("SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?1 ORDER BY rowid")
                .unwrap()
                .query_map([query], |row| row.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        assert_eq!(found("\"q\"*"), [1]);
        assert_eq!(found("\"sh\"*"), [2]);
        assert_eq!(found("\"planning\""), [1]);
        let prefixes: String = conn
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE name = 'entries_fts'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert!(prefixes.contains("prefix = '1 2'"), "{prefixes}");
        // The triggers of migration 1 still keep the new table in step.
        conn.execute("UPDATE entries SET body = 'retro notes' WHERE id = 1", [])
            .unwrap();
        assert!(found("\"q\"*").is_empty());
        assert_eq!(found("\"r\"*"), [1]);
    }

    #[test]
    fn migration_3_counts_the_live_entries_already_there() {
        let tmp = tempfile::tempdir().unwrap();
        let path = new_db(tmp.path());
        let key = DataKey::generate(&mut StdRng::seed_from_u64(7));
        // A schema-2 vault with two partners, two live entries and one in the trash.
        write_old_vault(
            &path,
            &key,
            2,
            "INSERT INTO partners (id, name, relationship, created_at, updated_at)
                 VALUES (1, 'A', 'peer', 1, 1), (2, 'B', 'peer', 1, 1);
             INSERT INTO entries (id, created_at, updated_at, kind, body, deleted_at)
                 VALUES (1, 1, 1, 'note', 'x', NULL), (2, 2, 2, 'note', 'y', NULL),
                        (3, 3, 3, 'note', 'z', 5);
             INSERT INTO entry_partners (entry_id, partner_id, entry_created_at)
                 VALUES (1, 1, 1), (2, 1, 2), (3, 1, 3), (3, 2, 3);",
        );
        let conn = open(&path, &key, OpenMode::Existing).unwrap();
        let live: i64 = conn
            .query_row("SELECT live FROM live_entry_count", [], |row| row.get(0))
            .unwrap();
        assert_eq!(live, 2);
        let mut stmt = conn
            .prepare("SELECT partner_id, live FROM partner_live_entries ORDER BY partner_id")
            .unwrap();
        let partners: Vec<(i64, i64)> = stmt
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(partners, [(1, 2), (2, 0)]);
    }

    #[test]
    fn two_connections_opening_an_old_vault_at_once_both_succeed_and_migrate_it_once() {
        let tmp = tempfile::tempdir().unwrap();
        let key = DataKey::generate(&mut StdRng::seed_from_u64(8));
        for round in 0..10 {
            let path = tmp.path().join(format!("old-{round}.db"));
            crate::paths::create_private_file(&path).unwrap();
            write_old_vault(
                &path,
                &key,
                2,
                "INSERT INTO entries (created_at, updated_at, kind, body) VALUES (1, 1, 'note', 'kept');",
            );
            let start = std::sync::Barrier::new(2);
            let opened: Vec<Result<Connection>> = std::thread::scope(|scope| {
                let both: Vec<_> = (0..2)
                    .map(|_| {
                        scope.spawn(|| {
                            start.wait();
                            open(&path, &key, OpenMode::Existing)
                        })
                    })
                    .collect();
                both.into_iter().map(|t| t.join().unwrap()).collect()
            });
            for conn in opened {
                let conn = conn.unwrap_or_else(|e| panic!("round {round}: {e}"));
                assert_eq!(schema_versions(&conn), all_versions(), "round {round}");
                let live: i64 = conn
                    .query_row("SELECT live FROM live_entry_count", [], |row| row.get(0))
                    .unwrap();
                assert_eq!(live, 1, "round {round}: migration 3 counted once");
            }
        }
    }

    #[test]
    fn a_vault_held_by_another_connection_is_waited_for_not_called_damaged() {
        let tmp = tempfile::tempdir().unwrap();
        let path = new_db(tmp.path());
        let key = DataKey::generate(&mut StdRng::seed_from_u64(9));
        let holder = open(&path, &key, OpenMode::New).unwrap();
        // An exclusive lock, as a closing connection's checkpoint or a migration holds it.
        holder
            .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
            .unwrap();
        let waiting = std::thread::spawn({
            let path = path.clone();
            let key = key.clone();
            move || open(&path, &key, OpenMode::Existing)
        });
        std::thread::sleep(Duration::from_millis(300));
        holder.execute_batch("COMMIT").unwrap();
        drop(holder);
        waiting
            .join()
            .unwrap()
            .expect("opened once the other connection let go");
    }

    #[test]
    fn pragmas_are_set() {
        let tmp = tempfile::tempdir().unwrap();
        let path = new_db(tmp.path());
        let key = DataKey::generate(&mut StdRng::seed_from_u64(5));
        let conn = open(&path, &key, OpenMode::New).unwrap();
        let get = |name: &str| -> String {
            conn.query_row(&format!("PRAGMA {name}"), [], |row| {
                row.get::<_, rusqlite::types::Value>(0)
            })
            .map(|v| match v {
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t,
                other => format!("{other:?}"),
            })
            .unwrap()
        };
        assert_eq!(get("journal_mode"), "wal");
        assert_eq!(get("synchronous"), "2");
        assert_eq!(get("foreign_keys"), "1");
        assert_eq!(get("secure_delete"), "1");
        assert_eq!(get("temp_store"), "2");
    }
}
