-- "How are we doing?" after a meeting: 1 (strained) to 5 (working well), private, unset until
-- given. The partner page and the story show it as a trend (cadence.rs).
ALTER TABLE meetings ADD COLUMN pulse INTEGER;
