// The story of a partnership: how its page words the years, and the controller that reads them,
// a year's highlights, and saves it.

import assert from 'node:assert/strict';
import test from 'node:test';

import { StoryController } from '../../ui/story-controller.js';
import {
  earlierPage,
  howLong,
  isQuiet,
  storySubtitle,
  storyTotals,
  totalsLead,
  yearFacts,
  yearMilestones,
  yearsNewestFirst,
} from '../../ui/story.js';
import { recording } from './recording.js';

const year = (y, fields = {}) => ({
  year: y,
  meetings_held: 0,
  pulse: null,
  entries: 0,
  wins: 0,
  concerns: 0,
  support_given: 0,
  support_received: 0,
  problems_closed: 0,
  ...fields,
});

const STORY = {
  partner: {
    id: 4,
    name: 'Mike Chen',
    relationships: [
      { relationship: 'report', started: '2012-03-01', ended: '2016-07-01' },
      { relationship: 'peer', started: '2016-07-01', ended: '2020-01-01' },
      { relationship: 'mentor', started: '2020-01-01', ended: null },
    ],
    roles: [{ role: 'Director', organisation: 'Initech', started: '2016-07-01', ended: null }],
    pauses: [{ reason: 'leave', started: '2021-03-01', ended: '2022-03-01' }],
  },
  first_day: '2012-03-01',
  years: [
    year(2012, { entries: 1, wins: 1 }),
    year(2013),
    year(2016, { meetings_held: 12, pulse: 4.25, support_given: 2, support_received: 1, concerns: 1, entries: 5 }),
    year(2021),
  ],
};

test('the page words how long, the shape, each year and what changed in it', () => {
  assert.equal(howLong('2012-03-01', new Date(2025, 2, 14)), '13 years working together');
  assert.equal(howLong('2012-03-20', new Date(2025, 2, 14)), '12 years working together', 'not yet the anniversary');
  assert.equal(howLong('2024-06-01', new Date(2025, 2, 14)), 'Less than a year working together');
  assert.equal(howLong('2024-03-01', new Date(2025, 2, 14)), 'A year working together');
  assert.equal(howLong(null), 'Working together');
  assert.equal(storySubtitle(STORY), 'Since March 2012 · Report, then Peer, then Mentor');
  assert.deepEqual(
    yearFacts(STORY.years[2]).map((f) => [f.text, f.tone]),
    [
      ['12 meetings held', ''],
      ['doing 4.3 of 5', ''],
      ['you supported them twice', 'given'],
      ['they supported you once', 'received'],
      ['1 concern', ''],
      ['5 entries', ''],
    ],
  );
  assert.deepEqual(yearMilestones(STORY, 2016), ['From July 2016: Peer (was Report)', 'Their role: Director at Initech']);
  assert.deepEqual(yearMilestones(STORY, 2012), ['Began: Report']);
  assert.deepEqual(yearMilestones(STORY, 2021), ['Leave from March 2021, back March 2022']);
  assert.equal(isQuiet(STORY, STORY.years[1]), true);
  assert.equal(isQuiet(STORY, STORY.years[3]), false, 'a year with a leave is not quiet');
  assert.deepEqual(yearsNewestFirst(STORY).map((y) => y.year), [2021, 2016, 2013, 2012]);
  assert.deepEqual(storyTotals(STORY), { meetings: 12, wins: 1, given: 2, received: 1, solved: 0 });
  assert.deepEqual(yearsNewestFirst(null), []);
});

function setup(api = {}) {
  const log = [];
  const calls = [];
  const shell = recording('shell', log);
  const view = recording('story', log);
  const proxy = new Proxy(
    { getStory: async () => STORY, getStoryHighlights: async (id, y) => ({ year: y, entries: [], more: false }), ...api },
    {
      get(target, prop) {
        return async (...args) => {
          calls.push([prop, ...args]);
          return prop in target ? target[prop](...args) : null;
        };
      },
    },
  );
  const opened = [];
  const controller = new StoryController(proxy, { shell: shell.view, view: view.view, openPartner: (id) => opened.push(id) });
  return { controller, log, calls, view, opened };
}

