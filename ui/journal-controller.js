// Wires the open journal: timelines, the editor, the reader, partners and search, to the api.
// Knows nothing of the DOM (views do that) and nothing of keys (the vault controller does that).

import { entryChanges, newEntryArgument, newPartnerArgument, partnerChanges } from './forms.js';
import { VAULT_GONE } from './api.js';
import { FIRST_PAGE_LIMIT, TIMELINE_LIMIT, failureNotice, sentence } from './format.js';
import { promptDraft } from './prompts.js';
import { Latest, SEARCH_DEBOUNCE_MS, buildSearchQuery, debounce, isBackwardsRange } from './search.js';

/** Meetings that do nothing, for tests of the journal alone (see meeting-controller.js). */
const NO_MEETINGS = {
  open: async () => {},
  clear: () => {},
  showHome: async () => {},
  partnerShown: async () => {},
  openMeeting: async () => {},
  openProblem: async () => {},
};

/** A summary screen that does nothing, for tests of the journal alone (see summary-controller.js). */
const NO_SUMMARY = {
  show: async () => {},
  clear: () => {},
};

/** Settings → Security that does nothing, for tests of the journal alone (security-controller.js). */
const NO_SECURITY = { clear: () => {} };

/** Error kinds that mean the vault is no longer open: back to the vault screens. */

export class JournalController {
  #api;
  #shell;
  #timelines;
  #partners;
  /** The editor, the reader and the palette: null until `views.dialogs()` has loaded them. */
  #editor = null;
  #reader = null;
  #palette = null;
  #loadDialogs;
  #dialogsLoaded = null;
  #session;
  #timers;
  #meetings;
  #summary;
  #security;

  /** Bumped on every open and clear, so answers for a locked session are dropped. */
  #generation = 0;
  #status = null;
  #partnerList = [];
  #currentPartner = null;
  #stale = new Set();
  #searchTickets = new Latest();
  #previewTickets = new Latest();
  #search;

