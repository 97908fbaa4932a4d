// The views that load on first use bring their markup and styles from ui/parts/ (loadPart in
// dom.js). These tests keep the split honest: a part's stylesheet must not style anything shown
// at start (it arrives later and would restyle it), and every view a part fills must have its
// empty place in index.html.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import test from 'node:test';

import { read, startModules } from './sources.js';

const partFiles = readdirSync(new URL('../../ui/parts/', import.meta.url));
const partNames = [...new Set(partFiles.map((file) => file.replace(/\.(html|css)$/, '')))];

/** Each selector of a stylesheet (a selector list counts as several), with the class names it needs. */
function selectors(css) {
  return [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{};]+)\{/g)]
    .map((match) => match[1].trim())
    .filter((prelude) => !prelude.startsWith('@'))
    .flatMap((list) => list.split(',').map((selector) => selector.trim()))
    .map((selector) => ({
      selector,
      classes: [...selector.replace(/:not\([^)]*\)/g, '').matchAll(/\.([a-zA-Z_][\w-]*)/g)].map((match) => match[1]),
    }));
}

const mentions = (text, name) => new RegExp(`(?<![\\w-])${name}(?![\\w-])`).test(text);

test('every part has its markup, its styles and a caller', () => {
  assert.deepEqual(partNames.toSorted(), ['dialogs', 'meetings', 'story', 'summary']);
  const main = read('main.js');
  for (const name of partNames) {
    assert.ok(read(`parts/${name}.html`).length > 0 && read(`parts/${name}.css`).length > 0);
    assert.ok(main.includes(`loadPart(document, '${name}')`), `main.js loads the part ${name}`);
  }
});

test("a part's styles touch nothing on the way to the first screen", () => {
  const start = [read('index.html'), read('main.js'), ...[...startModules()].map(read)].join('\n');
  for (const name of partNames) {
    const rules = selectors(read(`parts/${name}.css`));
    assert.ok(rules.length > 20, `parts/${name}.css styles its elements`);
    // A selector is safe when it needs at least one class that nothing at start uses: then it
    // can only match the part's own elements.
    const unsafe = rules
      .filter(({ classes }) => !classes.some((className) => !mentions(start, className)))
      .map(({ selector }) => selector);
    assert.deepEqual(unsafe, [], `parts/${name}.css styles elements shown at start; keep those rules in style.css`);
  }
});

test('each view a part fills is an empty place in index.html, and only one part fills it', () => {
  const index = read('index.html');
  const filled = new Set();
  for (const name of partNames) {
    for (const [, view] of read(`parts/${name}.html`).matchAll(/<section data-view-name="([\w-]+)">/g)) {
      assert.ok(!filled.has(view), `${view} is filled by one part`);
      filled.add(view);
      assert.match(index, new RegExp(`<section [^>]*data-view-name="${view}"[^>]*></section>`), `index.html keeps an empty ${view}`);
    }
  }
  assert.deepEqual([...filled].toSorted(), ['followups', 'home', 'meeting', 'problem', 'security', 'story', 'summary', 'templates']);
});
