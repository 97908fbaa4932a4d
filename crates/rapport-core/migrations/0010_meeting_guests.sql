-- People who are not partners at a meeting (a director invited once, a peer's peer): named on
-- its agenda and on what is shared, never counted for a cadence or carried forward for.
CREATE TABLE meeting_guests (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    PRIMARY KEY (meeting_id, person_id)
) WITHOUT ROWID;
CREATE INDEX meeting_guests_by_person ON meeting_guests (person_id, meeting_id);
