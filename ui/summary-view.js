// The summary screen: the choices (period, partners, format), the live preview that reads like
// the report with a tick per line, the private notes that can be included, and the action bar.
// Owns that DOM.

import { cloneTemplate, element, field, one } from './dom.js';
import { kindLabel, shortDateLabel, supportLabel } from './format.js';
import { partnerChosen, rangeLabel, sharedLabel } from './summary.js';

/** The report's headings, as the saved Markdown words them. */
const PARTNER_GROUPS = [
  ['decisions', 'Agreements and decisions'],
  ['actions', 'Action items'],
  ['wins', 'Wins'],
  ['support', 'Support both ways'],
  ['notes', 'Shared notes'],
];

export class SummaryView {
  #doc;
  #form;
  #format;
  #dates;
  #chips;
  #error;
  #noPartners;
  #preview;
  #range;
  #body;
  #nothing;
  #nothingHint;
  #candidates;
  #candidateList;
  #candidateCount;
  #candidatesMore;
  #bar;
  #count;
  #status;
  #partnerKey = '';
  /** Where focus goes after the next preview is drawn: {key} of a line, or {candidate: index}. */
  #focusAfter = null;
  #onChange = () => {};
  #onPartner = () => {};
  #onLine = () => {};
  #onInclude = () => {};
  #onRemove = () => {};
  #onCopy = () => {};
  #onSave = () => {};

