// A peer problem (stage stepper, the worksheet of both views, options with each side's stake,
// allies who may not be partners, the brief and its presentations, linked meetings), the open
// problems on a partner's page, and the "New peer problem" dialog. Owns that DOM; the meeting
// controller wires it.

import { Combobox } from './combobox.js';
import { rankMatches } from './complete.js';
import { element, field, Modal, one } from './dom.js';
import { dayKey, fullDateLabel, shortDateLabel } from './format.js';
import { dateLabel, statusLabel } from './meetings.js';
import {
  OWNERS,
  STANCES,
  allyKey,
  allySuggestions,
  skipsTheViews,
  stageChange,
  stageLabel,
  stageSteps,
  viewsChange,
} from './problems.js';

function fill(select, pairs) {
  for (const [value, label] of pairs) {
    const option = select.ownerDocument.createElement('option');
    option.value = value;
    option.textContent = label;
    select.append(option);
  }
}

function names(partners) {
  return (partners ?? []).map((p) => p.name).join(', ');
}

export class ProblemView {
  #doc;
  #view;
  #stages;
  #dateForm;
  #optionForm;
  #allyForm;
  #allyInput;
  #viewsForm;
  #presentForm;
  #gate;
  #error;
  #problem = null;
  #partners = [];
  #people = [];
  /** The stage waiting for "Move on anyway", and whether it was given. */
  #gated = null;
  #anyway = false;
  #onChange = () => {};
  #onSaveBrief = () => {};
  #onPromote = () => {};
  #onOpenMeeting = () => {};
  #onOpenPartner = () => {};

