// The "Prepare a one-on-one" dialog: when, which template (the signals asked when it is a peer
// one), what it is about and how long, and who else joins (a cohort meeting). Owns that DOM; the
// meeting controller wires it.

import { element, field, Modal, one } from './dom.js';
import { SIGNALS, isPeerTemplate } from './meetings.js';

/** The "Prepare a one-on-one" dialog. */
export class PrepareView {
  #doc;
  #modal;
  #form;
  #signals;
  #error;
  #partner = null;
  #templates = [];
  #onSubmit = () => {};

  constructor(doc = document) {
    this.#doc = doc;
    this.#modal = new Modal(one(doc, '[data-dialog="prepare"]'));
    this.#form = one(doc, '[data-form="prepare"]');
    this.#signals = field(doc, 'prepare-signals');
    this.#error = field(doc, 'prepare-error');
    for (const [key, label] of SIGNALS) {
      const row = element(doc, 'label', 'check');
      const box = element(doc, 'input');
      box.type = 'checkbox';
      box.name = key;
      row.append(box, element(doc, 'span', '', label));
      this.#signals.append(row);
    }
    one(doc, '[data-action="prepare-close"]').addEventListener('click', () => this.#modal.close());
    this.#form.elements.template.addEventListener('change', () => this.#showSignals());
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      const elements = this.#form.elements;
      const others = [...field(this.#doc, 'prepare-others').querySelectorAll('input:checked')].map((box) => Number(box.value));
      this.#onSubmit({
        partnerIds: [this.#partner?.id, ...others],
        at: elements.at.value,
        templateId: elements.template.value,
        withSignals: !this.#signals.hidden,
        signals: Object.fromEntries(SIGNALS.map(([key]) => [key, elements[key].checked])),
        purpose: elements.purpose.value,
        minutes: elements.minutes.value,
      });
    });
  }

  /** `handler(values)` with {partnerIds, at, templateId, withSignals, signals, purpose, minutes}. */
  bindSubmit(handler) { this.#onSubmit = handler; }

  /**
   * Opens for `partner` with `templates` to choose from, `templateId` and `at` preselected;
   * `others` are the partners who may join (a cohort meeting).
   */
  open({ partner, templates, templateId, at, others = [] }) {
    this.#partner = partner;
    this.#templates = templates;
    const list = field(this.#doc, 'prepare-others');
    list.replaceChildren(
      ...others.map((other) => {
        const label = element(this.#doc, 'label', 'check check--inline');
        const box = element(this.#doc, 'input');
        box.type = 'checkbox';
        box.value = String(other.id);
        label.append(box, element(this.#doc, 'span', '', other.name));
        return label;
      }),
    );
    field(this.#doc, 'prepare-others-block').hidden = others.length === 0;
    field(this.#doc, 'prepare-others-block').open = false;
    this.#form.reset();
    this.#error.hidden = true;
    field(this.#doc, 'prepare-title').textContent = `Prepare a one-on-one with ${partner.name}`;
    const select = this.#form.elements.template;
    select.replaceChildren(
      ...templates.map((template) => {
        const option = element(this.#doc, 'option', '', template.name);
        option.value = String(template.id);
        return option;
      }),
    );
    if (templateId != null) select.value = String(templateId);
    this.#form.elements.at.value = at;
    this.#showSignals();
    this.#modal.open(this.#form.elements.at);
  }

  /** The signals are asked for a peer one-on-one: shown when the chosen template is one. */
  #showSignals() {
    const chosen = this.#templates.find((t) => String(t.id) === this.#form.elements.template.value);
    this.#signals.hidden = !isPeerTemplate(chosen);
  }

  showError(message) {
    this.#error.textContent = message;
    this.#error.hidden = false;
  }

  close() {
    this.#modal.close();
  }

  dismiss() {
    this.#modal.dismiss();
  }
}
