// The home view (who is due, overdue actions, decisions and problems to revisit, next meetings)
// and the one-on-ones part of a partner's page (cadence, balance, meetings). Owns that DOM.

import { cloneTemplate, element, field, one } from './dom.js';
import { cadenceLabel, count, fullDateLabel, shortDateLabel } from './format.js';
import { balance, cadenceStateLabel, dateLabel, monthBars, ownerLabel, pulseTrend, statusLabel } from './meetings.js';

/** "3 Nov 2026" from an RFC 3339 time, or "never". */
function when(at) {
  return at ? shortDateLabel(new Date(at)) : 'never';
}

function names(partners) {
  return (partners ?? []).map((p) => p.name).join(', ');
}

export class HomeView {
  #doc;
  #groups;
  #empty;
  #onOpen = () => {};
  #onActionDone = () => {};
  #onLapsed = () => {};

  constructor(doc = document) {
    this.#doc = doc;
    this.#groups = field(doc, 'home-groups');
    this.#empty = field(doc, 'home-empty');
    this.#groups.addEventListener('click', (event) => {
      const answer = event.target.closest('[data-lapsed-answer]');
      if (answer) {
        this.#answerLapsed(answer);
        return;
      }
      const button = event.target.closest('.home-row-open');
      if (button) this.#onOpen({ type: button.dataset.type, id: Number(button.dataset.id) });
    });
    this.#groups.addEventListener('change', (event) => {
      if (event.target.matches('[data-done-action]')) {
        this.#onActionDone(Number(event.target.dataset.doneAction), event.target.checked);
      }
    });
  }

  /** `handler({type: "partner" | "meeting" | "problem", id})` when a row is opened. */
  bindOpen(handler) { this.#onOpen = handler; }
  /** `handler(actionId, done)` when an overdue action is ticked. */
  bindActionDone(handler) { this.#onActionDone = handler; }
  /**
   * `handler(meetingId, answer, at)` when a lapsed meeting is answered: "held", "cancelled", or
   * "move" with `at`, the new time (a Date).
   */
  bindLapsed(handler) { this.#onLapsed = handler; }

  /** Draws `due` (get_due). */
  show(due) {
    const groups = [
      ['Did these happen?', due.lapsed_meetings ?? [], (m) => ({
        type: 'meeting',
        id: m.id,
        title: names(m.partners) || 'Meeting',
        meta: `planned for ${fullDateLabel(new Date(m.at))} · never marked held · ${count(m.open_items ?? 0, 'open item')}`,
        tone: 'due',
        lapsed: m.id,
      })],
      ['Due for a conversation', due.partners ?? [], (c) => ({
        type: 'partner',
        id: c.partner.id,
        title: c.partner.name,
        meta: `${cadenceStateLabel(c)} · last met ${when(c.last_held)} · open: ${c.open_mine} mine, ${c.open_theirs} theirs`,
        tone: c.state,
      })],
      ['Overdue actions', due.overdue_actions ?? [], (a) => ({
        type: 'meeting',
        id: a.origin_meeting,
        title: a.text,
        meta: `${ownerLabel(a.owner)} · due ${dateLabel(a.due)} · ${names(a.partners)}`,
        tone: 'overdue',
        done: a.id,
      })],
      ['Decisions to revisit', due.decisions_to_revisit ?? [], (d) => ({
        type: 'meeting',
        id: d.origin_meeting,
        title: d.text,
        meta: `${d.agreed ? 'Agreed' : 'Not agreed yet'} · decide again ${dateLabel(d.revisit_on)} · ${names(d.partners)}`,
        tone: 'due',
      })],
      ['Problems to decide again', due.problems_to_revisit ?? [], (p) => ({
        type: 'problem',
        id: p.id,
        title: p.title,
        meta: `decide again ${dateLabel(p.decide_again_on)} · ${names(p.shared_with)}`,
        tone: 'due',
      })],
      ['Next meetings', due.next_meetings ?? [], (m) => ({
        type: 'meeting',
        id: m.id,
        title: names(m.partners) || 'Meeting',
        meta: `${fullDateLabel(new Date(m.at))} · ${count(m.open_items ?? 0, 'open item')}`,
        tone: 'planned',
      })],
    ];
    const nodes = [];
    for (const [title, list, row] of groups) {
      if (list.length === 0) continue;
      const section = element(this.#doc, 'section', 'home-group');
      const heading = element(this.#doc, 'h2', 'section-title', title);
      heading.append(element(this.#doc, 'span', 'section-count', String(list.length)));
      const ul = element(this.#doc, 'ul', 'home-list');
      ul.setAttribute('aria-label', title);
      ul.append(...list.map((item) => this.#renderRow(row(item))));
      section.append(heading, ul);
      nodes.push(section);
    }
    this.#groups.replaceChildren(...nodes);
    this.#empty.hidden = nodes.length > 0;
  }

  clear() {
    this.#groups.replaceChildren();
    this.#empty.hidden = true;
  }

  #renderRow({ type, id, title, meta, tone, done, lapsed }) {
    const li = cloneTemplate(this.#doc, 'home-row-template');
    li.dataset.tone = tone ?? '';
    const button = li.querySelector('.home-row-open');
    button.dataset.type = type;
    button.dataset.id = String(id);
    li.querySelector('.home-row-title').textContent = title;
    li.querySelector('.home-row-meta').textContent = meta;
    if (done != null) {
      const label = element(this.#doc, 'label', 'home-row-done');
      const box = element(this.#doc, 'input');
      box.type = 'checkbox';
      box.dataset.doneAction = String(done);
      box.setAttribute('aria-label', `Done: ${title}`);
      label.append(box);
      li.prepend(label);
    }
    if (lapsed != null) li.append(this.#lapsedAnswers(lapsed, title));
    return li;
  }

  /** Held, didn't happen, or move to another time: the answers to "did this happen?". */
  #lapsedAnswers(id, title) {
    const answers = element(this.#doc, 'div', 'home-row-answers');
    answers.setAttribute('role', 'group');
    answers.setAttribute('aria-label', `Did the meeting with ${title} happen?`);
    for (const [answer, label] of [['held', 'Held'], ['cancelled', 'Didn’t happen'], ['move', 'Move…']]) {
      const button = element(this.#doc, 'button', 'button button--quiet button--small', label);
      button.type = 'button';
      button.dataset.lapsedAnswer = answer;
      button.dataset.meetingId = String(id);
      answers.append(button);
    }
    const move = element(this.#doc, 'div', 'home-row-move');
    move.hidden = true;
    const input = element(this.#doc, 'input');
    input.type = 'datetime-local';
    input.setAttribute('aria-label', `New time for the meeting with ${title}`);
    const confirm = element(this.#doc, 'button', 'button button--primary button--small', 'Move');
    confirm.type = 'button';
    confirm.dataset.lapsedAnswer = 'move-to';
    confirm.dataset.meetingId = String(id);
    move.append(input, confirm);
    answers.append(move);
    return answers;
  }

  #answerLapsed(button) {
    const id = Number(button.dataset.meetingId);
    const answer = button.dataset.lapsedAnswer;
    const move = button.closest('.home-row-answers').querySelector('.home-row-move');
    if (answer === 'move') {
      move.hidden = false;
      move.querySelector('input').focus();
      return;
    }
    if (answer === 'move-to') {
      const at = new Date(move.querySelector('input').value);
      if (Number.isNaN(at.getTime())) {
        move.querySelector('input').focus();
        return;
      }
      this.#onLapsed(id, 'move', at);
      return;
    }
    this.#onLapsed(id, answer);
  }
}

/** The one-on-ones section of a partner's page. */
export class CadenceView {
  #doc;
  #facts;
  #bars;
  #meetings;
  #onPrepare = () => {};
  #onOpenMeeting = () => {};

  constructor(doc = document) {
    this.#doc = doc;
    this.#facts = field(doc, 'cadence-facts');
    this.#bars = field(doc, 'cadence-bars');
    this.#meetings = field(doc, 'partner-meetings');
    one(doc, '[data-action="prepare-meeting"]').addEventListener('click', () => this.#onPrepare());
    this.#meetings.addEventListener('click', (event) => {
      const button = event.target.closest('[data-meeting-id]');
      if (button) this.#onOpenMeeting(Number(button.dataset.meetingId));
    });
  }

  bindPrepare(handler) { this.#onPrepare = handler; }
  bindOpenMeeting(handler) { this.#onOpenMeeting = handler; }

  /** Draws the partner's cadence (get_cadence) and meetings (list_meetings). */
  show(cadence, meetings) {
    const share = balance(cadence);
    const facts = [
      ['Cadence', cadence.intended_days ? cadenceLabel(cadence.intended_days) : 'Not set'],
      ['State', cadenceStateLabel(cadence), cadence.state],
      ['Last met', when(cadence.last_held)],
      ['Next meeting', cadence.next_planned ? fullDateLabel(new Date(cadence.next_planned)) : 'None planned'],
    ];
    const nodes = [];
    for (const [term, value, tone] of facts) {
      const wrap = element(this.#doc, 'div', 'cadence-fact');
      const dd = element(this.#doc, 'dd', '', value);
      if (tone) dd.dataset.tone = tone;
      wrap.append(element(this.#doc, 'dt', '', term), dd);
      nodes.push(wrap);
    }
    const balanceFact = element(this.#doc, 'div', 'cadence-fact cadence-fact--balance');
    const dd = element(this.#doc, 'dd');
    dd.append(element(this.#doc, 'span', '', `${share.mine} mine · ${share.theirs} theirs`));
    const bar = element(this.#doc, 'span', 'balance-bar');
    bar.setAttribute('aria-hidden', 'true');
    const mine = element(this.#doc, 'span', 'balance-mine');
    mine.style.setProperty('--share', String(share.mineShare));
    bar.append(mine);
    dd.append(bar);
    balanceFact.append(element(this.#doc, 'dt', '', 'Open actions'), dd);
    nodes.push(balanceFact);
    const trend = pulseTrend(cadence.pulse);
    if (trend) {
      const wrap = element(this.#doc, 'div', 'cadence-fact');
      const dd = element(this.#doc, 'dd', 'pulse-trend');
      dd.title = trend.said;
      const shown = element(this.#doc, 'span', '', trend.text);
      shown.setAttribute('aria-hidden', 'true');
      dd.append(shown, element(this.#doc, 'span', 'visually-hidden', trend.said));
      wrap.append(element(this.#doc, 'dt', '', 'How you are doing'), dd);
      nodes.push(wrap);
    }
    this.#facts.replaceChildren(...nodes);

    const bars = monthBars(cadence.per_month, 12);
    const held = bars.reduce((sum, b) => sum + b.held, 0);
    this.#bars.setAttribute('aria-label', `${count(held, 'meeting')} held in the last ${bars.length} months`);
    this.#bars.replaceChildren(
      ...bars.map((b) => {
        const column = element(this.#doc, 'div', 'month-bar');
        column.title = `${b.month}: ${count(b.held, 'meeting')}`;
        const fill = element(this.#doc, 'span', 'month-bar-fill');
        fill.style.setProperty('--height', String(b.height));
        if (b.held === 0) fill.classList.add('month-bar-fill--none');
        column.append(fill, element(this.#doc, 'span', 'month-bar-label', monthInitial(b.month)));
        return column;
      }),
    );

    this.#meetings.replaceChildren(
      ...meetings.map((m) => {
        const li = element(this.#doc, 'li');
        const button = element(this.#doc, 'button', 'meeting-row');
        button.type = 'button';
        button.dataset.meetingId = String(m.id);
        const chip = element(this.#doc, 'span', 'status-chip', statusLabel(m.status));
        chip.dataset.status = m.status;
        button.append(
          element(this.#doc, 'span', 'meeting-row-when', fullDateLabel(new Date(m.at))),
          chip,
          element(this.#doc, 'span', 'meeting-row-meta', m.open_items ? count(m.open_items, 'open item') : ''),
        );
        li.append(button);
        return li;
      }),
    );
    if (meetings.length === 0) {
      this.#meetings.append(element(this.#doc, 'li', 'capture-empty', 'No one-on-ones yet. Prepare the first: open threads will carry forward by themselves.'));
    }
  }

  clear() {
    this.#facts.replaceChildren();
    this.#bars.replaceChildren();
    this.#meetings.replaceChildren();
  }
}

/** "2026-03" → "M" (the month's initial, for the bar labels). */
function monthInitial(month) {
  const [year, number] = String(month).split('-').map(Number);
  if (!year || !number) return '';
  return new Intl.DateTimeFormat(undefined, { month: 'narrow' }).format(new Date(year, number - 1, 1));
}