  constructor(doc = document) {
    this.#doc = doc;
    this.#view = one(doc, '[data-view-name="problem"]');
    this.#stages = field(this.#view, 'problem-stages');
    this.#dateForm = one(this.#view, '[data-form="decide-again"]');
    this.#optionForm = one(this.#view, '[data-form="add-option"]');
    this.#allyForm = one(this.#view, '[data-form="add-ally"]');
    this.#allyInput = this.#allyForm.elements.partner;
    this.#viewsForm = one(this.#view, '[data-form="problem-views"]');
    this.#presentForm = one(this.#view, '[data-form="presented"]');
    this.#gate = field(this.#view, 'problem-gate');
    this.#error = field(this.#view, 'problem-error');
    fill(this.#allyForm.elements.stance, STANCES);

    this.#viewsForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = Object.fromEntries(new FormData(this.#viewsForm));
      field(this.#view, 'views-status').textContent = '';
      this.#onChange(viewsChange(values), { saved: 'views' });
    });
    one(this.#view, '[data-action="problem-anyway"]').addEventListener('click', () => {
      const stage = this.#gated;
      this.#gate.hidden = true;
      this.#gated = null;
      if (!stage) return;
      this.#anyway = true;
      this.#moveTo(stage);
    });
    one(this.#view, '[data-action="brief-save"]').addEventListener('click', () => {
      field(this.#view, 'brief-status').textContent = '';
      const included = [...field(this.#view, 'brief-candidates').querySelectorAll('input:checked')].map((box) => Number(box.value));
      if (this.#problem) this.#onSaveBrief(one(this.#view, '#brief-format').value, included);
    });
    this.#presentForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = Object.fromEntries(new FormData(this.#presentForm));
      const toWhom = String(values.to_whom ?? '').trim();
      if (!toWhom) {
        this.showError('Say to whom you presented it.');
        this.#presentForm.elements.to_whom.focus();
        return;
      }
      if (!values.on) {
        this.showError('Say when you presented it.');
        this.#presentForm.elements.on.focus();
        return;
      }
      const presented = { on: values.on, to_whom: toWhom, response: String(values.response ?? '') };
      if (values.decide_again_on) presented.decide_again_on = values.decide_again_on;
      this.#onChange({ presented }, { saved: 'presented' });
    });

    // Buttons: Enter and Space press them as a click does.
    this.#stages.addEventListener('click', (event) => {
      const step = event.target.closest('[data-stage]');
      if (step) this.#moveTo(step.dataset.stage);
    });
    this.#dateForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const input = this.#dateForm.elements.on;
      const change = stageChange('decide_again', input.value);
      if (!change) {
        this.showError('Choose the date you will decide again.');
        input.focus();
        return;
      }
      this.#dateForm.hidden = true;
      this.#onChange(this.#withAnyway(change));
    });
    one(this.#view, '[data-action="decide-again-cancel"]').addEventListener('click', () => {
      this.#dateForm.hidden = true;
      this.#stages.querySelector('[aria-current="step"]')?.focus();
    });
    this.#optionForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = this.#optionForm.elements.text.value.trim();
      if (text) this.#onChange({ add_option: text }, { focus: '#option-text' });
    });
    const options = field(this.#view, 'problem-options');
    options.addEventListener('click', (event) => {
      const choose = event.target.closest('[data-choose-option]');
      if (choose) this.#onChange({ choose_option: Number(choose.dataset.chooseOption) });
      const edit = event.target.closest('[data-edit-option]');
      if (edit) this.#editOption(Number(edit.dataset.editOption));
      const remove = event.target.closest('[data-remove-option]');
      if (remove) this.#onChange({ remove_option: Number(remove.dataset.removeOption) }, { focus: '#option-text' });
      if (event.target.closest('[data-action="option-cancel"]')) this.show(this.#problem);
    });
    options.addEventListener('submit', (event) => {
      event.preventDefault();
      const form = event.target.closest('[data-option-form]');
      if (!form) return;
      const values = Object.fromEntries(new FormData(form));
      this.#onChange({
        edit_option: { id: Number(form.dataset.optionForm), text: values.text, my_stake: values.my_stake, their_stake: values.their_stake },
      });
    });
    const allies = field(this.#view, 'problem-allies');
    allies.addEventListener('change', (event) => {
      const row = event.target.closest('[data-ally-index]');
      const ally = row && this.#problem?.allies?.[Number(row.dataset.allyIndex)];
      if (!ally) return;
      const key = allyKey(ally);
      if (event.target.matches('[data-ally-stance]')) this.#onChange({ ally: { ...key, stance: event.target.value } });
      if (event.target.matches('[data-ally-owner]')) this.#onChange({ ally: { ...key, owner: event.target.value } });
      if (event.target.matches('[data-ally-next]')) this.#onChange({ ally: { ...key, next_step: event.target.value } });
    });
    allies.addEventListener('click', (event) => {
      const remove = event.target.closest('[data-remove-ally]');
      if (remove) this.#onChange({ remove_ally: Number(remove.dataset.removeAlly) }, { focus: '#ally-input' });
      const promote = event.target.closest('[data-promote-person]');
      if (promote) this.#onPromote(Number(promote.dataset.promotePerson));
    });
    this.#allyForm.addEventListener('submit', (event) => event.preventDefault());
    new Combobox(doc, {
      input: this.#allyInput,
      list: one(this.#allyForm, '#ally-list'),
      autoSelect: true,
      suggest: (input) => allySuggestions(this.#problem, this.#partners, this.#people, input.value, rankMatches),
      accept: (who) => {
        this.#allyInput.value = '';
        this.#onChange({ ally: { ...who, stance: this.#allyForm.elements.stance.value } }, { focus: '#ally-input' });
      },
    });
    field(this.#view, 'problem-meetings').addEventListener('click', (event) => {
      const button = event.target.closest('[data-meeting-id]');
      if (button) this.#onOpenMeeting(Number(button.dataset.meetingId));
    });
    field(this.#view, 'problem-crumbs').addEventListener('click', (event) => {
      const link = event.target.closest('[data-partner-id]');
      if (link) this.#onOpenPartner(Number(link.dataset.partnerId));
    });
    one(this.#view, '[data-action="problem-close"]').addEventListener('click', () => {
      if (this.#problem) this.#onChange({ closed: !this.#problem.closed_at });
    });
    one(this.#view, '[data-action="problem-link"]').addEventListener('click', (event) => {
      const id = Number(event.currentTarget.dataset.meetingId);
      if (id) this.#onChange({ link_meeting: id });
    });
  }

  // ---- hooks ----

  /** `handler(change, {focus?})` with one change for `update_problem`. */
  bindChange(handler) { this.#onChange = handler; }
  bindOpenMeeting(handler) { this.#onOpenMeeting = handler; }
  bindOpenPartner(handler) { this.#onOpenPartner = handler; }
  /** `handler(personId)`: make a person who is an ally a partner. */
  bindPromote(handler) { this.#onPromote = handler; }
  /** `handler(format, includedEntryIds)`: save the brief in that format (through the save dialog). */
  bindSaveBrief(handler) { this.#onSaveBrief = handler; }

  // ---- updates ----

  get problem() {
    return this.#problem;
  }

  /**
   * Draws `problem`. `partners` are those who can be added as allies; `meeting` (a Meeting or
   * null) is the one the problem may be linked to. `focus` is a selector to put the cursor back in.
   */
  show(problem, { partners = this.#partners, people = this.#people, meeting = null, focus = null, saved = null, candidates = null } = {}) {
    const focusedStage = this.#doc.activeElement?.closest?.('[data-stage]')?.dataset.stage;
    const same = this.#problem?.id === problem.id;
    this.#problem = problem;
    this.#partners = partners;
    this.#people = people;
    this.#error.hidden = true;
    this.#gate.hidden = true;
    if (!same) {
      this.#dateForm.hidden = true;
      this.#anyway = false;
      this.#gated = null;
    }
    const peers = names(problem.shared_with);
    // The worksheet is filled when a problem opens and after it is saved; a redraw for another
    // change keeps what is being typed.
    if (!same || saved === 'views') {
      const form = this.#viewsForm.elements;
      form.my_view.value = problem.my_view ?? '';
      form.their_view.value = problem.their_view ?? '';
      form.why_it_matters.value = problem.why_it_matters ?? '';
      form.matters_to.value = (problem.matters_to ?? []).join(', ');
      field(this.#view, 'view-theirs-label').textContent = peers ? `${peers}’s view, as I heard it` : 'Their view, as I heard it';
      field(this.#view, 'views-status').textContent = saved === 'views' ? 'Saved.' : '';
    }
    if (!same || saved === 'presented') {
      this.#presentForm.reset();
      this.#presentForm.elements.on.value = dayKey(new Date());
      if (saved === 'presented') field(this.#view, 'present-record').open = false;
    }
    if (!same) field(this.#view, 'brief-status').textContent = '';
    if (candidates) this.#showCandidates(candidates);

    const crumbs = field(this.#view, 'problem-crumbs');
    const home = element(this.#doc, 'button', 'link', 'Home');
    home.type = 'button';
    home.addEventListener('click', () => this.#doc.querySelector('.nav-item[data-nav="home"]')?.click());
    const parts = [home];
    for (const partner of problem.shared_with ?? []) {
      const link = element(this.#doc, 'button', 'link', partner.name);
      link.type = 'button';
      link.dataset.partnerId = String(partner.id);
      parts.push(element(this.#doc, 'span', '', '/'), link);
    }
    crumbs.replaceChildren(...parts);

    field(this.#view, 'problem-view-title').textContent = problem.title;
    const shared = names(problem.shared_with);
    field(this.#view, 'problem-shared').textContent = shared ? `Peer problem shared with ${shared}` : 'Peer problem';
    const status = field(this.#view, 'problem-status');
    status.textContent = problem.closed_at ? 'Closed' : 'Open';
    status.dataset.status = problem.closed_at ? 'cancelled' : 'planned';
    one(this.#view, '[data-action="problem-close"]').textContent = problem.closed_at ? 'Reopen problem' : 'Close problem';

    const link = one(this.#view, '[data-action="problem-link"]');
    const linked = meeting && (problem.meetings ?? []).some((m) => m.id === meeting.id);
    link.hidden = !meeting || linked;
    if (meeting && !linked) {
      link.dataset.meetingId = String(meeting.id);
      link.textContent = `Link to the meeting of ${dateLabel(String(meeting.at).slice(0, 10))}`;
    }

    this.#stages.replaceChildren(
      ...stageSteps(problem.stage).map((step, index) => {
        const li = element(this.#doc, 'li', `step step--${step.state}`);
        const button = element(this.#doc, 'button', 'step-button');
        button.type = 'button';
        button.dataset.stage = step.value;
        const label =
          step.value === 'decide_again' && problem.decide_again_on
            ? `Decide again on ${dateLabel(problem.decide_again_on)}`
            : step.value === 'decide_again'
              ? 'Decide again on…'
              : step.label;
        button.append(element(this.#doc, 'span', 'step-number', step.state === 'done' ? '✓' : String(index + 1)), element(this.#doc, 'span', 'step-label', label));
        if (step.state === 'current') button.setAttribute('aria-current', 'step');
        button.title = step.state === 'current' ? `Now: ${stageLabel(step.value, problem.decide_again_on)}` : `Move to: ${step.label}`;
        li.append(button);
        return li;
      }),
    );

    const options = field(this.#view, 'problem-options');
    options.replaceChildren(
      ...(problem.options ?? []).map((option) => {
        const li = element(this.#doc, 'li', 'capture-item option-item');
        li.dataset.chosen = String(Boolean(option.chosen));
        const body = element(this.#doc, 'div', 'option-body');
        body.append(element(this.#doc, 'span', 'capture-text', option.text));
        if (option.my_stake) body.append(element(this.#doc, 'span', 'option-stake', `For me: ${option.my_stake}`));
        if (option.their_stake) body.append(element(this.#doc, 'span', 'option-stake', `For ${peers || 'them'}: ${option.their_stake}`));
        li.append(element(this.#doc, 'span', 'option-mark', option.chosen ? '✓' : ''), body);
        const button = element(this.#doc, 'button', 'chip-button', option.chosen ? 'Chosen' : 'Choose');
        button.type = 'button';
        button.dataset.chooseOption = String(option.id);
        button.setAttribute('aria-pressed', String(Boolean(option.chosen)));
        button.setAttribute('aria-label', `${option.chosen ? 'Chosen' : 'Choose'}: ${option.text}`);
        const edit = element(this.#doc, 'button', 'text-button', 'Edit');
        edit.type = 'button';
        edit.dataset.editOption = String(option.id);
        edit.setAttribute('aria-label', `Edit option: ${option.text}`);
        const remove = element(this.#doc, 'button', 'text-button', 'Remove');
        remove.type = 'button';
        remove.dataset.removeOption = String(option.id);
        remove.setAttribute('aria-label', `Remove option: ${option.text}`);
        const actions = element(this.#doc, 'div', 'option-actions');
        actions.append(button, edit, remove);
        body.append(actions);
        return li;
      }),
    );
    if (!options.children.length) options.append(element(this.#doc, 'li', 'capture-empty', 'No options yet.'));

    const allies = field(this.#view, 'problem-allies');
    allies.replaceChildren(
      ...(problem.allies ?? []).map((ally, index) => {
        const li = element(this.#doc, 'li', 'capture-item ally-item');
        li.dataset.stance = ally.stance;
        li.dataset.allyIndex = String(index);
        const who = element(this.#doc, 'span', 'ally-name', ally.name);
        if (!ally.partner) who.append(element(this.#doc, 'span', 'ally-tag', 'not a partner'));
        const stance = element(this.#doc, 'select', 'stance-select');
        stance.dataset.allyStance = '';
        stance.setAttribute('aria-label', `${ally.name}’s stance`);
        fill(stance, STANCES);
        stance.value = ally.stance;
        const next = element(this.#doc, 'input', 'ally-next');
        next.type = 'text';
        next.dataset.allyNext = '';
        next.value = ally.next_step ?? '';
        next.placeholder = 'Next step…';
        next.setAttribute('aria-label', `Next step with ${ally.name}`);
        const owner = element(this.#doc, 'select', 'owner-select');
        owner.dataset.allyOwner = '';
        owner.setAttribute('aria-label', `Whose step with ${ally.name}`);
        fill(owner, OWNERS);
        owner.value = ally.owner ?? 'me';
        const remove = element(this.#doc, 'button', 'text-button', 'Remove');
        remove.type = 'button';
        remove.dataset.removeAlly = String(ally.id);
        remove.setAttribute('aria-label', `Remove ally: ${ally.name}`);
        const top = element(this.#doc, 'div', 'ally-top');
        top.append(who, stance, remove);
        const step = element(this.#doc, 'div', 'ally-step');
        step.append(next, owner);
        if (ally.person) {
          const promote = element(this.#doc, 'button', 'text-button', 'Make a partner');
          promote.type = 'button';
          promote.dataset.promotePerson = String(ally.person.id);
          promote.setAttribute('aria-label', `Make ${ally.name} a partner`);
          step.append(promote);
        }
        li.append(top, step);
        return li;
      }),
    );
    if (!allies.children.length) allies.append(element(this.#doc, 'li', 'capture-empty', 'No allies yet.'));

    const presentations = field(this.#view, 'problem-presentations');
    presentations.replaceChildren(
      ...(problem.presentations ?? []).map((p) => {
        const li = element(this.#doc, 'li', 'present-item');
        li.append(element(this.#doc, 'span', 'present-when', dateLabel(p.on)), element(this.#doc, 'span', 'present-who', `To ${p.to_whom}`));
        if (p.response) li.append(element(this.#doc, 'span', 'present-said', `“${p.response}”`));
        return li;
      }),
    );

    const meetings = field(this.#view, 'problem-meetings');
    meetings.replaceChildren(
      ...[...(problem.meetings ?? [])]
        .sort((a, b) => String(b.at).localeCompare(String(a.at)))
        .map((m) => {
          const li = element(this.#doc, 'li');
          const button = element(this.#doc, 'button', 'meeting-row');
          button.type = 'button';
          button.dataset.meetingId = String(m.id);
          const chip = element(this.#doc, 'span', 'status-chip', statusLabel(m.status));
          chip.dataset.status = m.status;
          button.title = fullDateLabel(new Date(m.at));
          button.append(
            element(this.#doc, 'span', 'meeting-row-when', shortDateLabel(new Date(m.at))),
            chip,
            element(this.#doc, 'span', 'meeting-row-meta', names(m.partners)),
          );
          li.append(button);
          return li;
        }),
    );
    if (!meetings.children.length) {
      meetings.append(element(this.#doc, 'li', 'capture-empty', 'Not linked to a meeting yet. Create a problem from a meeting screen to link it.'));
    }

    if (focus) this.#view.querySelector(focus)?.focus();
    else if (same && focusedStage) this.#stages.querySelector(`[data-stage="${focusedStage}"]`)?.focus();
    if (focus === '#option-text') this.#optionForm.reset();
  }

  /** The notes that may be included by hand, none ticked. */
  #showCandidates(candidates) {
    const list = field(this.#view, 'brief-candidates');
    list.replaceChildren(
      ...candidates.map((c) => {
        const li = element(this.#doc, 'li');
        const label = element(this.#doc, 'label', 'check');
        const box = element(this.#doc, 'input');
        box.type = 'checkbox';
        box.value = String(c.id);
        const text = element(this.#doc, 'span', '', c.preview);
        text.prepend(element(this.#doc, 'span', 'brief-candidate-when', shortDateLabel(new Date(c.at))));
        label.append(box, text);
        li.append(label);
        return li;
      }),
    );
    if (!candidates.length) list.append(element(this.#doc, 'li', 'capture-empty', 'No notes about them yet.'));
    field(this.#view, 'brief-include').open = false;
  }

  /** After the brief was saved: where it went. */
  showBriefSaved(path) {
    field(this.#view, 'brief-status').textContent = `Saved to ${path} (readable only by you).`;
  }

  showError(message) {
    this.#error.textContent = message;
    this.#error.hidden = false;
  }

  clear() {
    this.#problem = null;
    this.#partners = [];
    this.#stages.replaceChildren();
    this.#people = [];
    this.#optionForm.reset();
    this.#allyForm.reset();
    this.#viewsForm.reset();
    this.#presentForm.reset();
    for (const name of ['problem-options', 'problem-allies', 'problem-meetings', 'problem-presentations']) field(this.#view, name).replaceChildren();
  }

  // ---- internals ----

  #moveTo(stage) {
    if (!this.#problem) return;
    this.#gate.hidden = true;
    if (!this.#anyway && skipsTheViews(this.#problem, stage)) {
      this.#gated = stage;
      this.#gate.hidden = false;
      one(this.#gate, '[data-action="problem-anyway"]').focus();
      return;
    }
    if (stage === 'decide_again') {
      this.#dateForm.hidden = false;
      const input = this.#dateForm.elements.on;
      input.value = this.#problem.decide_again_on ?? '';
      input.focus();
      return;
    }
    this.#dateForm.hidden = true;
    if (stage !== this.#problem.stage) this.#onChange(this.#withAnyway(stageChange(stage)));
  }

  #withAnyway(change) {
    if (!change || !this.#anyway) return change;
    this.#anyway = false;
    return { ...change, anyway: true };
  }

  /** Turns an option's row into a small form: its text and each side's stake. */
  #editOption(id) {
    const option = (this.#problem?.options ?? []).find((o) => o.id === id);
    const row = field(this.#view, 'problem-options').querySelector(`[data-edit-option="${id}"]`)?.closest('li');
    if (!option || !row) return;
    const peers = names(this.#problem.shared_with) || 'them';
    const form = element(this.#doc, 'form', 'option-form');
    form.dataset.optionForm = String(id);
    form.noValidate = true;
    const input = (name, label, value, multiline) => {
      const wrap = element(this.#doc, 'div', 'field');
      const control = element(this.#doc, multiline ? 'textarea' : 'input');
      control.name = name;
      control.id = `option-${name}-${id}`;
      control.value = value ?? '';
      if (multiline) control.rows = 2;
      else control.type = 'text';
      const tag = element(this.#doc, 'label', '', label);
      tag.htmlFor = control.id;
      wrap.append(tag, control);
      return wrap;
    };
    const save = element(this.#doc, 'button', 'button button--primary button--small', 'Save option');
    save.type = 'submit';
    const cancel = element(this.#doc, 'button', 'button button--quiet button--small', 'Cancel');
    cancel.type = 'button';
    cancel.dataset.action = 'option-cancel';
    const actions = element(this.#doc, 'div', 'worksheet-actions');
    actions.append(save, cancel);
    form.append(input('text', 'Option', option.text, false), input('my_stake', 'What I stand to gain or lose', option.my_stake, true), input('their_stake', `What ${peers} stands to gain or lose`, option.their_stake, true), actions);
    row.replaceChildren(form);
    form.elements.text.focus();
  }
}

/** The open problems on a partner's page, with "New peer problem". */
export class PartnerProblemsView {
  #doc;
  #list;
  #onOpen = () => {};
  #onNew = () => {};

  constructor(doc = document) {
    this.#doc = doc;
    this.#list = field(doc, 'partner-problems');
    one(doc, '[data-action="new-problem"]').addEventListener('click', () => this.#onNew());
    this.#list.addEventListener('click', (event) => {
      const button = event.target.closest('[data-problem-id]');
      if (button) this.#onOpen(Number(button.dataset.problemId));
    });
  }

  bindOpen(handler) { this.#onOpen = handler; }
  bindNew(handler) { this.#onNew = handler; }

  show(problems) {
    this.#list.replaceChildren(
      ...problems.map((p) => {
        const li = element(this.#doc, 'li');
        const button = element(this.#doc, 'button', 'meeting-row');
        button.type = 'button';
        button.dataset.problemId = String(p.id);
        button.append(
          element(this.#doc, 'span', 'meeting-row-when', p.title),
          element(this.#doc, 'span', 'meeting-row-meta', stageLabel(p.stage, p.decide_again_on ? dateLabel(p.decide_again_on) : null)),
        );
        li.append(button);
        return li;
      }),
    );
    if (problems.length === 0) {
      this.#list.append(element(this.#doc, 'li', 'capture-empty', 'No open problems. When you two share one, follow it here from both views to a decision.'));
    }
  }

  clear() {
    this.#list.replaceChildren();
  }
}

/** The "New peer problem" dialog: asks for the title. */
export class NewProblemView {
  #doc;
  #modal;
  #form;
  #error;
  #context = null;
  #onSubmit = () => {};

  constructor(doc = document) {
    this.#doc = doc;
    this.#modal = new Modal(one(doc, '[data-dialog="new-problem"]'));
    this.#form = one(doc, '[data-form="new-problem"]');
    this.#error = field(doc, 'new-problem-error');
    one(doc, '[data-action="new-problem-close"]').addEventListener('click', () => this.#modal.close());
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      const title = this.#form.elements.title.value.trim();
      if (!title) {
        this.showError('Name the problem.');
        this.#form.elements.title.focus();
        return;
      }
      this.#onSubmit({ title, ...this.#context });
    });
  }

  /** `handler({title, partners, meetingId})` */
  bindSubmit(handler) { this.#onSubmit = handler; }

  /** Opens for `partners` ([{id, name}]); from a meeting, `meetingId` is linked too. */
  open({ partners, meetingId = null }) {
    this.#context = { partners, meetingId };
    this.#form.reset();
    this.#error.hidden = true;
    field(this.#doc, 'new-problem-title').textContent = `New peer problem with ${names(partners)}`;
    field(this.#doc, 'new-problem-hint').textContent = meetingId
      ? 'It starts at “both views heard”, linked to this meeting.'
      : 'It starts at “both views heard”.';
    this.#modal.open(this.#form.elements.title);
  }

  showError(message) {
    this.#error.textContent = message;
    this.#error.hidden = false;
  }

  close() {
    this.#modal.close();
  }

  dismiss() {
    this.#modal.dismiss();
  }
}
