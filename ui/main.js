// Assembles the app: the api, the views and the controllers that wire them. Nothing else.

import { createApi } from './api.js';
import { VaultController } from './vault-controller.js';
import { loadPart } from './dom.js';
import { AutoLock, readAutoLockMinutes, writeAutoLockMinutes } from './idle.js';
import { JournalController } from './journal-controller.js';
import { MeetingController } from './meeting-controller.js';
import { readReminders, writeReminders } from './meetings.js';
import { PartnersView } from './partners-view.js';
import { ShellView } from './shell-view.js';
import { TimelineView } from './timeline-view.js';
import { VaultView } from './vault-view.js';

// The vault screens' controller, made last: it wires the journal made below.
let controller = null;
// A journal command that finds the vault gone ends the session here, and only here (api.js).
const api = createApi(undefined, { vaultGone: (error) => controller?.vaultGone(error) });
// Asked first, so that Rust answers while the views are built.
const status = api.vaultStatus();
// The first screen also waits for the text face (ui/fonts/, preloaded by index.html) in both
// weights: text laid out before it is in is laid out twice, the first time in a system font,
// which costs a fontconfig lookup per size and weight (docs/benchmarks.md). If it cannot be read,
// the page goes on in the fallback font.
const textFace = Promise.all(['400', '600'].map((weight) => document.fonts.load(`${weight} 1em Inter`))).catch(() => {});
const shell = new ShellView(document);
const timeline = (name, mode = 'live') =>
  new TimelineView(document, {
    container: document.querySelector(`[data-timeline="${name}"]`),
    end: document.querySelector(`[data-timeline-end="${name}"]`),
    scroller: shell.scroller,
    mode,
  });

const autoLock = new AutoLock({
  minutes: readAutoLockMinutes(globalThis.localStorage),
  onIdle: () => controller.lockWhenIdle(),
});
const session = {
  lock: () => controller.lock(),
  autoLockMinutes: () => autoLock.minutes,
  setAutoLockMinutes: (minutes) => autoLock.setMinutes(writeAutoLockMinutes(globalThis.localStorage, minutes)),
  reminders: () => readReminders(globalThis.localStorage),
  setReminders: (reminders) => {
    const saved = writeReminders(globalThis.localStorage, reminders);
    api.setReminders(saved.enabled, saved.lead_minutes, saved.reflect_quarterly).catch(() => {});
  },
};
// Views that are not on the first screen (dialogs, meetings, home, problems, the summary) are
// loaded the first time they are needed, or a moment after the first screen, with their markup
// and styles (ui/parts/): every module, element and rule read at start delays it
// (docs/benchmarks.md).
const meetings = new MeetingController(
  api,
  {
    shell,
    load: () =>
      Promise.all([
        import('./meeting-view.js'),
        import('./prepare-view.js'),
        import('./home-view.js'),
        import('./problem-view.js'),
        import('./meeting-share-view.js'),
        import('./templates-view.js'),
        import('./followups-view.js'),
        loadPart(document, 'meetings'),
      ]).then(
        ([
          { MeetingView },
          { PrepareView },
          { CadenceView, HomeView },
          { NewProblemView, PartnerProblemsView, ProblemView },
          { MeetingShareView },
          { TemplatesView },
          { FollowUpsView },
        ]) => ({
          meeting: new MeetingView(document),
          share: new MeetingShareView(document),
          templates: new TemplatesView(document),
          followups: new FollowUpsView(document),
          prepare: new PrepareView(document),
          home: new HomeView(document),
          cadence: new CadenceView(document),
          problem: new ProblemView(document),
          partnerProblems: new PartnerProblemsView(document),
          newProblem: new NewProblemView(document),
        }),
      ),
  },
  session,
);
let summaryLoaded = null;
const loadSummary = () =>
  (summaryLoaded ??= Promise.all([
    import('./summary-controller.js'),
    import('./summary-view.js'),
    loadPart(document, 'summary'),
  ]).then(
    ([{ SummaryController }, { SummaryView }]) =>
      new SummaryController(api, { shell, summary: new SummaryView(document) }),
  ));
const summary = {
  show: async () => (await loadSummary()).show(),
  clear: () => summaryLoaded?.then((loaded) => loaded.clear()),
};
// The story of a partnership, loaded the first time one is opened.
let storyLoaded = null;
const loadStory = () =>
  (storyLoaded ??= Promise.all([
    import('./story-controller.js'),
    import('./story-view.js'),
    loadPart(document, 'story'),
  ]).then(
    ([{ StoryController }, { StoryView }]) =>
      new StoryController(api, {
        shell,
        view: new StoryView(document, { scroller: shell.scroller }),
        openPartner: (id) => journal.openPartner(id),
      }),
  ));
