// A text input with a list of suggestions under it (the ARIA combobox pattern): arrows move,
// Enter or Tab accepts, Esc closes the list (and only the list). The owner decides what the
// suggestions are and what accepting one does.

import { cloneTemplate } from './dom.js';

let nextId = 0;

export class Combobox {
  #doc;
  #input;
  #list;
  #items = [];
  #active = -1;
  #suggest;
  #accept;
  #autoSelect;

  /**
   * `suggest(input)` → [{label, aside?, value}] to show; `accept(value)` runs when one is chosen.
   * With `autoSelect`, the first suggestion is active as soon as the list opens.
   */
  constructor(doc, { input, list, suggest, accept, autoSelect = false }) {
    this.#doc = doc;
    this.#input = input;
    this.#list = list;
    this.#suggest = suggest;
    this.#accept = accept;
    this.#autoSelect = autoSelect;

    input.addEventListener('input', () => this.refresh());
    input.addEventListener('focus', () => this.refresh());
    input.addEventListener('blur', () => this.close());
    input.addEventListener('keydown', (event) => this.#onKeydown(event));
    // mousedown, not click: the input must not lose focus (which would close the list) first.
    list.addEventListener('mousedown', (event) => {
      const option = event.target.closest('[role="option"]');
      if (!option) return;
      event.preventDefault();
      this.#choose(Number(option.dataset.index));
    });
  }

  get isOpen() {
    return !this.#list.hidden;
  }

  /** Recomputes the suggestions for what is in the input now. */
  refresh() {
    if (this.#doc.activeElement !== this.#input) return;
    this.#items = this.#suggest(this.#input) ?? [];
    if (this.#items.length === 0) {
      this.close();
      return;
    }
    const options = this.#items.map((item, index) => {
      const option = cloneTemplate(this.#doc, 'suggestion-template');
      option.id = `suggestion-${(nextId += 1)}`;
      option.dataset.index = String(index);
      option.querySelector('.suggestion-label').textContent = item.label;
      option.querySelector('.suggestion-aside').textContent = item.aside ?? '';
      if (item.create) option.classList.add('suggestion--create');
      return option;
    });
    this.#list.replaceChildren(...options);
    this.#list.hidden = false;
    this.#input.setAttribute('aria-expanded', 'true');
    this.#setActive(this.#autoSelect ? 0 : -1);
  }

  close() {
    this.#list.hidden = true;
    this.#list.replaceChildren();
    this.#items = [];
    this.#active = -1;
    this.#input.setAttribute('aria-expanded', 'false');
    this.#input.removeAttribute('aria-activedescendant');
  }

  #onKeydown(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const open = this.isOpen;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) this.refresh();
        else this.#setActive(this.#active + 1 >= this.#items.length ? 0 : this.#active + 1);
        break;
      case 'ArrowUp':
        if (!open) return;
        event.preventDefault();
        this.#setActive(this.#active <= 0 ? this.#items.length - 1 : this.#active - 1);
        break;
      case 'Enter':
        // Enter never submits the form from here: Ctrl+Enter saves.
        event.preventDefault();
        if (open && this.#active >= 0) this.#choose(this.#active);
        break;
      case 'Tab':
        if (open && this.#active >= 0 && !event.shiftKey) {
          event.preventDefault();
          this.#choose(this.#active);
        }
        break;
      case 'Escape':
        if (open) {
          // Close the list, not the dialog around it.
          event.preventDefault();
          event.stopPropagation();
          this.close();
        }
        break;
      default:
        break;
    }
  }

  #setActive(index) {
    this.#active = index;
    for (const option of this.#list.children) {
      const selected = Number(option.dataset.index) === index;
      option.setAttribute('aria-selected', String(selected));
      if (selected) {
        this.#input.setAttribute('aria-activedescendant', option.id);
        option.scrollIntoView({ block: 'nearest' });
      }
    }
    if (index < 0) this.#input.removeAttribute('aria-activedescendant');
  }

  #choose(index) {
    const item = this.#items[index];
    if (!item) return;
    this.close();
    // The list stays closed until the next key: reopening at once would cover the form.
    this.#accept(item.value, item);
  }
}
