// Unit tests of ui/complete.js: tags and partner completion.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { currentWord, fold, joinTags, partnerSuggestions, rankMatches, replaceWord, splitTags, tagSuggestions, tagsForTyping } from '../../ui/complete.js';

test('tags split on commas and spaces, # dropped, duplicates dropped', () => {
  assert.deepEqual(splitTags('wip, #peer-1on1  team/infra,,WIP'), ['wip', 'peer-1on1', 'team/infra']);
  assert.deepEqual(splitTags(''), []);
  assert.deepEqual(splitTags('   '), []);
  // Not checked here: the core refuses what a tag may not contain, and says so.
  assert.deepEqual(splitTags('<script>alert(1)</script>'), ['<script>alert(1)</script>']);
  assert.equal(joinTags(['a', 'b']), 'a, b');
  assert.equal(tagsForTyping(['reflect-equals']), 'reflect-equals, ', 'what is typed next is a tag of its own');
  assert.equal(tagsForTyping([]), '');
  assert.equal(tagsForTyping(undefined), '');
});

test('the word at the caret is completed and followed by a separator', () => {
  assert.deepEqual(currentWord('wip, pe', 7), { start: 5, end: 7, word: 'pe' });
  assert.deepEqual(currentWord('wip, #pe', 8), { start: 5, end: 8, word: 'pe' });
  assert.deepEqual(replaceWord('wip, pe', 7, 'peer-1on1'), { text: 'wip, peer-1on1, ', caret: 16 });
  assert.deepEqual(replaceWord('pe, wip', 2, 'peer'), { text: 'peer, wip', caret: 6 });
});

test('matches rank by start, then word start, then anywhere; accents ignored', () => {
  const names = ['Grace Hopper', 'Ada Lovelace', 'José Álvarez', 'Hopkins'];
  assert.deepEqual(rankMatches('hop', names), ['Hopkins', 'Grace Hopper']);
  assert.deepEqual(rankMatches('jose', names), ['José Álvarez']);
  assert.deepEqual(rankMatches('alv', names), ['José Álvarez']);
  assert.deepEqual(rankMatches('vel', names), ['Ada Lovelace']);
  assert.deepEqual(rankMatches('', names, (n) => n, 2), ['Grace Hopper', 'Ada Lovelace']);
  assert.equal(fold('Émile'), 'emile');
});

test('tag suggestions leave out tags already in the field', () => {
  const known = [{ tag: 'wip', count: 9 }, { tag: 'peer-1on1', count: 4 }, { tag: 'win', count: 2 }];
  assert.deepEqual(tagSuggestions('w', 1, known).map((t) => t.tag), ['wip', 'win']);
  assert.deepEqual(tagSuggestions('wip, w', 6, known).map((t) => t.tag), ['win']);
  assert.deepEqual(tagSuggestions('wip', 3, known).map((t) => t.tag), [], 'exactly what is typed is not offered');
});

test('partner suggestions leave out linked and archived partners', () => {
  const partners = [
    { id: 1, name: 'Ada', archived: false },
    { id: 2, name: 'Adam', archived: true },
    { id: 3, name: 'Grace', archived: false },
  ];
  assert.deepEqual(partnerSuggestions('ad', partners, []).map((p) => p.id), [1]);
  assert.deepEqual(partnerSuggestions('', partners, [1]).map((p) => p.id), [3]);
});
