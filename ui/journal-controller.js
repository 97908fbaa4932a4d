// Wires the open journal: opens and clears it, moves between its views, and answers the shortcuts.
// Entries (timelines, reader, editor), partners and the search palette have a controller each;
// this one makes them, hands each what it needs of the others, and loads their dialogs.
// Knows nothing of the DOM (views do that) and nothing of the vault's key (the vault controller
// does that).

import { EntriesController } from './entries-controller.js';
import { PaletteController } from './palette-controller.js';
import { PartnersController } from './partners-controller.js';

/** Meetings that do nothing, for tests of the journal alone (see meeting-controller.js). */
const NO_MEETINGS = {
  open: async () => {},
  clear: () => {},
  showHome: async () => {},
  partnerShown: async () => {},
  openMeeting: async () => {},
  openProblem: async () => {},
};

/** The longest a lock waits for what is being typed to be kept. */
const KEEP_TYPING_MS = 2000;

/** A screen that does nothing when cleared, for tests of the journal alone. */
const NOTHING = { show: async () => {}, clear: () => {} };

export class JournalController {
  #api;
  #shell;
  #loadDialogs;
  #dialogsLoaded = null;
  #session;
  #meetings;
  #summary;
  #story;
  #security;
  #data;
  #timers;
  #entries;
  #partners;
  #palette;

  /** Bumped on every open and clear, so answers for a locked session are dropped. */
  #generation = 0;

