import assert from 'node:assert/strict';
import test from 'node:test';

import { groupHits } from '../../ui/search.js';
import {
  agendaKeyAction,
  agendaSections,
  balance,
  cadenceStateLabel,
  carriedFacts,
  copyName,
  defaultTemplateId,
  isPeerTemplate,
  templateSections,
  dueCount,
  isOverdue,
  meetingAt,
  meetingTitle,
  monthBars,
  newMeetingArgument,
  nextHalfHour,
  preparedNotice,
  readReminders,
  toggledState,
  writeReminders,
} from '../../ui/meetings.js';

const item = (id, section, position, extra = {}) => ({ id, section, position, text: `item ${id}`, notes: '', state: 'open', carried: null, ...extra });

test('the agenda groups by the meeting’s sections, in order, items by position', () => {
  const meeting = {
    sections: [
      { title: 'Carried forward', prompt: 'Still open' },
      { title: 'Check-in', prompt: 'A quick human connection first.' },
      { title: 'The problem', prompt: 'Your side, theirs' },
    ],
    agenda: [item(3, 'The problem', 2), item(2, 'The problem', 1), item(9, 'Old section', 1)],
  };
  const sections = agendaSections(meeting);
  // The empty "Check-in" section is left out: the meeting's own check-in field asks it once.
  assert.deepEqual(sections.map((s) => s.title), ['The problem', 'Old section']);
  assert.deepEqual(sections[0].items.map((i) => i.id), [2, 3]);
  assert.equal(sections[0].prompt, 'Your side, theirs');
  // With items of its own, it stays.
  meeting.agenda.push(item(5, 'Check-in', 1));
  assert.deepEqual(agendaSections(meeting).map((s) => s.title), ['Check-in', 'The problem', 'Old section']);
});

test('a carried section with items comes first', () => {
  const meeting = {
    sections: [{ title: 'Carried forward', prompt: '' }, { title: 'Agenda', prompt: '' }],
    agenda: [item(1, 'Carried forward', 1, { carried: { kind: 'agenda', root: 1, from: '2026-11-01T10:00:00Z' } })],
  };
  assert.deepEqual(agendaSections(meeting).map((s) => s.title), ['Carried forward', 'Agenda']);
});

test('carried facts say what an item is, where it came from and whether it is overdue', () => {
  const action = { id: 4, owner: 'them', due: '2026-11-10', done_at: null, origin_at: '2026-11-03T09:00:00Z' };
  const facts = carriedFacts(item(1, 'Carried forward', 1, { carried: { kind: 'action', action } }), '2026-11-21', 'en-GB');
  assert.equal(facts.kind, 'Action');
  assert.equal(facts.from, '3 Nov 2026');
  assert.deepEqual(facts.details, ['Theirs', 'due 10 Nov 2026', 'overdue']);
  assert.ok(facts.overdue);

  const decision = { id: 5, agreed: false, revisit_on: '2026-11-20', closed_at: null, origin_at: '2026-11-03T09:00:00Z' };
  const d = carriedFacts(item(2, 'Carried forward', 2, { carried: { kind: 'decision', decision } }), '2026-11-21', 'en-GB');
  assert.deepEqual(d.details, ['Not agreed yet', 'decide again 20 Nov 2026']);

  assert.equal(carriedFacts(item(3, 'x', 1, { carried: { kind: 'entry', entry: 7, from: '2026-11-03T09:00:00Z' } }), '2026-11-21').kind, 'Note');
  assert.equal(carriedFacts(item(3, 'x', 1, { carried: { kind: 'agenda', root: 1, from: '2026-11-03T09:00:00Z' } }), '2026-11-21').kind, 'Earlier item');
  assert.equal(carriedFacts(item(3, 'x', 1), '2026-11-21'), null);
});

test('an action is overdue only while open and past its due date', () => {
  assert.ok(isOverdue({ due: '2026-11-20', done_at: null }, '2026-11-21'));
  assert.ok(!isOverdue({ due: '2026-11-21', done_at: null }, '2026-11-21'));
  assert.ok(!isOverdue({ due: '2026-11-20', done_at: '2026-11-20T10:00:00Z' }, '2026-11-21'));
  assert.ok(!isOverdue({ due: null, done_at: null }, '2026-11-21'));
});

