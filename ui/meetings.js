// Pure logic of meetings, the home view and cadence: agenda grouping, what a carried item is,
// labels, the meeting screen's keys and form values. No DOM, so `node --test` can check it.

import { calendarDate, dayKey, instantOf, localDateTime, pauseReasonLabel, shortDateLabel } from './format.js';

/** The section carried items go into (rapport-core's CARRIED_SECTION). */
export const CARRIED_SECTION = 'Carried forward';

/** The three signals that a peer one-on-one is needed (docs/cli-json.md, Meeting.signals). */
export const SIGNALS = [
  ['shared_problem', 'We share a specific problem'],
  ['need_cooperation', 'I need cooperation from others to solve mine'],
  ['benefits_everyone', 'Changing how we work would benefit everyone'],
];

export const OWNERS = [
  ['me', 'Me'],
  ['them', 'Them'],
  ['both', 'Both of us'],
];

/** A template section of this name is the meeting's own check-in field, not a second one. */
const CHECK_IN_SECTION = 'check-in';

/**
 * The agenda by section, in the template's order: `[{title, prompt, items}]`, items by position.
 * Items in a section the meeting does not list (an edited template) come last, under their name.
 */
export function agendaSections(meeting) {
  const sections = (meeting?.sections ?? []).map((s) => ({ title: s.title, prompt: s.prompt ?? '', items: [] }));
  const byTitle = new Map(sections.map((s) => [s.title, s]));
  const items = [...(meeting?.agenda ?? [])].sort((a, b) => a.position - b.position || a.id - b.id);
  for (const item of items) {
    let section = byTitle.get(item.section);
    if (!section) {
      section = { title: item.section, prompt: '', items: [] };
      byTitle.set(item.section, section);
      sections.push(section);
    }
    section.items.push(item);
  }
  // An empty "Carried forward" says nothing, and an empty "Check-in" section would ask the
  // check-in a second time (the meeting has its own check-in field, first on the screen).
  return sections.filter(
    (s) => s.items.length > 0 || (s.title !== CARRIED_SECTION && s.title.trim().toLowerCase() !== CHECK_IN_SECTION),
  );
}

/** How many things `due` (get_due) asks to look at: the sidebar's count for Home. */
export function dueCount(due) {
  return (due.partners?.length ?? 0) + (due.overdue_actions?.length ?? 0)
    + (due.decisions_to_revisit?.length ?? 0) + (due.problems_to_revisit?.length ?? 0)
    + (due.lapsed_meetings?.length ?? 0);
}

/** The local calendar day of an RFC 3339 time, as YYYY-MM-DD. */
export function localDay(at) {
  return dayKey(at instanceof Date ? at : new Date(at));
}

/** A YYYY-MM-DD date shown as "3 Nov 2026". */
export function dateLabel(isoDate, locale = undefined) {
  const date = calendarDate(isoDate);
  return date ? shortDateLabel(date, locale) : '';
}

/** Whether an open action is past its due date on `today` (YYYY-MM-DD). */
export function isOverdue(action, today) {
  return Boolean(action && !action.done_at && action.due && action.due < today);
}

/** Who owns an action, in words: "I owe", "They owe", "We both owe". */
export function ownerLabel(owner) {
  if (owner === 'me') return 'Mine';
  if (owner === 'them') return 'Theirs';
  return 'Both of us';
}

/**
 * What a carried agenda item is, for its badge: `{kind, from, details: [string], overdue,
 * done}` or null when the item was written on this agenda. `today` is YYYY-MM-DD.
 */
export function carriedFacts(item, today, locale = undefined) {
  const carried = item?.carried;
  if (!carried) return null;
  const fromLabel = (at) => (at ? shortDateLabel(new Date(at), locale) : '');
  switch (carried.kind) {
    case 'action': {
      const action = carried.action;
      const details = [ownerLabel(action.owner)];
      if (action.due) details.push(`due ${dateLabel(action.due, locale)}`);
      const overdue = isOverdue(action, today);
      if (overdue) details.push('overdue');
      if (action.done_at) details.push('done');
      return { kind: 'Action', from: fromLabel(action.origin_at), details, overdue, done: Boolean(action.done_at) };
    }
    case 'decision': {
      const decision = carried.decision;
      const details = [decision.agreed ? 'Agreed' : 'Not agreed yet'];
      if (decision.revisit_on) details.push(`decide again ${dateLabel(decision.revisit_on, locale)}`);
      const overdue = Boolean(decision.revisit_on && decision.revisit_on < today && !decision.closed_at);
      return { kind: 'Decision', from: fromLabel(decision.origin_at), details, overdue, done: Boolean(decision.closed_at) };
    }
    case 'entry':
      return { kind: 'Note', from: fromLabel(carried.from), details: [], overdue: false, done: false };
    default:
      return { kind: 'Earlier item', from: fromLabel(carried.from), details: [], overdue: false, done: false };
  }
}

