// Wires the partners to the api: their list, the partner on screen, and the partner form.
// The partner's timeline is the entries controller's; their meetings are the meeting controller's.

import { newPartnerArgument, partnerChanges } from './forms.js';
import { failureNotice, sentence } from './format.js';
import { promptDraft } from './prompts.js';

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

  /**
   * `views` = {shell, partners: PartnersView}. `journal` = {write(draft), partnerShown(partner),
   * refreshStatus()}: capture opened with a draft, the partner's page was drawn (its timeline and
   * meetings follow), the counts read again.
   */
  constructor(api, views, journal) {
    this.#api = api;
    this.#shell = views.shell;
    this.#view = views.partners;
    this.#journal = journal;
    this.#view.bindOpenPartner((id) => this.open(id));
    this.#view.bindNewPartner(() => this.#view.openForm());
    this.#view.bindEditPartner(() => this.#current && this.#view.openForm(this.#current));
    this.#view.bindNewEntryForPartner(() => this.#journal.write(this.newEntryDraft()));
    this.#view.bindPrompt((prompt) => this.#journal.write(promptDraft(prompt, this.#current)));
    this.#view.bindSavePartner((values, original) => this.#save(values, original));
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

  clear() {
    this.#generation += 1;
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
