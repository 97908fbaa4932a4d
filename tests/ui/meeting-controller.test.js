// Unit tests of ui/meeting-controller.js with a fake api and recording views: the meeting, home
// and problem views are loaded the first time they are needed, never on the way to the first
// screen, and Home's count in the sidebar does not wait for them.

import assert from 'node:assert/strict';
import test from 'node:test';

import { MeetingController } from '../../ui/meeting-controller.js';
import { recording } from './recording.js';

const DUE = {
  partners: [{ partner: { id: 4, name: 'Grace' }, state: 'overdue' }],
  overdue_actions: [{ id: 1 }, { id: 2 }],
  decisions_to_revisit: [],
  problems_to_revisit: [{ id: 9 }],
  next_meetings: [{ id: 5 }],
};

function setup({ clipboard } = {}) {
  const log = [];
  const calls = [];
  const shell = recording('shell', log);
  const names = ['meeting', 'share', 'templates', 'followups', 'prepare', 'home', 'cadence', 'problem', 'partnerProblems', 'newProblem'];
  const views = Object.fromEntries(names.map((name) => [name, recording(name, log, name === 'meeting' ? { meeting: null } : {})]));
  const api = new Proxy(
    {
      getDue: async () => DUE,
      getMeeting: async (id) => ({ id, partners: [], agenda: [] }),
      shareAgenda: async () => '# WIP across our teams',
      saveSharedAgenda: async () => ({ path: '/tmp/agenda-5.ics', directory: '/tmp' }),
    },
    {
      get(target, prop) {
        return async (...args) => {
          calls.push([prop, ...args]);
          return prop in target ? target[prop](...args) : null;
        };
      },
    },
  );
  const load = async () => {
    log.push(['views', 'loaded']);
    return Object.fromEntries(names.map((name) => [name, views[name].view]));
  };
  const session = {
    reminders: () => ({ enabled: true, lead_minutes: 10 }),
  };
  const controller = new MeetingController(api, { shell: shell.view, load }, session, { today: () => '2026-11-21', clipboard });
  return { controller, log, calls, views };
}

const loads = (log) => log.filter(([v]) => v === 'views').length;

test('opening the vault shows Home’s count and hands over reminders without loading the views', async () => {
  const { controller, log, calls } = setup();
  await controller.open();
  assert.equal(loads(log), 0);
  assert.deepEqual(log.find(([v, m]) => v === 'shell' && m === 'showDueCount'), ['shell', 'showDueCount', DUE]);
  assert.deepEqual(calls.find(([c]) => c === 'setReminders'), ['setReminders', true, 10, undefined]);
  controller.clear();
  assert.equal(loads(log), 0, 'clearing does not load them either');
});

test('Home loads the views once, shows what is due, and refreshes the count', async () => {
  const { controller, log, views } = setup();
  await controller.open();
  await controller.showHome();
  assert.equal(loads(log), 1);
  assert.ok(log.some(([v, m, due]) => v === 'home' && m === 'show' && due === DUE));
  assert.ok(log.some(([v, m, name]) => v === 'shell' && m === 'showView' && name === 'home'));
  assert.equal(typeof views.home.handlers.bindOpen, 'function', 'the view is wired once loaded');
  await controller.openMeeting(5);
  await controller.preload();
  assert.equal(loads(log), 1, 'loaded once');
  assert.ok(log.some(([v, m, meeting]) => v === 'meeting' && m === 'show' && meeting.id === 5));
  controller.clear();
  assert.ok(log.some(([v, m]) => v === 'home' && m === 'clear'));
});

test('a lock while the views load: nothing is shown afterwards', async () => {
  const { controller, log } = setup();
  await controller.open();
  const showing = controller.showHome();
  controller.clear();
  await showing;
  assert.ok(!log.some(([v, m]) => v === 'home' && m === 'show'));
  assert.ok(!log.some(([v, m, name]) => v === 'shell' && m === 'showView' && name === 'home'));
});

