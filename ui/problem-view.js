// A peer problem (stage stepper, options, allies with their stance, linked meetings), the open
// problems on a partner's page, and the "New peer problem" dialog. Owns that DOM; the meeting
// controller wires it.

import { Combobox } from './combobox.js';
import { rankMatches } from './complete.js';
import { element, field, Modal, one } from './dom.js';
import { fullDateLabel, relationshipLabel, shortDateLabel } from './format.js';
import { dateLabel, statusLabel } from './meetings.js';
import { STANCES, allyCandidates, stageChange, stageLabel, stageSteps } from './problems.js';

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
  #error;
  #problem = null;
  #partners = [];
  #onChange = () => {};
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
    this.#error = field(this.#view, 'problem-error');
    for (const [value, label] of STANCES) {
      const option = element(doc, 'option', '', label);
      option.value = value;
      this.#allyForm.elements.stance.append(option);
    }

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
      this.#onChange(change);
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
    field(this.#view, 'problem-options').addEventListener('click', (event) => {
      const button = event.target.closest('[data-choose-option]');
      if (button) this.#onChange({ choose_option: Number(button.dataset.chooseOption) });
    });
    field(this.#view, 'problem-allies').addEventListener('change', (event) => {
      if (event.target.matches('[data-ally-stance]')) {
        this.#onChange({ ally: { partner_id: Number(event.target.dataset.allyStance), stance: event.target.value } });
      }
    });
    this.#allyForm.addEventListener('submit', (event) => event.preventDefault());
    new Combobox(doc, {
      input: this.#allyInput,
      list: one(this.#allyForm, '#ally-list'),
      autoSelect: true,
      suggest: (input) =>
        rankMatches(input.value, allyCandidates(this.#problem, this.#partners), (p) => p.name).map((p) => ({
          label: p.name,
          aside: p.role || relationshipLabel(p.relationship),
          value: p.id,
        })),
      accept: (id) => {
        this.#allyInput.value = '';
        this.#onChange({ ally: { partner_id: id, stance: this.#allyForm.elements.stance.value } }, { focus: '#ally-input' });
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

  // ---- updates ----

  get problem() {
    return this.#problem;
  }

  /**
   * Draws `problem`. `partners` are those who can be added as allies; `meeting` (a Meeting or
   * null) is the one the problem may be linked to. `focus` is a selector to put the cursor back in.
   */
  show(problem, { partners = this.#partners, meeting = null, focus = null } = {}) {
    const focusedStage = this.#doc.activeElement?.closest?.('[data-stage]')?.dataset.stage;
    const same = this.#problem?.id === problem.id;
    this.#problem = problem;
    this.#partners = partners;
    this.#error.hidden = true;
    if (!same) this.#dateForm.hidden = true;

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
        li.append(element(this.#doc, 'span', 'option-mark', option.chosen ? '✓' : ''), element(this.#doc, 'span', 'capture-text', option.text));
        const button = element(this.#doc, 'button', 'chip-button', option.chosen ? 'Chosen' : 'Choose');
        button.type = 'button';
        button.dataset.chooseOption = String(option.id);
        button.setAttribute('aria-pressed', String(Boolean(option.chosen)));
        button.setAttribute('aria-label', `${option.chosen ? 'Chosen' : 'Choose'}: ${option.text}`);
        li.append(button);
        return li;
      }),
    );
    if (!options.children.length) options.append(element(this.#doc, 'li', 'capture-empty', 'No options yet.'));

    const allies = field(this.#view, 'problem-allies');
    allies.replaceChildren(
      ...(problem.allies ?? []).map((ally) => {
        const li = element(this.#doc, 'li', 'capture-item ally-item');
        li.dataset.stance = ally.stance;
        li.append(element(this.#doc, 'span', 'capture-text', ally.partner.name));
        const select = element(this.#doc, 'select', 'stance-select');
        select.dataset.allyStance = String(ally.partner.id);
        select.setAttribute('aria-label', `${ally.partner.name}’s stance`);
        for (const [value, label] of STANCES) {
          const option = element(this.#doc, 'option', '', label);
          option.value = value;
          select.append(option);
        }
        select.value = ally.stance;
        li.append(select);
        return li;
      }),
    );
    if (!allies.children.length) allies.append(element(this.#doc, 'li', 'capture-empty', 'No allies yet.'));

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

  showError(message) {
    this.#error.textContent = message;
    this.#error.hidden = false;
  }

  clear() {
    this.#problem = null;
    this.#partners = [];
    this.#stages.replaceChildren();
    this.#optionForm.reset();
    this.#allyForm.reset();
    for (const name of ['problem-options', 'problem-allies', 'problem-meetings']) field(this.#view, name).replaceChildren();
  }

  // ---- internals ----

  #moveTo(stage) {
    if (!this.#problem) return;
    if (stage === 'decide_again') {
      this.#dateForm.hidden = false;
      const input = this.#dateForm.elements.on;
      input.value = this.#problem.decide_again_on ?? '';
      input.focus();
      return;
    }
    this.#dateForm.hidden = true;
    if (stage !== this.#problem.stage) this.#onChange(stageChange(stage));
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
