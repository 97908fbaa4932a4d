// Partners: the list, one partner's page (details, their history, reflection prompts, support
// both ways through a SupportView; their timeline is a TimelineView of its own) and the add/edit
// form. Owns their DOM.

import { cloneTemplate, element, field, Modal, one } from './dom.js';
import {
  RELATIONSHIPS,
  cadenceLabel,
  calendarDate,
  count,
  dayKey,
  hue,
  initials,
  monthLabel,
  pauseReasonLabel,
  relationshipLabel,
  relativeTime,
  roleLine,
  shortDateLabel,
  spanLabel,
} from './format.js';
import { partnerProblem } from './forms.js';
import { listAction } from './keys.js';
import { REFLECTION_PROMPTS, answersLabel } from './prompts.js';
import { SupportView } from './support-view.js';

export class PartnersView {
  #doc;
  #list;
  #listEmpty;
  #summary;
  #page;
  #name;
  #role;
  #facts;
  #notes;
  #prompts;
  #roles;
  #relationships;
  #pauses;
  #support;
  #partnerEmpty;
  #formModal;
  #form;
  #formTitle;
  #formError;
  #formKeys;
  #formSave;
  #archivedRow;
  #editing = null;
  #onOpen = () => {};
  #onPrompt = () => {};
  #onOpenAnswers = () => {};
  #onSave = () => {};

