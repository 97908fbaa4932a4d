// The meeting screen's "Share with them" block: what the meeting is about and how long it is,
// and the agenda for the peer (copied as Markdown, or saved as a calendar invitation). The core
// leaves out everything private; this view only asks for it. Owns that DOM; the meeting
// controller wires it.

import { field, one } from './dom.js';

export class MeetingShareView {
  #view;
  #form;
  #status;
  #meeting = null;
  #onPlan = () => {};
  #onShare = () => {};

  constructor(doc = document) {
    this.#view = one(doc, '[data-view-name="meeting"]');
    this.#form = one(this.#view, '[data-form="meeting-plan"]');
    this.#status = field(this.#view, 'share-status');
    // A change (Enter, leaving the field, another length) saves both.
    this.#form.addEventListener('change', () => this.#plan());
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#plan();
    });
    one(this.#view, '[data-action="share-copy"]').addEventListener('click', () => this.#share('copy'));
    one(this.#view, '[data-action="share-ics"]').addEventListener('click', () => this.#share('ics'));
  }

  /** `handler({purpose, minutes})`: minutes is a number or null. */
  bindPlan(handler) { this.#onPlan = handler; }
  /** `handler(how)`: "copy" (Markdown to the clipboard) or "ics" (save an invitation). */
  bindShare(handler) { this.#onShare = handler; }

  show(meeting) {
    const same = this.#meeting?.id === meeting.id;
    this.#meeting = meeting;
    // Sharing is for a meeting still to come.
    field(this.#view, 'share-block').hidden = meeting.status !== 'planned';
    if (same && this.#form.contains(this.#form.ownerDocument.activeElement)) return;
    this.#form.elements.purpose.value = meeting.purpose ?? '';
    const minutes = meeting.minutes ? String(meeting.minutes) : '';
    const select = this.#form.elements.minutes;
    // A length set elsewhere (the CLI) that the list does not offer is offered too.
    if (minutes && ![...select.options].some((o) => o.value === minutes)) {
      const option = select.ownerDocument.createElement('option');
      option.value = minutes;
      option.textContent = `${minutes} minutes`;
      select.append(option);
    }
    select.value = minutes;
    if (!same) this.showStatus('');
  }

  showStatus(message) {
    this.#status.textContent = message;
  }

  clear() {
    this.#meeting = null;
    this.#form.reset();
    this.showStatus('');
  }

  #plan() {
    if (!this.#meeting) return;
    const purpose = this.#form.elements.purpose.value.trim();
    const minutes = Number(this.#form.elements.minutes.value) || null;
    if (purpose === (this.#meeting.purpose ?? '') && minutes === (this.#meeting.minutes ?? null)) return;
    this.#onPlan({ purpose, minutes });
  }

  #share(how) {
    if (!this.#meeting) return;
    this.showStatus('');
    this.#onShare(how);
  }
}
