// A prompt's answers about a partner over time (ui/parts/dialogs.html): side by side, newest
// first, so this year's answer reads beside last year's; "Answer again" starts a new one. Owns
// its DOM.

import { element, field, Modal, one } from './dom.js';
import { count, markdownAsText, shortDateLabel } from './format.js';
import { answerText } from './prompts.js';

export class AnswersView {
  #doc;
  #modal;
  #title;
  #sub;
  #list;
  #more;
  #prompt = null;
  #nextBefore = null;
  #shown = 0;
  #onMore = () => {};
  #onAgain = () => {};

  constructor(doc = document) {
    this.#doc = doc;
    const dialog = one(doc, '[data-dialog="answers"]');
    this.#modal = new Modal(dialog);
    this.#title = field(dialog, 'answers-title');
    this.#sub = field(dialog, 'answers-sub');
    this.#list = field(dialog, 'answers-list');
    this.#more = one(dialog, '[data-action="answers-more"]');
    this.#more.addEventListener('click', () => {
      if (this.#nextBefore != null) this.#onMore(this.#nextBefore);
    });
    one(dialog, '[data-action="answers-close"]').addEventListener('click', () => this.close());
    one(dialog, '[data-action="answers-again"]').addEventListener('click', () => {
      const prompt = this.#prompt;
      this.close();
      if (prompt) this.#onAgain(prompt);
    });
  }

  /** `handler(before)`: read the answers before that entry; answer with showMore(). */
  bindMore(handler) {
    this.#onMore = handler;
  }

  /** `handler(prompt)`: write a new answer to it. */
  bindAgain(handler) {
    this.#onAgain = handler;
  }

  get isOpen() {
    return this.#modal.isOpen;
  }

  /** Opens on `prompt`'s answers about `partner`: the first page of list_entries by its tag. */
  open({ prompt, partner, page }) {
    this.#prompt = prompt;
    this.#title.textContent = prompt.text;
    this.#list.replaceChildren();
    this.#shown = 0;
    this.#append(page);
    this.#sub.textContent = `Your answers about ${partner.name}, newest first: read them side by side to see what changed.`;
    this.#modal.open(one(this.#doc, '[data-dialog="answers"] [data-action="answers-again"]'));
  }

  showMore(page) {
    this.#append(page);
  }

  /** Closes and forgets what was shown (the vault may be locking). */
  close() {
    this.#modal.close();
    this.#prompt = null;
    this.#nextBefore = null;
    this.#shown = 0;
    this.#list.replaceChildren();
    this.#title.textContent = '';
    this.#sub.textContent = '';
    this.#more.hidden = true;
  }

  #append(page) {
    for (const entry of page.entries) {
      const item = element(this.#doc, 'li', 'answers-answer');
      const when = element(this.#doc, 'time', 'answers-when', shortDateLabel(new Date(entry.created_at)));
      when.dateTime = entry.created_at;
      const text = answerText(markdownAsText(entry.body), this.#prompt) || '(No answer written under the prompt.)';
      item.append(when, element(this.#doc, 'p', 'answers-text', text));
      this.#list.append(item);
    }
    this.#shown += page.entries.length;
    this.#nextBefore = page.next_before ?? null;
    this.#more.hidden = this.#nextBefore == null;
    this.#list.setAttribute('aria-label', `Your ${count(this.#shown, 'answer')} so far, newest first`);
  }
}
