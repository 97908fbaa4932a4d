-- Meetings with their agendas, action items, decisions and templates; peer problems.
-- Instants are UTC milliseconds; dates are 'YYYY-MM-DD' (local calendar days).

CREATE TABLE templates (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    -- Set for the built-in templates, which can be duplicated but not edited.
    builtin     TEXT    UNIQUE,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX templates_by_name ON templates (name COLLATE NOCASE);

CREATE TABLE template_sections (
    template_id INTEGER NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    prompt      TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (template_id, position)
) WITHOUT ROWID;

-- Which template a new meeting with a partner of this relationship starts from.
CREATE TABLE relationship_templates (
    relationship TEXT    PRIMARY KEY,
    template_id  INTEGER NOT NULL REFERENCES templates (id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE meetings (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
    template_id INTEGER REFERENCES templates (id) ON DELETE SET NULL,
    -- The agenda's sections as they were when the meeting was prepared (JSON [{title, prompt}]),
    -- so a later edit of the template does not reshuffle past agendas.
    sections    TEXT    NOT NULL DEFAULT '[]',
    check_in    TEXT    NOT NULL DEFAULT '',
    -- The peer one-on-one signals checklist, as JSON (null when not asked).
    signals     TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX meetings_by_time ON meetings (at DESC, id DESC);

-- meeting_at copies meetings.at so a partner's meetings are read from one index in order.
CREATE TABLE meeting_partners (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    partner_id  INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    meeting_at  INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, partner_id)
) WITHOUT ROWID;
CREATE INDEX meeting_partners_timeline ON meeting_partners (partner_id, meeting_at DESC, meeting_id DESC);

CREATE TABLE action_items (
    id                INTEGER PRIMARY KEY,
    text              TEXT    NOT NULL,
    owner             TEXT    NOT NULL CHECK (owner IN ('me', 'them', 'both')),
    due               TEXT,
    done_at           INTEGER,
    origin_meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    created_at        INTEGER NOT NULL
);
CREATE INDEX action_items_open ON action_items (origin_meeting_id) WHERE done_at IS NULL;

CREATE TABLE decisions (
    id                INTEGER PRIMARY KEY,
    text              TEXT    NOT NULL,
    agreed            INTEGER NOT NULL CHECK (agreed IN (0, 1)),
    revisit_on        TEXT,
    -- Set when the decision is settled for good (no more revisiting).
    closed_at         INTEGER,
    origin_meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    created_at        INTEGER NOT NULL
);
CREATE INDEX decisions_open ON decisions (origin_meeting_id) WHERE closed_at IS NULL;

-- An agenda item either stands on its own (source_kind 'own') or was carried into the meeting
-- from an earlier action, decision, agenda item (by the id of its first occurrence) or entry.
-- A source appears at most once per meeting: nothing is carried twice.
CREATE TABLE agenda_items (
    id           INTEGER PRIMARY KEY,
    meeting_id   INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    section      TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    text         TEXT    NOT NULL,
    notes        TEXT    NOT NULL DEFAULT '',
    state        TEXT    NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'discussed', 'parked')),
    source_kind  TEXT    NOT NULL DEFAULT 'own' CHECK (source_kind IN ('own', 'agenda', 'action', 'decision', 'entry')),
    source_id    INTEGER,
    -- When the carried thing came from (its meeting's time, or the entry's), for the label
    -- "carried from DATE".
    carried_from INTEGER
);
CREATE INDEX agenda_items_by_meeting ON agenda_items (meeting_id, position);
CREATE UNIQUE INDEX agenda_items_carried_once ON agenda_items (meeting_id, source_kind, source_id)
    WHERE source_kind <> 'own';
CREATE INDEX agenda_items_by_source ON agenda_items (source_kind, source_id) WHERE source_kind <> 'own';

-- The built-in templates. Their `builtin` key ties them to the code that may rely on them.
INSERT INTO templates (id, name, builtin, created_at, updated_at) VALUES
    (1, 'Peer one-on-one', 'peer', 0, 0),
    (2, 'Manager one-on-one', 'manager', 0, 0),
    (3, 'Mentor check-in', 'mentor', 0, 0);

INSERT INTO template_sections (template_id, position, title, prompt) VALUES
    (1, 1, 'Check-in', 'A quick human connection first.'),
    (1, 2, 'The problem', 'Describe it from your side, then ask for theirs. Why does it matter, and to whom: the organisation, the teams, customers?'),
    (1, 3, 'Options', 'Generate options together.'),
    (1, 4, 'Agreement', 'Can we agree on any option?'),
    (1, 5, 'Allies', 'If so, how do we win our peers'' agreement?'),
    (1, 6, 'Managers', 'How do we present the agreement to our managers, and when do we decide again?'),
    (2, 1, 'Check-in', 'How are you, really?'),
    (2, 2, 'Wins', 'What went well since we last met?'),
    (2, 3, 'Where I need help', 'Decisions, unblocking, context I am missing.'),
    (2, 4, 'Feedback', 'Both ways: one thing to keep, one thing to change.'),
    (2, 5, 'Growth', 'Where am I heading, and what would help me get there?'),
    (3, 1, 'Check-in', 'What has been on your mind?'),
    (3, 2, 'A situation to work through', 'Describe it; what have you tried?'),
    (3, 3, 'Perspective', 'What would you do in my place? What am I not seeing?'),
    (3, 4, 'Next steps', 'What will I try before we meet again?');

INSERT INTO relationship_templates (relationship, template_id) VALUES
    ('peer', 1), ('cross_functional', 1), ('manager', 2), ('report', 2), ('mentor', 3), ('mentee', 3);

-- A problem two peers share, moving through the stages of a peer one-on-one.
CREATE TABLE problems (
    id              INTEGER PRIMARY KEY,
    title           TEXT    NOT NULL,
    stage           TEXT    NOT NULL DEFAULT 'both_views' CHECK (stage IN
                        ('both_views', 'options', 'agreement', 'allies', 'managers', 'decide_again')),
    decide_again_on TEXT,
    notes           TEXT    NOT NULL DEFAULT '',
    closed_at       INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE TABLE problem_options (
    id          INTEGER PRIMARY KEY,
    problem_id  INTEGER NOT NULL REFERENCES problems (id) ON DELETE CASCADE,
    text        TEXT    NOT NULL,
    chosen      INTEGER NOT NULL DEFAULT 0 CHECK (chosen IN (0, 1))
);
CREATE INDEX problem_options_by_problem ON problem_options (problem_id, id);

-- The peers on a problem: those you share it with, and the allies whose agreement you need,
-- each with where they stand.
CREATE TABLE problem_peers (
    problem_id  INTEGER NOT NULL REFERENCES problems (id) ON DELETE CASCADE,
    partner_id  INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    role        TEXT    NOT NULL CHECK (role IN ('shared_with', 'ally')),
    stance      TEXT    NOT NULL DEFAULT 'unknown' CHECK (stance IN ('for', 'against', 'unknown')),
    PRIMARY KEY (problem_id, partner_id)
) WITHOUT ROWID;
CREATE INDEX problem_peers_by_partner ON problem_peers (partner_id, problem_id);

CREATE TABLE problem_meetings (
    problem_id  INTEGER NOT NULL REFERENCES problems (id) ON DELETE CASCADE,
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    PRIMARY KEY (problem_id, meeting_id)
) WITHOUT ROWID;
CREATE INDEX problem_meetings_by_meeting ON problem_meetings (meeting_id, problem_id);
