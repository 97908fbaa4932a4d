// The story of a partnership: reads its years when a partner's story is opened, a year's
// highlights as the view asks for them, and saves it through the native dialog. Answers for a
// story no longer on screen (another partner's, or after a lock) are dropped.

import { failureNotice } from './format.js';

export class StoryController {
  #api;
  #shell;
  #view;
  #openPartner;
  /** Bumped on every show and clear, so an answer for an earlier story is dropped. */
  #generation = 0;
  #partnerId = null;
  /** Where the last story was saved, so the next dialog opens there. */
  #directory = null;

  /** `openPartner(id)` opens a partner's page (the journal controller's). */
  constructor(api, { shell, view, openPartner }) {
    this.#api = api;
    this.#shell = shell;
    this.#view = view;
    this.#openPartner = openPartner;
    this.#view.bindNeedHighlights((year, limit) => this.#highlights(year, limit));
    this.#view.bindNeedYears((from, to) => this.#earlierYears(from, to));
    this.#view.bindSave((format, includePrivate) => this.#save(format, includePrivate));
    this.#view.bindOpenPartner((id) => this.#openPartner(id));
  }

  /** Opens the story of `partner` ({id, name}). */
  async show(partner) {
    this.#generation += 1;
    const generation = this.#generation;
    this.#partnerId = partner.id;
    this.#view.clear();
    this.#shell.showView('story');
    try {
      const story = await this.#api.getStory(partner.id);
      if (generation !== this.#generation) return;
      this.#view.show(story);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#view.showError(failureNotice(error));
    }
  }

  /** Forgets the story shown (the vault is locking). */
  clear() {
    this.#generation += 1;
    this.#partnerId = null;
    this.#view.clear();
  }

  async #earlierYears(from, to) {
    const generation = this.#generation;
    const partnerId = this.#partnerId;
    if (partnerId === null) return;
    try {
      const years = await this.#api.getStoryYears(partnerId, from, to);
      if (generation !== this.#generation) return;
      this.#view.showEarlierYears(years);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#view.earlierFailed(from, to);
      this.#view.showError(failureNotice(error));
    }
  }

  async #highlights(year, limit) {
    const generation = this.#generation;
    const partnerId = this.#partnerId;
    if (partnerId === null) return;
    try {
      const page = await this.#api.getStoryHighlights(partnerId, year, limit);
      if (generation !== this.#generation) return;
      this.#view.showHighlights(page);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#view.showHighlightsError(year, failureNotice(error));
    }
  }

  async #save(format, includePrivate) {
    const generation = this.#generation;
    const partnerId = this.#partnerId;
    if (partnerId === null) return;
    try {
      const saved = await this.#api.saveStory(partnerId, format, includePrivate, this.#directory ?? undefined);
      if (!saved || generation !== this.#generation) return;
      this.#directory = saved.directory ?? this.#directory;
      this.#view.showError('');
      this.#view.showStatus(
        `Saved to ${saved.path} (readable only by you)${includePrivate ? ', with the private side' : ''}.`,
      );
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#view.showError(failureNotice(error));
    }
  }
}
