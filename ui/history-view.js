// A partner's history dialog (ui/parts/dialogs.html): how you related, the roles they held and
// the pauses of your cadence (a leave, a sabbatical, a re-org), each with its dates, corrected or
// removed in place, and a form to add one. Owns its DOM.

import { element, field, Modal, one } from './dom.js';
import {
  PAUSE_REASONS,
  RELATIONSHIPS,
  calendarDate,
  dayKey,
  pauseReasonLabel,
  relationshipLabel,
  roleLine,
  shortDateLabel,
  spanLabel,
} from './format.js';

/** The dialog's three histories, in its order. */
const HISTORIES = ['relationship', 'role', 'pause'];

/** What a spell records, in words: "Mentor", "Director at Acme", "Leave". */
export function spellWhat(history, spell) {
  if (history === 'relationship') return relationshipLabel(spell.relationship);
  if (history === 'pause') return pauseReasonLabel(spell.reason);
  return roleLine(spell.role, spell.organisation) || 'Role not named';
}

/**
 * The spell's dates in words: "Mar 2013 – Jul 2016", "Since Jan 2020", "Dates not known"; a
 * pause's to the day: "5 Jan 2026, back on 4 Jan 2027", "From 5 Jan 2026 until you resume it".
 */
export function spellSpan(spell, history = 'relationship', locale = undefined) {
  if (history === 'pause') {
    const day = (iso) => shortDateLabel(calendarDate(iso), locale);
    return spell.ended ? `${day(spell.started)}, back on ${day(spell.ended)}` : `From ${day(spell.started)} until you resume it`;
  }
  return spanLabel(spell.started, spell.ended) || (spell.ended ? 'Dates not known' : 'Now; since not known');
}

/** Whether a pause holds on `today` (YYYY-MM-DD): from its start to the day before they are back. */
export function pauseHolds(pause, today) {
  return pause.started <= today && (!pause.ended || today < pause.ended);
}

/**
 * The form's values as the `spell` argument of addPartnerSpell / correctPartnerSpell, or the
 * `pause` of addPause / correctPause: trimmed texts, empty ones as null, dates as the date fields
 * give them (YYYY-MM-DD) or null.
 */
export function spellArgument(history, values) {
  const text = (value) => {
    const trimmed = (value ?? '').trim();
    return trimmed === '' ? null : trimmed;
  };
  const dates = { started: text(values.started), ended: text(values.ended) };
  if (history === 'pause') return { reason: values.reason, ...dates };
  return history === 'relationship'
    ? { history, relationship: values.relationship, ...dates }
    : { history, role: text(values.role), organisation: text(values.organisation), ...dates };
}

export class HistoryView {
  #doc;
  #modal;
  #title;
  #lists;
  #form;
  #formTitle;
  #formError;
  #formSave;
  /** The spell the form is for: {history, spell (null when adding)}, or null when it is closed. */
  #editing = null;
  /** The spells on show, by history, as the partner was last read. */
  #spells = { relationship: [], role: [], pause: [] };
  #onSave = () => {};
  #onRemove = () => {};
  #onResume = () => {};

  constructor(doc = document) {
    this.#doc = doc;
    const dialog = one(doc, '[data-dialog="history"]');
    this.#modal = new Modal(dialog);
    this.#title = field(dialog, 'history-title');
    this.#lists = {
      relationship: field(dialog, 'history-relationships'),
      role: field(dialog, 'history-roles'),
      pause: field(dialog, 'history-pauses'),
    };
    this.#form = one(dialog, '[data-form="spell"]');
    this.#formTitle = field(dialog, 'spell-form-title');
    this.#formError = field(dialog, 'spell-error');
    this.#formSave = one(dialog, '[data-action="spell-save"]');
    const relationship = this.#form.elements.namedItem('relationship');
    for (const value of RELATIONSHIPS) {
      const option = element(doc, 'option', '', relationshipLabel(value));
      option.value = value;
      relationship.append(option);
    }
    const reason = this.#form.elements.namedItem('reason');
    for (const [value, label] of PAUSE_REASONS) {
      const option = element(doc, 'option', '', label);
      option.value = value;
      reason.append(option);
    }

