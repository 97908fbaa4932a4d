-- Support given and received: an entry that records a time one partner had the other's back
-- (covered, advocated, shielded, ...) carries a direction and an act here, beside its kind, so it
-- keeps the timeline, search, backdating and a summary's inclusion of every other entry. An
-- entry has at most one; it goes with its entry.
CREATE TABLE entry_support (
    entry_id      INTEGER PRIMARY KEY REFERENCES entries (id) ON DELETE CASCADE,
    direction     TEXT NOT NULL CHECK (direction IN ('given', 'received')),
    act           TEXT NOT NULL CHECK (act IN ('covered', 'advocated', 'shielded', 'sponsored',
                      'opportunity', 'hard_feedback', 'taught'))
);
