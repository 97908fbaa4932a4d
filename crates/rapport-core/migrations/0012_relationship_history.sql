-- How you relate to a partner over time (report, then peer, then mentor), like their roles in
-- `partner_roles`. Each partner has exactly one open spell (ended IS NULL), whose relationship
-- is `partners.relationship`; spells do not overlap, though one may end on the day the next
-- starts (partner_history.rs keeps this). Dates are `YYYY-MM-DD`; a spell's start may be unknown.
CREATE TABLE partner_relationships (
    id            INTEGER PRIMARY KEY,
    partner_id    INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    relationship  TEXT NOT NULL,
    started       TEXT,
    ended         TEXT
);
CREATE INDEX partner_relationships_by_partner ON partner_relationships (partner_id, id);

-- Every partner so far relates as they do now since they were added, or since the date they
-- were given for working together.
INSERT INTO partner_relationships (partner_id, relationship, started)
    SELECT id, relationship, coalesce(since, date(created_at / 1000, 'unixepoch', 'localtime'))
    FROM partners;