  constructor(doc = document) {
    this.#doc = doc;
    const view = one(doc, '[data-view-name="summary"]');
    this.#form = one(view, '[data-form="summary-choices"]');
    this.#dates = field(view, 'summary-dates');
    this.#chips = field(view, 'summary-partners');
    this.#error = field(view, 'summary-error');
    this.#noPartners = field(view, 'summary-no-partners');
    this.#preview = field(view, 'summary-doc');
    this.#range = field(view, 'summary-range');
    this.#body = field(view, 'summary-body');
    this.#nothing = field(view, 'summary-nothing');
    this.#nothingHint = field(view, 'summary-nothing-hint');
    this.#candidates = field(view, 'summary-candidates');
    this.#candidateList = field(view, 'summary-candidate-list');
    this.#candidateCount = field(view, 'summary-candidate-count');
    this.#candidatesMore = field(view, 'summary-candidates-more');
    this.#bar = field(view, 'summary-bar');
    this.#count = field(view, 'summary-count');
    this.#status = field(view, 'summary-status');

    this.#form.addEventListener('submit', (event) => event.preventDefault());
    this.#form.addEventListener('change', (event) => {
      const target = event.target;
      if (target.name === 'preset') this.#onChange({ preset: target.value });
      else if (target.name === 'from' || target.name === 'to') this.#onChange({ [target.name]: target.value });
      else if (target.dataset.partnerAll !== undefined) this.#onPartner(null, target.checked);
      else if (target.dataset.partnerId) this.#onPartner(Number(target.dataset.partnerId), target.checked);
    });
    view.addEventListener('click', (event) => {
      const preset = event.target.closest('[data-summary-preset]');
      if (preset) this.#onChange({ preset: preset.dataset.summaryPreset });
    });
    this.#body.addEventListener('change', (event) => {
      const line = event.target.closest('.summary-line');
      if (line && event.target.type === 'checkbox') {
        this.#focusAfter = { key: line.dataset.key };
        line.dataset.excluded = String(!event.target.checked);
        this.#onLine(line.dataset.key, event.target.checked);
      }
    });
    this.#body.addEventListener('click', (event) => {
      const remove = event.target.closest('[data-summary-remove]');
      if (!remove) return;
      const line = remove.closest('.summary-line');
      const next = line.nextElementSibling ?? line.previousElementSibling;
      this.#focusAfter = next ? { key: next.dataset.key } : { title: true };
      this.#onRemove(Number(remove.dataset.summaryRemove));
    });
    this.#candidateList.addEventListener('click', (event) => {
      const include = event.target.closest('[data-summary-include]');
      if (!include) return;
      const row = include.closest('.summary-candidate');
      this.#focusAfter = { candidate: [...this.#candidateList.children].indexOf(row) };
      this.#onInclude(Number(include.dataset.summaryInclude));
    });
    this.#format = one(view, '#summary-format');
    this.#format.addEventListener('change', () => this.#onChange({ format: this.#format.value }));
    one(view, '[data-action="summary-copy"]').addEventListener('click', () => this.#onCopy());
    one(view, '[data-action="summary-save"]').addEventListener('click', () => this.#onSave());
  }

  // ---- hooks ----

  /** `handler(change)` with one of {preset}, {from}, {to}, {format}. */
  bindChange(handler) { this.#onChange = handler; }
  /** `handler(partnerId, on)`; `partnerId` is null for "All". */
  bindPartner(handler) { this.#onPartner = handler; }
  /** `handler(lineKey, ticked)` when a line is ticked or unticked. */
  bindLine(handler) { this.#onLine = handler; }
  /** `handler(entryId)` when a private note is included. */
  bindInclude(handler) { this.#onInclude = handler; }
  /** `handler(entryId)` when an included note is taken out again. */
  bindRemove(handler) { this.#onRemove = handler; }
  bindCopy(handler) { this.#onCopy = handler; }
  bindSave(handler) { this.#onSave = handler; }

  // ---- updates ----

  /** The choices as the controls show them; `partners` = the active partners [{id, name}]. */
  showChoices(choices, partners) {
    for (const radio of this.#form.querySelectorAll('input[name="preset"]')) radio.checked = radio.value === choices.preset;
    this.#dates.hidden = choices.preset !== 'custom';
    const from = one(this.#form, '[name="from"]');
    const to = one(this.#form, '[name="to"]');
    if (from.value !== choices.from) from.value = choices.from;
    if (to.value !== choices.to) to.value = choices.to;
    this.#format.value = choices.format;
    this.#showPartners(choices.partners, partners);
    this.#nothingHint.hidden = choices.preset === 'last-quarter' || choices.preset === 'custom';
  }

  /** No partners at all: teach instead of showing an empty report. */
  showNoPartners(none) {
    this.#noPartners.hidden = !none;
    this.#form.hidden = none;
    if (none) {
      this.#preview.hidden = true;
      this.#candidates.hidden = true;
      this.#bar.hidden = true;
      this.#error.hidden = true;
    }
  }

  /** A newer preview is on its way: the old one stays, marked busy, so nothing jumps. */
  showBusy(busy) {
    this.#preview.setAttribute('aria-busy', String(busy));
  }

  /** A problem with the choices or a failed request, for the person; '' hides it. */
  showError(text) {
    this.#error.textContent = text;
    this.#error.hidden = !text;
  }

  /** A calm line in the action bar: "Copied", "Saved to …"; '' clears it. */
  showStatus(text) {
    this.#status.textContent = text;
  }

  /** Draws `preview` (preview_summary): the report with a tick per line, and the private notes. */
  showPreview(preview, choices) {
    const { summary } = preview;
    const excluded = new Set(choices.exclude);
    this.#range.textContent = rangeLabel(summary.from, summary.to);
    const parts = [];
    let lines = 0;
    for (const partner of summary.partners ?? []) {
      const section = element(this.#doc, 'section', 'summary-partner');
      const heading = element(this.#doc, 'h3', 'summary-partner-name', partner.partner.name);
      if (partner.role) heading.append(element(this.#doc, 'span', 'summary-partner-role', partner.role));
      section.append(heading);
      const cadence = preview.cadence?.[String(partner.partner.id)];
      if (cadence) section.append(element(this.#doc, 'p', 'summary-cadence', `Cadence: ${cadence}.`));
      let any = false;
      for (const [name, title] of PARTNER_GROUPS) {
        const group = partner[name] ?? [];
        if (group.length === 0) continue;
        any = true;
        lines += group.length;
        section.append(element(this.#doc, 'h4', 'summary-group-title', title), this.#lines(group, preview, excluded));
      }
      if (!any) section.append(element(this.#doc, 'p', 'summary-quiet', 'Nothing recorded with them in this period.'));
      parts.push(section);
    }
    for (const [name, title, removable] of [['problems', 'Peer problems', false], ['included', 'Notes included', true]]) {
      const group = summary[name] ?? [];
      if (group.length === 0) continue;
      lines += group.length;
      const section = element(this.#doc, 'section', 'summary-part');
      section.append(element(this.#doc, 'h3', 'summary-part-title', title), this.#lines(group, preview, excluded, removable));
      parts.push(section);
    }
    this.#body.replaceChildren(...parts);
    this.#nothing.hidden = lines > 0;
    this.#preview.hidden = false;
    this.#showCandidates(preview.candidates ?? [], preview.more_candidates, new Set(choices.include));
    this.#count.textContent = sharedLabel(preview.chosen_lines);
    this.#bar.hidden = false;
    for (const button of this.#bar.querySelectorAll('button')) button.disabled = !preview.chosen_lines;
    this.showBusy(false);
    this.#restoreFocus();
  }

  clear() {
    this.#body.replaceChildren();
    this.#candidateList.replaceChildren();
    this.#chips.replaceChildren();
    this.#partnerKey = '';
    this.#focusAfter = null;
    this.#candidates.open = false;
    this.#preview.hidden = true;
    this.#candidates.hidden = true;
    this.#bar.hidden = true;
    this.#noPartners.hidden = true;
    this.#form.hidden = false;
    this.#range.textContent = '';
    this.#count.textContent = '';
    this.showStatus('');
    this.showError('');
    this.showBusy(false);
  }

  // ---- internals ----

  #lines(group, preview, excluded, removable = false) {
    const list = element(this.#doc, 'ul', 'summary-lines');
    for (const line of group) {
      const row = cloneTemplate(this.#doc, 'summary-line-template');
      row.dataset.key = line.key;
      const out = excluded.has(line.key);
      row.dataset.excluded = String(out);
      row.querySelector('input').checked = !out;
      row.querySelector('.summary-line-text').textContent = line.text;
      row.querySelector('.summary-line-detail').textContent = line.detail ?? '';
      row.querySelector('.summary-line-source').textContent = preview.sources?.[line.key] ?? '';
      if (removable && line.provenance?.kind === 'entry') {
        const remove = row.querySelector('[data-summary-remove]');
        remove.hidden = false;
        remove.dataset.summaryRemove = String(line.provenance.id);
        remove.setAttribute('aria-label', `Remove “${line.text.slice(0, 60)}” from the summary`);
      }
      list.append(row);
    }
    return list;
  }

  #showCandidates(candidates, more, included) {
    const rows = candidates.filter((c) => !included.has(c.id)).map((candidate) => {
      const row = cloneTemplate(this.#doc, 'summary-candidate-template');
      const badge = row.querySelector('.badge');
      badge.dataset.kind = candidate.kind;
      badge.textContent = kindLabel(candidate.kind);
      const when = shortDateLabel(new Date(candidate.at));
      row.querySelector('.summary-candidate-when').textContent = when;
      const names = (candidate.partners ?? []).map((p) => p.name).join(', ');
      const support = supportLabel(candidate.support);
      row.querySelector('.summary-candidate-partners').textContent = [names, support].filter(Boolean).map((t) => `· ${t}`).join(' ');
      row.querySelector('.summary-candidate-text').textContent = candidate.preview;
      const include = row.querySelector('[data-summary-include]');
      include.dataset.summaryInclude = String(candidate.id);
      include.setAttribute('aria-label', `Include the ${kindLabel(candidate.kind).toLowerCase()} of ${when}`);
      return row;
    });
    this.#candidateList.replaceChildren(...rows);
    this.#candidateCount.textContent = `${rows.length}${more ? '+' : ''}`;
    this.#candidatesMore.hidden = !more;
    this.#candidates.hidden = rows.length === 0;
  }

  #showPartners(chosen, partners) {
    const key = partners.map((p) => `${p.id}:${p.name}`).join('\n');
    if (key !== this.#partnerKey) {
      this.#partnerKey = key;
      const chip = (label, data) => {
        const wrap = element(this.#doc, 'label', 'summary-chip');
        const box = this.#doc.createElement('input');
        box.type = 'checkbox';
        Object.assign(box.dataset, data);
        wrap.append(box, element(this.#doc, 'span', '', label));
        return wrap;
      };
      this.#chips.replaceChildren(
        chip('All', { partnerAll: '' }),
        ...partners.map((p) => chip(p.name, { partnerId: String(p.id) })),
      );
    }
    for (const box of this.#chips.querySelectorAll('input')) {
      box.checked = box.dataset.partnerAll !== undefined ? chosen.length === 0 : partnerChosen(chosen, Number(box.dataset.partnerId));
    }
  }

  #restoreFocus() {
    const wanted = this.#focusAfter;
    this.#focusAfter = null;
    if (!wanted) return;
    let target = null;
    if (wanted.key) target = this.#body.querySelector(`.summary-line[data-key="${CSS.escape(wanted.key)}"] input`);
    if (wanted.candidate !== undefined) {
      const rows = this.#candidateList.children;
      const row = rows[Math.min(wanted.candidate, rows.length - 1)];
      target = row?.querySelector('[data-summary-include]') ?? this.#candidates.querySelector('summary');
      if (this.#candidates.hidden) target = null;
    }
    if (!target) target = this.#doc.getElementById('summary-title');
    target.focus({ preventScroll: true });
  }
}
