// Completion for the editor's tag and partner fields: splitting, matching and ranking.
// Pure: no DOM, so `node --test` can check it.

/** Lower case without accents, for matching ("José" finds "jose"). */
export function fold(text) {
  return String(text ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/**
 * The tags typed into the tags field: separated by commas or spaces, a leading # dropped,
 * duplicates (ignoring case) dropped, first-seen order kept. Tags are not checked here: the
 * core decides what a tag may contain, and its message is shown if one is refused.
 */
export function splitTags(text) {
  const seen = new Set();
  const tags = [];
  for (const raw of String(text ?? '').split(/[\s,]+/)) {
    const tag = raw.replace(/^#+/, '');
    if (tag === '') continue;
    const key = tag.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}

/** Tags as they go back into the field: "wip, peer-1on1". */
export function joinTags(tags) {
  return (tags ?? []).join(', ');
}

/**
 * Tags as the editor's field starts with them: joined, and followed by a separator when there
 * are any, so that what is typed next is a tag of its own (a prompt's answer starts tagged).
 */
export function tagsForTyping(tags) {
  const joined = joinTags(tags);
  return joined === '' ? '' : `${joined}, `;
}

/** The word being typed at `caret` in a comma- or space-separated field: {start, end, word}. */
export function currentWord(text, caret = text.length) {
  const value = String(text ?? '');
  let start = caret;
  while (start > 0 && !/[\s,]/.test(value[start - 1])) start -= 1;
  let end = caret;
  while (end < value.length && !/[\s,]/.test(value[end])) end += 1;
  return { start, end, word: value.slice(start, end).replace(/^#+/, '') };
}

/**
 * Replaces the word at `caret` with `replacement`, followed by ", " so the next tag can be typed
 * at once. Returns the new text and caret.
 */
export function replaceWord(text, caret, replacement) {
  const value = String(text ?? '');
  const { start, end } = currentWord(value, caret);
  let rest = value.slice(end).replace(/^[\s,]+/, '');
  const insert = `${replacement}, `;
  const next = value.slice(0, start) + insert + rest;
  return { text: next, caret: start + insert.length };
}

/**
 * Ranks `items` for what was typed: names starting with it first, then names with a word
 * starting with it, then names containing it; ties keep the given order (most used first).
 * `label` reads an item's text. An empty query returns the first `limit` items.
 */
export function rankMatches(query, items, label = (item) => item, limit = 8) {
  const q = fold(query).trim();
  if (q === '') return items.slice(0, limit);
  const scored = [];
  items.forEach((item, index) => {
    const text = fold(label(item));
    let score;
    if (text.startsWith(q)) score = 0;
    else if (text.split(/[\s\-_/.]+/).some((word) => word.startsWith(q))) score = 1;
    else if (text.includes(q)) score = 2;
    else return;
    scored.push({ item, score, index });
  });
  scored.sort((a, b) => a.score - b.score || a.index - b.index);
  return scored.slice(0, limit).map((s) => s.item);
}

/** Tag suggestions for the word at the caret, leaving out tags already in the field. */
export function tagSuggestions(text, caret, knownTags, limit = 8) {
  const { word } = currentWord(text, caret);
  const chosen = new Set(splitTags(text).map((t) => t.toLowerCase()));
  chosen.delete(word.toLowerCase());
  const candidates = knownTags.filter((t) => !chosen.has(t.tag.toLowerCase()));
  const matches = rankMatches(word, candidates, (t) => t.tag, limit);
  // Offering exactly what is already typed helps nobody.
  return matches.filter((t) => t.tag.toLowerCase() !== word.toLowerCase() || matches.length > 1);
}

/** Partner suggestions for what was typed, leaving out partners already linked. */
export function partnerSuggestions(query, partners, linkedIds, limit = 8) {
  const linked = new Set(linkedIds);
  const candidates = partners.filter((p) => !linked.has(p.id) && !p.archived);
  return rankMatches(query, candidates, (p) => p.name, limit);
}
