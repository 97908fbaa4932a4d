// Wires the entries to the api: the three timelines (journal, a partner's, trash), the reader,
// the editor, and moving entries to the trash and back.

import { entryChanges, newEntryArgument } from './forms.js';
import { FIRST_PAGE_LIMIT, TIMELINE_LIMIT, failureNotice, fullDateLabel, instantOf, localDateTime, sentence } from './format.js';
import { Latest } from './search.js';

/** How long after the last keystroke what is typed in the editor is kept as a draft. */
export const DRAFT_AFTER_MS = 1500;

/** Said in the editor when the entry was changed elsewhere while it was being edited. */
export const CHANGED_ELSEWHERE =
  'This entry was changed in another Rapport window or by the rapport command while you edited it. The journal now shows that version. Save again to put yours in its place, or close to keep it.';

export class EntriesController {
  #api;
  #shell;
  #timelines;
  #partners;
  #journal;
  /** The editor and the reader: null until the journal's dialogs are loaded (`attach`). */
  #editor = null;
  #reader = null;
  /** Bumped on every clear, so answers for a locked session are dropped. */
  #generation = 0;
  /** Timelines to read afresh when next shown (an entry went back to a place not on screen). */
  #stale = new Set();
  #previewTickets = new Latest();
  #timers;
  /** The pending keep of the draft (a timer), or null. */
  #draftTimer = null;
  /** Draft calls run one after another, so a discard is never overtaken by an earlier keep. */
  #draftQueue = Promise.resolve();

