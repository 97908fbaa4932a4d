// Wires the summary screen to the api: the choices, the live preview (debounced, stale answers
// dropped), Copy as Markdown and Save. Knows nothing of the DOM (summary-view.js does that).

import { failureNotice } from './format.js';
import { localDay } from './meetings.js';
import { Latest, debounce } from './search.js';
import { recall, remember } from './remembered.js';
import {
  LEGACY_SUMMARY_KEY,
  OTHER_SUMMARY,
  SUMMARY_DEBOUNCE_MS,
  SUMMARY_PREFERENCE,
  buildChoice,
  cleanSummaryChoices,
  defaultChoices,
  keptSummaryChoices,
  knownPartners,
  partnersAfterToggle,
  rangeProblem,
  summaryChoicesFrom,
  toggled,
} from './summary.js';

/** What the preview fails with when an included note is in the trash or gone for good. */
const INCLUDE_GONE = new Set(['invalid_input', 'not_found']);

export class SummaryController {
  #api;
  #shell;
  #view;
  #storage;
  #clipboard;
  #today;
  #choices;
  /** Whether the choices were read from the vault since it was opened. */
  #recalled = false;
  #partners = [];
  #preview = null;
  #generation = 0;
  #tickets = new Latest();
  #refresh;

  /**
   * `views` = {shell, summary: SummaryView}. The choices are
   * remembered in the vault; `storage` is where an older Rapport kept them (localStorage, moved
   * into the vault when first read). `clipboard` takes the Markdown, `today()` gives
   * YYYY-MM-DD and `timers` the debounce's clock (both for tests).
   */
  constructor(api, views, {
    storage = globalThis.localStorage,
    clipboard = globalThis.navigator?.clipboard,
    today = () => localDay(new Date()),
    timers = globalThis,
  } = {}) {
    this.#api = api;
    this.#shell = views.shell;
    this.#view = views.summary;
    this.#storage = storage;
    this.#clipboard = clipboard;
    this.#today = today;
    this.#choices = defaultChoices();
    this.#refresh = debounce(() => this.#request(), SUMMARY_DEBOUNCE_MS, timers);

    this.#view.bindChange((change) => this.#change(change));
    this.#view.bindPartner((id, on) => this.#togglePartner(id, on));
    this.#view.bindLine((key, ticked) => this.#update({ exclude: toggled(this.#choices.exclude, key, !ticked) }));
    this.#view.bindInclude((id) => this.#update({ include: toggled(this.#choices.include, id, true) }));
    this.#view.bindRemove((id) => this.#update({
      include: toggled(this.#choices.include, id, false),
      exclude: toggled(this.#choices.exclude, `entry:${id}`, false),
    }));
    this.#view.bindCopy(() => this.#copy());
    this.#view.bindSave(() => this.#save());
  }

  /** The choices as they stand (for tests). */
  get choices() {
    return structuredClone(this.#choices);
  }

  /** Shows the summary screen: the active partners read afresh, then the preview. */
  async show() {
    const generation = this.#generation;
    this.#shell.showView('summary');
    try {
      const partners = await this.#api.listPartners();
      if (generation !== this.#generation) return;
      this.#partners = partners.filter((p) => !p.archived).map((p) => ({ id: p.id, name: p.name }));
    } catch (error) {
      this.#fail(error);
      return;
    }
    if (!this.#recalled) {
      const remembered = await recall(this.#api, SUMMARY_PREFERENCE, this.#storage, LEGACY_SUMMARY_KEY, cleanSummaryChoices);
      if (generation !== this.#generation) return;
      this.#choices = summaryChoicesFrom(remembered);
      this.#recalled = true;
    }
    this.#choices.partners = knownPartners(this.#choices.partners, this.#partners.map((p) => p.id));
    this.#view.showNoPartners(this.#partners.length === 0);
    if (this.#partners.length === 0) return;
    this.#view.showChoices(this.#choices, this.#partners);
    this.#refresh.cancel();
    await this.#request();
  }

  /**
   * Forgets what was shown and the notes included by hand (locking); the remembered choices
   * stay in the vault and are read again when it is next open.
   */
  clear() {
    this.#generation += 1;
    this.#choices.include = [];
    this.#recalled = false;
    this.#refresh.cancel();
    this.#tickets.cancel();
    this.#preview = null;
    this.#partners = [];
    this.#view.clear();
  }

  #change(change) {
    const next = { ...change };
    if (change.preset === 'custom' && this.#choices.preset !== 'custom' && !this.#choices.from && !this.#choices.to) {
      // Custom starts from the range that was shown, so the dates are never blank.
      const current = buildChoice(this.#choices, this.#today());
      if (current) Object.assign(next, { from: current.from, to: current.to });
    }
    this.#update(next);
  }

  #togglePartner(id, on) {
    const all = this.#partners.map((p) => p.id);
    if (id === null) {
      this.#update({ partners: on ? [] : this.#choices.partners });
      return;
    }
    this.#update({ partners: partnersAfterToggle(this.#choices.partners, id, on, all) });
  }

  /**
   * Applies a change, keeps it for next time, redraws the controls and asks for a new preview.
   * Another period or other partners make another summary: the notes included by hand go.
   */
  #update(change) {
    const another = OTHER_SUMMARY.some((name) => name in change && String(change[name]) !== String(this.#choices[name]));
    Object.assign(this.#choices, change);
    if (another && !('include' in change)) this.#choices.include = [];
    this.#remember();
    this.#view.showChoices(this.#choices, this.#partners);
    this.#view.showStatus('');
    this.#refresh();
  }

  /** Keeps the choices for next time, in the vault. */
  #remember() {
    remember(this.#api, SUMMARY_PREFERENCE, keptSummaryChoices(this.#choices));
  }

  async #request() {
    const problem = rangeProblem(this.#choices, this.#today());
    const choice = buildChoice(this.#choices, this.#today());
    if (problem || !choice) {
      this.#tickets.cancel();
      this.#view.showError(problem || 'Choose a period.');
      return;
    }
    const ticket = this.#tickets.next();
    const generation = this.#generation;
    this.#view.showBusy(true);
    try {
      const preview = await this.#api.previewSummary(choice);
      if (!this.#tickets.isCurrent(ticket) || generation !== this.#generation) return;
      this.#preview = preview;
      this.#view.showError('');
      this.#view.showPreview(preview, this.#choices);
    } catch (error) {
      if (!this.#tickets.isCurrent(ticket) || generation !== this.#generation) return;
      if (INCLUDE_GONE.has(error.kind) && this.#choices.include.length > 0) {
        // A note included earlier was trashed or deleted since, or is outside the period: take
        // the included notes out, or the preview would fail until they were.
        this.#update({ include: [] });
        this.#refresh.cancel();
        await this.#request();
        this.#view.showStatus('A note you had included is no longer in your journal, so the included notes were taken out.');
        return;
      }
      this.#view.showBusy(false);
      this.#fail(error);
    }
  }

  async #copy() {
    if (!this.#preview) return;
    try {
      await this.#clipboard.writeText(this.#preview.markdown);
      this.#view.showStatus('Copied as Markdown. Paste it into an email or a document.');
    } catch {
      this.#view.showStatus('');
      this.#view.showError('The clipboard refused the text. Save the summary as a file instead.');
    }
  }

  async #save() {
    const choice = buildChoice(this.#choices, this.#today());
    if (!choice) return;
    const generation = this.#generation;
    try {
      const saved = await this.#api.saveSummary(choice, this.#choices.format, this.#choices.directory ?? undefined);
      if (!saved || generation !== this.#generation) return;
      this.#choices.directory = saved.directory ?? this.#choices.directory;
      this.#remember();
      this.#view.showError('');
      this.#view.showStatus(`Saved to ${saved.path} (readable only by you).`);
    } catch (error) {
      this.#fail(error);
    }
  }

  #fail(error) {
    this.#view.showError(failureNotice(error));
  }
}