    one(dialog, '[data-action="history-add-relationship"]').addEventListener('click', () =>
      this.openSpellForm('relationship'),
    );
    one(dialog, '[data-action="history-add-role"]').addEventListener('click', () => this.openSpellForm('role'));
    one(dialog, '[data-action="history-add-pause"]').addEventListener('click', () => this.openSpellForm('pause'));
    for (const [history, list] of Object.entries(this.#lists)) {
      list.addEventListener('click', (event) => {
        const button = event.target.closest('button[data-action]');
        const row = button?.closest('[data-spell-id]');
        if (!row) return;
        const spell = this.#spells[history].find((s) => s.id === Number(row.dataset.spellId));
        if (!spell) return;
        if (button.dataset.action === 'spell-correct') this.openSpellForm(history, spell);
        if (button.dataset.action === 'spell-remove') {
          this.#onRemove(history, spell, `${spellWhat(history, spell)} (${spellSpan(spell, history)})`);
        }
        if (button.dataset.action === 'pause-resume') this.#onResume(spell);
      });
    }
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#save();
    });
    this.#form.addEventListener('keydown', (event) => {
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault();
        this.#save();
      }
    });
    one(dialog, '[data-action="spell-cancel"]').addEventListener('click', () => this.closeSpellForm());
    one(dialog, '[data-action="history-done"]').addEventListener('click', () => this.#modal.close());
    this.#modal.onClose(() => this.closeSpellForm());
  }

  // ---- hooks ----

  /** `handler(history, spellArgument, spell)`: `spell` is the one corrected, or null when adding. */
  bindSave(handler) {
    this.#onSave = handler;
  }

  /** `handler(history, spell, described)`: `described` is the spell in words, for a question. */
  bindRemove(handler) {
    this.#onRemove = handler;
  }

  /** `handler(pause)`: end the pause that holds today, today. */
  bindResume(handler) {
    this.#onResume = handler;
  }

  // ---- updates ----

  get isOpen() {
    return this.#modal.isOpen;
  }

  /** Opens the dialog on `partner`'s histories. */
  open(partner) {
    this.show(partner);
    this.closeSpellForm();
    this.#modal.open(one(this.#modal.element, '[data-action="history-add-relationship"]'));
  }

  close() {
    this.#modal.close();
  }

  /** Draws the three histories, newest first. */
  show(partner, today = dayKey(new Date())) {
    this.#title.textContent = `History with ${partner.name}`;
    this.#spells = { relationship: partner.relationships ?? [], role: partner.roles ?? [], pause: partner.pauses ?? [] };
    const none = { role: 'No role recorded yet.', pause: 'Your cadence was never paused.' };
    for (const history of HISTORIES) {
      const list = this.#lists[history];
      const spells = [...this.#spells[history]].reverse();
      list.replaceChildren(...spells.map((spell) => this.#row(history, spell, today)));
      if (none[history] && spells.length === 0) {
        list.append(element(this.#doc, 'li', 'history-none', none[history]));
      }
    }
  }

  /** Opens the form to add a spell to `history`, or to correct `spell`. */
  openSpellForm(history, spell = null) {
    this.#editing = { history, spell };
    const form = this.#form;
    form.reset();
    const what = history;
    this.#formTitle.textContent = spell ? `Correct this ${what}` : `Add a ${what}`;
    this.#formSave.textContent = spell ? 'Save correction' : `Add ${what}`;
    const set = (name, value) => {
      form.elements.namedItem(name).value = value ?? '';
    };
    set('relationship', spell?.relationship ?? 'peer');
    set('reason', spell?.reason ?? 'leave');
    set('role', spell?.role);
    set('organisation', spell?.organisation);
    set('started', spell?.started);
    set('ended', spell?.ended);
    for (const input of form.querySelectorAll('[data-history]')) {
      input.hidden = input.dataset.history !== history;
    }
    // The current relationship keeps its open end: it ends when the one that follows is added.
    const currentRelationship = history === 'relationship' && spell && !spell.ended;
    form.elements.namedItem('ended').disabled = Boolean(currentRelationship);
    field(form, 'spell-ended-hint').textContent = currentRelationship
      ? 'The current relationship ends when you add the one that follows it.'
      : history === 'pause'
        ? 'The first day the cadence counts again. Leave empty to pause until you resume it.'
        : 'Leave empty if it still holds.';
    field(form, 'spell-ended-label').textContent = history === 'pause' ? 'Back on' : 'To';
    this.#hideError();
    this.#setSaving(false);
    form.hidden = false;
    const first = { relationship: 'relationship', role: 'role', pause: 'reason' }[history];
    form.elements.namedItem(first).focus({ preventScroll: true });
    form.scrollIntoView({ block: 'nearest' });
  }

  closeSpellForm() {
    this.#editing = null;
    this.#form.hidden = true;
    this.#form.reset();
  }

  showSaving(busy) {
    this.#setSaving(busy);
  }

  showError(message) {
    this.#setSaving(false);
    this.#formError.textContent = message;
    this.#formError.hidden = false;
  }

  // ---- inside ----

  #row(history, spell, today) {
    const current = history === 'pause' ? pauseHolds(spell, today) : !spell.ended;
    const row = element(this.#doc, 'li', current ? 'history-spell history-spell--current' : 'history-spell');
    row.dataset.spellId = String(spell.id);
    const what = spellWhat(history, spell);
    const span = spellSpan(spell, history);
    const text = element(this.#doc, 'div', 'history-spell-text');
    text.append(element(this.#doc, 'span', 'history-spell-what', what), element(this.#doc, 'span', 'history-spell-span', span));
    const actions = element(this.#doc, 'div', 'history-spell-actions');
    const correct = element(this.#doc, 'button', 'link', 'Correct');
    correct.type = 'button';
    correct.dataset.action = 'spell-correct';
    correct.setAttribute('aria-label', `Correct ${what}, ${span}`);
    if (history === 'pause' && current) {
      const resume = element(this.#doc, 'button', 'link', 'End today');
      resume.type = 'button';
      resume.dataset.action = 'pause-resume';
      resume.setAttribute('aria-label', `End ${what.toLowerCase()} today`);
      actions.append(resume);
    }
    actions.append(correct);
    // The current relationship stays: the history always says how you relate now.
    if (!(history === 'relationship' && current)) {
      const remove = element(this.#doc, 'button', 'link link--danger', 'Remove');
      remove.type = 'button';
      remove.dataset.action = 'spell-remove';
      remove.setAttribute('aria-label', `Remove ${what}, ${span}`);
      actions.append(remove);
    }
    row.append(text, actions);
    return row;
  }

  #save() {
    if (!this.#editing || this.#formSave.disabled) return;
    const { history, spell } = this.#editing;
    const elements = this.#form.elements;
    const value = (name) => elements.namedItem(name).value;
    if (history === 'pause' && !value('started')) {
      this.showError('Give the first day of the pause.');
      elements.namedItem('started').focus();
      return;
    }
    const values = {
      reason: value('reason'),
      relationship: value('relationship'),
      role: value('role'),
      organisation: value('organisation'),
      started: value('started'),
      ended: elements.namedItem('ended').disabled ? '' : value('ended'),
    };
    this.#hideError();
    this.#setSaving(true);
    this.#onSave(history, spellArgument(history, values), spell);
  }

  #hideError() {
    this.#formError.hidden = true;
    this.#formError.textContent = '';
  }

  #setSaving(busy) {
    this.#formSave.disabled = busy;
  }
}