  /**
   * `views` = {shell, timelines: {journal, partner, trash}}. `partners`: the partners controller
   * (the partner on screen, the list the editor offers). `journal` = {dialogs(), refreshStatus(),
   * closeDialogsForEditor()}: the editor, reader and palette loaded, the counts read again, the
   * palette closed before the editor opens. `timers`: the draft's clock (for tests).
   */
  constructor(api, views, partners, journal, timers = globalThis) {
    this.#timers = timers;
    this.#api = api;
    this.#shell = views.shell;
    this.#timelines = views.timelines;
    this.#partners = partners;
    this.#journal = journal;
    for (const [name, timeline] of Object.entries(this.#timelines)) {
      timeline.bindNeedPage((request) => this.#loadPage(name, request));
      timeline.bindEntryAction((action, id, extra) => this.action(action, id, extra));
    }
    this.#timelines.journal.bindEmpty((empty) => this.#shell.showJournalEmpty(empty));
    this.#timelines.partner.bindEmpty((empty) => partners.showEmpty(empty));
    this.#timelines.trash.bindEmpty((empty) => this.#shell.showTrashEmpty(empty));
  }

  /** The editor and the reader, once loaded. */
  attach({ editor, reader }) {
    editor.bindSave((draft, original) => this.#save(draft, original));
    editor.bindPreview((text) => this.#preview(text));
    editor.bindCreatePartner((name) => this.#quickAddPartner(name));
    editor.bindTyping(() => this.#typing());
    editor.bindAbandon(() => this.#forgetDraft());
    reader.bindAction((action, entry, extra) => this.action(action, entry.id, extra));
    this.#editor = editor;
    this.#reader = reader;
  }

  /** The journal is shown for a newly opened vault: its timeline from the top. */
  start() {
    this.#stale.clear();
    this.#timelines.journal.reset();
  }

  /** Shows a timeline: the journal where it was left (unless stale), the trash from the top. */
  showTimeline(name) {
    if (name === 'trash' || this.#stale.delete(name)) this.#timelines[name].reset();
    else this.#timelines[name].resume();
  }

  /** A partner's page was drawn: the reader gives way and their timeline starts from the top. */
  partnerShown() {
    this.#reader?.close();
    this.#timelines.partner.reset();
  }

  clear() {
    this.#generation += 1;
    this.#cancelDraftTimer();
    this.#previewTickets.cancel();
    this.#editor?.dismiss();
    this.#reader?.dismiss();
    for (const timeline of Object.values(this.#timelines)) timeline.clear();
    this.#shell.showJournalEmpty(false);
    this.#shell.showTrashEmpty(false);
    this.#stale.clear();
  }

  /** What a timeline row or the reader asked for. */
  action(action, id, extra) {
    switch (action) {
      case 'open':
        return this.read(id);
      case 'edit':
        return this.#edit(id);
      case 'trash':
        return this.#trash(id);
      case 'restore':
        return this.#restore(id);
      case 'purge':
        return this.#purge(id);
      case 'partner':
        return this.#partners.open(extra);
      default:
        return undefined;
    }
  }

  /** Opens entry `id` in the reader. */
  async read(id) {
    const generation = this.#generation;
    try {
      const read = async () => {
        const entry = await this.#api.getEntry(id);
        return { entry, html: await this.#api.renderMarkdown(entry.body) };
      };
      // The reader is loaded while the entry is read and rendered, not after.
      const [{ entry, html }] = await Promise.all([read(), this.#journal.dialogs()]);
      if (generation !== this.#generation) return;
      this.#reader.open(entry, html);
    } catch (error) {
      this.#shell.showToast(failureNotice(error));
    }
  }

  /** Opens the editor on `draft` (a new entry) or on `original` (an edit). */
  async write({ draft, original = null, restoredAt = null }) {
    const generation = this.#generation;
    await this.#journal.dialogs();
    if (generation !== this.#generation) return;
    if (this.#editor.isOpen) {
      this.#editor.open({ draft });
      return;
    }
    let knownTags = [];
    try {
      knownTags = await this.#api.listTags();
    } catch {
      // Completion is a help, not a requirement: write without it.
    }
    if (generation !== this.#generation) return;
    this.#journal.closeDialogsForEditor();
    this.#reader.close();
    this.#editor.open({ draft, original, knownTags, knownPartners: this.#partners.list, restoredAt });
  }

  // ---- the draft ----

  /**
   * Keeps what is typed now, if a keep is pending (the vault is about to lock). Resolves once
   * it is in the vault, or has failed.
   */
  keepDraft() {
    if (this.#draftTimer === null) return this.#draftQueue;
    this.#cancelDraftTimer();
    if (!this.#editor?.isOpen) return this.#draftQueue;
    const draft = this.#draftArgument();
    return this.#queueDraft(() => this.#api.saveDraft(draft));
  }

  /**
   * Offers again what was being typed when the vault locked or the app stopped: the editor
   * opens with it, saying so. An edit whose entry was deleted for good comes back as a new one.
   */
  async restoreDraft() {
    const generation = this.#generation;
    let saved = null;
    try {
      saved = await this.#api.getDraft();
    } catch {
      return;
    }
    if (!saved || generation !== this.#generation) return;
    let original = null;
    if (saved.entry != null) {
      try {
        // The version the edit started from: saving is refused if the entry changed since.
        original = { ...(await this.#api.getEntry(saved.entry)), version: saved.base_version };
      } catch {
        original = null;
      }
    }
    if (generation !== this.#generation) return;
    const known = new Map(this.#partners.list.map((partner) => [partner.id, partner]));
    const partners = saved.partners
      .filter((id) => known.has(id))
      .map((id) => ({ id, name: known.get(id).name }));
    const draft = {
      body: saved.body,
      kind: saved.kind,
      tagsText: saved.tags_text,
      partners,
      shareable: saved.shareable,
      support: saved.support ?? null,
    };
    if (saved.created_at) draft.when = localDateTime(new Date(saved.created_at));
    await this.write({
      draft,
      original,
      restoredAt: saved.saved_at,
    });
  }

  #typing() {
    this.#cancelDraftTimer();
    this.#draftTimer = this.#timers.setTimeout(() => this.keepDraft(), DRAFT_AFTER_MS);
  }

  #cancelDraftTimer() {
    if (this.#draftTimer !== null) this.#timers.clearTimeout(this.#draftTimer);
    this.#draftTimer = null;
  }

  /** The entry was saved, or the person discarded what they typed: the draft goes. */
  #forgetDraft() {
    this.#cancelDraftTimer();
    return this.#queueDraft(() => this.#api.discardDraft());
  }

  #queueDraft(call) {
    // A draft that cannot be kept (the vault went away, a text over the limit) is not an error
    // to show: the editor still holds the text.
    this.#draftQueue = this.#draftQueue.then(call).catch(() => {});
    return this.#draftQueue;
  }

  #draftArgument() {
    const typed = this.#editor.draft();
    const original = this.#editor.original;
    return {
      entry: original?.id ?? null,
      base_version: original ? original.version : null,
      body: typed.body,
      kind: typed.kind,
      tags_text: typed.tagsText,
      partners: typed.partners.map((partner) => partner.id),
      shareable: Boolean(typed.shareable),
      created_at: instantOf(typed.when),
      support: typed.support ?? null,
    };
  }

  // ---- internals ----

  async #loadPage(name, request) {
    const timeline = this.#timelines[name];
    const limit = request.index === 0 ? FIRST_PAGE_LIMIT : TIMELINE_LIMIT;
    const query = { limit, before: request.before ?? undefined };
    if (name === 'partner') {
      if (!this.#partners.current) return;
      query.partnerId = this.#partners.current.id;
    }
    if (name === 'trash') query.trash = true;
    try {
      const page = await this.#api.listEntries(query);
      timeline.showPage(request, page);
    } catch (error) {
      timeline.showPageError(request, sentence(error.message));
    }
  }

  async #edit(id) {
    const generation = this.#generation;
    try {
      const entry = await this.#api.getEntry(id);
      if (generation !== this.#generation) return;
      this.#reader?.close();
      await this.write({
        original: entry,
        draft: {
          body: entry.body,
          kind: entry.kind,
          tags: entry.tags,
          partners: entry.partners,
          shareable: entry.shareable,
          support: entry.support ?? null,
        },
      });
    } catch (error) {
      this.#shell.showToast(failureNotice(error));
    }
  }

  async #trash(id) {
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
      // The partner's page counts (entries, support both ways) leave it out now.
      await Promise.all([this.#journal.refreshStatus(), this.#partners.refreshCurrent()]);
    } catch (error) {
      this.#shell.showToast(failureNotice(error));
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
      await Promise.all([this.#journal.refreshStatus(), this.#partners.refreshCurrent()]);
    } catch (error) {
      this.#shell.showToast(failureNotice(error));
    }
  }

  async #restore(id) {
    const generation = this.#generation;
    try {
      await this.#api.restoreEntry(id);
      if (generation !== this.#generation) return;
      this.#closeReaderOn(id);
      this.#timelines.trash.removeEntry(id);
      // Its place in the journal is by date, somewhere below: read the journal afresh next time.
      this.#stale.add('journal');
      this.#shell.showToast('Restored to the journal.');
      await this.#journal.refreshStatus();
    } catch (error) {
      this.#shell.showToast(failureNotice(error));
    }
  }

  async #purge(id) {
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
      this.#shell.showToast(failureNotice(error));
    }
  }

  async #save(draft, original) {
    const generation = this.#generation;
    try {
      let entry;
      let redated = false;
      if (original) {
        const changes = entryChanges(original, draft);
        redated = 'created_at' in changes;
        if (Object.keys(changes).length === 0) {
          this.#editor.close();
          this.#forgetDraft();
          return;
        }
        entry = await this.#api.updateEntry(original.id, changes, original.version);
      } else {
        const argument = newEntryArgument(draft);
        redated = 'created_at' in argument;
        entry = await this.#api.addEntry(argument);
      }
      if (generation !== this.#generation) return;
      this.#editor.close();
      this.#forgetDraft();
      if (redated) {
        // Its place in the timelines is its date's: they are read again around it.
        for (const timeline of Object.values(this.#timelines)) timeline.reset();
        await this.#partners.refreshCurrent();
        this.#shell.showToast(`${original ? 'Changes saved' : 'Saved'}, dated ${fullDateLabel(new Date(entry.created_at))}.`);
      } else if (original) {
        for (const timeline of Object.values(this.#timelines)) timeline.replaceEntry(entry);
        // Its support may have changed: the partner's page counts it again.
        await this.#partners.refreshCurrent();
        this.#shell.showToast('Changes saved.');
      } else {
        this.#timelines.journal.insertEntry(entry);
        const current = this.#partners.current;
        if (current && entry.partners.some((p) => p.id === current.id)) {
          this.#timelines.partner.insertEntry(entry);
        }
        await this.#partners.refreshCurrent();
        this.#shell.showToast(entry.shareable ? 'Saved as shareable.' : 'Saved. Private to you.');
      }
      await Promise.all([this.#journal.refreshStatus(), this.#partners.refresh()]);
    } catch (error) {
      if (error.kind === 'changed_elsewhere' && original) await this.#changedElsewhere(original.id, generation);
      else this.#editor.showError(sentence(error.message));
    }
  }

  /**
   * An edit was refused because the entry changed elsewhere (another window, the CLI): the
   * journal shows the entry as it is now, and the editor keeps what was typed, to be saved on
   * top of it or closed.
   */
  async #changedElsewhere(id, generation) {
    try {
      const fresh = await this.#api.getEntry(id);
      if (generation !== this.#generation) return;
      for (const timeline of Object.values(this.#timelines)) timeline.replaceEntry(fresh);
      this.#editor.changedElsewhere(fresh, CHANGED_ELSEWHERE);
    } catch (error) {
      this.#editor.showError(sentence(error.message));
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
    const partner = await this.#partners.quickAdd(name);
    this.#editor.setKnown({ knownPartners: this.#partners.list });
    return partner;
  }

  /** The reader is closed if it shows entry `id` (which was just moved or deleted). */
  #closeReaderOn(id) {
    if (this.#reader?.entry?.id === id) this.#reader.close();
  }
}
