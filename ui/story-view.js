// The story of a partnership: every year from the first day, newest first, with what changed,
// what was kept and given, and the year's highlights, read a year at a time as the years come
// into view; the buttons that save it. Owns that DOM (markup in ui/parts/story.html).

import { cloneTemplate, element, field, one } from './dom.js';
import { count, kindLabel, knownKind, markdownAsText, shortDateLabel, supportLabel } from './format.js';
import {
  earlierPage,
  howLong,
  totalsLead,
  isQuiet,
  storySubtitle,
  storyTotals,
  yearFacts,
  yearMilestones,
  yearsNewestFirst,
} from './story.js';

/** Highlights read when a year comes into view; "More" reads the rest (the core's most). */
export const FIRST_HIGHLIGHTS = 5;
export const MORE_HIGHLIGHTS = 100;

export class StoryView {
  #doc;
  #view;
  #title;
  #sub;
  #partner;
  #private;
  #status;
  #totals;
  #error;
  #years;
  #observer = null;
  #scroller;
  #checking = false;
  #story = null;
  #onNeedHighlights = () => {};
  #onNeedYears = () => {};
  #onSave = () => {};
  /** The row that asks for earlier years when it comes into view, and the page it asks for. */
  #earlierRow = null;
  #earlierPage = null;
  #onOpenPartner = () => {};