test('meeting keys: D, P, N, A, Shift+D and Alt+arrows; nothing with Ctrl', () => {
  const key = (k, mods = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
  assert.equal(agendaKeyAction(key('d')), 'discussed');
  assert.equal(agendaKeyAction(key('D', { shiftKey: true })), 'capture-decision');
  assert.equal(agendaKeyAction(key('D')), 'capture-decision');
  assert.equal(agendaKeyAction(key('p')), 'park');
  assert.equal(agendaKeyAction(key('n')), 'notes');
  assert.equal(agendaKeyAction(key('a')), 'capture-action');
  assert.equal(agendaKeyAction(key('ArrowUp', { altKey: true })), 'move-up');
  assert.equal(agendaKeyAction(key('ArrowDown', { altKey: true })), 'move-down');
  assert.equal(agendaKeyAction(key('ArrowDown')), 'next');
  assert.equal(agendaKeyAction(key('d', { ctrlKey: true })), null);
  assert.equal(agendaKeyAction(key('x')), null);
  assert.equal(toggledState('discussed', 'discussed'), 'open');
  assert.equal(toggledState('open', 'parked'), 'parked');
});

test('preparing: the argument of create_meeting, with signals when the template asks them', () => {
  const peer = newMeetingArgument({ partnerIds: [3, 5, 3], at: '2026-11-21T10:30', templateId: '1', withSignals: true, signals: { shared_problem: true }, purpose: ' WIP ', minutes: '30' });
  assert.deepEqual(peer.partner_ids, [3, 5], 'a cohort, each partner once');
  assert.equal(peer.template_id, 1);
  assert.equal(peer.purpose, 'WIP');
  assert.equal(peer.minutes, 30);
  assert.match(peer.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  assert.deepEqual(peer.signals, { shared_problem: true, need_cooperation: false, benefits_everyone: false });
  const mentor = newMeetingArgument({ partnerIds: [3], at: '2026-11-21T10:30', templateId: '', withSignals: false, purpose: '', minutes: '' });
  assert.equal(mentor.signals, undefined);
  assert.equal(mentor.template_id, undefined);
  assert.equal(mentor.purpose, undefined);
  assert.equal(mentor.minutes, undefined);
  assert.equal(meetingAt('nonsense'), null);
  assert.equal(nextHalfHour(new Date(2026, 10, 21, 9, 12)), '2026-11-21T09:30');
  assert.equal(nextHalfHour(new Date(2026, 10, 21, 9, 45)), '2026-11-21T10:00');
});

test('the template preselected is the one the vault names for the relationship', () => {
  const templates = [
    { id: 1, name: 'Peer one-on-one', key: 'peer', default_for: ['peer'] },
    { id: 3, name: 'Mentor check-in', key: 'mentor', default_for: ['mentee', 'mentor'] },
    { id: 7, name: 'Cross-team sync', key: null, default_for: ['cross_functional'] },
  ];
  assert.equal(defaultTemplateId(templates, 'mentor'), 3);
  assert.equal(defaultTemplateId(templates, 'cross_functional'), 7);
  assert.equal(defaultTemplateId(templates, 'report'), 1, 'none named: the first');
  // Signals for every relationship that uses a peer template, whatever it is called.
  assert.equal(isPeerTemplate(templates[0]), true);
  assert.equal(isPeerTemplate(templates[2]), true);
  assert.equal(isPeerTemplate(templates[1]), false);
  assert.equal(isPeerTemplate(undefined), false);
});

test('the template editor: sections trimmed, empty rows dropped; a copy takes a free name', () => {
  assert.deepEqual(templateSections([{ title: ' Check-in ', prompt: '' }, { title: '', prompt: ' ' }, { title: '', prompt: 'Why?' }]), [
    { title: 'Check-in', prompt: '' },
    { title: '', prompt: 'Why?' },
  ]);
  const templates = [{ name: 'Peer one-on-one' }, { name: 'Peer one-on-one (copy)' }];
  assert.equal(copyName('Peer one-on-one', templates), 'Peer one-on-one (copy 2)');
  assert.equal(copyName('Mentor check-in', templates), 'Mentor check-in (copy)');
});

test('cadence: labels, bars of the last twelve months, balance', () => {
  assert.equal(cadenceStateLabel({ state: 'overdue', due_on: '2026-11-01' }, 'en-GB'), 'Overdue since 1 Nov 2026');
  assert.equal(cadenceStateLabel({ state: 'untracked' }), 'No cadence set');
  const perMonth = Array.from({ length: 14 }, (_, i) => ({ month: `2026-${String(i + 1).padStart(2, '0')}`, held: i % 3 }));
  const bars = monthBars(perMonth);
  assert.equal(bars.length, 12);
  assert.equal(bars[0].month, '2026-03');
  assert.equal(Math.max(...bars.map((b) => b.height)), 1);
  assert.deepEqual(balance({ open_mine: 1, open_theirs: 3 }), { mine: 1, theirs: 3, mineShare: 0.25 });
  assert.equal(balance({}).mineShare, 0.5);
});

test('meeting titles name the partners', () => {
  assert.equal(meetingTitle({ partners: [{ name: 'Ada' }] }), 'One-on-one with Ada');
  assert.equal(meetingTitle({ partners: [{ name: 'Ada' }, { name: 'Grace' }, { name: 'Lin' }] }), 'Meeting with Ada, Grace and Lin');
});

test('reminder preferences round-trip and fall back to on, 10 minutes, no quarterly reminder', () => {
  const store = new Map();
  const storage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) };
  assert.deepEqual(readReminders(storage), { enabled: true, lead_minutes: 10, reflect_quarterly: false });
  writeReminders(storage, { enabled: false, lead_minutes: 30, reflect_quarterly: true });
  assert.deepEqual(readReminders(storage), { enabled: false, lead_minutes: 30, reflect_quarterly: true });
  assert.deepEqual(writeReminders(storage, { enabled: true, lead_minutes: 99999 }), {
    enabled: true,
    lead_minutes: 1440,
    reflect_quarterly: false,
  });
  store.set('rapport.reminders', '{broken');
  assert.deepEqual(readReminders(storage), { enabled: true, lead_minutes: 10, reflect_quarterly: false });
  store.set('rapport.reminders', '{"enabled":true,"lead_minutes":10,"reflect_quarterly":"yes"}');
  assert.equal(readReminders(storage).reflect_quarterly, false, 'only a true turns it on');
});

