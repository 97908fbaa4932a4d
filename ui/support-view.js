// The "Support both ways" section of a partner's page: the balance of support given and received
// per year, drawn from `Partner.support`, and the two buttons that note a new one. Owns that DOM.

import { element, field, one } from './dom.js';
import { supportRows, supportTotals } from './support.js';

export class SupportView {
  #doc;
  #empty;
  #chart;
  #totals;
  #years;
  #earlier;
  #onRecord = () => {};

  constructor(page, doc = document) {
    this.#doc = doc;
    this.#empty = field(page, 'support-empty');
    this.#chart = field(page, 'support-chart');
    this.#totals = field(page, 'support-totals');
    this.#years = field(page, 'support-years');
    this.#earlier = field(page, 'support-earlier');
    for (const direction of ['received', 'given']) {
      one(page, `[data-action="support-${direction}"]`).addEventListener('click', () => this.#onRecord(direction));
    }
  }

  /** `handler(direction)`: "given" or "received", for the partner on the page. */
  bindRecord(handler) {
    this.#onRecord = handler;
  }

  show(balance) {
    const totals = supportTotals(balance);
    this.#empty.hidden = totals !== null;
    this.#chart.hidden = totals === null;
    if (totals === null) {
      this.clear();
      return;
    }
    this.#totals.textContent = totals;
    const { rows, earlier } = supportRows(balance);
    this.#years.replaceChildren(...rows.map((row) => this.#row(row)));
    this.#earlier.hidden = earlier === null;
    this.#earlier.textContent = earlier
      ? `${earlier.from}–${earlier.to}: you supported them ${earlier.given}, they supported you ${earlier.received}`
      : '';
  }

  clear() {
    this.#totals.textContent = '';
    this.#years.replaceChildren();
    this.#earlier.textContent = '';
  }

  #row(row) {
    const item = element(this.#doc, 'li', 'support-year');
    item.setAttribute('aria-label', row.said);
    const side = (direction, n, share) => {
      const wrap = element(this.#doc, 'span', 'support-side');
      wrap.dataset.direction = direction;
      wrap.setAttribute('aria-hidden', 'true');
      const bar = element(this.#doc, 'span', n === 0 ? 'support-bar support-bar--none' : 'support-bar');
      bar.style.setProperty('--share', String(share));
      const number = element(this.#doc, 'span', 'support-count', n === 0 ? '' : String(n));
      if (direction === 'given') wrap.append(number, bar);
      else wrap.append(bar, number);
      return wrap;
    };
    const year = element(this.#doc, 'span', 'support-year-label', String(row.year));
    year.setAttribute('aria-hidden', 'true');
    item.append(side('given', row.given, row.givenShare), year, side('received', row.received, row.receivedShare));
    return item;
  }
}
