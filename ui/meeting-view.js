// The meeting screen (agenda by section, carried items, notes, captured actions and decisions).
// Owns that DOM; the meeting controller wires it. The prepare dialog is in prepare-view.js.

import {
  actionEdit,
  actionEditor,
  decisionEdit,
  decisionEditor,
  itemEditable,
  itemEditor,
  renderCaptured,
} from './capture-edit.js';
import { cloneTemplate, element, field, one } from './dom.js';
import { fullDateLabel } from './format.js';
import {
  OWNERS,
  SIGNALS,
  agendaKeyAction,
  agendaSections,
  carriedFacts,
  meetingTitle,
  statusLabel,
} from './meetings.js';
import { BOTH_VIEWS_SECTION } from './problems.js';

/** How long after the last keystroke the check-in or an item's notes are saved. */
export const TYPING_SAVE_MS = 1500;

export class MeetingView {
  #doc;
  #view;
  #sections;
  #checkIn;
  #actionForm;
  #decisionForm;
  #error;
  #meeting = null;
  #onItem = () => {};
  #onCaptureEdit = () => {};
  #onOpenProblem = () => {};
  #today = '';
  #onCheckIn = () => {};
  #onStatus = () => {};
  #onAddItem = () => {};
  #onAction = () => {};
  #onDecision = () => {};
  #onActionDone = () => {};
  #onRevisit = () => {};
  #pointerDown = false;
  /** Text typed and not saved yet, by field ("check-in", "notes:ID"): {save(), timer}. */
  #typing = new Map();
  #onOpenPartner = () => {};
  #onNewProblem = () => {};
  #onPulse = () => {};
  #onRecordSupport = () => {};
  #pulseForm;

