-- Search that keeps up with typing at any size (see docs/benchmarks.md).
--
-- One- and two-letter prefixes get their own index: without it FTS5 merges the doclist of every
-- term starting with the letters. The table is made again with the option and filled from
-- `entries`; the triggers of migration 1 keep it in step as before.
DROP TABLE entries_fts;
CREATE VIRTUAL TABLE entries_fts USING fts5 (
    body,
    content = 'entries', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2'
);
INSERT INTO entries_fts (entries_fts, rank) VALUES ('secure-delete', 1);
-- Terms written in one transaction are kept in memory up to 64 MiB (FTS5's default is 1 MiB)
-- before they become a segment: an import then writes a few large segments instead of merging
-- hundreds of small ones. A single entry's transaction holds a few kilobytes; only a bulk write
-- uses the memory, and only until it commits.
INSERT INTO entries_fts (entries_fts, rank) VALUES ('hashsize', 67108864);
INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');

-- What a search reads of each match to filter and order it, in a narrow index: looking these
-- up in `entries` itself decrypts a page of note text per match.
CREATE INDEX IF NOT EXISTS entries_search ON entries (id, deleted_at, created_at, kind);

-- A search filtered by a kind few entries have lists them first (search.rs, `fewest_filtered`).
CREATE INDEX IF NOT EXISTS entries_by_kind ON entries (kind) WHERE deleted_at IS NULL;
