// Wires the search palette (Ctrl+K) to the api: filters, search as you type, opening a result.

import { sentence } from './format.js';
import { Latest, SEARCH_DEBOUNCE_MS, buildSearchQuery, debounce, isBackwardsRange } from './search.js';

export class PaletteController {
  #api;
  #palette = null;
  #journal;
  #tickets = new Latest();
  #search;
  /** Bumped on every clear, so answers for a locked session are dropped. */
  #generation = 0;

  /**
   * `journal` = {dialogs(), partners() → the partner list, open(hit)}: the palette loaded, the
   * partners it filters by, and a chosen result shown where it belongs.
   */
  constructor(api, journal, timers = globalThis) {
    this.#api = api;
    this.#journal = journal;
    this.#search = debounce((text, filters) => this.#run(text, filters), SEARCH_DEBOUNCE_MS, timers);
  }

  /** The palette view, once loaded. */
  attach(palette) {
    palette.bindQuery((text, filters) => this.#search(text, filters));
    palette.bindOpen((hit) => this.#choose(hit));
    this.#palette = palette;
  }

  async open() {
    const generation = this.#generation;
    await this.#journal.dialogs();
    let tags = [];
    try {
      tags = await this.#api.listTags();
    } catch {
      // Filtering by tag is a help: search without it.
    }
    if (generation !== this.#generation) return;
    this.#palette.open({ partners: this.#journal.partners(), tags });
  }

  close() {
    this.#palette?.close();
  }

  clear() {
    this.#generation += 1;
    this.#search.cancel();
    this.#tickets.cancel();
    this.#palette?.dismiss();
  }

  async #run(text, filters) {
    const ticket = this.#tickets.next();
    if (isBackwardsRange(filters)) {
      this.#palette.showSearchError('The “From” date is after the “To” date.');
      return;
    }
    const query = buildSearchQuery(text, filters);
    if (!query) {
      this.#palette.showIdle();
      return;
    }
    try {
      const hits = await this.#api.search(query);
      if (this.#tickets.isCurrent(ticket)) this.#palette.showResults(hits, { text });
    } catch (error) {
      if (this.#tickets.isCurrent(ticket)) this.#palette.showSearchError(sentence(error.message));
    }
  }

  #choose(hit) {
    this.#tickets.cancel();
    this.#palette.close();
    this.#journal.open(hit);
  }
}