  /**
   * `views` = {shell, timelines: {journal, partner, trash}, partners, history, answers, dialogs}, where
   * `dialogs()` loads the views that are not on the first screen and gives a Promise of {editor,
   * reader, palette}: it is called the first time one of them is needed, or by `preload()`;
   * `history()` and `answers()` likewise load the partner's history dialog and a prompt's
   * answers dialog (PartnersController).
   * `session` = {lock(), autoLockMinutes(), setAutoLockMinutes(minutes), reminders(),
   * setReminders(reminders)}. The other screens ({meetings, summary, story, security, data}) are
   * cleared with the journal; each is optional for tests. `story.show(partner)` opens a
   * partnership's story.
   */
  constructor(
    api,
    views,
    session,
    {
      timers = globalThis,
      meetings = NO_MEETINGS,
      summary = NOTHING,
      story = NOTHING,
      security = NOTHING,
      data = NOTHING,
    } = {},
  ) {
    this.#api = api;
    this.#shell = views.shell;
    this.#loadDialogs = views.dialogs;
    this.#session = session;
    this.#timers = timers;
    this.#meetings = meetings;
    this.#summary = summary;
    this.#story = story;
    this.#security = security;
    this.#data = data;

    this.#partners = new PartnersController(
      api,
      { shell: views.shell, partners: views.partners, history: views.history, answers: views.answers },
      {
        write: (draft) => this.#entries.write({ draft }),
        partnerShown: async (partner) => {
          this.#entries.partnerShown();
          await this.#meetings.partnerShown(partner);
        },
        cadenceChanged: (partner) => this.#meetings.partnerShown(partner),
        refreshStatus: () => this.#refreshStatus(),
        openStory: (partner) => this.#story.show?.(partner),
      },
    );
    this.#entries = new EntriesController(
      api,
      { shell: views.shell, timelines: views.timelines },
      this.#partners,
      {
        dialogs: () => this.#dialogs(),
        refreshStatus: () => this.#refreshStatus(),
        closeDialogsForEditor: () => this.#palette.close(),
      },
      timers,
    );
    this.#palette = new PaletteController(
      api,
      {
        dialogs: () => this.#dialogs(),
        partners: () => this.#partners.list,
        open: (hit) => this.#openHit(hit),
      },
      timers,
    );

    this.#shell.bindShortcut((action) => this.#shortcut(action));
    this.#shell.bindNavigate((view) => this.navigate(view));
    this.#shell.bindAutoLockSetting((minutes) => session.setAutoLockMinutes(minutes));
    this.#shell.bindRemindersSetting?.((reminders) => session.setReminders?.(reminders));
  }

  /** Loads the editor, the reader and the palette now, so that their first use is instant. */
  preload() {
    return this.#dialogs();
  }

  /** The editor, the reader and the palette, loaded and wired the first time they are needed. */
  #dialogs() {
    this.#dialogsLoaded ??= this.#loadDialogs().then(({ editor, reader, palette }) => {
      this.#entries.attach({ editor, reader });
      this.#palette.attach(palette);
    });
    return this.#dialogsLoaded;
  }

  // ---- the session ----

  /** Shows the open journal for `status`: the timeline and the counts. */
  async open(status) {
    this.#generation += 1;
    this.#shell.showStatus(status);
    this.#shell.showView('journal', { focus: false });
    this.#entries.start();
    // Focus starts on the journal's heading: the unlock form that had it is gone.
    this.#shell.focusViewNextFrame('journal');
    await Promise.all([this.#partners.refresh(), this.#meetings.open()]);
    // What was being typed when the vault locked or the app stopped is offered again.
    await this.#entries.restoreDraft();
  }

  /**
   * Keeps what is being typed (the editor's draft, the meeting's notes) before the vault locks,
   * waiting at most `KEEP_TYPING_MS`: a lock is never held up for long.
   */
  async keepTyping() {
    const kept = Promise.all([this.#entries.keepDraft(), this.#meetings.keepTyping?.()]);
    let timer = null;
    const late = new Promise((resolve) => {
      timer = this.#timers.setTimeout(resolve, KEEP_TYPING_MS);
    });
    await Promise.race([kept, late]);
    this.#timers.clearTimeout(timer);
  }

  /**
   * Shows whether the desktop-wide capture shortcut works. The first call registers it, which
   * holds the app's UI thread for up to 50 ms (src-tauri/src/desktop.rs): main.js calls this
   * once the first screen has been up a moment.
   */
  async showShortcut() {
    try {
      this.#shell.showShortcut(await this.#api.shortcutStatus());
    } catch {
      this.#shell.showShortcut(null);
    }
  }

  /** Forgets everything shown: every dialog, list, timeline and cache. Used when locking. */
  clear() {
    this.#generation += 1;
    this.#palette.clear();
    this.#entries.clear();
    this.#partners.clear();
    this.#meetings.clear();
    this.#summary.clear();
    this.#story.clear();
    this.#security.clear();
    this.#data.clear();
    this.#shell.clear();
  }

  // ---- navigation ----

  async navigate(view) {
    if (view === 'home') {
      await this.#meetings.showHome();
    } else if (view === 'journal' || view === 'trash') {
      this.#shell.showView(view);
      this.#entries.showTimeline(view);
    } else if (view === 'partners') {
      this.#shell.showView('partners');
      await this.#partners.refresh();
    } else if (view === 'summary') {
      await this.#summary.show();
    }
  }

  openPartner(id) {
    return this.#partners.open(id);
  }

  /** Opens capture; on a partner's page or a meeting the partners are linked already. */
  /** Opens the editor on `draft` (another screen's quick note: support from a meeting). */
  write(draft) {
    return this.#entries.write({ draft });
  }

  newEntry() {
    const draft = this.#partners.newEntryDraft();
    if (this.#shell.currentView === 'meeting') draft.partners = this.#meetings.partnersOnScreen?.() ?? [];
    return this.#entries.write({ draft });
  }

  // ---- keyboard ----

  #shortcut(action) {
    switch (action) {
      case 'new-entry':
        this.newEntry();
        break;
      case 'search':
        this.#palette.open();
        break;
      case 'new-partner':
        this.#partners.openForm();
        break;
      case 'go-home':
        this.navigate('home');
        break;
      case 'go-journal':
        this.navigate('journal');
        break;
      case 'go-partners':
        this.navigate('partners');
        break;
      case 'go-trash':
        this.navigate('trash');
        break;
      case 'go-summary':
        this.navigate('summary');
        break;
      case 'settings':
        this.#shell.openSettings(this.#session.autoLockMinutes(), this.#session.reminders?.());
        break;
      case 'lock':
        this.#session.lock();
        break;
      case 'help':
        this.#shell.openHelp();
        break;
      case 'undo':
        this.#shell.undoFromToast();
        break;
      default:
        break;
    }
  }

  // ---- shared ----

  #openHit(hit) {
    if (hit.type === 'partner') this.#partners.open(hit.partner.id);
    else if (hit.type === 'entry') this.#entries.read(hit.entry.id);
    else if (hit.type === 'meeting') this.#meetings.openMeeting(hit.meeting.id);
    else if (hit.type === 'problem') this.#meetings.openProblem(hit.problem.id);
    // An action or a decision opens the meeting it was recorded in.
    else if (hit.type === 'action') this.#meetings.openMeeting(hit.action.origin_meeting);
    else if (hit.type === 'decision') this.#meetings.openMeeting(hit.decision.origin_meeting);
  }

  async #refreshStatus() {
    const generation = this.#generation;
    try {
      const status = await this.#api.vaultStatus();
      if (generation !== this.#generation || status.state !== 'open') return;
      this.#shell.showStatus(status);
    } catch {
      // The counts are a nicety; the next change refreshes them.
    }
  }
}