test('sharing copies the agenda the core wrote, or saves the invitation where chosen last', async () => {
  const copied = [];
  const { controller, log, calls, views } = setup({ clipboard: { writeText: async (text) => copied.push(text) } });
  await controller.preload();
  views.meeting.view.meeting = { id: 5 };
  await views.share.handlers.bindShare('copy');
  assert.deepEqual(copied, ['# WIP across our teams']);
  assert.ok(log.some(([v, m, text]) => v === 'share' && m === 'showStatus' && /Copied/.test(text)));
  await views.share.handlers.bindShare('ics');
  await views.share.handlers.bindShare('ics');
  const saves = calls.filter(([c]) => c === 'saveSharedAgenda');
  assert.deepEqual(saves[0], ['saveSharedAgenda', 5, 'ics', undefined]);
  assert.deepEqual(saves[1], ['saveSharedAgenda', 5, 'ics', '/tmp'], 'the next dialog opens where the last file went');
  await views.share.handlers.bindPlan({ purpose: 'WIP', minutes: null });
  assert.deepEqual(calls.find(([c]) => c === 'setMeetingPlan'), ['setMeetingPlan', 5, 'WIP', undefined]);
});

test('templates: saving, a default moved, and a failure shown in the editor', async () => {
  const { controller, log, calls, views } = setup();
  await controller.openTemplates();
  assert.ok(log.some(([v, m]) => v === 'shell' && m === 'showView'));
  await views.templates.handlers.bindSave(7, 'Cross-team sync', [{ title: 'Check-in', prompt: '' }]);
  assert.deepEqual(calls.find(([c]) => c === 'updateTemplate'), ['updateTemplate', 7, 'Cross-team sync', [{ title: 'Check-in', prompt: '' }]]);
  await views.templates.handlers.bindDefault('cross_functional', 7);
  assert.deepEqual(calls.find(([c]) => c === 'setDefaultTemplate'), ['setDefaultTemplate', 'cross_functional', 7]);
  const shown = log.filter(([v, m]) => v === 'templates' && m === 'show');
  assert.equal(shown.at(-1)[3].chosenId, 7, 'the template just changed stays in the editor');
});

test('follow-ups: each tab asks the api with its filter, and an old answer is dropped', async () => {
  const { controller, log, calls, views } = setup();
  views.followups.view.filter = { tab: 'actions', text: '', partnerId: null, which: 'overdue' };
  await controller.openFollowUps();
  assert.deepEqual(calls.find(([c]) => c === 'listActions'), ['listActions', { open: true, overdue_on: '2026-11-21' }]);
  await views.followups.handlers.bindChange({ tab: 'decisions', text: 'wip', partnerId: 4, which: 'open' });
  assert.deepEqual(calls.find(([c]) => c === 'listDecisions'), ['listDecisions', { open: true, partnerId: 4, text: 'wip' }]);
  assert.ok(log.some(([v, m]) => v === 'followups' && m === 'show'));
});

test("the meeting's pulse is set and taken back, and the meeting drawn again", async () => {
  const { controller, log, calls, views } = setup();
  await controller.preload();
  views.meeting.view.meeting = { id: 5 };
  await views.meeting.handlers.bindPulse(4);
  await views.meeting.handlers.bindPulse(null);
  assert.deepEqual(
    calls.filter(([c]) => c === 'setMeetingPulse'),
    [['setMeetingPulse', 5, 4], ['setMeetingPulse', 5, null]],
  );
  assert.ok(log.some(([v, m, meeting]) => v === 'meeting' && m === 'show' && meeting.id === 5));
});

test("support noted from a meeting opens the editor linked to the meeting's partners", async () => {
  const { controller, views } = setup();
  const written = [];
  controller.bindWrite((draft) => written.push(draft));
  await controller.preload();
  views.meeting.view.meeting = { id: 5, partners: [{ id: 4, name: 'Grace', role: 'Director' }] };
  await views.meeting.handlers.bindRecordSupport('received');
  assert.equal(written.length, 1);
  assert.deepEqual(written[0].partners, [{ id: 4, name: 'Grace' }]);
  assert.deepEqual(written[0].support, { direction: 'received', act: 'covered' });
});
