// Which pages of a long timeline are in the page, and which are only remembered.
// Pure: no DOM, so `node --test` can check it.
//
// A timeline is read page by page (keyset paging: each page starts `before` the last entry of
// the one above). To stay smooth at 100,000 entries the view keeps at most `maxLive` pages as
// elements; a page further away is replaced by an empty block of the same height and only its
// cursor is kept, so scrolling back reads it again. Nothing is ever re-rendered wholesale.

export class PageWindow {
  #maxLive;
  /** [{ before, nextBefore, live, height, firstDay, lastDay }] in timeline order. */
  pages = [];
  /** True once the last page said there is nothing after it. */
  exhausted = false;

  constructor(maxLive = 6) {
    this.#maxLive = Math.max(2, maxLive);
  }

  get maxLive() {
    return this.#maxLive;
  }

  /** How many pages are in the DOM. */
  get liveCount() {
    return this.pages.filter((p) => p.live).length;
  }

  /**
   * The cursor for the next page at the bottom: null for the very first page, a cursor after
   * that, undefined when the timeline is exhausted or its last page is not in the DOM (then
   * that page has to come back first).
   */
  nextCursor() {
    if (this.pages.length === 0) return this.exhausted ? undefined : null;
    const last = this.pages.at(-1);
    if (!last.live || this.exhausted || last.nextBefore == null) return undefined;
    return last.nextBefore;
  }

  /**
   * Records a page read at the bottom with cursor `before`. Returns its index and the pages to
   * take out of the DOM (furthest from it first).
   */
  appended(before, nextBefore, { firstDay = null, lastDay = null } = {}) {
    this.pages.push({ before, nextBefore, live: true, height: 0, firstDay, lastDay });
    if (nextBefore == null) this.exhausted = true;
    const index = this.pages.length - 1;
    return { index, drop: this.#overflow(index) };
  }

  /** Records that a remembered page is in the DOM again; returns the pages to take out. */
  restored(index) {
    const page = this.pages[index];
    if (!page) return { drop: [] };
    page.live = true;
    return { drop: this.#overflow(index) };
  }

  /** Records that a page left the DOM, replaced by a block `height` pixels tall. */
  dropped(index, height) {
    const page = this.pages[index];
    if (!page) return;
    page.live = false;
    page.height = height;
  }

  /** The day the page above `index` ended on, so a page starting mid-day keeps one heading. */
  dayBefore(index) {
    return index > 0 ? (this.pages[index - 1]?.lastDay ?? null) : null;
  }

  /** Forgets everything (a new timeline, or the vault was locked). */
  reset() {
    this.pages = [];
    this.exhausted = false;
  }

  #overflow(keep) {
    const live = this.pages
      .map((page, index) => ({ page, index }))
      .filter(({ page, index }) => page.live && index !== keep);
    const excess = live.length + 1 - this.#maxLive;
    if (excess <= 0) return [];
    live.sort((a, b) => Math.abs(b.index - keep) - Math.abs(a.index - keep));
    return live.slice(0, excess).map(({ index }) => index);
  }
}