const story = {
  show: async (partner) => (await loadStory()).show(partner),
  clear: () => storyLoaded?.then((loaded) => loaded.clear()),
};
// Settings → Security: its markup comes with the dialogs part; loaded after the first screen,
// or when Settings or the lock screen first asks for it.
let securityLoaded = null;
const loadSecurity = () =>
  (securityLoaded ??= Promise.all([
    import('./security-controller.js'),
    import('./security-view.js'),
    loadPart(document, 'dialogs'),
  ]).then(
    ([{ SecurityController }, { SecurityView }]) =>
      new SecurityController(api, new SecurityView(document), {
        changed: (status) => {
          controller.statusChanged(status);
          shell.showStatus(status);
        },
      }),
  ));
const security = {
  clear: () => securityLoaded?.then((loaded) => loaded.clear()),
};
// Settings → Your data: made once the first screen is up (below).
let dataLoaded = null;
const data = {
  clear: () => dataLoaded?.then((loaded) => loaded.clear()),
};
const journal = new JournalController(
  api,
  {
    shell,
    timelines: { journal: timeline('journal'), partner: timeline('partner'), trash: timeline('trash', 'trash') },
    partners: new PartnersView(document),
    history: () =>
      Promise.all([import('./history-view.js'), loadPart(document, 'dialogs')]).then(
        ([{ HistoryView }]) => new HistoryView(document),
      ),
    answers: () =>
      Promise.all([import('./answers-view.js'), loadPart(document, 'dialogs')]).then(
        ([{ AnswersView }]) => new AnswersView(document),
      ),
    dialogs: () =>
      Promise.all([
        import('./editor-view.js'),
        import('./reader-view.js'),
        import('./palette-view.js'),
        loadPart(document, 'dialogs'),
      ]).then(
        ([{ EditorView }, { ReaderView }, { PaletteView }]) => ({
          editor: new EditorView(document),
          reader: new ReaderView(document),
          palette: new PaletteView(document),
        }),
      ),
  },
  session,
  { meetings, summary, story, security, data },
);
meetings.bindOpenPartner((id) => journal.openPartner(id));
meetings.bindWrite((draft) => journal.write(draft));
shell.bindActivity(() => autoLock.touch());
shell.bindSettingsOpened(() => loadSecurity().then((security) => security.show()));
shell.bindOpenTemplates(() => meetings.openTemplates());
controller = new VaultController(api, new VaultView(document), {
  journal,
  autoLock,
  requirePassphrase: () => loadSecurity().then((security) => security.open('require')),
});
// After the first screen, whichever it is: the views loaded on first use (so that the first use
// does not wait), the desktop-wide shortcut, whose registration holds the app's UI thread for a
// moment, and Settings → Your data, which is not needed before.
const PRELOAD_AFTER_MS = 300;
const SHORTCUT_AFTER_MS = 1000;
controller.start(Promise.all([status, textFace]).then(([answer]) => answer)).then(() => {
  setTimeout(() => {
    journal.preload();
    meetings.preload();
  }, PRELOAD_AFTER_MS);
  setTimeout(() => journal.showShortcut(), SHORTCUT_AFTER_MS);
  setTimeout(() => loadSecurity(), PRELOAD_AFTER_MS);
  // Choices an older Rapport kept in WebKit's storage (plaintext) move into the vault now if it
  // is open, else when they are first used. Only when some are left: this asks Rust nothing on
  // an ordinary start.
  setTimeout(() => {
    Promise.all([import('./remembered.js'), import('./summary.js'), import('./data-controller.js')]).then(
      ([{ recall }, { SUMMARY_PREFERENCE, LEGACY_SUMMARY_KEY, cleanSummaryChoices }, { FOLDER, LEGACY_FOLDER }]) => {
        const storage = globalThis.localStorage;
        const left = (key) => storage?.getItem(key) != null;
        if (left(LEGACY_SUMMARY_KEY)) recall(api, SUMMARY_PREFERENCE, storage, LEGACY_SUMMARY_KEY, cleanSummaryChoices);
        if (left(LEGACY_FOLDER)) recall(api, FOLDER, storage, LEGACY_FOLDER);
      },
    );
  }, PRELOAD_AFTER_MS);
  dataLoaded = Promise.all([import('./data-controller.js'), import('./data-view.js')]).then(
    ([{ DataController }, { DataView }]) =>
      new DataController(api, new DataView(document), {
        changed: async () => journal.open(await api.vaultStatus()),
      }),
  );
  return dataLoaded;
});
