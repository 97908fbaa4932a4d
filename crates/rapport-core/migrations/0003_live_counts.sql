-- Live (not trashed) entries, counted as they change instead of when they are shown: the status
-- line, the partners list and "what is due" read one number each, however long the journal.
-- Counting an index at start took ~10 ms per figure at 100k entries and read ~2 MB of pages.
-- Derived data, like the full-text tables: kept by the triggers below, rebuilt here from the
-- tables, never exported.

CREATE TABLE live_entry_count (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    live  INTEGER NOT NULL
);
INSERT INTO live_entry_count (id, live)
    SELECT 1, count(*) FROM entries WHERE deleted_at IS NULL;

-- One row per partner, made with the partner.
CREATE TABLE partner_live_entries (
    partner_id  INTEGER PRIMARY KEY REFERENCES partners (id) ON DELETE CASCADE,
    live        INTEGER NOT NULL
);
INSERT INTO partner_live_entries (partner_id, live)
    SELECT p.id, (SELECT count(*) FROM entry_partners ep JOIN entries e ON e.id = ep.entry_id
                  WHERE ep.partner_id = p.id AND e.deleted_at IS NULL)
    FROM partners p;

CREATE TRIGGER live_counts_partner_insert AFTER INSERT ON partners BEGIN
    INSERT INTO partner_live_entries (partner_id, live) VALUES (NEW.id, 0);
END;

CREATE TRIGGER live_counts_entry_insert AFTER INSERT ON entries WHEN NEW.deleted_at IS NULL BEGIN
    UPDATE live_entry_count SET live = live + 1;
END;

-- BEFORE: the entry's links still exist. Deleting the entry then deletes its links (ON DELETE
-- CASCADE) after the entry's row is gone, so the link trigger below no longer sees a live entry
-- and does not count them a second time.
CREATE TRIGGER live_counts_entry_delete BEFORE DELETE ON entries WHEN OLD.deleted_at IS NULL BEGIN
    UPDATE live_entry_count SET live = live - 1;
    UPDATE partner_live_entries SET live = live - 1
        WHERE partner_id IN (SELECT partner_id FROM entry_partners WHERE entry_id = OLD.id);
END;

CREATE TRIGGER live_counts_entry_trash AFTER UPDATE OF deleted_at ON entries
    WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL BEGIN
    UPDATE live_entry_count SET live = live - 1;
    UPDATE partner_live_entries SET live = live - 1
        WHERE partner_id IN (SELECT partner_id FROM entry_partners WHERE entry_id = NEW.id);
END;

CREATE TRIGGER live_counts_entry_restore AFTER UPDATE OF deleted_at ON entries
    WHEN OLD.deleted_at IS NOT NULL AND NEW.deleted_at IS NULL BEGIN
    UPDATE live_entry_count SET live = live + 1;
    UPDATE partner_live_entries SET live = live + 1
        WHERE partner_id IN (SELECT partner_id FROM entry_partners WHERE entry_id = NEW.id);
END;

-- Links are only inserted and deleted (an edit replaces them), never updated.
CREATE TRIGGER live_counts_link_insert AFTER INSERT ON entry_partners
    WHEN (SELECT deleted_at IS NULL FROM entries WHERE id = NEW.entry_id) BEGIN
    UPDATE partner_live_entries SET live = live + 1 WHERE partner_id = NEW.partner_id;
END;

CREATE TRIGGER live_counts_link_delete AFTER DELETE ON entry_partners
    WHEN (SELECT deleted_at IS NULL FROM entries WHERE id = OLD.entry_id) BEGIN
    UPDATE partner_live_entries SET live = live - 1 WHERE partner_id = OLD.partner_id;
END;
