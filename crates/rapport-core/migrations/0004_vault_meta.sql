-- Facts about the vault itself, not journal data (never exported): for now, that its key file
-- carries a MAC, so that a key file without one (a stripped MAC) is refused from then on.
CREATE TABLE vault_meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