/** "One-on-one with Ada" / "Meeting with Ada and Grace". */
export function meetingTitle(meeting) {
  const names = (meeting?.partners ?? []).map((p) => p.name);
  const who = names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  if (!who) return 'Meeting';
  return names.length === 1 ? `One-on-one with ${who}` : `Meeting with ${who}`;
}

/** "Planned", "Held", "Cancelled". */
export function statusLabel(status) {
  return { planned: 'Planned', held: 'Held', cancelled: 'Cancelled' }[status] ?? 'Planned';
}

/** What a cadence state means, in words. */
export function cadenceStateLabel(cadence, locale = undefined) {
  switch (cadence?.state) {
    case 'overdue':
      return cadence.due_on ? `Overdue since ${dateLabel(cadence.due_on, locale)}` : 'Overdue';
    case 'due':
      return cadence.due_on ? `Due ${dateLabel(cadence.due_on, locale)}` : 'Due';
    case 'scheduled':
      return 'Next one planned';
    case 'paused': {
      const pause = cadence.paused;
      const why = pauseReasonLabel(pause?.reason);
      return pause?.ended ? `Paused · ${why.toLowerCase()}, back on ${dateLabel(pause.ended, locale)}` : `Paused · ${why.toLowerCase()}`;
    }
    case 'fine':
      return cadence.due_on ? `On track · next due ${dateLabel(cadence.due_on, locale)}` : 'On track';
    default:
      return 'No cadence set';
  }
}

/**
 * A partner's pulse trend (cadence `pulse`, oldest first) in words: `{text: "3 · 4 · 5", said:
 * "…"}`, the latest six for the eye ("4 of 5" when there is one) and all of them for a screen
 * reader; null when none.
 */
export function pulseTrend(points) {
  const values = (points ?? []).map((point) => point.pulse);
  if (values.length === 0) return null;
  const average = values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    text: values.length === 1 ? `${values[0]} of 5` : values.slice(-6).join(' · '),
    said: `How you were doing in the latest ${values.length === 1 ? 'meeting' : `${values.length} meetings`}, oldest first: ${values.join(', ')} of 5; ${average.toFixed(1)} on average.`,
  };
}

/**
 * Bars for meetings per month: `[{month, held, height}]` with height 0..1 of the busiest month,
 * the last `months` months only, oldest first.
 */
export function monthBars(perMonth, months = 12) {
  const rows = (perMonth ?? []).slice(-months);
  const most = Math.max(1, ...rows.map((r) => r.held));
  return rows.map((r) => ({ month: r.month, held: r.held, height: r.held / most }));
}

/** Open actions mine vs theirs: `{mine, theirs, mineShare}` (share 0..1, 0.5 when none). */
export function balance(cadence) {
  const mine = Number(cadence?.open_mine ?? 0);
  const theirs = Number(cadence?.open_theirs ?? 0);
  const total = mine + theirs;
  return { mine, theirs, mineShare: total === 0 ? 0.5 : mine / total };
}

/** The `at` of a new meeting from a datetime-local value ("2026-11-21T10:30"), as RFC 3339 UTC. */
export function meetingAt(localValue) {
  return instantOf(localValue);
}

/** A datetime-local value for the next whole half hour after `now`. */
export function nextHalfHour(now = new Date()) {
  const date = new Date(now.getTime());
  date.setSeconds(0, 0);
  date.setMinutes(date.getMinutes() < 30 ? 30 : 60);
  return localDateTime(date);
}

/** The template to preselect: the one the vault says the relationship starts from, else the first. */
export function defaultTemplateId(templates, relationship) {
  const match = (templates ?? []).find((t) => (t.default_for ?? []).includes(relationship));
  return match?.id ?? templates?.[0]?.id ?? null;
}

/** The `meeting` argument of create_meeting from the prepare form's values. `withSignals`: the
 *  chosen template is a peer one-on-one (`isPeerTemplate`), whose meetings say why they are needed. */
