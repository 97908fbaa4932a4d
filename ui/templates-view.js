// The agenda templates view: the list of templates, and the one chosen in an editor (its name,
// its sections with their guiding questions, which relationships start from it). Built-in
// templates are read only: duplicate one to change it. Owns that DOM; the meeting controller
// wires it.

import { element, field, one } from './dom.js';
import { RELATIONSHIPS, relationshipLabel } from './format.js';
import { templateSections } from './meetings.js';

export class TemplatesView {
  #doc;
  #view;
  #form;
  #list;
  #sections;
  #defaults;
  #error;
  #templates = [];
  #chosen = null;
  #onSave = () => {};
  #onDuplicate = () => {};
  #onNew = () => {};
  #onDefault = () => {};

  constructor(doc = document) {
    this.#doc = doc;
    this.#view = one(doc, '[data-view-name="templates"]');
    this.#form = one(this.#view, '[data-form="template"]');
    this.#list = field(this.#view, 'template-list');
    this.#sections = field(this.#view, 'template-sections');
    this.#defaults = field(this.#view, 'template-defaults');
    this.#error = field(this.#view, 'template-error');
    this.#list.addEventListener('click', (event) => {
      const button = event.target.closest('[data-template-id]');
      if (button) this.#choose(Number(button.dataset.templateId), { focus: true });
    });
    this.#sections.addEventListener('click', (event) => {
      const button = event.target.closest('[data-section-action]');
      if (!button) return;
      const row = button.closest('li');
      const action = button.dataset.sectionAction;
      if (action === 'remove') row.remove();
      if (action === 'up' && row.previousElementSibling) row.previousElementSibling.before(row);
      if (action === 'down' && row.nextElementSibling) row.nextElementSibling.after(row);
      this.#renumber();
      button.focus();
    });
    one(this.#view, '[data-action="template-add-section"]').addEventListener('click', () => {
      const row = this.#sectionRow({ title: '', prompt: '' });
      this.#sections.append(row);
      this.#renumber();
      row.querySelector('input').focus();
    });
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!this.#chosen || this.#chosen.builtin) return;
      const rows = [...this.#sections.children].map((row) => ({
        title: row.querySelector('[name="title"]').value,
        prompt: row.querySelector('[name="prompt"]').value,
      }));
      this.#onSave(this.#chosen.id, this.#form.elements.name.value, templateSections(rows));
    });
    one(this.#view, '[data-action="template-duplicate"]').addEventListener('click', () => {
      if (this.#chosen) this.#onDuplicate(this.#chosen);
    });
    one(this.#view, '[data-action="template-new"]').addEventListener('click', () => this.#onNew());
    this.#defaults.addEventListener('change', (event) => {
      const box = event.target.closest('[data-relationship]');
      if (box?.checked && this.#chosen) this.#onDefault(box.dataset.relationship, this.#chosen.id);
    });
  }

  /** `handler(id, name, sections)` */
  bindSave(handler) { this.#onSave = handler; }
  /** `handler(template)` */
  bindDuplicate(handler) { this.#onDuplicate = handler; }
  bindNew(handler) { this.#onNew = handler; }
  /** `handler(relationship, templateId)` */
  bindDefault(handler) { this.#onDefault = handler; }

  /** Shows `templates`, with `chosenId` (or the one shown before, or the first) in the editor. */
  show(templates, { chosenId = this.#chosen?.id, status = '' } = {}) {
    this.#templates = templates;
    this.#list.replaceChildren(
      ...templates.map((t) => {
        const li = element(this.#doc, 'li');
        const button = element(this.#doc, 'button', 'template-row');
        button.type = 'button';
        button.dataset.templateId = String(t.id);
        const defaults = (t.default_for ?? []).map(relationshipLabel).join(', ');
        button.append(
          element(this.#doc, 'span', 'template-row-name', t.name),
          element(this.#doc, 'span', 'template-row-meta', [t.builtin ? 'Built in' : 'Yours', defaults].filter(Boolean).join(' · ')),
        );
        li.append(button);
        return li;
      }),
    );
    const chosen = templates.find((t) => t.id === chosenId) ?? templates[0];
    if (chosen) this.#choose(chosen.id);
    this.showStatus(status);
  }

  showStatus(message) {
    field(this.#view, 'template-status').textContent = message;
    if (message) this.#error.hidden = true;
  }

  showError(message) {
    this.#error.textContent = message;
    this.#error.hidden = false;
  }

  clear() {
    this.#templates = [];
    this.#chosen = null;
    this.#list.replaceChildren();
    this.#sections.replaceChildren();
    this.#defaults.replaceChildren();
    this.#form.reset();
  }

  #choose(id, { focus = false } = {}) {
    const template = this.#templates.find((t) => t.id === id);
    if (!template) return;
    this.#chosen = template;
    this.#error.hidden = true;
    for (const button of this.#list.querySelectorAll('[data-template-id]')) {
      button.setAttribute('aria-current', String(Number(button.dataset.templateId) === id));
    }
    const readOnly = template.builtin;
    const name = this.#form.elements.name;
    name.value = template.name;
    name.readOnly = readOnly;
    field(this.#view, 'template-builtin').hidden = !readOnly;
    this.#sections.replaceChildren(...template.sections.map((s) => this.#sectionRow(s, readOnly)));
    this.#renumber();
    one(this.#view, '[data-action="template-add-section"]').hidden = readOnly;
    one(this.#view, '[data-action="template-save"]').hidden = readOnly;
    this.#defaults.replaceChildren(
      ...RELATIONSHIPS.map((relationship) => {
        const label = element(this.#doc, 'label', 'check check--inline');
        const box = element(this.#doc, 'input');
        box.type = 'checkbox';
        box.dataset.relationship = relationship;
        box.checked = (template.default_for ?? []).includes(relationship);
        // A relationship always starts from one template: it moves by being ticked elsewhere.
        box.disabled = box.checked;
        label.append(box, element(this.#doc, 'span', '', relationshipLabel(relationship)));
        return label;
      }),
    );
    if (focus) name.focus();
  }

  #sectionRow(section, readOnly = false) {
    const li = element(this.#doc, 'li', 'template-section');
    const title = element(this.#doc, 'input', 'template-section-title');
    title.name = 'title';
    title.type = 'text';
    title.value = section.title;
    title.readOnly = readOnly;
    title.placeholder = 'Section';
    const prompt = element(this.#doc, 'input', 'template-section-prompt');
    prompt.name = 'prompt';
    prompt.type = 'text';
    prompt.value = section.prompt;
    prompt.readOnly = readOnly;
    prompt.placeholder = 'The question that guides it';
    li.append(title, prompt);
    if (!readOnly) {
      const actions = element(this.#doc, 'div', 'template-section-actions');
      for (const [action, text] of [['up', '↑'], ['down', '↓'], ['remove', 'Remove']]) {
        const button = element(this.#doc, 'button', 'text-button', text);
        button.type = 'button';
        button.dataset.sectionAction = action;
        actions.append(button);
      }
      li.append(actions);
    }
    return li;
  }

  /** Labels every row's fields and buttons with its place, for screen readers. */
  #renumber() {
    [...this.#sections.children].forEach((row, index) => {
      const n = index + 1;
      row.querySelector('[name="title"]').setAttribute('aria-label', `Section ${n} title`);
      row.querySelector('[name="prompt"]').setAttribute('aria-label', `Section ${n} question`);
      for (const button of row.querySelectorAll('[data-section-action]')) {
        const what = { up: 'Move up', down: 'Move down', remove: 'Remove' }[button.dataset.sectionAction];
        button.setAttribute('aria-label', `${what}: section ${n}`);
      }
    });
  }
}