test('opening a story reads its years; a year asked for is read for that partner; saving says where', async () => {
  const { controller, log, calls, view, opened } = setup({ saveStory: async () => ({ path: '/tmp/story.pdf', directory: '/tmp' }) });
  await controller.show({ id: 4, name: 'Mike Chen' });
  assert.ok(log.some(([v, m, name]) => v === 'shell' && m === 'showView' && name === 'story'));
  assert.ok(log.some(([v, m, story]) => v === 'story' && m === 'show' && story === STORY));
  await view.handlers.bindNeedHighlights(2016, 5);
  assert.deepEqual(calls.find(([c]) => c === 'getStoryHighlights'), ['getStoryHighlights', 4, 2016, 5]);
  assert.ok(log.some(([v, m, page]) => v === 'story' && m === 'showHighlights' && page.year === 2016));
  await view.handlers.bindSave('pdf', true);
  await view.handlers.bindSave('md', false);
  const saves = calls.filter(([c]) => c === 'saveStory');
  assert.deepEqual(saves[0], ['saveStory', 4, 'pdf', true, undefined]);
  assert.deepEqual(saves[1], ['saveStory', 4, 'md', false, '/tmp'], 'the next dialog opens where the last file went');
  const status = log.filter(([v, m]) => v === 'story' && m === 'showStatus').map(([, , text]) => text);
  assert.equal(status[0], 'Saved to /tmp/story.pdf (readable only by you), with the private side.');
  view.handlers.bindOpenPartner(4);
  assert.deepEqual(opened, [4]);
});

test("an answer for a story no longer shown is dropped, and a refusal is said", async () => {
  let answer;
  const { controller, log } = setup({
    getStory: () => new Promise((resolve) => { answer = resolve; }),
  });
  const shown = controller.show({ id: 4, name: 'Mike Chen' });
  controller.clear();
  answer(STORY);
  await shown;
  assert.ok(!log.some(([v, m]) => v === 'story' && m === 'show'), 'cleared before it came');

  const failing = setup({ getStory: async () => { throw Object.assign(new Error('partner not found'), { kind: 'not_found' }); } });
  await failing.controller.show({ id: 9, name: 'Gone' });
  assert.ok(failing.log.some(([v, m]) => v === 'story' && m === 'showError'));
});

test('earlier years are read ten at a time back to the first day, and the totals say what they cover', () => {
  const story = { first_day: '2004-05-01', years: [year(2020), year(2025)], earlier: 2019 };
  assert.deepEqual(earlierPage(story, 2019), { from: 2010, to: 2019 });
  assert.deepEqual(earlierPage(story, 2009), { from: 2004, to: 2009 });
  assert.equal(earlierPage(story, 2003), null, 'before the first day');
  assert.equal(earlierPage(story, null), null);
  assert.equal(totalsLead(story), 'In 2020–2025');
  assert.equal(totalsLead({ ...story, earlier: null }), 'In all');
});

test('scrolling back reads the earlier years for that partner', async () => {
  const { controller, calls, log, view } = setup({ getStoryYears: async (id, from, to) => [year(from), year(to)] });
  await controller.show({ id: 4, name: 'Mike Chen' });
  await view.handlers.bindNeedYears(2010, 2019);
  assert.deepEqual(calls.find(([c]) => c === 'getStoryYears'), ['getStoryYears', 4, 2010, 2019]);
  assert.ok(log.some(([v, m, years]) => v === 'story' && m === 'showEarlierYears' && years.length === 2));
});

test('earlier years that fail to come stay asked for, to try again', async () => {
  const { controller, log, view } = setup({
    getStoryYears: async () => { throw Object.assign(new Error('vault busy'), { kind: 'vault_busy' }); },
  });
  await controller.show({ id: 4, name: 'Mike Chen' });
  await view.handlers.bindNeedYears(2010, 2019);
  assert.ok(log.some(([v, m, from, to]) => v === 'story' && m === 'earlierFailed' && from === 2010 && to === 2019));
  assert.ok(log.some(([v, m]) => v === 'story' && m === 'showError'));
});
