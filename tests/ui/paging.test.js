// Unit tests of ui/paging.js: which pages of a long timeline stay in the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { PageWindow } from '../../ui/paging.js';

test('the first page has no cursor; later pages continue from next_before', () => {
  const window = new PageWindow(4);
  assert.equal(window.nextCursor(), null);
  window.appended(null, 951, { firstDay: 'a', lastDay: 'b' });
  assert.equal(window.nextCursor(), 951);
  window.appended(951, 901, { firstDay: 'b', lastDay: 'c' });
  assert.equal(window.nextCursor(), 901);
  assert.equal(window.dayBefore(2), 'c');
  assert.equal(window.dayBefore(0), null);
});

test('the last page ends the timeline', () => {
  const window = new PageWindow(4);
  window.appended(null, null);
  assert.equal(window.exhausted, true);
  assert.equal(window.nextCursor(), undefined);
  const empty = new PageWindow(4);
  empty.appended(null, null);
  assert.equal(empty.nextCursor(), undefined);
});

test('scrolling down through 100,000 entries keeps at most maxLive pages in the DOM', () => {
  const window = new PageWindow(5);
  let cursor = null;
  let live = 0;
  for (let page = 0; page < 2000; page += 1) {
    const next = 100_000 - (page + 1) * 50;
    const { index, drop } = window.appended(cursor, next > 0 ? next : null);
    assert.equal(index, page);
    live += 1;
    for (const dropped of drop) {
      assert.ok(dropped < index - 3, `page ${dropped} is far above page ${index}`);
      window.dropped(dropped, 6000);
      live -= 1;
    }
    assert.ok(live <= 5, `${live} pages live at page ${page}`);
    cursor = next;
  }
  assert.equal(window.liveCount, 5);
  assert.equal(window.nextCursor(), undefined, 'exhausted at the end');
});

test('scrolling back up restores a page and drops one at the bottom', () => {
  const window = new PageWindow(3);
  const cursors = [null, 90, 80, 70, 60];
  for (let i = 0; i < 4; i += 1) {
    const { drop } = window.appended(cursors[i], cursors[i + 1]);
    for (const d of drop) window.dropped(d, 1000);
  }
  assert.deepEqual(window.pages.map((p) => p.live), [false, true, true, true]);
  assert.equal(window.pages[0].height, 1000);
  const { drop } = window.restored(0);
  assert.deepEqual(drop, [3], 'the page furthest from the restored one goes');
  window.dropped(3, 1000);
  assert.equal(window.pages[0].before, null, 'a restored page is read with its own cursor');
  assert.equal(window.nextCursor(), undefined, 'no new page at the bottom until page 3 is back');
  window.restored(3);
  assert.equal(window.nextCursor(), 60);
});

test('reset forgets everything', () => {
  const window = new PageWindow(3);
  window.appended(null, null);
  window.reset();
  assert.equal(window.pages.length, 0);
  assert.equal(window.nextCursor(), null);
});
