// The text face is shipped in two halves per style (style.css): Latin, which index.html preloads
// for the first screen, and the other scripts, a second family read only when text needs it.
// These checks keep the stylesheet, the preloads and the files in ui/fonts/ in step.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import test from 'node:test';

const ui = new URL('../../ui/', import.meta.url);
const read = (name) => readFileSync(new URL(name, ui), 'utf8');

/** `{family, weight, style, url}` for every `@font-face` in style.css. */
function faces() {
  return [...read('style.css').matchAll(/@font-face \{([^}]*)\}/g)].map(([, body]) => ({
    family: /font-family: "?([^";]+)"?;/.exec(body)?.[1],
    weight: /font-weight: (\d+);/.exec(body)?.[1],
    style: /font-style: (\w+);/.exec(body)?.[1] ?? 'normal',
    url: /src: url\(([^)]+)\)/.exec(body)?.[1],
  }));
}

test('every face in style.css is a file in ui/fonts, and every font file is used', () => {
  const used = faces().map((face) => face.url);
  for (const url of used) assert.ok(existsSync(new URL(url, ui)), `${url} is missing`);
  const shipped = readdirSync(new URL('fonts/', ui)).filter((name) => name.endsWith('.ttf'));
  assert.deepEqual(shipped.map((name) => `fonts/${name}`).toSorted(), used.toSorted());
});

test('both families come in the same four styles, and the page falls back from one to the other', () => {
  const styles = (family) =>
    faces()
      .filter((face) => face.family === family)
      .map((face) => `${face.weight} ${face.style}`)
      .toSorted();
  assert.deepEqual(styles('Inter'), ['400 italic', '400 normal', '600 italic', '600 normal']);
  assert.deepEqual(styles('Inter Other'), styles('Inter'));
  assert.match(read('style.css'), /--font: Inter, "Inter Other", sans-serif;/);
});

test('index.html preloads the two upright Latin faces, the ones the first screen waits for', () => {
  const preloaded = [...read('index.html').matchAll(/<link rel="preload" href="([^"]+)" as="font"/g)].map((m) => m[1]);
  const upright = faces()
    .filter((face) => face.family === 'Inter' && face.style === 'normal')
    .map((face) => face.url);
  assert.deepEqual(preloaded.toSorted(), upright.toSorted());
});
