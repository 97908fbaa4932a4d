-- Reflections over time: an answer to one of the partnership prompts carries the tag
-- `reflect-<prompt>` (reflections.rs), so its earlier answers can be read beside it. Answers
-- written before the tag existed began with the prompt's words (the app's prompts.js wrote them
-- as the first line of a reflection): they get their tag here, once.
INSERT OR IGNORE INTO entry_tags (entry_id, tag)
    SELECT id, 'reflect-sounding-board' FROM entries
    WHERE kind = 'reflection' AND body LIKE 'Who is my sounding board?%';
INSERT OR IGNORE INTO entry_tags (entry_id, tag)
    SELECT id, 'reflect-has-my-back' FROM entries
    WHERE kind = 'reflection' AND body LIKE 'Who has my back in a meeting if I have to step away?%';
INSERT OR IGNORE INTO entry_tags (entry_id, tag)
    SELECT id, 'reflect-equals' FROM entries
    WHERE kind = 'reflection' AND body LIKE 'Am I treating my cross-functional peers as equals or as minions?%';
INSERT OR IGNORE INTO entry_tags (entry_id, tag)
    SELECT id, 'reflect-what-kind' FROM entries
    WHERE kind = 'reflection' AND body LIKE 'What kind of partner am I, and what kind do I want to be?%';
