// The follow-ups view: every open action (mine, theirs, overdue), the decision log, and every
// peer problem, each filtered by partner and words. Owns that DOM; the meeting controller wires
// it.

import { element, field, one } from './dom.js';
import { FOLLOWUP_CHOICES, followUpRows } from './followups.js';

export class FollowUpsView {
  #doc;
  #view;
  #form;
  #list;
  #tab = 'actions';
  #onChange = () => {};
  #onOpen = () => {};
  #onDone = () => {};
  #onShow = () => {};

  constructor(doc = document) {
    this.#doc = doc;
    this.#view = one(doc, '[data-view-name="followups"]');
    this.#form = one(this.#view, '[data-form="followups"]');
    this.#list = field(this.#view, 'followups-list');
    this.#view.querySelector('.segmented').addEventListener('click', (event) => {
      const tab = event.target.closest('[data-followups-tab]');
      if (!tab) return;
      this.#setTab(tab.dataset.followupsTab);
      this.#onChange(this.filter);
    });
    this.#form.addEventListener('submit', (event) => event.preventDefault());
    this.#form.addEventListener('change', () => this.#onChange(this.filter));
    this.#form.elements.text.addEventListener('input', () => this.#onChange(this.filter));
    this.#list.addEventListener('click', (event) => {
      const open = event.target.closest('[data-open-kind]');
      if (open) this.#onOpen(open.dataset.openKind, Number(open.dataset.openId));
    });
    this.#list.addEventListener('change', (event) => {
      const box = event.target.closest('[data-done-action]');
      if (box) this.#onDone(Number(box.dataset.doneAction), box.checked);
    });
    one(doc, '[data-view-name="home"] [data-action="open-followups"]').addEventListener('click', () => this.#onShow());
    one(this.#view, '[data-action="followups-home"]').addEventListener('click', () =>
      this.#doc.querySelector('.nav-item[data-nav="home"]')?.click(),
    );
  }

  /** `handler()` when Home asks for this view. */
  bindShow(handler) { this.#onShow = handler; }
  /** `handler(filter)` whenever the tab or a filter changes. */
  bindChange(handler) { this.#onChange = handler; }
  /** `handler(kind, id)`: kind "meeting" or "problem". */
  bindOpen(handler) { this.#onOpen = handler; }
  /** `handler(actionId, done)` */
  bindDone(handler) { this.#onDone = handler; }

  /** {tab, text, partnerId, which} as chosen now. */
  get filter() {
    const { text, partner, which } = this.#form.elements;
    return { tab: this.#tab, text: text.value.trim(), partnerId: Number(partner.value) || null, which: which.value };
  }

  /** Fills the partner choice (keeping the one chosen). */
  setPartners(partners) {
    const select = this.#form.elements.partner;
    const value = select.value;
    const any = element(this.#doc, 'option', '', 'All partners');
    any.value = '';
    select.replaceChildren(
      any,
      ...(partners ?? []).map((p) => {
        const option = element(this.#doc, 'option', '', p.name);
        option.value = String(p.id);
        return option;
      }),
    );
    select.value = [...select.options].some((o) => o.value === value) ? value : '';
  }

  /** Shows `items` (actions, decisions or problems for the current tab); `today` is YYYY-MM-DD. */
  show(items, today) {
    field(this.#view, 'followups-error').hidden = true;
    const rows = followUpRows(this.#tab, items, today);
    this.#list.replaceChildren(
      ...rows.map((row) => {
        const li = element(this.#doc, 'li', 'followup');
        if (row.overdue) li.classList.add('followup--overdue');
        const main = element(this.#doc, 'div', 'followup-main');
        if (row.actionId != null) {
          const label = element(this.#doc, 'label', 'check check--inline');
          const box = element(this.#doc, 'input');
          box.type = 'checkbox';
          box.checked = row.done;
          box.dataset.doneAction = String(row.actionId);
          label.append(box, element(this.#doc, 'span', 'followup-text', row.text));
          main.append(label);
        } else {
          main.append(element(this.#doc, 'p', 'followup-text', row.text));
        }
        main.append(element(this.#doc, 'p', 'followup-meta', row.meta));
        const open = element(this.#doc, 'button', 'button button--quiet button--small', row.openLabel);
        open.type = 'button';
        open.dataset.openKind = row.open.kind;
        open.dataset.openId = String(row.open.id);
        open.setAttribute('aria-label', `${row.openLabel}: ${row.text}`);
        li.append(main, open);
        return li;
      }),
    );
    if (!rows.length) this.#list.append(element(this.#doc, 'li', 'capture-empty', 'Nothing here with these filters.'));
  }

  showError(message) {
    const error = field(this.#view, 'followups-error');
    error.textContent = message;
    error.hidden = false;
  }

  clear() {
    this.#list.replaceChildren();
    this.#form.reset();
    this.#setTab('actions');
  }

  #setTab(tab) {
    this.#tab = tab;
    for (const button of this.#view.querySelectorAll('[data-followups-tab]')) {
      button.setAttribute('aria-pressed', String(button.dataset.followupsTab === tab));
    }
    const which = this.#form.elements.which;
    which.replaceChildren(
      ...FOLLOWUP_CHOICES[tab].map(([value, label]) => {
        const option = element(this.#doc, 'option', '', label);
        option.value = value;
        return option;
      }),
    );
  }

  /** Sets the tab without asking for items (the controller asks). */
  start() {
    if (!this.#form.elements.which.options.length) this.#setTab(this.#tab);
  }
}
