// Quick capture and editing: the editor dialog. Owns its DOM; the controller supplies known tags
// and partners, renders previews in Rust, and saves.

import { Combobox } from './combobox.js';
import { partnerSuggestions, replaceWord, tagSuggestions, tagsForTyping } from './complete.js';
import { cloneTemplate, element, field, Modal, one, sanitizedFragment } from './dom.js';
import { draftIsDirty } from './forms.js';
import {
  KINDS,
  SUPPORT_ACTS,
  count,
  dayLabel,
  kindLabel,
  localDateTime,
  relationshipLabel,
  supportFromValue,
  supportValue,
  timeLabel,
} from './format.js';

export class EditorView {
  #doc;
  #modal;
  #form;
  #title;
  #body;
  #preview;
  #tabs;
  #kinds;
  #support;
  #partnerInput;
  #partnerTokens;
  #tagsInput;
  #shareable;
  #when;
  #whenHint;
  #shareTitle;
  #shareExplainer;
  #error;
  #keys;
  #saveButton;
  #actions;
  #discard;
  #restored;

  #original = null;
  #partners = [];
  #knownPartners = [];
  #knownTags = [];
  #previewing = false;
  #saving = false;
  #onSave = () => {};
  #onPreview = () => {};
  #onCreatePartner = null;
  #onTyping = () => {};
  #onAbandon = () => {};
  /** Set when the controller closes the editor (saved, or the vault is locking), not the person. */
  #closedByCaller = false;

  constructor(doc = document) {
    this.#doc = doc;
    const dialog = one(doc, '[data-dialog="editor"]');
    this.#modal = new Modal(dialog);
    this.#form = one(dialog, '[data-form="editor"]');
    this.#title = field(dialog, 'editor-title');
    this.#body = this.#form.elements.namedItem('body');
    this.#preview = field(dialog, 'editor-preview');
    this.#tabs = [...dialog.querySelectorAll('[role="tab"]')];
    this.#partnerInput = one(dialog, '#editor-partner-input');
    this.#partnerTokens = field(dialog, 'editor-partner-tokens');
    this.#tagsInput = this.#form.elements.namedItem('tags');
    this.#shareable = this.#form.elements.namedItem('shareable');
    this.#when = this.#form.elements.namedItem('when');
    this.#whenHint = one(dialog, '#editor-when-hint');
    this.#shareTitle = field(dialog, 'share-title');
    this.#shareExplainer = field(dialog, 'share-explainer');
    this.#error = field(dialog, 'editor-error');
    this.#keys = field(dialog, 'editor-keys');
    this.#saveButton = one(dialog, '[data-action="editor-save"]');
    this.#actions = field(dialog, 'editor-actions');
    this.#discard = field(dialog, 'editor-discard');
    this.#restored = field(dialog, 'editor-restored');

    this.#kinds = this.#buildKinds(field(dialog, 'kind-options'));
    this.#support = field(dialog, 'editor-support');
    this.#buildSupport();

    new Combobox(doc, {
      input: this.#tagsInput,
      list: one(dialog, '#editor-tag-list'),
      suggest: (input) =>
        tagSuggestions(input.value, input.selectionStart ?? input.value.length, this.#knownTags).map((t) => ({
          label: `#${t.tag}`,
          aside: count(t.count, 'entry', 'entries'),
          value: t.tag,
        })),
      accept: (tag) => {
        const { text, caret } = replaceWord(this.#tagsInput.value, this.#tagsInput.selectionStart ?? 0, tag);
        this.#tagsInput.value = text;
        this.#tagsInput.setSelectionRange(caret, caret);
      },
    });

    new Combobox(doc, {
      input: this.#partnerInput,
      list: one(dialog, '#editor-partner-list'),
      autoSelect: true,
      suggest: (input) => this.#partnerOptions(input.value),
      accept: (value, item) => {
        if (item.create) this.#createPartner(value);
        else this.#addPartner(value);
      },
    });