test('search groups meetings and problems after entries', () => {
  const hits = [
    { type: 'meeting', meeting: { id: 1 } },
    { type: 'entry', entry: { id: 2 } },
    { type: 'problem', problem: { id: 3 } },
    { type: 'partner', partner: { id: 4 } },
  ];
  const { groups, total } = groupHits(hits);
  assert.deepEqual(groups.map((g) => g.type), ['partner', 'entry', 'meeting', 'problem']);
  assert.equal(total, 4);
});

test('Home’s count: partners due, overdue actions, decisions and problems to decide again', () => {
  assert.equal(dueCount({}), 0);
  assert.equal(
    dueCount({
      partners: [{}],
      overdue_actions: [{}, {}],
      decisions_to_revisit: [{}],
      problems_to_revisit: [{}],
      next_meetings: [{}, {}, {}],
    }),
    5,
  );
});

test('preparing says which lapsed meetings the agenda took over from', () => {
  assert.equal(preparedNotice(0), 'Agenda prepared.');
  assert.equal(preparedNotice(3, []), 'Agenda prepared: 3 carried forward.');
  const said = preparedNotice(2, [{ id: 4, at: '2026-11-12T10:00:00Z' }]);
  assert.match(said, /^Agenda prepared: 2 carried forward\. It took over the open items of the meeting of .*(12.*Nov|Nov.*12).*2026, which was never marked held; say on Home whether it happened\.$/);
  assert.match(preparedNotice(1, [{ at: '2026-11-12T10:00:00Z' }, { at: '2026-11-19T10:00:00Z' }]), /the meetings of .*, which were never marked held/);
});

test('a lapsed meeting counts on Home until it is answered', () => {
  assert.equal(dueCount({ lapsed_meetings: [{ id: 1 }, { id: 2 }], partners: [{}] }), 3);
});