export function newMeetingArgument({ partnerIds, at, templateId, withSignals, signals, purpose = '', minutes = '' }) {
  const argument = { partner_ids: [...new Set(partnerIds)], at: meetingAt(at) };
  if (templateId) argument.template_id = Number(templateId);
  if (String(purpose).trim()) argument.purpose = String(purpose).trim();
  if (Number(minutes)) argument.minutes = Number(minutes);
  if (withSignals) {
    argument.signals = Object.fromEntries(SIGNALS.map(([key]) => [key, Boolean(signals?.[key])]));
  }
  return argument;
}

/**
 * The meeting screen's action for a keydown on a focused agenda item, or null:
 * D discussed, P park, N notes, A capture an action, Shift+D capture a decision,
 * Alt+↑/↓ move, ↑/↓ focus the previous/next item.
 */
export function agendaKeyAction(event) {
  if (event.ctrlKey || event.metaKey) return null;
  const key = String(event.key ?? '');
  if (event.altKey) {
    if (key === 'ArrowUp') return 'move-up';
    if (key === 'ArrowDown') return 'move-down';
    return null;
  }
  // Shift+D arrives as "D"; some drivers and keyboards send "D" without shiftKey set.
  if (key === 'D') return 'capture-decision';
  switch (key.toLowerCase()) {
    case 'd':
      return event.shiftKey ? 'capture-decision' : 'discussed';
    case 'p':
      return 'park';
    case 'n':
      return 'notes';
    case 'a':
      return 'capture-action';
    case 'arrowup':
      return 'previous';
    case 'arrowdown':
      return 'next';
    default:
      return null;
  }
}

/** The state an item goes to when D or P is pressed: pressing it again opens it again. */
export function toggledState(current, wanted) {
  return current === wanted ? 'open' : wanted;
}

/** Reminder preferences kept in localStorage (they are not personal data). */
const REMINDERS_KEY = 'rapport.reminders';
export const REMINDER_LEADS = [0, 5, 10, 15, 30, 60];

export function readReminders(storage) {
  try {
    const raw = JSON.parse(storage?.getItem(REMINDERS_KEY) ?? 'null');
    const lead = Number(raw?.lead_minutes);
    return {
      enabled: raw?.enabled !== false,
      lead_minutes: Number.isInteger(lead) && lead >= 0 && lead <= 1440 ? lead : 10,
      // Optional, so off unless turned on.
      reflect_quarterly: raw?.reflect_quarterly === true,
    };
  } catch {
    return { enabled: true, lead_minutes: 10, reflect_quarterly: false };
  }
}

export function writeReminders(storage, { enabled, lead_minutes, reflect_quarterly }) {
  const value = {
    enabled: Boolean(enabled),
    lead_minutes: Math.min(1440, Math.max(0, Math.round(Number(lead_minutes) || 0))),
    reflect_quarterly: Boolean(reflect_quarterly),
  };
  try {
    storage?.setItem(REMINDERS_KEY, JSON.stringify(value));
  } catch {
    // A full or missing storage keeps the default next time; nothing else depends on it.
  }
  return value;
}

/**
 * What is said once an agenda is prepared: how much it carried, and which lapsed meetings
 * (planned, their time passed, never marked held) it took over from, to be answered on Home.
 */
export function preparedNotice(carried, tookOver = []) {
  const said = carried ? `Agenda prepared: ${carried} carried forward.` : 'Agenda prepared.';
  if (!tookOver?.length) return said;
  const dates = tookOver.map((m) => shortDateLabel(new Date(m.at))).join(', ');
  const which = tookOver.length === 1 ? `the meeting of ${dates}, which was` : `the meetings of ${dates}, which were`;
  return `${said} It took over the open items of ${which} never marked held; say on Home whether it happened.`;
}

/** The sections typed in the template editor, as `add_template`/`update_template` take them:
 *  trimmed, rows with neither a title nor a question left out. */
export function templateSections(rows) {
  return (rows ?? [])
    .map((row) => ({ title: String(row.title ?? '').trim(), prompt: String(row.prompt ?? '').trim() }))
    .filter((row) => row.title || row.prompt);
}

/** A copy's name that no template has yet: "Peer one-on-one (copy)", then "(copy 2)"... */
export function copyName(name, templates) {
  const taken = new Set((templates ?? []).map((t) => t.name.toLowerCase()));
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? `${name} (copy)` : `${name} (copy ${n})`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** Whether a template asks why a peer one-on-one is needed (the core's `Template::is_peer`). */
export function isPeerTemplate(template) {
  return template?.key === 'peer' || (template?.default_for ?? []).some((r) => r === 'peer' || r === 'cross_functional');
}
