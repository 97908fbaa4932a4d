-- A peer problem's worksheet, as the essay's directors kept it: each side's view (both written by
-- the person, from what they heard), why it matters and to whom, each side's stake in every
-- option; allies who need not be partners, with a next step; and when the agreement was
-- presented to the managers.

ALTER TABLE problems ADD COLUMN my_view TEXT NOT NULL DEFAULT '';
ALTER TABLE problems ADD COLUMN their_view TEXT NOT NULL DEFAULT '';
ALTER TABLE problems ADD COLUMN why_it_matters TEXT NOT NULL DEFAULT '';
-- A JSON list of short texts: "the organisation", "the support team", "customers", "Dana".
ALTER TABLE problems ADD COLUMN matters_to TEXT NOT NULL DEFAULT '[]';
-- When the worksheet (views, why, to whom) was last written; NULL until it is.
ALTER TABLE problems ADD COLUMN worksheet_at INTEGER;

ALTER TABLE problem_options ADD COLUMN my_stake TEXT NOT NULL DEFAULT '';
ALTER TABLE problem_options ADD COLUMN their_stake TEXT NOT NULL DEFAULT '';
-- NULL for options recorded before this migration.
ALTER TABLE problem_options ADD COLUMN created_at INTEGER;

-- People recorded without becoming partners: allies, meeting guests. They stay out of Partners,
-- cadence and summaries unless promoted to a partner.
CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    role        TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX people_by_name ON people (name COLLATE NOCASE);

-- The peers whose agreement a problem needs: a partner or a person, where they stand, and the
-- next step towards winning them (and whose it is).
CREATE TABLE problem_allies (
    id          INTEGER PRIMARY KEY,
    problem_id  INTEGER NOT NULL REFERENCES problems (id) ON DELETE CASCADE,
    partner_id  INTEGER REFERENCES partners (id) ON DELETE CASCADE,
    person_id   INTEGER REFERENCES people (id) ON DELETE CASCADE,
    stance      TEXT    NOT NULL DEFAULT 'unknown' CHECK (stance IN ('for', 'against', 'unknown')),
    next_step   TEXT    NOT NULL DEFAULT '',
    owner       TEXT    NOT NULL DEFAULT 'me' CHECK (owner IN ('me', 'them', 'both')),
    created_at  INTEGER NOT NULL,
    CHECK ((partner_id IS NULL) <> (person_id IS NULL))
);
CREATE UNIQUE INDEX problem_allies_partner ON problem_allies (problem_id, partner_id)
    WHERE partner_id IS NOT NULL;
CREATE UNIQUE INDEX problem_allies_person ON problem_allies (problem_id, person_id)
    WHERE person_id IS NOT NULL;
CREATE INDEX problem_allies_by_partner ON problem_allies (partner_id) WHERE partner_id IS NOT NULL;
CREATE INDEX problem_allies_by_person ON problem_allies (person_id) WHERE person_id IS NOT NULL;

-- Allies used to be rows of problem_peers; they move here, and problem_peers keeps only the peers
-- a problem is shared with. (An import of an older export moves them the same way.)
INSERT INTO problem_allies (problem_id, partner_id, stance, created_at)
    SELECT pp.problem_id, pp.partner_id, pp.stance, p.created_at
    FROM problem_peers pp JOIN problems p ON p.id = pp.problem_id
    WHERE pp.role = 'ally';
DELETE FROM problem_peers WHERE role = 'ally';

-- Each time the agreement was presented to the managers: when, to whom, what they said.
CREATE TABLE problem_presentations (
    id            INTEGER PRIMARY KEY,
    problem_id    INTEGER NOT NULL REFERENCES problems (id) ON DELETE CASCADE,
    presented_on  TEXT    NOT NULL,
    to_whom       TEXT    NOT NULL,
    response      TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL
);
CREATE INDEX problem_presentations_by_problem ON problem_presentations (problem_id, presented_on);
