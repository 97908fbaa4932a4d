-- Partners, their role history, journal entries with tags and partner links, and full-text
-- indexes over entries and partners. Instants are UTC milliseconds; dates are 'YYYY-MM-DD'.

CREATE TABLE partners (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL,
    role          TEXT,
    relationship  TEXT    NOT NULL CHECK (relationship IN
                      ('peer', 'manager', 'mentor', 'mentee', 'report', 'cross_functional')),
    organisation  TEXT,
    since         TEXT,
    cadence_days  INTEGER CHECK (cadence_days IS NULL OR cadence_days BETWEEN 1 AND 366),
    notes         TEXT    NOT NULL DEFAULT '',
    archived      INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE UNIQUE INDEX partners_by_name ON partners (name COLLATE NOCASE);

-- A partner's roles over time; the open spell (ended IS NULL) is the current one.
CREATE TABLE partner_roles (
    id            INTEGER PRIMARY KEY,
    partner_id    INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    role          TEXT,
    organisation  TEXT,
    started       TEXT,
    ended         TEXT
);
CREATE INDEX partner_roles_by_partner ON partner_roles (partner_id, id);

CREATE TABLE entries (
    id            INTEGER PRIMARY KEY,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('note', 'win', 'concern', 'reflection', 'feedback')),
    body          TEXT    NOT NULL,
    shareable     INTEGER NOT NULL DEFAULT 0 CHECK (shareable IN (0, 1)),
    deleted_at    INTEGER
);
-- The timeline: live entries newest first, paged by (created_at, id).
CREATE INDEX entries_timeline ON entries (created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX entries_trash ON entries (deleted_at DESC, id DESC) WHERE deleted_at IS NOT NULL;

CREATE TABLE entry_tags (
    entry_id      INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    tag           TEXT    NOT NULL,
    PRIMARY KEY (entry_id, tag)
) WITHOUT ROWID;
CREATE INDEX entry_tags_by_tag ON entry_tags (tag, entry_id);

-- entry_created_at copies entries.created_at (which never changes after insert) so that a
-- partner's timeline is read straight from one index, newest first.
CREATE TABLE entry_partners (
    entry_id          INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    partner_id        INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    entry_created_at  INTEGER NOT NULL,
    PRIMARY KEY (entry_id, partner_id)
) WITHOUT ROWID;
CREATE INDEX entry_partners_timeline ON entry_partners (partner_id, entry_created_at DESC, entry_id DESC);

-- Full-text indexes read their text from the tables above (external content), kept in step by
-- triggers. Prefix indexes make search-as-you-type cheap.
CREATE VIRTUAL TABLE entries_fts USING fts5 (
    body,
    content = 'entries', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO entries_fts (entries_fts, rank) VALUES ('secure-delete', 1);

CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER entries_fts_update AFTER UPDATE OF body ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO entries_fts (rowid, body) VALUES (new.id, new.body);
END;

CREATE VIRTUAL TABLE partners_fts USING fts5 (
    name, role, organisation, notes,
    content = 'partners', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO partners_fts (partners_fts, rank) VALUES ('secure-delete', 1);

CREATE TRIGGER partners_fts_insert AFTER INSERT ON partners BEGIN
    INSERT INTO partners_fts (rowid, name, role, organisation, notes)
    VALUES (new.id, new.name, new.role, new.organisation, new.notes);
END;
CREATE TRIGGER partners_fts_delete AFTER DELETE ON partners BEGIN
    INSERT INTO partners_fts (partners_fts, rowid, name, role, organisation, notes)
    VALUES ('delete', old.id, old.name, old.role, old.organisation, old.notes);
END;
CREATE TRIGGER partners_fts_update AFTER UPDATE OF name, role, organisation, notes ON partners BEGIN
    INSERT INTO partners_fts (partners_fts, rowid, name, role, organisation, notes)
    VALUES ('delete', old.id, old.name, old.role, old.organisation, old.notes);
    INSERT INTO partners_fts (rowid, name, role, organisation, notes)
    VALUES (new.id, new.name, new.role, new.organisation, new.notes);
END;
