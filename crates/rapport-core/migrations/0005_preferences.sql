-- The app's remembered choices that name people, entries or places (the summary's partners and
-- unticked lines, the last folders used), kept here, encrypted, rather than in the web view's
-- storage, which is plaintext outside the vault. A value is JSON. Not journal data: not exported.
CREATE TABLE preferences (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
