-- A partner's cadence paused for a period (a leave, a sabbatical, a re-org): while a pause
-- holds, the partner is neither due nor overdue, and after it the next meeting is due a cadence
-- after its end. Pauses of one partner do not overlap (pauses.rs). Dates are `YYYY-MM-DD`;
-- `ended` is the day they are back (the first day the cadence counts again), unset until resumed.
CREATE TABLE partner_pauses (
    id            INTEGER PRIMARY KEY,
    partner_id    INTEGER NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    reason        TEXT NOT NULL,
    started       TEXT NOT NULL,
    ended         TEXT
);
CREATE INDEX partner_pauses_by_partner ON partner_pauses (partner_id, started);
