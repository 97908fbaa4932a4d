-- Every edit of an entry or a partner counts up its version. An edit carries the version it
-- started from, and one started before a change made elsewhere (another Rapport window, the CLI)
-- is refused instead of overwriting that change.
ALTER TABLE entries ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE partners ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
