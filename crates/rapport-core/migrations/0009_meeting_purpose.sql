-- What a meeting is about and how long it is planned to last: what a peer sees in the agenda
-- shared with them and in the calendar file ("a 30-minute meeting about X", as the essay asks).
ALTER TABLE meetings ADD COLUMN purpose TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN minutes INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 5 AND 480);
