// The search palette (Ctrl+K): a text field, filters, and results as you type. Owns its dialog;
// the controller runs the searches. Snippets are drawn from the core's parts with textContent,
// the matched words wrapped in <mark>.

import { cloneTemplate, element, field, Modal, one } from './dom.js';
import { KINDS, count, kindLabel, knownKind, relationshipLabel, roleLine, shortDateLabel, initials } from './format.js';
import { SEARCH_LIMIT, groupHits, hasFilters, moveSelection, noFilters, snippetRuns } from './search.js';

export class PaletteView {
  #doc;
  #modal;
  #input;
  #results;
  #message;
  #filters;
  #clear;
  #flat = [];
  #selected = -1;
  #onQuery = () => {};
  #onOpen = () => {};

  constructor(doc = document) {
    this.#doc = doc;
    const dialog = one(doc, '[data-dialog="palette"]');
    this.#modal = new Modal(dialog);
    this.#input = one(dialog, '#palette-input');
    this.#results = field(dialog, 'palette-results');
    this.#message = field(dialog, 'palette-message');
    this.#clear = one(dialog, '[data-action="clear-filters"]');
    this.#filters = Object.fromEntries(
      [...dialog.querySelectorAll('[data-filter]')].map((node) => [node.dataset.filter, node]),
    );
    const kind = this.#filters.kind;
    for (const value of KINDS) {
      const option = element(doc, 'option', '', kindLabel(value));
      option.value = value;
      kind.append(option);
    }

