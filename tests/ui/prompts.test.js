// Reflections over time: each prompt's answers carry its tag, the core's migration 16 tagged the
// answers written before with the same words, and a card says how often it was answered.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';

import { REFLECTION_PROMPTS, answerText, answersLabel, promptTag } from '../../ui/prompts.js';

test("migration 16 tags the earlier answers of exactly these prompts, by their words", () => {
  const migration = readFileSync(
    new URL('../../crates/rapport-core/migrations/0016_reflection_tags.sql', import.meta.url),
    'utf8',
  );
  const tagged = [...migration.matchAll(/SELECT id, '([\w-]+)' FROM entries\s+WHERE kind = 'reflection' AND body LIKE '([^']+)%'/g)].map(
    ([, tag, text]) => [tag, text],
  );
  assert.deepEqual(
    tagged,
    REFLECTION_PROMPTS.map((prompt) => [promptTag(prompt), prompt.text]),
  );
});

test('an answer is read without its prompt, and a card says how often and when last', () => {
  const [board] = REFLECTION_PROMPTS;
  assert.equal(answerText('Who is my sounding board?\n\nMike, still.', board), 'Mike, still.');
  assert.equal(answerText('Written another way', board), 'Written another way');
  const month = (iso) => iso.slice(0, 7);
  assert.equal(answersLabel(board, [], month), null);
  assert.equal(
    answersLabel(board, [{ tag: 'reflect-sounding-board', answers: 3, last_at: '2025-01-10T12:00:00Z' }], month),
    'Your 3 answers, last 2025-01',
  );
  assert.equal(
    answersLabel(board, [{ tag: 'reflect-sounding-board', answers: 1, last_at: '2025-01-10T12:00:00Z' }], month),
    'Your answer, last 2025-01',
  );
  assert.equal(answersLabel(board, [{ tag: 'reflect-equals', answers: 2, last_at: 'x' }], month), null);
});