  /**
   * `views` = {shell, timelines: {journal, partner, trash}, partners, dialogs}, where `dialogs()`
   * loads the views that are not on the first screen and gives a Promise of {editor, reader,
   * palette}: it is called the first time one of them is needed, or by `preload()`.
   * `session` = {lock(), vaultGone(error), autoLockMinutes(), setAutoLockMinutes(minutes)}.
   */
  constructor(api, views, session, { timers = globalThis, meetings = NO_MEETINGS, summary = NO_SUMMARY, security = NO_SECURITY } = {}) {
    this.#meetings = meetings;
    this.#summary = summary;
    this.#security = security;
    this.#api = api;
    this.#shell = views.shell;
    this.#timelines = views.timelines;
    this.#partners = views.partners;
    this.#loadDialogs = views.dialogs;
    this.#session = session;
    this.#timers = timers;
    this.#search = debounce((text, filters) => this.#runSearch(text, filters), SEARCH_DEBOUNCE_MS, timers);

    this.#shell.bindShortcut((action) => this.#shortcut(action));
    this.#shell.bindNavigate((view) => this.navigate(view));
    this.#shell.bindAutoLockSetting((minutes) => session.setAutoLockMinutes(minutes));
    this.#shell.bindRemindersSetting?.((reminders) => session.setReminders?.(reminders));

    for (const [name, timeline] of Object.entries(this.#timelines)) {
      timeline.bindNeedPage((request) => this.#loadPage(name, request));
      timeline.bindEntryAction((action, id, extra) => this.#entryAction(action, id, extra));
    }
    this.#timelines.journal.bindEmpty((empty) => this.#shell.showJournalEmpty(empty));
    this.#timelines.partner.bindEmpty((empty) => this.#partners.showPartnerEmpty(empty));
    this.#timelines.trash.bindEmpty((empty) => this.#shell.showTrashEmpty(empty));

    this.#partners.bindOpenPartner((id) => this.openPartner(id));
    this.#partners.bindNewPartner(() => this.#partners.openForm());
    this.#partners.bindEditPartner(() => this.#currentPartner && this.#partners.openForm(this.#currentPartner));
    this.#partners.bindNewEntryForPartner(() => this.newEntry());
    this.#partners.bindPrompt((prompt) => this.#openEditor({ draft: promptDraft(prompt, this.#currentPartner) }));
    this.#partners.bindSavePartner((values, original) => this.#savePartner(values, original));
  }

  /** Loads the editor, the reader and the palette now, so that their first use is instant. */
  preload() {
    return this.#dialogs();
  }

  /** The editor, the reader and the palette, loaded and wired the first time they are needed. */
  #dialogs() {
    this.#dialogsLoaded ??= this.#loadDialogs().then(({ editor, reader, palette }) => {
      editor.bindSave((draft, original) => this.#saveEntry(draft, original));
      editor.bindPreview((text) => this.#preview(text));
      editor.bindCreatePartner((name) => this.#quickAddPartner(name));
      reader.bindAction((action, entry, extra) => this.#entryAction(action, entry.id, extra));
      palette.bindQuery((text, filters) => this.#search(text, filters));
      palette.bindOpen((hit) => this.#openHit(hit));
      this.#editor = editor;
      this.#reader = reader;
      this.#palette = palette;
    });
    return this.#dialogsLoaded;
  }

  // ---- the session ----

  /** Shows the open journal for `status`: the timeline and the counts. */
  async open(status) {
    this.#generation += 1;
    this.#status = status;
    this.#stale.clear();
    this.#shell.showStatus(status);
    this.#shell.showView('journal', { focus: false });
    this.#timelines.journal.reset();
    // Focus starts on the journal's heading: the unlock form that had it is gone.
    this.#shell.focusViewNextFrame('journal');
    await Promise.all([this.#refreshPartners(), this.#meetings.open()]);
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
    this.#search.cancel();
    this.#searchTickets.cancel();
    this.#previewTickets.cancel();
    this.#editor?.dismiss();
    this.#reader?.dismiss();
    this.#palette?.dismiss();
    this.#meetings.clear();
    this.#summary.clear();
    this.#security.clear();
    this.#partners.clear();
    for (const timeline of Object.values(this.#timelines)) timeline.clear();
    this.#shell.clear();
    this.#shell.showJournalEmpty(false);
    this.#shell.showTrashEmpty(false);
    this.#partnerList = [];
    this.#currentPartner = null;
    this.#status = null;
    this.#stale.clear();
  }

  // ---- navigation ----

  async navigate(view) {
    if (view === 'home') {
      await this.#meetings.showHome();
    } else if (view === 'journal') {
      this.#shell.showView('journal');
      if (this.#stale.delete('journal')) this.#timelines.journal.reset();
      else this.#timelines.journal.resume();
    } else if (view === 'partners') {
      this.#shell.showView('partners');
      await this.#refreshPartners();
    } else if (view === 'trash') {
      this.#shell.showView('trash');
      this.#timelines.trash.reset();
    } else if (view === 'summary') {
      await this.#summary.show();
    }
  }

  async openPartner(id) {
    const generation = this.#generation;
    try {
      const partner = await this.#api.getPartner(id);
      if (generation !== this.#generation) return;
      this.#reader?.close();
      this.#currentPartner = partner;
      this.#partners.showPartner(partner);
      this.#shell.showView('partner');
      this.#timelines.partner.reset();
      await this.#meetings.partnerShown(partner);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Opens capture; on a partner's page the partner is linked already. */
  newEntry() {
    const partner = this.#shell.currentView === 'partner' ? this.#currentPartner : null;
    this.#openEditor({
      draft: {
        body: '',
        kind: 'note',
        tags: [],
        partners: partner ? [{ id: partner.id, name: partner.name }] : [],
        shareable: false,
      },
    });
  }

  // ---- keyboard ----

  #shortcut(action) {
    switch (action) {
      case 'new-entry':
        this.newEntry();
        break;
      case 'search':
        this.#openPalette();
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

  // ---- timelines ----

  async #loadPage(name, request) {
    const timeline = this.#timelines[name];
    const limit = request.index === 0 ? FIRST_PAGE_LIMIT : TIMELINE_LIMIT;
    const query = { limit, before: request.before ?? undefined };
    if (name === 'partner') {
      if (!this.#currentPartner) return;
      query.partnerId = this.#currentPartner.id;
    }
    if (name === 'trash') query.trash = true;
    try {
      const page = await this.#api.listEntries(query);
      timeline.showPage(request, page);
    } catch (error) {
      if (VAULT_GONE.has(error.kind)) this.#fail(error);
      else timeline.showPageError(request, sentence(error.message));
    }
  }

  async #entryAction(action, id, extra) {
    switch (action) {
      case 'open':
        return this.#openEntry(id);
      case 'edit':
        return this.#editEntry(id);
      case 'trash':
        return this.#trashEntry(id);
      case 'restore':
        return this.#restoreEntry(id);
      case 'purge':
        return this.#purgeEntry(id);
      case 'partner':
        return this.openPartner(extra);
      default:
        return undefined;
    }
  }

  async #openEntry(id) {
    const generation = this.#generation;
    try {
      const read = async () => {
        const entry = await this.#api.getEntry(id);
        return { entry, html: await this.#api.renderMarkdown(entry.body) };
      };
      // The reader is loaded while the entry is read and rendered, not after.
      const [{ entry, html }] = await Promise.all([read(), this.#dialogs()]);
      if (generation !== this.#generation) return;
      this.#reader.open(entry, html);
    } catch (error) {
      this.#fail(error);
    }
  }

  async #editEntry(id) {
    const generation = this.#generation;
    try {
      const entry = await this.#api.getEntry(id);
      if (generation !== this.#generation) return;
      this.#reader?.close();
      await this.#openEditor({
        original: entry,
        draft: {
          body: entry.body,
          kind: entry.kind,
          tags: entry.tags,
          partners: entry.partners,
          shareable: entry.shareable,
        },
      });
    } catch (error) {
      this.#fail(error);
    }
  }

  async #trashEntry(id) {
    const generation = this.#generation;
    try {
      await this.#api.trashEntry(id);
      if (generation !== this.#generation) return;
      this.#closeReaderOn(id);
      const putBack = ['journal', 'partner']
        .map((name) => this.#timelines[name].removeEntry(id))
        .filter(Boolean);
      this.#shell.showToast('Moved to the trash.', {
        label: 'Undo',
        run: () => this.#undoTrash(id, putBack, generation),
      });
      await this.#refreshStatus();
    } catch (error) {
      this.#fail(error);
    }
  }

  async #undoTrash(id, putBack, generation) {
    try {
      await this.#api.restoreEntry(id);
      if (generation !== this.#generation) return;
      for (const restore of putBack) {
        if (!restore()) this.#stale.add('journal');
      }
      this.#timelines.journal.focusEntry(id);
      this.#shell.showToast('Restored.');
      await this.#refreshStatus();
    } catch (error) {
      this.#fail(error);
    }
  }

  async #restoreEntry(id) {
    const generation = this.#generation;
    try {
      await this.#api.restoreEntry(id);
      if (generation !== this.#generation) return;
      this.#closeReaderOn(id);
      this.#timelines.trash.removeEntry(id);
      // Its place in the journal is by date, somewhere below: read the journal afresh next time.
      this.#stale.add('journal');
      this.#shell.showToast('Restored to the journal.');
      await this.#refreshStatus();
    } catch (error) {
      this.#fail(error);
    }
  }

  async #purgeEntry(id) {
    const yes = await this.#shell.confirm({
      title: 'Delete this entry for good?',
      message: 'It is erased from the vault and cannot be restored.',
      yes: 'Delete for good',
    });
    if (!yes) return;
    const generation = this.#generation;
    try {
      await this.#api.purgeEntry(id);
      if (generation !== this.#generation) return;
      this.#closeReaderOn(id);
      this.#timelines.trash.removeEntry(id);
      this.#shell.showToast('Deleted for good.');
    } catch (error) {
      this.#fail(error);
    }
  }

  // ---- the editor ----

  async #openEditor({ draft, original = null }) {
    const generation = this.#generation;
    await this.#dialogs();
    if (generation !== this.#generation) return;
    if (this.#editor.isOpen) {
      this.#editor.open({ draft });
      return;
    }
    let knownTags = [];
    try {
      knownTags = await this.#api.listTags();
    } catch (error) {
      if (VAULT_GONE.has(error.kind)) {
        this.#fail(error);
        return;
      }
      // Completion is a help, not a requirement: write without it.
    }
    if (generation !== this.#generation) return;
    this.#palette.close();
    this.#reader.close();
    this.#editor.open({ draft, original, knownTags, knownPartners: this.#partnerList });
  }

  async #saveEntry(draft, original) {
    const generation = this.#generation;
    try {
      let entry;
      if (original) {
        const changes = entryChanges(original, draft);
        if (Object.keys(changes).length === 0) {
          this.#editor.close();
          return;
        }
        entry = await this.#api.updateEntry(original.id, changes);
      } else {
        entry = await this.#api.addEntry(newEntryArgument(draft));
      }
      if (generation !== this.#generation) return;
      this.#editor.close();
      if (original) {
        for (const timeline of Object.values(this.#timelines)) timeline.replaceEntry(entry);
        this.#shell.showToast('Changes saved.');
      } else {
        this.#timelines.journal.insertEntry(entry);
        if (this.#currentPartner && entry.partners.some((p) => p.id === this.#currentPartner.id)) {
          this.#timelines.partner.insertEntry(entry);
        }
        await this.#refreshCurrentPartner();
        this.#shell.showToast(entry.shareable ? 'Saved as shareable.' : 'Saved. Private to you.');
      }
      await Promise.all([this.#refreshStatus(), this.#refreshPartners()]);
    } catch (error) {
      if (VAULT_GONE.has(error.kind)) this.#fail(error);
      else this.#editor.showError(sentence(error.message));
    }
  }

  async #preview(text) {
    const ticket = this.#previewTickets.next();
    try {
      const html = await this.#api.renderMarkdown(text);
      if (this.#previewTickets.isCurrent(ticket)) this.#editor.showPreview(html);
    } catch (error) {
      if (this.#previewTickets.isCurrent(ticket)) this.#editor.showPreviewError(sentence(error.message));
    }
  }

  async #quickAddPartner(name) {
    const partner = await this.#api.addPartner({ name: name.trim() });
    await this.#refreshPartners();
    this.#editor.setKnown({ knownPartners: this.#partnerList });
    return partner;
  }

  // ---- partners ----

  /** Reads the partner on the page again (their counts and last entry changed). */
  async #refreshCurrentPartner() {
    if (!this.#currentPartner || this.#shell.currentView !== 'partner') return;
    const generation = this.#generation;
    try {
      const partner = await this.#api.getPartner(this.#currentPartner.id);
      if (generation !== this.#generation || this.#currentPartner?.id !== partner.id) return;
      this.#currentPartner = partner;
      this.#partners.showPartner(partner);
    } catch {
      // The page keeps the older facts; nothing is lost.
    }
  }

  async #refreshPartners() {
    const generation = this.#generation;
    try {
      const list = await this.#api.listPartners();
      if (generation !== this.#generation) return;
      this.#partnerList = list;
      this.#partners.showList(list);
    } catch (error) {
      this.#fail(error);
    }
  }

  async #savePartner(values, original) {
    const generation = this.#generation;
    try {
      let partner;
      if (original) {
        const changes = partnerChanges(original, values);
        partner = Object.keys(changes).length === 0 ? original : await this.#api.updatePartner(original.id, changes);
      } else {
        partner = await this.#api.addPartner(newPartnerArgument(values));
      }
      if (generation !== this.#generation) return;
      this.#partners.closeForm();
      await Promise.all([this.#refreshPartners(), this.#refreshStatus()]);
      if (original) {
        this.#shell.showToast('Partner saved.');
        if (this.#shell.currentView === 'partner' && this.#currentPartner?.id === partner.id) {
          this.#currentPartner = await this.#api.getPartner(partner.id);
          if (generation !== this.#generation) return;
          this.#partners.showPartner(this.#currentPartner);
        }
      } else {
        this.#shell.showToast(`${partner.name} added.`);
        await this.openPartner(partner.id);
      }
    } catch (error) {
      if (VAULT_GONE.has(error.kind)) this.#fail(error);
      else this.#partners.showFormError(sentence(error.message));
    }
  }

  // ---- search ----

  async #openPalette() {
    const generation = this.#generation;
    await this.#dialogs();
    let tags = [];
    try {
      tags = await this.#api.listTags();
    } catch (error) {
      if (VAULT_GONE.has(error.kind)) {
        this.#fail(error);
        return;
      }
    }
    if (generation !== this.#generation) return;
    this.#palette.open({ partners: this.#partnerList, tags });
  }

  async #runSearch(text, filters) {
    const ticket = this.#searchTickets.next();
    if (isBackwardsRange(filters)) {
      this.#palette.showSearchError('The “From” date is after the “To” date.');
      return;
    }
    const query = buildSearchQuery(text, filters);
    if (!query) {
      this.#palette.showIdle();
      return;
    }
    try {
      const hits = await this.#api.search(query);
      if (this.#searchTickets.isCurrent(ticket)) this.#palette.showResults(hits, { text });
    } catch (error) {
      if (!this.#searchTickets.isCurrent(ticket)) return;
      if (VAULT_GONE.has(error.kind)) this.#fail(error);
      else this.#palette.showSearchError(sentence(error.message));
    }
  }

  #openHit(hit) {
    this.#searchTickets.cancel();
    this.#palette.close();
    if (hit.type === 'partner') this.openPartner(hit.partner.id);
    else if (hit.type === 'entry') this.#openEntry(hit.entry.id);
    else if (hit.type === 'meeting') this.#meetings.openMeeting(hit.meeting.id);
    else if (hit.type === 'problem') this.#meetings.openProblem(hit.problem.id);
  }

  // ---- shared ----

  /** The reader is closed if it shows entry `id` (which was just moved or deleted). */
  #closeReaderOn(id) {
    if (this.#reader?.entry?.id === id) this.#reader.close();
  }

  async #refreshStatus() {
    const generation = this.#generation;
    try {
      const status = await this.#api.vaultStatus();
      if (generation !== this.#generation || status.state !== 'open') return;
      this.#status = status;
      this.#shell.showStatus(status);
    } catch {
      // The counts are a nicety; the next change refreshes them.
    }
  }

  /** An error outside a form: the vault closed underneath, or a notice. */
  #fail(error) {
    if (VAULT_GONE.has(error.kind)) {
      this.#session.vaultGone(error);
      return;
    }
    this.#shell.showToast(failureNotice(error));
  }
}