  constructor(doc = document) {
    this.#doc = doc;
    this.#view = one(doc, '[data-view-name="meeting"]');
    this.#sections = field(this.#view, 'agenda-sections');
    this.#checkIn = field(this.#view, 'check-in');
    this.#actionForm = one(this.#view, '[data-form="action"]');
    this.#decisionForm = one(this.#view, '[data-form="decision"]');
    this.#error = field(this.#view, 'meeting-error');
    const owner = this.#actionForm.elements.owner;
    for (const [value, label] of OWNERS) {
      const option = element(doc, 'option', '', label);
      option.value = value;
      owner.append(option);
    }

    this.#checkIn.addEventListener('change', () => {
      this.#saved('check-in');
      this.#onCheckIn(this.#checkIn.value);
    });
    this.#checkIn.addEventListener('input', () => {
      // Saved for the meeting it was typed in, even if another is on screen by then.
      const meetingId = this.#meeting?.id;
      const text = this.#checkIn.value;
      this.#typed('check-in', () => this.#onCheckIn(text, meetingId));
    });
    this.#pulseForm = one(this.#view, '[data-form="pulse"]');
    this.#pulseForm.addEventListener('change', (event) => {
      if (event.target.name === 'pulse') this.#onPulse(Number(event.target.value));
    });
    one(this.#pulseForm, '[data-action="pulse-clear"]').addEventListener('click', () => this.#onPulse(null));
    for (const direction of ['received', 'given']) {
      one(this.#view, `[data-action="meeting-support-${direction}"]`).addEventListener('click', () =>
        this.#onRecordSupport(direction),
      );
    }
    one(this.#view, '[data-action="meeting-held"]').addEventListener('click', () => this.#onStatus('held'));
    one(this.#view, '[data-action="meeting-cancel"]').addEventListener('click', () => this.#onStatus('cancelled'));
    one(this.#view, '[data-action="meeting-reopen"]').addEventListener('click', () => this.#onStatus('planned'));
    one(this.#view, '[data-action="meeting-new-problem"]').addEventListener('click', () => this.#onNewProblem());
    field(this.#view, 'meeting-crumbs').addEventListener('click', (event) => {
      const link = event.target.closest('[data-partner-id]');
      if (link) this.#onOpenPartner(Number(link.dataset.partnerId));
    });

    this.#sections.addEventListener('click', (event) => {
      const worksheet = event.target.closest('[data-open-problem], [data-start-problem]');
      if (worksheet) {
        if (worksheet.dataset.openProblem) this.#onOpenProblem(Number(worksheet.dataset.openProblem));
        else this.#onNewProblem();
        return;
      }
      if (event.target.closest('[data-edit-cancel]')) {
        this.show(this.#meeting, this.#today);
        return;
      }
      const revisit = event.target.closest('[data-revisit]');
      if (revisit) {
        this.#revisit(revisit);
        return;
      }
      const button = event.target.closest('[data-item-action]');
      if (!button) return;
      const item = button.closest('.agenda-item');
      this.#itemAction(button.dataset.itemAction, item);
    });
    this.#sections.addEventListener('keydown', (event) => this.#onKeydown(event));
    // The focused item shows its buttons. While a pointer is down the row of the item losing
    // focus stays open: closing it would move what is under the pointer before the click lands.
    this.#sections.addEventListener('pointerdown', () => { this.#pointerDown = true; });
    doc.addEventListener('pointerup', () => {
      if (!this.#pointerDown) return;
      this.#pointerDown = false;
      setTimeout(() => this.#markActive(), 0);
    });
    this.#sections.addEventListener('focusin', () => this.#markActive());
    this.#sections.addEventListener('focusout', () => setTimeout(() => this.#markActive(), 0));
    this.#sections.addEventListener('input', (event) => {
      if (!event.target.matches('.agenda-notes')) return;
      const notes = event.target;
      const id = Number(notes.closest('.agenda-item').dataset.id);
      this.#typed(`notes:${id}`, () => this.#onItem('notes', id, notes.value));
    });
    this.#sections.addEventListener('change', (event) => {
      if (event.target.matches('.agenda-notes')) {
        const item = event.target.closest('.agenda-item');
        this.#saved(`notes:${item.dataset.id}`);
        this.#onItem('notes', Number(item.dataset.id), event.target.value);
      } else if (event.target.matches('[data-done-action]')) {
        this.#onActionDone(Number(event.target.dataset.doneAction), event.target.checked);
      }
    });
    this.#sections.addEventListener('submit', (event) => {
      event.preventDefault();
      const form = event.target;
      if (form.matches('[data-edit-item]')) {
        const text = form.elements.text.value.trim();
        if (text) this.#onItem('text', Number(form.dataset.editItem), text);
        return;
      }
      const input = form.elements.text;
      const text = input.value.trim();
      if (!text) return;
      this.#onAddItem(form.dataset.section, text);
    });
    const side = this.#view.querySelector('.meeting-side');
    side.addEventListener('click', (event) => {
      const button = event.target.closest('[data-capture-edit], [data-capture-delete], [data-edit-cancel]');
      if (!button) return;
      if (button.matches('[data-edit-cancel]')) {
        this.show(this.#meeting, this.#today);
        return;
      }
      const [kind, id] = (button.dataset.captureEdit ?? button.dataset.captureDelete).split(':');
      if (button.matches('[data-capture-delete]')) {
        this.#onCaptureEdit(kind, Number(id), null);
        return;
      }
      const row = button.closest('li');
      const list = kind === 'action' ? this.#meeting?.actions : this.#meeting?.decisions;
      const found = (list ?? []).find((x) => x.id === Number(id));
      if (!found || !row) return;
      const form = kind === 'action' ? actionEditor(this.#doc, found, OWNERS) : decisionEditor(this.#doc, found);
      row.replaceChildren(form);
      form.elements.text.focus();
    });
    side.addEventListener('submit', (event) => {
      const form = event.target;
      if (!form.matches('[data-edit-action], [data-edit-decision]')) return;
      event.preventDefault();
      const values = Object.fromEntries(new FormData(form));
      if (form.dataset.editAction) this.#onCaptureEdit('action', Number(form.dataset.editAction), actionEdit(values));
      else this.#onCaptureEdit('decision', Number(form.dataset.editDecision), decisionEdit(values));
    });
    side.addEventListener('change', (event) => {
      if (event.target.matches('[data-done-action]')) {
        this.#onActionDone(Number(event.target.dataset.doneAction), event.target.checked);
      }
    });
    this.#actionForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const { text, owner, due } = this.#actionForm.elements;
      if (!text.value.trim()) {
        text.focus();
        return;
      }
      this.#onAction({ text: text.value.trim(), owner: owner.value, due: due.value || undefined });
    });
    this.#decisionForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const { text, agreed, revisit_on: revisitOn } = this.#decisionForm.elements;
      if (!text.value.trim()) {
        text.focus();
        return;
      }
      this.#onDecision({ text: text.value.trim(), agreed: agreed.value === 'true', revisit_on: revisitOn.value || undefined });
    });
    for (const form of [this.#actionForm, this.#decisionForm]) {
      form.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          this.#focusItem(this.#lastItemId);
        }
      });
    }
  }

  #lastItemId = null;

  // ---- hooks ----

  /** `handler(action, itemId, value)`: discussed, park, move-up, move-down, notes (value = text). */
  bindItem(handler) { this.#onItem = handler; }
  /** `handler(kind, id, edit)`: kind "action" or "decision"; `edit` null deletes it. */
  bindCaptureEdit(handler) { this.#onCaptureEdit = handler; }
  /** `handler(text, meetingId?)`: the check-in was typed (in meeting `meetingId`, if not the one shown). */
  bindCheckIn(handler) { this.#onCheckIn = handler; }
  /** `handler(status)`: "held" or "cancelled". */
  bindStatus(handler) { this.#onStatus = handler; }
  /** `handler(direction)`: note support "given" to or "received" from the meeting's partners. */
  bindRecordSupport(handler) {
    this.#onRecordSupport = handler;
  }

  /** `handler(pulse)`: 1 to 5, or null to take it back. */
  bindPulse(handler) { this.#onPulse = handler; }
  /** `handler(section, text)` when an item is added to a section. */
  bindAddItem(handler) { this.#onAddItem = handler; }
  /** `handler({text, owner, due})` */
  bindAction(handler) { this.#onAction = handler; }
  /** `handler({text, agreed, revisit_on})` */
  bindDecision(handler) { this.#onDecision = handler; }
  /** `handler(actionId, done)` */
  bindActionDone(handler) { this.#onActionDone = handler; }
  /** `handler(decisionId, agreed, revisitOn)`: settle a carried decision, or set its next date. */
  bindRevisit(handler) { this.#onRevisit = handler; }
  bindOpenPartner(handler) { this.#onOpenPartner = handler; }
  /** `handler()` for "New peer problem": shared with the meeting's partners, linked to it. */
  bindNewProblem(handler) { this.#onNewProblem = handler; }
  /** `handler(problemId)`: open a problem's worksheet from the agenda. */
  bindOpenProblem(handler) { this.#onOpenProblem = handler; }

  /**
   * Under the agenda's "both views" step (the peer template's "The problem"), a way to each
   * linked problem's worksheet, or to start one. Drawn after `show`, which redraws the sections.
   */
  showProblems(problems) {
    const section = this.#sections.querySelector(`.agenda-section[data-section="${CSS.escape(BOTH_VIEWS_SECTION)}"]`);
    if (!section) return;
    section.querySelector('.worksheet-links')?.remove();
    const links = element(this.#doc, 'div', 'worksheet-links');
    for (const problem of problems) {
      const button = element(this.#doc, 'button', 'button button--quiet button--small', `Both views: ${problem.title}`);
      button.type = 'button';
      button.dataset.openProblem = String(problem.id);
      links.append(button);
    }
    if (!problems.length) {
      const start = element(this.#doc, 'button', 'button button--quiet button--small', 'Write both views…');
      start.type = 'button';
      start.dataset.startProblem = '';
      links.append(start);
    }
    section.querySelector('.section-prompt')?.after(links) ?? section.querySelector('.section-title')?.after(links);
  }

  // ---- updates ----

  get meeting() {
    return this.#meeting;
  }

  /** Draws `meeting`; keeps focus on the item or field that had it. `today` is YYYY-MM-DD. */
  show(meeting, today) {
    this.#today = today;
    const active = this.#doc.activeElement;
    const focusedItem = active?.closest?.('.agenda-item')?.dataset.id;
    const focusedAdd = active?.closest?.('.add-item')?.dataset.section;
    const sameMeeting = this.#meeting?.id === meeting.id;
    this.#meeting = meeting;
    this.#error.hidden = true;

    const crumbs = field(this.#view, 'meeting-crumbs');
    const home = element(this.#doc, 'button', 'link', 'Home');
    home.type = 'button';
    home.dataset.nav = 'home';
    const parts = [home];
    for (const partner of meeting.partners) {
      const link = element(this.#doc, 'button', 'link', partner.name);
      link.type = 'button';
      link.dataset.partnerId = String(partner.id);
      parts.push(element(this.#doc, 'span', '', '/'), link);
    }
    parts.at(-1).setAttribute('aria-current', 'page');
    crumbs.replaceChildren(...parts);
    home.addEventListener('click', () => this.#doc.querySelector('.nav-item[data-nav="home"]')?.click());

    field(this.#view, 'meeting-title').textContent = meetingTitle(meeting);
    field(this.#view, 'meeting-when').textContent = fullDateLabel(new Date(meeting.at));
    const status = field(this.#view, 'meeting-status');
    status.textContent = statusLabel(meeting.status);
    status.dataset.status = meeting.status;
    const planned = meeting.status === 'planned';
    one(this.#view, '[data-action="meeting-held"]').hidden = !planned;
    one(this.#view, '[data-action="meeting-cancel"]').hidden = !planned;
    one(this.#view, '[data-action="meeting-reopen"]').hidden = planned;

    if (!sameMeeting || this.#doc.activeElement !== this.#checkIn) this.#checkIn.value = meeting.check_in ?? '';
    this.#showPulse(meeting);

    const signals = field(this.#view, 'signals-block');
    signals.hidden = !meeting.signals;
    if (meeting.signals) {
      field(this.#view, 'signal-list').replaceChildren(
        ...SIGNALS.map(([key, label]) => {
          const on = Boolean(meeting.signals[key]);
          const li = element(this.#doc, 'li', `signal signal--${on ? 'on' : 'off'}`);
          li.append(element(this.#doc, 'span', 'signal-mark', on ? '✓' : '–'), element(this.#doc, 'span', '', label));
          li.title = on ? 'Ticked when preparing' : 'Not ticked';
          return li;
        }),
      );
    }

    this.#sections.replaceChildren(...agendaSections(meeting).map((section) => this.#renderSection(section, today)));
    renderCaptured(this.#doc, this.#view, meeting, today);

    if (sameMeeting && focusedItem) this.#focusItem(Number(focusedItem));
    else if (sameMeeting && focusedAdd) this.#sections.querySelector(`.add-item[data-section="${CSS.escape(focusedAdd)}"] input`)?.focus();
  }

  /** The pulse's choice; a cancelled meeting takes none. */
  #showPulse(meeting) {
    for (const input of this.#pulseForm.elements.namedItem('pulse')) {
      input.checked = Number(input.value) === meeting.pulse;
    }
    one(this.#pulseForm, '[data-action="pulse-clear"]').hidden = meeting.pulse == null;
    field(this.#view, 'pulse-block').hidden = meeting.status === 'cancelled';
  }

  /** Puts the cursor in the action or decision form, with `text` to start from. */
  focusCapture(kind, text = '') {
    const form = kind === 'decision' ? this.#decisionForm : this.#actionForm;
    const input = form.elements.text;
    if (text && !input.value) input.value = text;
    input.focus();
    input.select();
  }

  /** Empties a capture form after it was saved. */
  resetCapture(kind) {
    const form = kind === 'decision' ? this.#decisionForm : this.#actionForm;
    form.reset();
    form.elements.text.focus();
  }

  /** Opens the notes of an item and puts the cursor there. */
  openNotes(itemId) {
    const item = this.#item(itemId);
    if (!item) return;
    const notes = item.querySelector('.agenda-notes');
    notes.hidden = false;
    notes.focus();
  }

  showError(message) {
    this.#error.textContent = message;
    this.#error.hidden = false;
  }

  /**
   * Saves now whatever was typed and not saved yet (the vault is about to lock). Resolves when
   * the saves have answered.
   */
  keepTyping() {
    const pending = [...this.#typing.keys()];
    return Promise.all(pending.map((key) => this.#saveTyped(key)));
  }

  clear() {
    for (const { timer } of this.#typing.values()) clearTimeout(timer);
    this.#typing.clear();
    this.#meeting = null;
    this.#sections.replaceChildren();
    this.#checkIn.value = '';
    this.#actionForm.reset();
    this.#decisionForm.reset();
    field(this.#view, 'action-list').replaceChildren();
    field(this.#view, 'decision-list').replaceChildren();
  }

  // ---- internals ----

  /** Text was typed in field `key`: saved by `save` a moment after the last keystroke. */
  #typed(key, save) {
    const pending = this.#typing.get(key);
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => this.#saveTyped(key), TYPING_SAVE_MS);
    this.#typing.set(key, { save, timer });
  }

  /** Field `key` is being saved another way (it lost focus): nothing is pending for it. */
  #saved(key) {
    const pending = this.#typing.get(key);
    if (pending) clearTimeout(pending.timer);
    this.#typing.delete(key);
  }

  #saveTyped(key) {
    const pending = this.#typing.get(key);
    if (!pending) return undefined;
    this.#saved(key);
    return pending.save();
  }

  #renderSection(section, today) {
    const node = element(this.#doc, 'section', 'agenda-section meeting-block');
    node.dataset.section = section.title;
    const title = element(this.#doc, 'h2', 'section-title', section.title);
    node.append(title);
    if (section.prompt) node.append(element(this.#doc, 'p', 'section-prompt', section.prompt));
    const list = element(this.#doc, 'ol', 'agenda-list');
    list.setAttribute('aria-label', section.title);
    list.append(...section.items.map((item, index) => this.#renderItem(item, today, index, section.items.length)));
    node.append(list);
    const form = element(this.#doc, 'form', 'add-item');
    form.dataset.section = section.title;
    form.noValidate = true;
    const input = element(this.#doc, 'input');
    input.name = 'text';
    input.type = 'text';
    input.autocomplete = 'off';
    input.placeholder = 'Add an item…';
    input.setAttribute('aria-label', `Add an item to ${section.title}`);
    form.append(input);
    node.append(form);
    return node;
  }

  #renderItem(item, today, index, total) {
    const node = cloneTemplate(this.#doc, 'agenda-item-template');
    node.dataset.id = String(item.id);
    node.dataset.state = item.state;
    node.querySelector('.agenda-text').textContent = item.text;
    node.querySelector('.agenda-check').textContent = item.state === 'discussed' ? '✓' : item.state === 'parked' ? '⏸' : '';
    node.setAttribute('aria-label', `${item.text}. ${item.state === 'open' ? 'Open' : item.state === 'discussed' ? 'Discussed' : 'Parked'}`);
    node.querySelector('[data-item-action="discussed"]').setAttribute('aria-pressed', String(item.state === 'discussed'));
    node.querySelector('[data-item-action="park"]').setAttribute('aria-pressed', String(item.state === 'parked'));
    node.querySelector('[data-item-action="move-up"]').disabled = index === 0;
    node.querySelector('[data-item-action="move-down"]').disabled = index === total - 1;
    node.querySelector('[data-item-action="edit"]').hidden = !itemEditable(item);
    node.querySelector('[data-item-action="delete"]').hidden = Boolean(item.carried);
    const notes = node.querySelector('.agenda-notes');
    notes.value = item.notes ?? '';
    notes.hidden = !item.notes;
    const facts = carriedFacts(item, today);
    if (facts) {
      const badge = node.querySelector('.carried-badge');
      badge.hidden = false;
      badge.querySelector('.carried-kind').textContent = facts.kind;
      badge.querySelector('.carried-from').textContent = facts.from ? `carried from ${facts.from}` : 'carried';
      badge.querySelector('.carried-details').textContent = facts.details.join(' · ');
      if (facts.overdue) badge.classList.add('carried-badge--overdue');
      node.dataset.carried = item.carried.kind;
      if (item.carried.kind === 'action') {
        const label = element(this.#doc, 'label', 'check check--inline carried-done');
        const box = element(this.#doc, 'input');
        box.type = 'checkbox';
        box.checked = facts.done;
        box.dataset.doneAction = String(item.carried.action.id);
        label.append(box, element(this.#doc, 'span', '', 'Done'));
        badge.append(label);
      } else if (item.carried.kind === 'decision' && !facts.done) {
        badge.append(this.#revisitControls(item.carried.decision));
      }
    }
    return node;
  }

  /** Marks the item holding focus active; others lose the mark unless a click is under way. */
  #markActive() {
    const focused = this.#doc.activeElement?.closest?.('.agenda-item') ?? null;
    for (const item of this.#sections.querySelectorAll('.agenda-item--active')) {
      if (item !== focused && !this.#pointerDown) item.classList.remove('agenda-item--active');
    }
    if (focused && this.#sections.contains(focused)) focused.classList.add('agenda-item--active');
  }

  /** "Agreed: settle it" or "Decide again on [date]" for a decision carried here to be decided again. */
  #revisitControls(decision) {
    const box = element(this.#doc, 'span', 'revisit');
    box.dataset.decision = String(decision.id);
    box.dataset.agreed = String(Boolean(decision.agreed));
    const settle = element(this.#doc, 'button', 'button button--quiet button--small', 'Agreed: settle it');
    settle.type = 'button';
    settle.dataset.revisit = 'settle';
    const date = element(this.#doc, 'input', 'revisit-date');
    date.type = 'date';
    date.setAttribute('aria-label', 'Decide again on');
    if (decision.revisit_on) date.value = decision.revisit_on;
    const later = element(this.#doc, 'button', 'button button--quiet button--small', 'Decide again then');
    later.type = 'button';
    later.dataset.revisit = 'later';
    box.append(settle, element(this.#doc, 'span', 'revisit-or', 'or'), date, later);
    return box;
  }

  #revisit(button) {
    const box = button.closest('.revisit');
    const id = Number(box.dataset.decision);
    if (button.dataset.revisit === 'settle') {
      this.#onRevisit(id, true, null);
      return;
    }
    const date = box.querySelector('.revisit-date');
    if (!date.value) {
      date.focus();
      return;
    }
    this.#onRevisit(id, box.dataset.agreed === 'true', date.value);
  }

  #onKeydown(event) {
    const item = event.target.closest('.agenda-item');
    if (!item) return;
    if (event.target.matches('.agenda-notes')) {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.target.dispatchEvent(new Event('change', { bubbles: true }));
        item.focus();
      }
      return;
    }
    if (event.target !== item) return;
    const action = agendaKeyAction(event);
    if (!action) return;
    event.preventDefault();
    this.#itemAction(action, item);
  }

  #itemAction(action, item) {
    const id = Number(item.dataset.id);
    this.#lastItemId = id;
    switch (action) {
      case 'next':
      case 'previous': {
        const items = [...this.#sections.querySelectorAll('.agenda-item')];
        const at = items.indexOf(item);
        items[action === 'next' ? Math.min(items.length - 1, at + 1) : Math.max(0, at - 1)]?.focus();
        break;
      }
      case 'notes': {
        const notes = item.querySelector('.agenda-notes');
        if (notes.hidden || this.#doc.activeElement !== notes) this.openNotes(id);
        break;
      }
      case 'capture-action':
        this.focusCapture('action', item.querySelector('.agenda-text').textContent);
        break;
      case 'edit': {
        const found = (this.#meeting?.agenda ?? []).find((i) => i.id === id);
        if (!found || !itemEditable(found)) break;
        const form = itemEditor(this.#doc, found);
        item.querySelector('.agenda-body').replaceChildren(form);
        form.elements.text.focus();
        break;
      }
      case 'delete':
        this.#onItem('delete', id);
        break;
      case 'capture-decision':
        this.focusCapture('decision', item.querySelector('.agenda-text').textContent);
        break;
      default:
        item.focus();
        this.#onItem(action, id, item.dataset.state);
    }
  }

  #item(id) {
    return this.#sections.querySelector(`.agenda-item[data-id="${Number(id)}"]`);
  }

  #focusItem(id) {
    this.#item(id)?.focus({ preventScroll: false });
  }
}