  /** `scroller`: the element the page scrolls in (the shell's), which years come into view in. */
  constructor(doc = document, { scroller = null } = {}) {
    this.#doc = doc;
    this.#scroller = scroller;
    this.#view = one(doc, '[data-view-name="story"]');
    this.#title = field(this.#view, 'story-title');
    this.#sub = field(this.#view, 'story-sub');
    this.#partner = field(this.#view, 'story-partner');
    this.#private = field(this.#view, 'story-private');
    this.#status = field(this.#view, 'story-status');
    this.#totals = field(this.#view, 'story-totals');
    this.#error = field(this.#view, 'story-error');
    this.#years = field(this.#view, 'story-years');
    for (const format of ['md', 'pdf']) {
      one(this.#view, `[data-action="story-save-${format}"]`).addEventListener('click', () =>
        this.#onSave(format, this.#private.checked),
      );
    }
    this.#partner.addEventListener('click', () => {
      if (this.#story) this.#onOpenPartner(this.#story.partner.id);
    });
    one(this.#view, '[data-nav="partners"]').addEventListener('click', () =>
      this.#doc.querySelector('.nav-item[data-nav="partners"]')?.click(),
    );
    this.#years.addEventListener('click', (event) => {
      const more = event.target.closest('.story-more');
      if (more) this.#onNeedHighlights(Number(more.closest('.story-year').dataset.year), MORE_HIGHLIGHTS);
    });
    // WebKitGTK has been seen to drop intersection callbacks (timeline-view.js): scrolling also
    // checks what came into view.
    this.#scroller?.addEventListener('scroll', () => this.#checkNextFrame(), { passive: true });
  }

  /** `handler(year, limit)`: read a year's highlights; answer with showHighlights(). */
  bindNeedHighlights(handler) {
    this.#onNeedHighlights = handler;
  }

  /** `handler(from, to)`: read earlier years of the story; answer with showEarlierYears(). */
  bindNeedYears(handler) {
    this.#onNeedYears = handler;
  }

  /** `handler(format, includePrivate)`: "md" or "pdf". */
  bindSave(handler) {
    this.#onSave = handler;
  }

  bindOpenPartner(handler) {
    this.#onOpenPartner = handler;
  }

  get story() {
    return this.#story;
  }

  /** Draws a story (get_story): the years newest first, highlights asked for as each comes into view. */
  show(story, today = new Date()) {
    this.clear();
    this.#story = story;
    this.#partner.textContent = story.partner.name;
    this.#title.textContent = `${story.partner.name}: ${howLong(story.first_day, today).toLowerCase()}`;
    this.#sub.textContent = storySubtitle(story);
    const totals = storyTotals(story);
    const said = [
      totals.meetings > 0 ? count(totals.meetings, 'meeting held', 'meetings held') : '',
      totals.wins > 0 ? count(totals.wins, 'win') : '',
      totals.given > 0 ? `you supported them ${count(totals.given, 'time')}` : '',
      totals.received > 0 ? `they supported you ${count(totals.received, 'time')}` : '',
      totals.solved > 0 ? count(totals.solved, 'problem solved together', 'problems solved together') : '',
    ].filter(Boolean);
    this.#totals.textContent = said.length > 0
      ? `${totalsLead(story)}: ${said.join(' · ')}`
      : 'Nothing recorded yet: the story grows with your notes and meetings.';
    const View = this.#doc.defaultView;
    if (View?.IntersectionObserver) {
      this.#observer = new View.IntersectionObserver((seen) => {
        for (const item of seen) {
          if (item.isIntersecting) this.#cameIntoView(item.target);
        }
      }, { root: this.#scroller, rootMargin: '400px 0px' });
    }
    this.#years.replaceChildren();
    this.#appendYears(yearsNewestFirst(story), earlierPage(story, story.earlier));
  }

  /** Earlier years (get_story_years), oldest first, below those shown. */
  showEarlierYears(years) {
    if (!this.#story) return;
    const first = years[0]?.year;
    const before = first != null ? first - 1 : null;
    this.#appendYears([...years].reverse(), earlierPage(this.#story, before));
  }

  #appendYears(years, nextPage) {
    this.#earlierRow?.remove();
    if (this.#earlierRow) this.#observer?.unobserve(this.#earlierRow);
    this.#earlierRow = null;
    const rows = years.map((year) => this.#year(this.#story, year));
    this.#years.append(...rows);
    this.#earlierPage = nextPage;
    if (nextPage) {
      const row = element(this.#doc, 'li', 'story-earlier');
      const button = element(this.#doc, 'button', 'link', `Earlier years (${nextPage.from}–${nextPage.to})`);
      button.type = 'button';
      button.addEventListener('click', () => this.#askEarlier());
      row.append(button);
      this.#years.append(row);
      this.#earlierRow = row;
      this.#observer?.observe(row);
    }
    const wanting = rows.filter((row) => row.dataset.highlights === 'wanted');
    for (const row of wanting) {
      if (this.#observer) this.#observer.observe(row);
      else {
        row.dataset.highlights = 'asked';
        this.#onNeedHighlights(Number(row.dataset.year), FIRST_HIGHLIGHTS);
      }
    }
  }

  /** A year, or the way to earlier years, came into view. */
  #cameIntoView(row) {
    if (row === this.#earlierRow) {
      // Earlier years are read when the way to them is on screen, not ahead of it: the story
      // reads back only as far as it is scrolled.
      const view = this.#scroller?.getBoundingClientRect();
      if (view && row.getBoundingClientRect().top > view.bottom) return;
      this.#askEarlier();
      return;
    }
    if (row.dataset.highlights !== 'wanted') return;
    row.dataset.highlights = 'asked';
    this.#observer?.unobserve(row);
    this.#onNeedHighlights(Number(row.dataset.year), FIRST_HIGHLIGHTS);
  }

  #checkNextFrame() {
    if (this.#checking || !this.#story) return;
    this.#checking = true;
    this.#doc.defaultView.requestAnimationFrame(() => {
      this.#checking = false;
      const view = this.#scroller?.getBoundingClientRect();
      if (!view) return;
      for (const row of this.#years.querySelectorAll('.story-year[data-highlights="wanted"], .story-earlier')) {
        const box = row.getBoundingClientRect();
        if (box.bottom >= view.top - 400 && box.top <= view.bottom + 400) this.#cameIntoView(row);
      }
    });
  }

  #askEarlier() {
    const page = this.#earlierPage;
    if (!page) return;
    this.#earlierPage = null;
    this.#onNeedYears(page.from, page.to);
  }

  /** A year's highlights (get_story_highlights): wins and support, oldest first. */
  showHighlights(page) {
    const row = this.#years.querySelector(`.story-year[data-year="${Number(page.year)}"]`);
    if (!row) return;
    const list = row.querySelector('.story-highlights');
    list.replaceChildren(...page.entries.map((entry) => this.#highlight(entry)));
    const more = row.querySelector('.story-more');
    // "More" reads the year's most at once; beyond that, the year's timeline is the place.
    const all = page.entries.length >= MORE_HIGHLIGHTS;
    more.hidden = !page.more || all;
    more.textContent = `More from ${page.year}`;
  }

  /** Reading earlier years failed: the way back stays, to try again. */
  earlierFailed(from, to) {
    if (this.#story && this.#earlierRow) this.#earlierPage = { from, to };
  }

  showHighlightsError(year, message) {
    const row = this.#years.querySelector(`.story-year[data-year="${Number(year)}"]`);
    if (!row) return;
    row.querySelector('.story-highlights').replaceChildren(element(this.#doc, 'li', 'form-error', message));
  }

  showError(message) {
    this.#error.textContent = message;
    this.#error.hidden = !message;
  }

  showStatus(message) {
    this.#status.textContent = message;
  }

  clear() {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#story = null;
    this.#earlierRow = null;
    this.#earlierPage = null;
    this.#years.replaceChildren();
    this.#title.textContent = '';
    this.#sub.textContent = '';
    this.#totals.textContent = '';
    this.#status.textContent = '';
    this.#partner.textContent = '';
    this.#private.checked = false;
    this.showError('');
  }

  #year(story, year) {
    const row = cloneTemplate(this.#doc, 'story-year-template');
    row.dataset.year = String(year.year);
    row.querySelector('.story-year-label').textContent = String(year.year);
    const milestones = yearMilestones(story, year.year);
    row.querySelector('.story-milestones').replaceChildren(
      ...milestones.map((text) => element(this.#doc, 'li', 'story-milestone', text)),
    );
    const facts = row.querySelector('.story-facts');
    if (isQuiet(story, year)) {
      row.classList.add('story-year--quiet');
      facts.textContent = year.year === new Date().getFullYear() ? 'Nothing yet this year' : 'Nothing recorded';
      return row;
    }
    const parts = [];
    yearFacts(year).forEach((fact, i) => {
      if (i > 0) parts.push(this.#doc.createTextNode(' · '));
      const span = element(this.#doc, 'span', 'story-fact', fact.text);
      if (fact.tone) span.dataset.tone = fact.tone;
      parts.push(span);
    });
    facts.replaceChildren(...parts);
    if (year.wins + year.support_given + year.support_received > 0) row.dataset.highlights = 'wanted';
    return row;
  }

  #highlight(entry) {
    const item = element(this.#doc, 'li', 'story-highlight');
    const meta = element(this.#doc, 'div', 'story-highlight-meta');
    const when = element(this.#doc, 'time', '', shortDateLabel(new Date(entry.created_at)));
    when.dateTime = entry.created_at;
    if (entry.support) {
      const support = element(this.#doc, 'span', 'entry-support', supportLabel(entry.support));
      support.dataset.direction = entry.support.direction;
      meta.append(support);
    } else {
      const badge = element(this.#doc, 'span', 'badge', kindLabel(entry.kind));
      badge.dataset.kind = knownKind(entry.kind);
      meta.append(badge);
    }
    meta.append(when);
    if (!entry.shareable) meta.append(element(this.#doc, 'span', '', 'Private'));
    item.append(meta, element(this.#doc, 'p', 'story-highlight-text', markdownAsText(entry.body)));
    return item;
  }
}
