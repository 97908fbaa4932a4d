// Wires the partners to the api: their list, the partner on screen, the partner form, and the
// partner's history dialog (history-view.js, loaded the first time it is opened).
// The partner's timeline is the entries controller's; their meetings are the meeting controller's.

import { newPartnerArgument, partnerChanges } from './forms.js';
import { failureNotice, sentence } from './format.js';
import { promptDraft, promptTag } from './prompts.js';

/** Answers read at a time in a prompt's answers dialog. */
const ANSWERS_PAGE = 12;
import { supportDraft } from './support.js';

/** Said in the partner form when the partner was changed elsewhere while it was open. */
export const PARTNER_CHANGED_ELSEWHERE =
  'This partner was changed in another Rapport window or by the rapport command while the form was open. Their page now shows that version. Save again to put yours in its place, or cancel to keep it.';

export class PartnersController {
  #api;
  #shell;
  #view;
  #journal;
  /** Bumped on every clear, so answers for a locked session are dropped. */
  #generation = 0;
  #list = [];
  #current = null;
  #loadHistory;
  /** The history dialog's view, once loaded. */
  #history = null;
  #loadAnswers;
  #answers = null;
  /** The tag of the prompt whose answers are open. */
  #answersTag = null;

  /**
   * `views` = {shell, partners: PartnersView, history: () => Promise<HistoryView>}. `journal` =
   * {write(draft), partnerShown(partner), cadenceChanged(partner), refreshStatus()}: capture
   * opened with a draft, the partner's page was drawn (its timeline and meetings follow), a pause
   * changed their cadence card, the counts read again.
   */
  constructor(api, views, journal) {
    this.#api = api;
    this.#shell = views.shell;
    this.#view = views.partners;
    this.#loadHistory = views.history;
    this.#loadAnswers = views.answers ?? null;
    this.#journal = journal;
    this.#view.bindOpenPartner((id) => this.open(id));
    this.#view.bindNewPartner(() => this.#view.openForm());
    this.#view.bindEditPartner(() => this.#current && this.#view.openForm(this.#current));
    this.#view.bindNewEntryForPartner(() => this.#journal.write(this.newEntryDraft()));
    this.#view.bindPrompt((prompt) => this.#journal.write(promptDraft(prompt, this.#current)));
    this.#view.bindOpenAnswers((prompt) => this.openAnswers(prompt));
    this.#view.bindOpenStory(() => {
      if (this.#current) this.#journal.openStory?.(this.#current);
    });
    this.#view.bindRecordSupport((direction) => {
      if (this.#current) this.#journal.write(supportDraft([this.#current], direction));
    });
    this.#view.bindSavePartner((values, original) => this.#save(values, original));
    this.#view.bindEditHistory(() => this.openHistory());
  }

  /** Every partner not archived, as last read (the editor and the palette offer them). */
  get list() {
    return this.#list;
  }

  /** The partner whose page was opened last, or null. */
  get current() {
    return this.#current;
  }

  /** An empty entry; on a partner's page the partner is linked already. */
  newEntryDraft() {
    const partner = this.#shell.currentView === 'partner' ? this.#current : null;
    return {
      body: '',
      kind: 'note',
      tags: [],
      partners: partner ? [{ id: partner.id, name: partner.name }] : [],
      shareable: false,
    };
  }

  openForm() {
    this.#view.openForm();
  }

  async open(id) {
    const generation = this.#generation;
    try {
      const partner = await this.#api.getPartner(id);
      if (generation !== this.#generation) return;
      this.#current = partner;
      this.#view.showPartner(partner);
      this.#shell.showView('partner');
      await this.#journal.partnerShown(partner);
    } catch (error) {
      this.#shell.showToast(failureNotice(error));
    }
  }

  async refresh() {
    const generation = this.#generation;
    try {
      const list = await this.#api.listPartners();
      if (generation !== this.#generation) return;
      this.#list = list;
      this.#view.showList(list);
    } catch (error) {
      this.#shell.showToast(failureNotice(error));
    }
  }

  /** Reads the partner on the page again (their counts and last entry changed). */
  async refreshCurrent() {
    if (!this.#current || this.#shell.currentView !== 'partner') return;
    const generation = this.#generation;
    try {
      const partner = await this.#api.getPartner(this.#current.id);
      if (generation !== this.#generation || this.#current?.id !== partner.id) return;
      this.#current = partner;
      this.#view.showPartner(partner);
    } catch {
      // The page keeps the older facts; nothing is lost.
    }
  }

  /** A partner named in the editor who is not one yet: added, and the list read again. */
  async quickAdd(name) {
    const partner = await this.#api.addPartner({ name: name.trim() });
    await this.refresh();
    return partner;
  }

  showEmpty(empty) {
    this.#view.showPartnerEmpty(empty);
  }

  /** Opens a prompt's answers about the partner on the page, newest first. */
  async openAnswers(prompt) {
    const partner = this.#current;
    if (!partner || !this.#loadAnswers) return;
    const generation = this.#generation;
    try {
      const answers = await this.#answersView();
      const tag = promptTag(prompt);
      const page = await this.#api.listEntries({ limit: ANSWERS_PAGE, partnerId: partner.id, tag });
      if (generation !== this.#generation || this.#current?.id !== partner.id) return;
      this.#answersTag = tag;
      answers.open({ prompt, partner, page });
    } catch (error) {
      this.#shell.showToast(failureNotice(error));
    }
  }

  async #answersView() {
    if (!this.#answers) {
      const answers = await this.#loadAnswers();
      answers.bindMore((before) => this.#moreAnswers(before));
      answers.bindAgain((prompt) => {
        if (this.#current) this.#journal.write(promptDraft(prompt, this.#current));
      });
      this.#answers ??= answers;
    }
    return this.#answers;
  }

  async #moreAnswers(before) {
    const partner = this.#current;
    const generation = this.#generation;
    const tag = this.#answersTag;
    if (!partner || !this.#answers?.isOpen) return;
    try {
      const page = await this.#api.listEntries({ limit: ANSWERS_PAGE, before, partnerId: partner.id, tag });
      // Another prompt's answers, or none, may be open by now.
      if (generation !== this.#generation || !this.#answers.isOpen || this.#answersTag !== tag) return;
      this.#answers.showMore(page);
    } catch (error) {
      this.#shell.showToast(failureNotice(error));
    }
  }

  /** Opens the history dialog on the partner on the page. */
  async openHistory() {
    const partner = this.#current;
    if (!partner) return;
    try {
      const history = await this.#historyView();
      if (this.#current?.id !== partner.id) return;
      history.open(this.#current);
    } catch (error) {
      this.#shell.showToast(failureNotice(error));
    }
  }

  clear() {
    this.#generation += 1;
    this.#history?.close();
    this.#answers?.close();
    this.#view.clear();
    this.#list = [];
    this.#current = null;
  }

  async #save(values, original) {
    const generation = this.#generation;
    try {
      let partner;
      if (original) {
        const changes = partnerChanges(original, values);
        partner =
          Object.keys(changes).length === 0
            ? original
            : await this.#api.updatePartner(original.id, changes, original.version);
      } else {
        partner = await this.#api.addPartner(newPartnerArgument(values));
      }
      if (generation !== this.#generation) return;
      this.#view.closeForm();
      await Promise.all([this.refresh(), this.#journal.refreshStatus()]);
      if (original) {
        this.#shell.showToast('Partner saved.');
        if (this.#shell.currentView === 'partner' && this.#current?.id === partner.id) {
          this.#current = await this.#api.getPartner(partner.id);
          if (generation !== this.#generation) return;
          this.#view.showPartner(this.#current);
        }
      } else {
        this.#shell.showToast(`${partner.name} added.`);
        await this.open(partner.id);
      }
    } catch (error) {
      if (error.kind === 'changed_elsewhere' && original) await this.#changedElsewhere(original.id, generation);
      else this.#view.showFormError(sentence(error.message));
    }
  }

  async #historyView() {
    if (!this.#history) {
      const history = await this.#loadHistory();
      history.bindSave((kind, spell, original) => this.#saveSpell(kind, spell, original));
      history.bindRemove((kind, spell, described) => this.#removeSpell(kind, spell, described));
      history.bindResume(() => this.#resume());
      this.#history ??= history;
    }
    return this.#history;
  }

  /** Adds a spell to the history on show, or corrects `original`; the dialog and the page follow. */
  async #saveSpell(kind, spell, original) {
    const generation = this.#generation;
    const id = this.#current?.id;
    if (id == null) return;
    try {
      let partner;
      if (kind === 'pause') {
        partner = original
          ? await this.#api.correctPause(id, original.id, spell)
          : await this.#api.addPause(id, spell);
      } else {
        partner = original
          ? await this.#api.correctPartnerSpell(id, original.id, spell)
          : await this.#api.addPartnerSpell(id, spell);
      }
      if (generation !== this.#generation) return;
      this.#historyChanged(partner);
      this.#history.closeSpellForm();
    } catch (error) {
      if (generation === this.#generation) this.#history.showError(sentence(error.message));
    }
  }

  /** `described`: the spell in words, as the dialog shows it ("Mentor (Since Jan 2020)"). */
  async #removeSpell(kind, spell, described) {
    const generation = this.#generation;
    const id = this.#current?.id;
    if (id == null) return;
    const yes = await this.#shell.confirm({
      title: `Remove this ${kind}?`,
      message:
        kind === 'pause'
          ? `${described} is no longer a pause: the cadence counts as if it had not been.`
          : `${described} leaves the history. Entries and meetings stay as they are.`,
      yes: 'Remove',
    });
    if (!yes || generation !== this.#generation || this.#current?.id !== id) return;
    try {
      const partner =
        kind === 'pause' ? await this.#api.removePause(id, spell.id) : await this.#api.removePartnerSpell(id, kind, spell.id);
      if (generation !== this.#generation) return;
      this.#historyChanged(partner);
    } catch (error) {
      this.#shell.showToast(failureNotice(error));
    }
  }

  /** Ends the pause that holds today. */
  async #resume() {
    const generation = this.#generation;
    const id = this.#current?.id;
    if (id == null) return;
    try {
      const partner = await this.#api.resumeCadence(id);
      if (generation !== this.#generation) return;
      this.#historyChanged(partner);
    } catch (error) {
      this.#shell.showToast(failureNotice(error));
    }
  }

  /**
   * The partner as a history change left them: on their page (the cadence card too, which a
   * pause changes), in the dialog, in the list.
   */
  #historyChanged(partner) {
    if (this.#current?.id !== partner.id) return;
    this.#current = partner;
    this.#view.showPartner(partner);
    this.#history?.show(partner);
    this.refresh();
    this.#journal.cadenceChanged?.(partner);
  }

  /** A change refused because the partner changed elsewhere: their page shows them as they are now. */
  async #changedElsewhere(id, generation) {
    try {
      const fresh = await this.#api.getPartner(id);
      if (generation !== this.#generation) return;
      if (this.#current?.id === id) {
        this.#current = fresh;
        this.#view.showPartner(fresh);
      }
      this.#view.formChangedElsewhere(fresh, PARTNER_CHANGED_ELSEWHERE);
      await this.refresh();
    } catch (error) {
      this.#view.showFormError(sentence(error.message));
    }
  }
}
