// The page's word lists (kinds, relationships, pause reasons, support, owners, stages, stances) are the core's: this
// test reads each `word_enum!` in crates/rapport-core/src and checks the list the page uses
// names the same words. Order matters only where the page shows an order (stages); the stances'
// order is the page's own (unknown first).

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import test from 'node:test';

import { KINDS, PAUSE_REASONS, RELATIONSHIPS, SUPPORT_ACTS } from '../../ui/format.js';
import { OWNERS } from '../../ui/meetings.js';
import { STAGES, STANCES } from '../../ui/problems.js';

const coreDir = new URL('../../crates/rapport-core/src/', import.meta.url);

/** Every `word_enum!(Name, … { Variant => "word", … })` of the core: Name → [words in order]. */
function coreWords() {
  const found = new Map();
  for (const file of readdirSync(coreDir).filter((f) => f.endsWith('.rs'))) {
    const text = readFileSync(new URL(file, coreDir), 'utf8');
    for (const [, name, body] of text.matchAll(/word_enum!\((\w+),[^{]*\{([^}]*)\}/g)) {
      found.set(name, [...body.matchAll(/=>\s*"([^"]+)"/g)].map(([, word]) => word));
    }
  }
  return found;
}

const values = (pairs) => pairs.map(([value]) => value);

test("the page's word lists are the core's", () => {
  const core = coreWords();
  assert.ok(core.size >= 6, `found the core's word lists: ${[...core.keys()]}`);
  assert.deepEqual(KINDS, core.get('EntryKind'));
  assert.deepEqual(RELATIONSHIPS, core.get('Relationship'));
  assert.deepEqual(values(PAUSE_REASONS), core.get('PauseReason'));
  assert.deepEqual(values(SUPPORT_ACTS), core.get('SupportAct'));
  assert.deepEqual(values(OWNERS), core.get('Owner'));
  assert.deepEqual(values(STAGES), core.get('Stage'), 'the stages, in the brief\'s order');
  assert.deepEqual(values(STANCES).toSorted(), core.get('Stance').toSorted());
});
