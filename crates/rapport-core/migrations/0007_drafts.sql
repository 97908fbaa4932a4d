-- What is being typed in the app's editor and not saved yet, kept a few seconds after the last
-- keystroke and before any lock, so that a lock, a restart or a crash loses nothing. One row at
-- most (the editor holds one entry at a time). Not journal data: not exported, not in a summary.
CREATE TABLE drafts (
    slot     TEXT PRIMARY KEY CHECK (slot = 'editor'),
    value    TEXT NOT NULL,
    saved_at INTEGER NOT NULL
) WITHOUT ROWID;