    this.#input.addEventListener('input', () => this.#changed());
    for (const node of Object.values(this.#filters)) node.addEventListener('change', () => this.#changed());
    this.#clear.addEventListener('click', () => {
      for (const node of Object.values(this.#filters)) node.value = '';
      this.#changed();
      this.#input.focus();
    });
    this.#input.addEventListener('keydown', (event) => this.#onKeydown(event));
    this.#results.addEventListener('mousedown', (event) => event.preventDefault());
    this.#results.addEventListener('click', (event) => {
      const option = event.target.closest('[role="option"]');
      if (option) this.#open(Number(option.dataset.position));
    });
    this.#results.addEventListener('mousemove', (event) => {
      const option = event.target.closest('[role="option"]');
      if (option) this.#select(Number(option.dataset.position), { scroll: false });
    });
    this.#modal.onClose(() => this.clear());
  }

  // ---- hooks ----

  /** `handler(text, filters)` whenever what to search for changes. */
  bindQuery(handler) {
    this.#onQuery = handler;
  }

  /** `handler(hit)` when a result is opened with Enter or a click. */
  bindOpen(handler) {
    this.#onOpen = handler;
  }

  // ---- updates ----

  get isOpen() {
    return this.#modal.isOpen;
  }

  /** Opens the palette with the filters' choices: partners [{id, name}] and tags [{tag}]. */
  open({ partners = [], tags = [] } = {}) {
    this.#fillSelect(
      this.#filters.partnerId,
      'Anyone',
      partners.map((p) => [String(p.id), p.name]),
    );
    this.#fillSelect(
      this.#filters.tag,
      'Any tag',
      tags.map((t) => [t.tag, `#${t.tag}`]),
    );
    if (!this.isOpen) this.#showHint();
    this.#modal.open(this.#input);
    this.#input.select();
  }

  /** The current text and filters. */
  query() {
    const filters = noFilters();
    for (const [name, node] of Object.entries(this.#filters)) filters[name] = node.value;
    return { text: this.#input.value, filters };
  }

  /** Draws results; keeps the selection on the same position when it still exists. */
  showResults(hits, { text }) {
    const { groups, total } = groupHits(hits);
    this.#flat = [];
    const nodes = [];
    for (const group of groups) {
      const wrapper = element(this.#doc, 'div', 'hit-group');
      wrapper.setAttribute('role', 'group');
      const title = element(this.#doc, 'div', 'hit-group-title', group.title);
      title.id = `hit-group-${group.type}`;
      title.setAttribute('role', 'presentation');
      wrapper.setAttribute('aria-labelledby', title.id);
      wrapper.append(title);
      for (const { hit, position } of group.hits) {
        wrapper.append(this.#renderHit(hit, position));
        this.#flat.push(hit);
      }
      nodes.push(wrapper);
    }
    this.#results.replaceChildren(...nodes);
    this.#input.setAttribute('aria-expanded', String(total > 0));
    if (total === 0) {
      this.#showMessage(
        text.trim() === '' ? 'No entries match these filters.' : `Nothing found for “${text.trim()}”.`,
        'Try fewer words, or clear a filter.',
      );
    } else {
      const more =
        hits.length >= SEARCH_LIMIT ? ` Showing the best ${SEARCH_LIMIT}: add a word or a filter to narrow them.` : '';
      this.#message.replaceChildren(
        element(this.#doc, 'span', 'palette-count', `${count(total, 'result')}.${more}`),
      );
      this.#message.dataset.state = 'count';
    }
    this.#select(total > 0 ? 0 : -1);
  }

  /** Nothing typed and no filters: explain what the palette does. */
  showIdle() {
    this.#results.replaceChildren();
    this.#flat = [];
    this.#select(-1);
    this.#input.setAttribute('aria-expanded', 'false');
    this.#showHint();
  }

  showSearchError(message) {
    this.#results.replaceChildren();
    this.#flat = [];
    this.#select(-1);
    this.#showMessage(message, '');
    this.#message.dataset.state = 'error';
  }

  close() {
    this.#modal.close();
  }

  /** Closes and forgets everything, also the partners and tags offered as filters (locking). */
  dismiss() {
    this.#modal.dismiss();
    this.clear();
    this.#fillSelect(this.#filters.partnerId, 'Anyone', []);
    this.#fillSelect(this.#filters.tag, 'Any tag', []);
  }

  /** Forgets the query, the filters and the results. */
  clear() {
    this.#input.value = '';
    for (const node of Object.values(this.#filters)) node.value = '';
    this.#message.replaceChildren();
    this.#results.replaceChildren();
    this.#flat = [];
    this.#selected = -1;
    this.#input.removeAttribute('aria-activedescendant');
    this.#clear.hidden = true;
  }

  // ---- internals ----

  #changed() {
    const { text, filters } = this.query();
    this.#clear.hidden = !hasFilters(filters);
    this.#onQuery(text, filters);
  }

  #onKeydown(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        this.#select(moveSelection(this.#selected, 1, this.#flat.length));
        break;
      case 'ArrowUp':
        event.preventDefault();
        this.#select(moveSelection(this.#selected, -1, this.#flat.length));
        break;
      case 'Enter':
        event.preventDefault();
        if (this.#selected >= 0) this.#open(this.#selected);
        break;
      default:
        break;
    }
  }

  #open(position) {
    const hit = this.#flat[position];
    if (hit) this.#onOpen(hit);
  }

  #select(position, { scroll = true } = {}) {
    this.#selected = position;
    let active = null;
    for (const option of this.#results.querySelectorAll('[role="option"]')) {
      const selected = Number(option.dataset.position) === position;
      option.setAttribute('aria-selected', String(selected));
      if (selected) active = option;
    }
    if (active) {
      this.#input.setAttribute('aria-activedescendant', active.id);
      if (scroll) active.scrollIntoView({ block: 'nearest' });
    } else {
      this.#input.removeAttribute('aria-activedescendant');
    }
  }

  #renderHit(hit, position) {
    const node = cloneTemplate(this.#doc, 'hit-template');
    node.id = `hit-${position}`;
    node.dataset.position = String(position);
    node.dataset.type = hit.type;
    const icon = node.querySelector('.hit-icon');
    const title = node.querySelector('.hit-title');
    const snippet = node.querySelector('.hit-snippet');
    const aside = node.querySelector('.hit-aside');
    if (hit.type === 'partner') {
      const partner = hit.partner;
      icon.textContent = initials(partner.name);
      icon.classList.add('hit-icon--partner');
      title.textContent = partner.name;
      aside.textContent = relationshipLabel(partner.relationship);
      this.#drawSnippet(snippet, hit.snippet, roleLine(partner.role, partner.organisation));
    } else if (hit.type === 'meeting') {
      const meeting = hit.meeting;
      icon.classList.add('hit-icon--meeting');
      icon.textContent = '1:1';
      title.textContent = `Meeting with ${(meeting.partners ?? []).map((p) => p.name).join(', ')}`;
      aside.textContent = shortDateLabel(new Date(meeting.at));
      this.#drawSnippet(snippet, hit.snippet, '');
    } else if (hit.type === 'problem') {
      const problem = hit.problem;
      icon.classList.add('hit-icon--problem');
      icon.textContent = '?!';
      title.textContent = problem.title;
      aside.textContent = problem.closed_at ? 'Closed' : 'Open problem';
      this.#drawSnippet(snippet, hit.snippet, (problem.shared_with ?? []).map((p) => p.name).join(', '));
    } else if (hit.type === 'action' || hit.type === 'decision') {
      const item = hit.action ?? hit.decision;
      icon.classList.add('hit-icon--meeting');
      icon.textContent = hit.type === 'action' ? '✓' : '⚖';
      title.textContent = `${hit.type === 'action' ? 'Action' : 'Decision'} with ${(item.partners ?? []).map((p) => p.name).join(', ')}`;
      aside.textContent = shortDateLabel(new Date(item.origin_at));
      this.#drawSnippet(snippet, hit.snippet, item.text);
    } else {
      const entry = hit.entry;
      icon.classList.add('hit-icon--entry');
      icon.dataset.kind = knownKind(entry.kind);
      const names = (entry.partners ?? []).map((p) => p.name).join(', ');
      title.textContent = names ? `${kindLabel(entry.kind)} with ${names}` : kindLabel(entry.kind);
      aside.textContent = shortDateLabel(new Date(entry.created_at));
      this.#drawSnippet(snippet, hit.snippet, entry.body);
    }
    return node;
  }

  #drawSnippet(node, parts, fallback) {
    const runs = snippetRuns(parts, String(fallback ?? '').split(/\s+/).join(' ').slice(0, 160));
    node.replaceChildren(
      ...runs.map((run) => (run.highlight ? element(this.#doc, 'mark', '', run.text) : this.#doc.createTextNode(run.text))),
    );
  }

  #fillSelect(select, anyLabel, options) {
    const value = select.value;
    const any = element(this.#doc, 'option', '', anyLabel);
    any.value = '';
    select.replaceChildren(
      any,
      ...options.map(([optionValue, label]) => {
        const option = element(this.#doc, 'option', '', label);
        option.value = optionValue;
        return option;
      }),
    );
    select.value = options.some(([v]) => v === value) ? value : '';
  }

  #showHint() {
    this.#showMessage(
      'Find any entry or partner as you type.',
      'Words match anywhere in a note; the last word also matches its beginning. Use the filters to narrow to a partner, a tag, a kind or dates.',
    );
    this.#message.dataset.state = 'hint';
  }

  #showMessage(title, text) {
    const nodes = [element(this.#doc, 'p', 'palette-message-title', title)];
    if (text) nodes.push(element(this.#doc, 'p', 'palette-message-text', text));
    this.#message.replaceChildren(...nodes);
    this.#message.dataset.state = 'message';
  }
}