  constructor(doc = document) {
    this.#doc = doc;
    this.#list = field(doc, 'partner-list');
    this.#listEmpty = field(doc, 'partners-empty');
    this.#summary = field(doc, 'partners-summary');
    this.#page = one(doc, '[data-view-name="partner"]');
    this.#name = field(this.#page, 'partner-name');
    this.#role = field(this.#page, 'partner-role');
    this.#facts = field(this.#page, 'partner-facts');
    this.#notes = field(this.#page, 'partner-notes');
    this.#prompts = field(this.#page, 'prompt-list');
    this.#roles = field(this.#page, 'partner-roles');
    this.#relationships = field(this.#page, 'partner-relationships');
    this.#pauses = field(this.#page, 'partner-pauses');
    this.#partnerEmpty = field(this.#page, 'partner-empty');
    this.#support = new SupportView(this.#page, doc);

    const dialog = one(doc, '[data-dialog="partner-form"]');
    this.#formModal = new Modal(dialog);
    this.#form = one(dialog, '[data-form="partner"]');
    this.#formTitle = field(dialog, 'partner-form-title');
    this.#formError = field(dialog, 'partner-form-error');
    this.#formKeys = field(dialog, 'partner-form-keys');
    this.#formSave = one(dialog, '[data-action="partner-save"]');
    this.#archivedRow = field(dialog, 'partner-archived-row');
    const relationship = this.#form.elements.namedItem('relationship');
    for (const value of RELATIONSHIPS) {
      const option = element(doc, 'option', '', relationshipLabel(value));
      option.value = value;
      relationship.append(option);
    }

    this.#buildPrompts();

    this.#list.addEventListener('click', (event) => {
      const card = event.target.closest('.partner-card');
      if (card) this.#onOpen(Number(card.dataset.partnerId));
    });
    this.#list.addEventListener('keydown', (event) => {
      const card = event.target.closest('.partner-card');
      if (!card) return;
      const action = listAction(event);
      const cards = [...this.#list.querySelectorAll('.partner-card')];
      const index = cards.indexOf(card);
      const move = { next: index + 1, previous: index - 1, first: 0, last: cards.length - 1 }[action];
      if (move !== undefined) {
        event.preventDefault();
        cards[Math.max(0, Math.min(cards.length - 1, move))]?.focus();
      }
    });
    this.#prompts.addEventListener('click', (event) => {
      const answers = event.target.closest('[data-prompt-answers]');
      if (answers) {
        this.#onOpenAnswers(REFLECTION_PROMPTS.find((p) => p.id === answers.dataset.promptAnswers));
        return;
      }
      const button = event.target.closest('[data-prompt]');
      if (button) this.#onPrompt(REFLECTION_PROMPTS.find((p) => p.id === button.dataset.prompt));
    });

    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#save();
    });
    dialog.addEventListener('keydown', (event) => {
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault();
        this.#save();
      }
    });
    one(dialog, '[data-action="partner-cancel"]').addEventListener('click', () => this.#formModal.close());
    this.#formModal.onClose(() => {
      this.#editing = null;
      this.#form.reset();
    });
  }

  // ---- hooks ----

  bindOpenPartner(handler) {
    this.#onOpen = handler;
  }

  /** `handler(prompt)`: one of REFLECTION_PROMPTS, for the partner on the page. */
  bindPrompt(handler) {
    this.#onPrompt = handler;
  }

  /** `handler(prompt)`: show the answers to a prompt about the partner on the page. */
  bindOpenAnswers(handler) {
    this.#onOpenAnswers = handler;
  }

  bindNewPartner(handler) {
    for (const button of this.#doc.querySelectorAll('[data-action="new-partner"]')) {
      button.addEventListener('click', () => handler());
    }
  }

  bindEditPartner(handler) {
    one(this.#page, '[data-action="edit-partner"]').addEventListener('click', () => handler());
  }

  bindEditHistory(handler) {
    one(this.#page, '[data-action="edit-history"]').addEventListener('click', () => handler());
  }

  /** `handler(direction)`: note support "given" or "received" for the partner on the page. */
  bindRecordSupport(handler) {
    this.#support.bindRecord(handler);
  }

  /** `handler()`: open the story of the partner on the page. */
  bindOpenStory(handler) {
    one(this.#page, '[data-action="open-story"]').addEventListener('click', () => handler());
  }

  bindNewEntryForPartner(handler) {
    one(this.#page, '[data-action="new-entry-for-partner"]').addEventListener('click', () => handler());
  }

  /** `handler(values, original)`: values are the form's strings; original is null when adding. */
  bindSavePartner(handler) {
    this.#onSave = handler;
  }

  // ---- the list ----

  showList(partners, now = new Date()) {
    const sorted = [...partners].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
    this.#list.replaceChildren(...sorted.map((partner) => this.#renderRow(partner, now)));
    this.#list.hidden = sorted.length === 0;
    this.#listEmpty.hidden = sorted.length > 0;
    this.#summary.textContent =
      sorted.length === 0 ? '' : `${count(sorted.length, 'partner')}. Open one to see your history together.`;
  }

  focusFirstPartner() {
    const first = this.#list.querySelector('.partner-card');
    first?.focus();
    return Boolean(first);
  }

  focusPartner(id) {
    this.#list.querySelector(`.partner-card[data-partner-id="${Number(id)}"]`)?.focus();
  }

  // ---- one partner ----

  showPartner(partner, now = new Date()) {
    this.#page.dataset.partnerId = String(partner.id);
    this.#name.textContent = partner.name;
    const role = roleLine(partner.role, partner.organisation);
    this.#role.textContent = role;
    this.#role.hidden = role === '';

    const facts = [];
    facts.push(this.#fact(relationshipLabel(partner.relationship), 'relationship'));
    if (partner.since) facts.push(this.#fact(`Since ${monthLabel(partner.since)}`));
    const cadence = cadenceLabel(partner.cadence_days);
    if (cadence) facts.push(this.#fact(`Meets ${cadence.toLowerCase()}`));
    facts.push(this.#fact(count(partner.entry_count ?? 0, 'entry', 'entries')));
    if (partner.last_entry_at) {
      facts.push(this.#fact(`Last entry ${relativeTime(new Date(partner.last_entry_at), now)}`));
    }
    if (partner.archived) facts.push(this.#fact('Archived', 'archived'));
    this.#facts.replaceChildren(...facts);

    this.#notes.textContent = partner.notes ?? '';
    this.#notes.hidden = !partner.notes;

    // Newest first: how you relate now, then what came before; the same for their roles.
    const spells = (list, what, span = (spell) => spanLabel(spell.started, spell.ended) || (spell.ended ? '' : 'Now')) =>
      [...(list ?? [])].reverse().map((spell) => {
        const item = element(this.#doc, 'li', spell.ended ? 'role' : 'role role--current');
        item.append(element(this.#doc, 'span', 'role-title', what(spell)), element(this.#doc, 'span', 'role-span', span(spell)));
        return item;
      });
    this.#relationships.replaceChildren(
      ...spells(partner.relationships, (spell) => relationshipLabel(spell.relationship)),
    );
    const roles = spells(partner.roles, (spell) => roleLine(spell.role, spell.organisation) || 'Role not named');
    this.#roles.replaceChildren(...roles);
    this.#roles.hidden = roles.length === 0;
    // Pauses to the day: a leave's return date matters.
    const day = (iso) => shortDateLabel(calendarDate(iso));
    const pauses = spells(
      partner.pauses,
      (pause) => `Cadence paused · ${pauseReasonLabel(pause.reason).toLowerCase()}`,
      (pause) => (pause.ended ? `${day(pause.started)}, back on ${day(pause.ended)}` : `From ${day(pause.started)}`),
    );
    this.#pauses.replaceChildren(...pauses);
    this.#pauses.hidden = pauses.length === 0;

    this.#support.show(partner.support);

    // Each prompt's card says how often it was answered about them, and opens those answers.
    for (const prompt of REFLECTION_PROMPTS) {
      const link = this.#prompts.querySelector(`[data-prompt-answers="${prompt.id}"]`);
      const label = answersLabel(prompt, partner.reflections, (iso) => monthLabel(dayKey(new Date(iso))));
      link.textContent = label ?? '';
      link.hidden = label === null;
    }
  }

  showPartnerEmpty(empty) {
    this.#partnerEmpty.hidden = !empty;
  }

  /** Forgets the partner on the page. */
  clearPartner() {
    delete this.#page.dataset.partnerId;
    this.#name.textContent = '';
    this.#role.textContent = '';
    this.#facts.replaceChildren();
    this.#notes.textContent = '';
    this.#roles.replaceChildren();
    this.#relationships.replaceChildren();
    this.#pauses.replaceChildren();
    this.#support.clear();
  }

  // ---- the form ----

  /** Opens the form, filled from `partner` to edit it, or empty to add one (`name` pre-filled). */
  openForm(partner = null, name = '') {
    this.#editing = partner;
    const form = this.#form;
    form.reset();
    this.#formTitle.textContent = partner ? `Edit ${partner.name}` : 'Add a partner';
    this.#formSave.textContent = partner ? 'Save changes' : 'Add partner';
    const set = (field, value) => {
      form.elements.namedItem(field).value = value ?? '';
    };
    set('name', partner?.name ?? name);
    set('role', partner?.role);
    set('organisation', partner?.organisation);
    set('relationship', partner?.relationship ?? 'peer');
    set('since', partner?.since);
    set('cadence_days', partner?.cadence_days == null ? '' : String(partner.cadence_days));
    set('notes', partner?.notes);
    form.elements.namedItem('archived').checked = Boolean(partner?.archived);
    this.#archivedRow.hidden = !partner;
    this.#hideFormError();
    this.#setFormSaving(false);
    this.#formModal.open(form.elements.namedItem('name'));
  }

  get formOpen() {
    return this.#formModal.isOpen;
  }

  showFormSaving(busy) {
    this.#setFormSaving(busy);
  }

  showFormError(message, fieldName = null) {
    this.#setFormSaving(false);
    this.#formError.textContent = message;
    this.#formError.hidden = false;
    this.#formKeys.hidden = true;
    if (fieldName) {
      const input = this.#form.elements.namedItem(fieldName);
      input?.setAttribute('aria-invalid', 'true');
      input?.focus();
    }
  }

  /**
   * The partner was changed elsewhere while the form was open: what is typed stays, and the next
   * save is made on `fresh`, the partner as they are now.
   */
  formChangedElsewhere(fresh, message) {
    this.#editing = fresh;
    this.showFormError(message);
  }

  closeForm() {
    this.#formModal.close();
  }

  /** Closes the form and forgets the partners shown (the vault is being locked). */
  clear() {
    this.#formModal.dismiss();
    this.#form.reset();
    this.#list.replaceChildren();
    this.#summary.textContent = '';
    this.clearPartner();
  }

  // ---- internals ----

  #renderRow(partner, now) {
    const row = cloneTemplate(this.#doc, 'partner-row-template');
    const card = row.querySelector('.partner-card');
    card.dataset.partnerId = String(partner.id);
    row.querySelector('.avatar').textContent = initials(partner.name);
    row.querySelector('.avatar').dataset.hue = String(hue(partner.name));
    row.querySelector('.partner-name').textContent = partner.name;
    const role = roleLine(partner.role, partner.organisation);
    const roleNode = row.querySelector('.partner-role');
    roleNode.textContent = role || 'No role recorded';
    roleNode.classList.toggle('partner-role--none', role === '');
    const relationship = row.querySelector('.relationship');
    relationship.textContent = relationshipLabel(partner.relationship);
    relationship.dataset.relationship = partner.relationship;
    row.querySelector('.partner-last').textContent = partner.last_entry_at
      ? `Last entry ${relativeTime(new Date(partner.last_entry_at), now)}`
      : 'No entries yet';
    return row;
  }

  #fact(text, className = '') {
    return element(this.#doc, 'li', className ? `fact fact--${className}` : 'fact', text);
  }

  #buildPrompts() {
    for (const prompt of REFLECTION_PROMPTS) {
      const item = element(this.#doc, 'li', 'prompt-item');
      const button = element(this.#doc, 'button', 'prompt');
      button.type = 'button';
      button.dataset.prompt = prompt.id;
      button.append(
        element(this.#doc, 'span', 'prompt-text', prompt.text),
        element(this.#doc, 'span', 'prompt-hint', prompt.hint),
      );
      const answers = element(this.#doc, 'button', 'link prompt-answers');
      answers.type = 'button';
      answers.dataset.promptAnswers = prompt.id;
      answers.hidden = true;
      item.append(button, answers);
      this.#prompts.append(item);
    }
  }

  #values() {
    const get = (name) => this.#form.elements.namedItem(name);
    return {
      name: get('name').value,
      role: get('role').value,
      organisation: get('organisation').value,
      relationship: get('relationship').value,
      since: get('since').value,
      cadence_days: get('cadence_days').value,
      notes: get('notes').value,
      archived: get('archived').checked,
    };
  }

  #save() {
    if (this.#formSave.disabled) return;
    const values = this.#values();
    this.#hideFormError();
    const problem = partnerProblem(values);
    if (problem) {
      this.showFormError(problem.message, problem.field);
      return;
    }
    this.#setFormSaving(true);
    this.#onSave(values, this.#editing);
  }

  #setFormSaving(busy) {
    this.#formSave.disabled = busy;
  }

  #hideFormError() {
    this.#formError.hidden = true;
    this.#formError.textContent = '';
    this.#formKeys.hidden = false;
    for (const input of this.#form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  }
}
