// The story of a partnership: how its page words the years and the partnership's shape. Pure:
// no DOM, so `node --test` can check it. The printed story is worded by the core (story_print.rs).

import { calendarDate, count, monthLabel, pauseReasonLabel, relationshipLabel, roleLine } from './format.js';

/** "13 years working together", "a year", "less than a year" from the first day to `today`. */
export function howLong(firstDay, today = new Date()) {
  const first = calendarDate(firstDay);
  if (!first) return 'Working together';
  let years = today.getFullYear() - first.getFullYear();
  if (today.getMonth() < first.getMonth() || (today.getMonth() === first.getMonth() && today.getDate() < first.getDate())) {
    years -= 1;
  }
  if (years < 1) return 'Less than a year working together';
  if (years === 1) return 'A year working together';
  return `${years} years working together`;
}

/** "Since March 2012 · Report, then Peer, then Mentor". */
export function storySubtitle(story) {
  const kinds = (story.partner?.relationships ?? []).map((s) => relationshipLabel(s.relationship));
  const parts = [];
  if (story.first_day) parts.push(`Since ${monthLabel(story.first_day)}`);
  if (kinds.length > 0) parts.push(kinds.join(', then '));
  return parts.join(' · ');
}

/** The "once", "twice", "3 times" of support. */
function often(n) {
  if (n === 1) return 'once';
  if (n === 2) return 'twice';
  return `${n} times`;
}

/**
 * A year's facts for the page, in the person's own view (the pulse and concerns too):
 * [{text, tone}] where tone says which colour a fact takes ('given', 'received', or '').
 */
export function yearFacts(year) {
  const facts = [];
  if (year.meetings_held > 0) facts.push({ text: count(year.meetings_held, 'meeting held', 'meetings held'), tone: '' });
  if (year.pulse != null) facts.push({ text: `doing ${year.pulse.toFixed(1)} of 5`, tone: '' });
  if (year.wins > 0) facts.push({ text: count(year.wins, 'win'), tone: '' });
  if (year.support_given > 0) facts.push({ text: `you supported them ${often(year.support_given)}`, tone: 'given' });
  if (year.support_received > 0) facts.push({ text: `they supported you ${often(year.support_received)}`, tone: 'received' });
  if (year.problems_closed > 0) {
    facts.push({ text: count(year.problems_closed, 'problem solved together', 'problems solved together'), tone: '' });
  }
  if (year.concerns > 0) facts.push({ text: count(year.concerns, 'concern'), tone: '' });
  if (year.entries > 0) facts.push({ text: count(year.entries, 'entry', 'entries'), tone: '' });
  return facts;
}

/** What changed in `year`: a relationship or role that began, a pause that began, oldest first. */
export function yearMilestones(story, year) {
  const inYear = (iso) => calendarDate(iso)?.getFullYear() === year;
  const said = [];
  const relationships = story.partner?.relationships ?? [];
  relationships.forEach((spell, i) => {
    if (!inYear(spell.started)) return;
    said.push(
      i === 0
        ? `Began: ${relationshipLabel(spell.relationship)}`
        : `From ${monthLabel(spell.started)}: ${relationshipLabel(spell.relationship)} (was ${relationshipLabel(relationships[i - 1].relationship)})`,
    );
  });
  for (const spell of story.partner?.roles ?? []) {
    const what = roleLine(spell.role, spell.organisation);
    if (inYear(spell.started) && what) said.push(`Their role: ${what}`);
  }
  for (const pause of story.partner?.pauses ?? []) {
    if (inYear(pause.started)) {
      const back = pause.ended ? `, back ${monthLabel(pause.ended)}` : '';
      said.push(`${pauseReasonLabel(pause.reason)} from ${monthLabel(pause.started)}${back}`);
    }
  }
  return said;
}

/** Whether a year has anything to show; quiet years are drawn small. */
export function isQuiet(story, year) {
  return yearFacts(year).length === 0 && yearMilestones(story, year.year).length === 0;
}

/** The years newest first, as the page lists them. */
export function yearsNewestFirst(story) {
  return [...(story?.years ?? [])].reverse();
}

/** Totals over every year: {meetings, wins, given, received, solved}. */
export function storyTotals(story) {
  const totals = { meetings: 0, wins: 0, given: 0, received: 0, solved: 0 };
  for (const year of story?.years ?? []) {
    totals.meetings += year.meetings_held;
    totals.wins += year.wins;
    totals.given += year.support_given;
    totals.received += year.support_received;
    totals.solved += year.problems_closed;
  }
  return totals;
}

/** Years read at a time as the story scrolls back. */
export const EARLIER_YEARS = 10;

/**
 * The next page of earlier years to read, {from, to}, given the last year before those shown
 * (`Story.earlier`) and the first day; null when there is none.
 */
export function earlierPage(story, before) {
  if (before == null) return null;
  const first = calendarDate(story?.first_day)?.getFullYear() ?? before;
  const from = Math.max(first, before - EARLIER_YEARS + 1);
  return from <= before ? { from, to: before } : null;
}

/** What the totals cover: "In all", or the years the first screen holds ("In 2020–2025"). */
export function totalsLead(story) {
  const years = story?.years ?? [];
  if (story?.earlier == null || years.length === 0) return 'In all';
  const from = years[0].year;
  const to = years.at(-1).year;
  return from === to ? `In ${from}` : `In ${from}–${to}`;
}