    this.#partnerInput.addEventListener('keydown', (event) => {
      if (event.key === 'Backspace' && this.#partnerInput.value === '' && this.#partners.length > 0) {
        event.preventDefault();
        this.#removePartner(this.#partners.at(-1).id);
      }
    });
    this.#partnerTokens.addEventListener('click', (event) => {
      const remove = event.target.closest('.token-remove');
      if (!remove) return;
      this.#removePartner(Number(remove.closest('.token').dataset.partnerId));
      this.#partnerInput.focus();
    });
    field(dialog, 'editor-partners').addEventListener('mousedown', (event) => {
      // A click anywhere in the token box types into its input.
      if (event.target === event.currentTarget) {
        event.preventDefault();
        this.#partnerInput.focus();
      }
    });

    this.#shareable.addEventListener('change', () => this.#showShareable());
    // Whatever changes what is typed (text, kind, tags, shareable; partners below) is reported,
    // so the controller can keep a draft.
    this.#form.addEventListener('input', () => this.#typed());
    this.#form.addEventListener('change', () => this.#typed());

    for (const tab of this.#tabs) {
      tab.addEventListener('click', () => this.#setPreviewing(tab.dataset.tab === 'preview'));
      tab.addEventListener('keydown', (event) => {
        if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
          event.preventDefault();
          this.#setPreviewing(!this.#previewing);
          this.#tabs.find((t) => t.getAttribute('aria-selected') === 'true')?.focus();
        }
      });
    }

    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#save();
    });
    dialog.addEventListener('keydown', (event) => {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key === 'Enter') {
        event.preventDefault();
        this.#save();
      } else if (mod && event.shiftKey && event.key.toLowerCase() === 'p') {
        event.preventDefault();
        this.#setPreviewing(!this.#previewing);
        (this.#previewing ? this.#preview : this.#body).focus();
      }
    });
    one(dialog, '[data-action="editor-cancel"]').addEventListener('click', () => this.#modal.requestClose());
    one(dialog, '[data-action="editor-keep"]').addEventListener('click', () => this.#keepWriting());
    one(dialog, '[data-action="editor-discard"]').addEventListener('click', () => this.#modal.close());
    this.#modal.onCancel((event) => {
      if (this.#saving) {
        event.preventDefault();
        return;
      }
      if (!this.#discard.hidden) {
        // A second Esc keeps the text: losing words should take a deliberate click.
        event.preventDefault();
        this.#keepWriting();
        return;
      }
      if (draftIsDirty(this.draft(), this.#original)) {
        event.preventDefault();
        this.#askDiscard();
      }
    });
    this.#modal.onClose(() => {
      const abandoned = !this.#closedByCaller;
      this.#closedByCaller = false;
      this.clear();
      if (abandoned) this.#onAbandon();
    });
  }

  // ---- hooks ----

  /** `handler(draft, original)`: original is the entry being edited, or null for a new one. */
  bindSave(handler) {
    this.#onSave = handler;
  }

  /** `handler(text)`: render the Markdown and call showPreview(). */
  bindPreview(handler) {
    this.#onPreview = handler;
  }

  /** `handler()`: what is typed changed (the controller keeps a draft a moment later). */
  bindTyping(handler) {
    this.#onTyping = handler;
  }

  /** `handler()`: the person closed the editor without saving (Cancel, Discard, Esc). */
  bindAbandon(handler) {
    this.#onAbandon = handler;
  }

  /** `handler(name)` → Promise of a new partner; offered when a typed name matches nobody. */
  bindCreatePartner(handler) {
    this.#onCreatePartner = handler;
  }

  // ---- updates ----

  get isOpen() {
    return this.#modal.isOpen;
  }

  /**
   * Opens the editor. `draft` = {body, kind, tags (or tagsText, as typed), partners: [{id,
   * name}], shareable, support ({direction, act} or null), when (a datetime-local value; absent: the entry's date, or empty for a
   * new entry, which is dated when saved)}; `original` is the entry being edited (null for a new entry);
   * `restoredAt`: the draft was kept at this instant (ISO) and is offered again.
   */
  open({ draft, original = null, knownTags = [], knownPartners = [], restoredAt = null }) {
    if (this.isOpen) {
      this.#body.focus();
      return;
    }
    this.#original = original;
    this.#knownTags = knownTags;
    this.#knownPartners = knownPartners;
    this.#title.textContent = original ? 'Edit entry' : 'New entry';
    this.#saveButton.textContent = original ? 'Save changes' : 'Save entry';
    this.#body.value = draft.body ?? '';
    this.#setKind(draft.kind ?? 'note');
    this.#tagsInput.value = draft.tagsText ?? tagsForTyping(draft.tags);
    this.#partners = [...(draft.partners ?? [])];
    this.#renderTokens();
    this.#shareable.checked = Boolean(draft.shareable);
    this.#showShareable();
    this.#support.value = supportValue(draft.support);
    this.#when.value = draft.when ?? (original ? localDateTime(new Date(original.created_at)) : '');
    this.#whenHint.textContent = original
      ? 'Change it to move the entry to when it happened.'
      : 'Leave empty for now; set it for a memory written down later.';
    // The core refuses a date more than a day ahead; the picker offers none.
    this.#when.max = localDateTime(new Date(Date.now() + 24 * 3600 * 1000));
    this.#setPreviewing(false);
    this.#hideError();
    this.#showRestored(restoredAt);
    this.#discard.hidden = true;
    this.#actions.hidden = false;
    this.#setSaving(false);
    this.#modal.open(this.#body);
    // The cursor goes to the end, after a prompt's first line.
    const end = this.#body.value.length;
    this.#body.setSelectionRange(end, end);
    this.#body.scrollTop = this.#body.scrollHeight;
  }

  /** The entry being edited, or null for a new one. */
  get original() {
    return this.#original;
  }

  /** Updates completion data while the editor is open (a partner was just added). */
  setKnown({ knownTags, knownPartners }) {
    if (knownTags) this.#knownTags = knownTags;
    if (knownPartners) this.#knownPartners = knownPartners;
  }

  /** What the fields hold now: {body, kind, tagsText, partners, shareable, when, support}. */
  draft() {
    return {
      body: this.#body.value,
      kind: this.#kinds.find((input) => input.checked)?.value ?? 'note',
      tagsText: this.#tagsInput.value,
      partners: [...this.#partners],
      shareable: this.#shareable.checked,
      when: this.#when.value,
      support: supportFromValue(this.#support.value),
    };
  }

  showSaving(busy) {
    this.#setSaving(busy);
  }

  /** A refusal from the core (e.g. a tag with characters tags cannot have): the text stays. */
  showError(message) {
    this.#setSaving(false);
    this.#error.textContent = message;
    this.#error.hidden = false;
    this.#keys.hidden = true;
  }

  /**
   * The entry was changed elsewhere while it was edited here: what is typed stays, and the next
   * save is made on `fresh`, the entry as it is now (the journal shows it).
   */
  changedElsewhere(fresh, message) {
    this.#original = fresh;
    this.showError(message);
  }

  /** Rendered, sanitized HTML from Rust. */
  showPreview(html) {
    if (!this.#previewing) return;
    this.#preview.classList.remove('editor-preview--empty');
    this.#preview.replaceChildren(sanitizedFragment(this.#doc, html));
  }

  showPreviewError(message) {
    this.#preview.replaceChildren(element(this.#doc, 'p', 'form-error', message));
  }

  /** Closes after a save (the controller forgets the draft itself). */
  close() {
    if (this.isOpen) this.#closedByCaller = true;
    this.#modal.close();
  }

  /** Closes without a question and forgets the text (the vault is being locked; the draft is kept). */
  dismiss() {
    if (this.isOpen) this.#closedByCaller = true;
    this.#modal.dismiss();
    this.clear();
  }

  /** Forgets everything typed. */
  clear() {
    this.#original = null;
    this.#body.value = '';
    this.#tagsInput.value = '';
    this.#partnerInput.value = '';
    this.#partners = [];
    this.#partnerTokens.replaceChildren();
    this.#preview.replaceChildren();
    this.#knownTags = [];
    this.#knownPartners = [];
    this.#hideError();
  }

  // ---- internals ----

  #buildKinds(container) {
    const inputs = [];
    for (const kind of KINDS) {
      const label = element(this.#doc, 'label', 'kind-option');
      const input = this.#doc.createElement('input');
      input.type = 'radio';
      input.name = 'kind';
      input.value = kind;
      const text = element(this.#doc, 'span', 'kind-pill', kindLabel(kind));
      text.dataset.kind = kind;
      label.append(input, text);
      container.append(label);
      inputs.push(input);
    }
    return inputs;
  }

  /** Either way round, each act once: "They covered for you", "You covered for them". */
  #buildSupport() {
    for (const [label, direction, column] of [
      ['They supported you', 'received', 2],
      ['You supported them', 'given', 1],
    ]) {
      const group = element(this.#doc, 'optgroup');
      group.label = label;
      for (const act of SUPPORT_ACTS) {
        const option = element(this.#doc, 'option', '', act[column]);
        option.value = `${direction}:${act[0]}`;
        group.append(option);
      }
      this.#support.append(group);
    }
  }

  #setKind(kind) {
    for (const input of this.#kinds) input.checked = input.value === kind;
    if (!this.#kinds.some((input) => input.checked)) this.#kinds[0].checked = true;
  }

  #showShareable() {
    const shareable = this.#shareable.checked;
    this.#shareTitle.textContent = shareable ? 'Shareable' : 'Private';
    this.#shareExplainer.textContent = shareable
      ? 'May appear in a summary you export for your manager. Switch off to keep it to yourself.'
      : 'Private by default: only you can read it. Switch on to allow it in a summary you share.';
  }

  #setPreviewing(previewing) {
    this.#previewing = previewing;
    for (const tab of this.#tabs) {
      const selected = (tab.dataset.tab === 'preview') === previewing;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    this.#body.hidden = previewing;
    this.#preview.hidden = !previewing;
    if (!previewing) return;
    const text = this.#body.value;
    if (text.trim() === '') {
      this.#preview.classList.add('editor-preview--empty');
      this.#preview.replaceChildren(element(this.#doc, 'p', 'quiet', 'Nothing to preview yet. Write something first.'));
      return;
    }
    this.#onPreview(text);
  }

  #partnerOptions(query) {
    const linked = this.#partners.map((p) => p.id);
    const options = partnerSuggestions(query, this.#knownPartners, linked).map((partner) => ({
      label: partner.name,
      aside: [partner.role, relationshipLabel(partner.relationship)].filter(Boolean).join(' · '),
      value: partner,
    }));
    const name = query.trim();
    const exact = this.#knownPartners.some((p) => p.name.toLowerCase() === name.toLowerCase());
    if (name !== '' && !exact && this.#onCreatePartner) {
      options.push({ label: `Add “${name}” as a new partner`, aside: '', value: name, create: true });
    }
    return options;
  }

  #addPartner(partner) {
    if (!this.#partners.some((p) => p.id === partner.id)) {
      this.#partners.push({ id: partner.id, name: partner.name });
      this.#renderTokens();
      this.#typed();
    }
    this.#partnerInput.value = '';
  }

  async #createPartner(name) {
    try {
      const partner = await this.#onCreatePartner(name);
      if (partner) this.#addPartner(partner);
      this.#hideError();
    } catch (error) {
      this.showError(error.message);
    }
  }

  #removePartner(id) {
    this.#partners = this.#partners.filter((p) => p.id !== id);
    this.#renderTokens();
    this.#typed();
  }

  #typed() {
    if (this.isOpen) this.#onTyping();
  }

  /** Says that what is shown was kept from before a lock, a restart or a crash. */
  #showRestored(restoredAt) {
    const at = restoredAt ? new Date(restoredAt) : null;
    if (!at || Number.isNaN(at.getTime())) {
      this.#restored.hidden = true;
      this.#restored.textContent = '';
      return;
    }
    const day = dayLabel(at, new Date());
    const when = day === 'Today' ? timeLabel(at) : `${day}, ${timeLabel(at)}`;
    this.#restored.textContent = `Kept from ${when}, when Rapport locked or closed. Save it, or Cancel to discard it.`;
    this.#restored.hidden = false;
  }

  #renderTokens() {
    this.#partnerTokens.replaceChildren(
      ...this.#partners.map((partner) => {
        const token = cloneTemplate(this.#doc, 'token-template');
        token.dataset.partnerId = String(partner.id);
        token.querySelector('.token-label').textContent = partner.name;
        token.querySelector('.token-remove').setAttribute('aria-label', `Remove ${partner.name}`);
        return token;
      }),
    );
    this.#partnerInput.placeholder = this.#partners.length > 0 ? '' : 'Link a partner…';
  }

  #save() {
    if (this.#saving) return;
    const draft = this.draft();
    if (draft.body.trim() === '') {
      this.showError('Write something first: an entry needs text.');
      this.#setPreviewing(false);
      this.#body.focus();
      return;
    }
    this.#hideError();
    this.#setSaving(true);
    this.#onSave(draft, this.#original);
  }

  #setSaving(busy) {
    this.#saving = busy;
    this.#saveButton.disabled = busy;
    this.#form.setAttribute('aria-busy', String(busy));
  }

  #hideError() {
    this.#error.hidden = true;
    this.#error.textContent = '';
    this.#keys.hidden = false;
  }

  #askDiscard() {
    this.#hideError();
    this.#keys.hidden = true;
    this.#actions.hidden = true;
    this.#discard.hidden = false;
    one(this.#discard, '[data-action="editor-keep"]').focus();
  }

  #keepWriting() {
    this.#keys.hidden = false;
    this.#discard.hidden = true;
    this.#actions.hidden = false;
    (this.#previewing ? this.#preview : this.#body).focus();
  }
}
