// A timeline of entries (the journal, a partner's entries, the trash): articles under day
// headings, inside the view's labelled section (not an ARIA feed, which may hold articles only),
// read page by page as it is scrolled. Owns its DOM; asks for pages through bindNeedPage() and draws
// what it is given with showPage(). At most a few pages are elements at any time (see
// paging.js): a page far from view becomes an empty block of its height and is read again when
// it comes back, so 100,000 entries scroll as smoothly as 100.

import { cloneTemplate, element } from './dom.js';
import {
  dayKey,
  dayLabel,
  fullDateLabel,
  groupByDay,
  kindLabel,
  supportLabel,
  knownKind,
  markdownAsText,
  shortDateLabel,
  timeLabel,
} from './format.js';
import { listAction } from './keys.js';
import { PageWindow } from './paging.js';

/** How far outside the visible area pages are read ahead, in pixels. */
const READ_AHEAD = '1600px 0px';

export class TimelineView {
  #doc;
  #container;
  #end;
  #mode;
  #scroller;
  #window;
  #observer;
  #generation = 0;
  #loading = new Set();
  #error = null;
  #checkScheduled = false;
  #needPage = () => {};
  #onAction = () => {};
  #onEmpty = () => {};
  #empty = null;
  #now = () => new Date();

  /**
   * `container`: the timeline element; `end`: the note under it (loading, end, errors);
   * `scroller`: the scrolling element; `mode`: "live" or "trash".
   */
  constructor(doc, { container, end, scroller, mode = 'live', maxLive = 6 }) {
    this.#doc = doc;
    this.#container = container;
    this.#end = end;
    this.#mode = mode;
    this.#scroller = scroller;
    this.#window = new PageWindow(maxLive);

    this.#observer = new IntersectionObserver((records) => this.#onIntersect(records), {
      root: scroller,
      rootMargin: READ_AHEAD,
    });
    this.#observer.observe(end);
    // Scrolling is watched too: intersection callbacks alone were seen to stop coming in
    // WebKitGTK when the position jumps (End key, scrollbar drags). One check per frame.
    scroller.addEventListener('scroll', () => this.#checkNextFrame(), { passive: true });

    container.addEventListener('click', (event) => this.#onClick(event));
    container.addEventListener('focusin', (event) => {
      const card = event.target.closest?.('.entry');
      if (!card || card.tabIndex === 0) return;
      for (const other of container.querySelectorAll('.entry[tabindex="0"]')) other.tabIndex = -1;
      card.tabIndex = 0;
    });
    container.addEventListener('keydown', (event) => this.#onKeydown(event));
    end.addEventListener('click', (event) => {
      if (event.target.closest('[data-action="retry-page"]')) {
        this.#error = null;
        this.#maybeLoadMore();
      }
    });
  }

  // ---- hooks ----

  /** `handler({generation, index, before, restore})`: read that page and call showPage(). */
  bindNeedPage(handler) {
    this.#needPage = handler;
  }

  /** `handler(action, entryId, extra)`: open, edit, trash, restore, purge, partner (extra = partner id). */
  bindEntryAction(handler) {
    this.#onAction = handler;
  }

  /** `handler(empty)` whenever the timeline becomes empty or stops being empty. */
  bindEmpty(handler) {
    this.#onEmpty = handler;
  }

  // ---- updates ----

  /** Forgets everything shown and reads the first page again. */
  reset() {
    this.clear();
    this.#maybeLoadMore();
  }

  /** Removes every entry from the page, and forgets the cursors (locking, leaving a partner). */
  clear() {
    this.#generation += 1;
    this.#loading.clear();
    this.#error = null;
    this.#window.reset();
    for (const page of this.#container.querySelectorAll('.page')) this.#observer.unobserve(page);
    this.#container.replaceChildren();
    this.#container.removeAttribute('aria-busy');
    this.#end.replaceChildren();
    if (this.#empty) this.#onEmpty(false);
    this.#empty = null;
  }

  /** Draws a page that was asked for. Answers for an older generation are dropped. */
  showPage(request, page) {
    if (request.generation !== this.#generation) return;
    this.#loading.delete(request.index);
    this.#container.removeAttribute('aria-busy');
    const entries = page?.entries ?? [];
    const now = this.#now();
    if (request.restore) {
      const node = this.#container.querySelector(`.page[data-page="${request.index}"]`);
      if (node) this.#fillRestored(node, request.index, entries, now);
    } else {
      const days = this.#days(entries, now, this.#window.dayBefore(this.#window.pages.length));
      const { index, drop } = this.#window.appended(request.before, page?.next_before ?? null, {
        firstDay: days[0]?.key ?? null,
        lastDay: days.at(-1)?.key ?? this.#window.dayBefore(this.#window.pages.length),
      });
      const node = element(this.#doc, 'div', 'page');
      node.dataset.page = String(index);
      this.#fill(node, days);
      this.#container.append(node);
      this.#drop(drop);
    }
    this.#updateEnd();
    this.#updateEmpty();
    // Whether to read further is decided in the next frame, not now: measuring here would lay
    // the page out an extra time, and drawing the next page would hold back this one's paint.
    this.#checkNextFrame();
  }

  /** A page could not be read: say so under the timeline, with a way to try again. */
  showPageError(request, message) {
    if (request.generation !== this.#generation) return;
    this.#loading.delete(request.index);
    this.#container.removeAttribute('aria-busy');
    this.#error = message;
    this.#updateEnd();
  }

  /** A new entry at the top (it is the newest). When the top is not in the DOM, reads it again. */
  insertEntry(entry) {
    const first = this.#container.querySelector('.page[data-page="0"]');
    if (!first || first.classList.contains('page--dropped')) {
      this.reset();
      return;
    }
    const now = this.#now();
    const date = new Date(this.#dateOf(entry));
    const key = dayKey(date);
    const card = this.#renderEntry(entry, date);
    const heading = first.firstElementChild;
    if (heading?.classList.contains('day-label') && heading.dataset.day === key) {
      heading.after(card);
    } else {
      first.prepend(this.#renderDayLabel(key, this.#label(date, now)), card);
    }
    this.#updateEmpty();
  }

  /** Redraws one entry in place (after an edit). */
  replaceEntry(entry) {
    const old = this.#card(entry.id);
    if (!old) return;
    const card = this.#renderEntry(entry, new Date(this.#dateOf(entry)));
    const hadFocus = old.contains(this.#doc.activeElement);
    card.tabIndex = old.tabIndex;
    old.replaceWith(card);
    if (hadFocus) card.focus({ preventScroll: true });
  }

  /**
   * Takes an entry out (trashed, restored or purged). Returns a function that puts it back
   * where it was, for Undo, or null when the entry is not shown. Focus moves to a neighbour.
   */
  removeEntry(id) {
    const card = this.#card(id);
    if (!card) return null;
    const parent = card.parentElement;
    const next = card.nextSibling;
    const hadFocus = card.contains(this.#doc.activeElement);
    const neighbour = this.#sibling(card, 1) ?? this.#sibling(card, -1);
    const heading = this.#orphanedHeading(card);
    card.remove();
    heading?.node.remove();
    card.tabIndex = -1;
    if (hadFocus) neighbour?.focus({ preventScroll: true });
    this.#updateEmpty();
    return () => {
      if (!parent.isConnected) return false;
      if (heading) {
        if (heading.next && heading.next.parentElement === parent) heading.next.before(heading.node);
        else parent.append(heading.node);
      }
      if (next && next.parentElement === parent) next.before(card);
      else if (heading) heading.node.after(card);
      else parent.append(card);
      this.#updateEmpty();
      return true;
    };
  }

  /** Moves focus to the first entry (after switching to this timeline with the keyboard). */
  focusFirst() {
    const first = this.#container.querySelector('.entry');
    first?.focus();
    return Boolean(first);
  }

  focusEntry(id) {
    this.#card(id)?.focus();
  }

  /** Whether the timeline has shown that it holds no entries at all. */
  get isEmpty() {
    return this.#empty === true;
  }

  // ---- internals: pages ----

  #onIntersect(records) {
    for (const record of records) {
      if (!record.isIntersecting) continue;
      if (record.target === this.#end) {
        this.#maybeLoadMore();
      } else if (record.target.classList.contains('page--dropped')) {
        this.#requestRestore(Number(record.target.dataset.page));
      }
    }
  }

  /** Reads the next page if the end of the timeline is near the visible area. */
  #maybeLoadMore() {
    if (this.#error !== null || this.#loading.size > 0) return;
    if (this.#container.closest('[hidden]')) return;
    const before = this.#window.nextCursor();
    if (before === undefined) return;
    if (this.#window.pages.length > 0 && !this.#isNear(this.#end)) return;
    const index = this.#window.pages.length;
    this.#loading.add(index);
    if (index === 0) this.#container.setAttribute('aria-busy', 'true');
    this.#updateEnd();
    this.#needPage({ generation: this.#generation, index, before, restore: false });
  }

  /** Called when the timeline is shown again (it does not read while hidden). */
  resume() {
    this.#onScroll();
  }

  /** Runs #onScroll() once in the next animation frame, however often it is asked for. */
  #checkNextFrame() {
    if (this.#checkScheduled) return;
    this.#checkScheduled = true;
    this.#doc.defaultView.requestAnimationFrame(() => {
      this.#checkScheduled = false;
      this.#onScroll();
    });
  }

  /** Reads what the visible area needs: the next page, or a remembered page coming back. */
  #onScroll() {
    if (this.#container.closest('[hidden]')) return;
    this.#maybeLoadMore();
    // Only the remembered pages next to the ones in the DOM can be near the visible area.
    const pages = this.#window.pages;
    const live = pages.map((page, index) => (page.live ? index : -1)).filter((index) => index >= 0);
    if (live.length === 0) return;
    for (const index of [live[0] - 1, live.at(-1) + 1]) {
      if (index < 0 || index >= pages.length || pages[index].live) continue;
      const node = this.#container.querySelector(`.page[data-page="${index}"]`);
      if (node && this.#isNear(node)) this.#requestRestore(index);
    }
  }

  #requestRestore(index) {
    const page = this.#window.pages[index];
    if (!page || page.live || this.#loading.has(index)) return;
    this.#loading.add(index);
    this.#needPage({ generation: this.#generation, index, before: page.before, restore: true });
  }

  #fillRestored(node, index, entries, now) {
    // Entries shown on a neighbouring page (the timeline changed meanwhile) are left out.
    const shown = new Set([...this.#container.querySelectorAll('.entry')].map((card) => card.dataset.entryId));
    const fresh = entries.filter((entry) => !shown.has(String(entry.id)));
    const days = this.#days(fresh, now, this.#window.dayBefore(index));
    const oldHeight = node.offsetHeight;
    const above = node.getBoundingClientRect().bottom <= this.#scroller.getBoundingClientRect().top;
    this.#observer.unobserve(node);
    node.classList.remove('page--dropped');
    node.style.removeProperty('height');
    this.#fill(node, days);
    const { drop } = this.#window.restored(index);
    if (above) {
      // Keep what is on screen still when a page above it grows or shrinks.
      this.#scroller.scrollTop += node.offsetHeight - oldHeight;
    }
    this.#drop(drop);
  }

  #drop(indexes) {
    for (const index of indexes) {
      const node = this.#container.querySelector(`.page[data-page="${index}"]`);
      if (!node) continue;
      if (node.contains(this.#doc.activeElement)) continue;
      const height = node.offsetHeight;
      node.replaceChildren();
      node.classList.add('page--dropped');
      // CSSOM, not a style attribute: allowed by the content security policy.
      node.style.height = `${height}px`;
      this.#window.dropped(index, height);
      this.#observer.observe(node);
    }
  }

  #isNear(node) {
    const view = this.#scroller.getBoundingClientRect();
    const box = node.getBoundingClientRect();
    return box.top < view.bottom + 1600 && box.bottom > view.top - 1600;
  }

  #updateEnd() {
    const end = this.#end;
    if (this.#error !== null) {
      const retry = element(this.#doc, 'button', 'link', 'Try again');
      retry.type = 'button';
      retry.dataset.action = 'retry-page';
      end.replaceChildren(element(this.#doc, 'span', '', `${this.#error} `), retry);
      end.dataset.state = 'error';
    } else if (this.#loading.size > 0 && this.#window.pages.length > 0) {
      end.replaceChildren(element(this.#doc, 'span', 'loading-dots', 'Loading older entries'));
      end.dataset.state = 'loading';
    } else if (this.#window.exhausted && this.#window.pages.length > 1) {
      end.textContent = this.#mode === 'trash' ? 'That is everything in the trash.' : 'You have reached the first entry.';
      end.dataset.state = 'end';
    } else {
      end.replaceChildren();
      end.dataset.state = 'idle';
    }
  }

  /** Exactly one entry is reachable with Tab: the focused one, else the last one used, else the first. */
  #normalizeTabStops() {
    const stops = this.#container.querySelectorAll('.entry[tabindex="0"]');
    if (stops.length === 1) return;
    for (const stop of stops) stop.tabIndex = -1;
    const focused = this.#doc.activeElement?.closest?.('.entry');
    const target = focused && this.#container.contains(focused) ? focused : this.#container.querySelector('.entry');
    if (target) target.tabIndex = 0;
  }

  #updateEmpty() {
    this.#normalizeTabStops();
    const hasEntries = this.#container.querySelector('.entry') !== null;
    const dropped = this.#container.querySelector('.page--dropped') !== null;
    const known = this.#window.pages.length > 0;
    const empty = known && !hasEntries && !dropped && this.#window.exhausted;
    if (empty !== this.#empty) {
      this.#empty = empty;
      this.#onEmpty(empty);
    }
  }

  // ---- internals: drawing ----

  #dateOf(entry) {
    return this.#mode === 'trash' ? (entry.deleted_at ?? entry.created_at) : entry.created_at;
  }

  #days(entries, now, previousKey) {
    return groupByDay(entries, now, undefined, previousKey, (entry) => this.#dateOf(entry));
  }

  #label(date, now) {
    const label = dayLabel(date, now);
    if (this.#mode !== 'trash') return label;
    return `Deleted ${/^(Today|Yesterday)$/.test(label) ? label.toLowerCase() : label}`;
  }

  #fill(node, days) {
    const now = this.#now();
    const children = [];
    for (const day of days) {
      if (!day.continued) children.push(this.#renderDayLabel(day.key, this.#label(day.entries[0].date, now)));
      for (const { entry, date } of day.entries) children.push(this.#renderEntry(entry, date));
    }
    node.replaceChildren(...children);
  }

  #renderDayLabel(key, label) {
    const heading = cloneTemplate(this.#doc, 'day-template');
    heading.dataset.day = key;
    heading.textContent = label;
    return heading;
  }

  #renderEntry(entry, date) {
    const card = cloneTemplate(this.#doc, 'entry-template');
    card.dataset.entryId = String(entry.id);
    card.dataset.kind = knownKind(entry.kind);

    // In the trash, cards are grouped by when they were deleted and say when they were written.
    const written = this.#mode === 'trash' ? new Date(entry.created_at) : date;
    const time = card.querySelector('.entry-time');
    time.dateTime = written.toISOString();
    time.textContent = this.#mode === 'trash' ? `Written ${shortDateLabel(written)}` : timeLabel(date);
    time.title = fullDateLabel(written);

    const badge = card.querySelector('.badge');
    badge.textContent = kindLabel(entry.kind);
    badge.dataset.kind = knownKind(entry.kind);

    const partners = card.querySelector('.entry-partners');
    const linked = entry.partners ?? [];
    if (linked.length > 0) {
      const parts = [this.#doc.createTextNode('with ')];
      linked.forEach((partner, i) => {
        if (i > 0) parts.push(this.#doc.createTextNode(', '));
        const link = element(this.#doc, 'button', 'partner-link', partner.name);
        link.type = 'button';
        link.dataset.partnerId = String(partner.id);
        link.tabIndex = -1;
        parts.push(link);
      });
      partners.replaceChildren(...parts);
    }
    partners.hidden = linked.length === 0;

    const support = card.querySelector('.entry-support');
    support.textContent = supportLabel(entry.support);
    support.hidden = support.textContent === '';
    if (entry.support) support.dataset.direction = entry.support.direction;

    card.querySelector('.entry-shareable').hidden = !entry.shareable;
    // The card shows the words without Markdown's marks; the reader shows it rendered by Rust.
    card.querySelector('.entry-body').textContent = markdownAsText(entry.body);

    const tags = card.querySelector('.entry-tags');
    tags.replaceChildren(...(entry.tags ?? []).map((tag) => element(this.#doc, 'li', 'tag', `#${tag}`)));
    tags.hidden = (entry.tags ?? []).length === 0;

    const trash = this.#mode === 'trash';
    for (const button of card.querySelectorAll('[data-entry-action]')) {
      const action = button.dataset.entryAction;
      button.hidden = trash ? !['restore', 'purge'].includes(action) : !['edit', 'trash'].includes(action);
      button.tabIndex = -1;
    }
    const about = [kindLabel(entry.kind), supportLabel(entry.support), fullDateLabel(written)].filter(Boolean);
    card.setAttribute('aria-label', about.join(', '));
    // One tab stop for the whole timeline (roving tabindex): arrows and J/K move between entries.
    card.tabIndex = -1;
    return card;
  }

  #card(id) {
    return this.#container.querySelector(`.entry[data-entry-id="${CSS.escape(String(id))}"]`);
  }

  #sibling(card, direction) {
    const all = [...this.#container.querySelectorAll('.entry')];
    const index = all.indexOf(card);
    return all[index + direction] ?? null;
  }

  /** The day heading that would be left with no entries if `card` went. */
  #orphanedHeading(card) {
    const previous = card.previousElementSibling;
    const next = card.nextElementSibling;
    if (!previous?.classList.contains('day-label')) return null;
    if (next && !next.classList.contains('day-label')) return null;
    return { node: previous, next: card.nextSibling };
  }

  // ---- internals: input ----

  #onClick(event) {
    const card = event.target.closest('.entry');
    if (!card) return;
    const id = Number(card.dataset.entryId);
    const partner = event.target.closest('.partner-link');
    if (partner) {
      this.#onAction('partner', id, Number(partner.dataset.partnerId));
      return;
    }
    const button = event.target.closest('[data-entry-action]');
    if (button) {
      this.#onAction(button.dataset.entryAction, id);
      return;
    }
    // A click that selected text is reading, not opening.
    if (String(this.#doc.getSelection?.() ?? '') !== '') return;
    this.#onAction('open', id);
  }

  #onKeydown(event) {
    const card = event.target.closest('.entry');
    if (!card || event.target !== card) return;
    const action = listAction(event);
    if (!action) return;
    event.preventDefault();
    const id = Number(card.dataset.entryId);
    switch (action) {
      case 'next':
        this.#sibling(card, 1)?.focus();
        break;
      case 'previous':
        this.#sibling(card, -1)?.focus();
        break;
      case 'first':
        this.#container.querySelector('.entry')?.focus();
        break;
      case 'last':
        [...this.#container.querySelectorAll('.entry')].at(-1)?.focus();
        break;
      case 'open':
        this.#onAction('open', id);
        break;
      case 'edit':
        if (this.#mode !== 'trash') this.#onAction('edit', id);
        break;
      case 'trash':
        this.#onAction(this.#mode === 'trash' ? 'purge' : 'trash', id);
        break;
      default:
        break;
    }
  }
}
