// Reading ui/ as text, for the tests that check how its files fit together.

import { readFileSync } from 'node:fs';

const ui = new URL('../../ui/', import.meta.url);

/** The text of `name`, a path under ui/. */
export const read = (name) => readFileSync(new URL(name, ui), 'utf8');

/** The modules `name` imports with `import ... from './x.js'` (not `import('./x.js')`). */
function staticImports(name) {
  return [...read(name).matchAll(/^import[^;]*?from '\.\/([\w-]+\.js)';/gms)].map((match) => match[1]);
}

/** The modules main.js imports statically, directly or not (main.js itself not included). */
export function startModules() {
  const needed = new Set();
  const queue = ['main.js'];
  while (queue.length > 0) {
    for (const name of staticImports(queue.pop())) {
      if (!needed.has(name)) {
        needed.add(name);
        queue.push(name);
      }
    }
  }
  return needed;
}
