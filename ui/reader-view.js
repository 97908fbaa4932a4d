// One entry read in full: its Markdown rendered in Rust, with Edit and Delete (or Restore and
// Delete for good, in the trash). Owns its dialog.

import { element, field, Modal, one, sanitizedFragment } from './dom.js';
import { fullDateLabel, kindLabel, knownKind, relativeTime, supportLabel } from './format.js';
import { isTypingTarget } from './keys.js';

export class ReaderView {
  #doc;
  #modal;
  #entry = null;
  #kind;
  #title;
  #facts;
  #body;
  #tags;
  #keys;
  #liveActions;
  #trashActions;
  #onAction = () => {};

  constructor(doc = document) {
    this.#doc = doc;
    const dialog = one(doc, '[data-dialog="reader"]');
    this.#modal = new Modal(dialog);
    this.#kind = field(dialog, 'reader-kind');
    this.#title = field(dialog, 'reader-title');
    this.#facts = field(dialog, 'reader-facts');
    this.#body = field(dialog, 'reader-body');
    this.#tags = field(dialog, 'reader-tags');
    this.#keys = field(dialog, 'reader-keys');
    this.#liveActions = field(dialog, 'reader-live-actions');
    this.#trashActions = field(dialog, 'reader-trash-actions');

    for (const action of ['edit', 'trash', 'restore', 'purge']) {
      one(dialog, `[data-action="reader-${action}"]`).addEventListener('click', () => this.#act(action));
    }
    one(dialog, '[data-action="reader-close"]').addEventListener('click', () => this.close());
    this.#facts.addEventListener('click', (event) => {
      const link = event.target.closest('.partner-link');
      if (link && this.#entry) this.#onAction('partner', this.#entry, Number(link.dataset.partnerId));
    });
    dialog.addEventListener('keydown', (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (event.target.closest('button')) return;
      const trashed = Boolean(this.#entry?.deleted_at);
      if (event.key === 'e' && !trashed) {
        event.preventDefault();
        this.#act('edit');
      } else if (event.key === 'Delete') {
        event.preventDefault();
        this.#act(trashed ? 'purge' : 'trash');
      }
    });
    this.#modal.onClose(() => this.clear());
  }

  /** `handler(action, entry, extra)`: edit, trash, restore, purge, partner (extra = partner id). */
  bindAction(handler) {
    this.#onAction = handler;
  }

  get isOpen() {
    return this.#modal.isOpen;
  }

  get entry() {
    return this.#entry;
  }

  /** Shows `entry` with `html`, its body as rendered and sanitized by Rust. */
  open(entry, html) {
    this.#entry = entry;
    const date = new Date(entry.created_at);
    const trashed = Boolean(entry.deleted_at);
    this.#kind.textContent = kindLabel(entry.kind);
    this.#kind.dataset.kind = knownKind(entry.kind);
    this.#title.textContent = fullDateLabel(date);

    const facts = [];
    const partners = entry.partners ?? [];
    if (partners.length > 0) {
      facts.push(this.#doc.createTextNode('With '));
      partners.forEach((partner, i) => {
        if (i > 0) facts.push(this.#doc.createTextNode(', '));
        const link = element(this.#doc, 'button', 'partner-link', partner.name);
        link.type = 'button';
        link.dataset.partnerId = String(partner.id);
        facts.push(link);
      });
      facts.push(element(this.#doc, 'span', 'dot', ' · '));
    }
    if (entry.support) {
      const support = element(this.#doc, 'span', 'entry-support', supportLabel(entry.support));
      support.dataset.direction = entry.support.direction;
      facts.push(support, element(this.#doc, 'span', 'dot', ' · '));
    }
    facts.push(
      element(
        this.#doc,
        'span',
        entry.shareable ? 'privacy privacy--shared' : 'privacy',
        entry.shareable ? 'Shareable' : 'Private',
      ),
    );
    if (entry.updated_at && entry.updated_at !== entry.created_at) {
      facts.push(element(this.#doc, 'span', 'dot', ' · '));
      facts.push(element(this.#doc, 'span', '', `Edited ${relativeTime(new Date(entry.updated_at), new Date())}`));
    }
    if (trashed) {
      facts.push(element(this.#doc, 'span', 'dot', ' · '));
      facts.push(element(this.#doc, 'span', 'trashed', `In the trash since ${relativeTime(new Date(entry.deleted_at), new Date())}`));
    }
    this.#facts.replaceChildren(...facts);

    this.#body.replaceChildren(sanitizedFragment(this.#doc, html));
    this.#tags.replaceChildren(...(entry.tags ?? []).map((tag) => element(this.#doc, 'li', 'tag', `#${tag}`)));
    this.#tags.hidden = (entry.tags ?? []).length === 0;

    this.#liveActions.hidden = trashed;
    this.#trashActions.hidden = !trashed;
    this.#keys.replaceChildren(...this.#keyHint(trashed));
    this.#modal.open(this.#body);
    this.#body.scrollTop = 0;
  }

  close() {
    this.#modal.close();
  }

  dismiss() {
    this.#modal.dismiss();
    this.clear();
  }

  clear() {
    this.#entry = null;
    this.#title.textContent = '';
    this.#facts.replaceChildren();
    this.#body.replaceChildren();
    this.#tags.replaceChildren();
  }

  #act(action) {
    if (this.#entry) this.#onAction(action, this.#entry);
  }

  #keyHint(trashed) {
    const kbd = (text) => element(this.#doc, 'kbd', '', text);
    const text = (t) => this.#doc.createTextNode(t);
    if (trashed) return [kbd('Delete'), text(' delete for good')];
    return [kbd('E'), text(' edit '), element(this.#doc, 'span', 'dot', '·'), text(' '), kbd('Delete'), text(' move to trash')];
  }
}
