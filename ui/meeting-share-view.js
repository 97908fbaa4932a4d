// The meeting screen's "Share with them" block: what the meeting is about and how long it is,
// its guests who are not partners, and the agenda for the peer (copied as Markdown, or saved as a calendar invitation). The core
// leaves out everything private; this view only asks for it. Owns that DOM; the meeting
// controller wires it.

import { element, field, one } from './dom.js';

export class MeetingShareView {
  #view;
  #form;
  #status;
  #meeting = null;
  #onPlan = () => {};
  #onShare = () => {};
  #onGuest = () => {};

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
    const guests = one(this.#view, '[data-form="meeting-guest"]');
    guests.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = guests.elements.name.value.trim();
      if (name && this.#meeting) this.#onGuest('add', name);
    });
    guests.addEventListener('click', (event) => {
      const remove = event.target.closest('[data-remove-guest]');
      if (remove && this.#meeting) this.#onGuest('remove', Number(remove.dataset.removeGuest));
    });
    one(this.#view, '[data-action="share-copy"]').addEventListener('click', () => this.#share('copy'));
    one(this.#view, '[data-action="share-ics"]').addEventListener('click', () => this.#share('ics'));
  }

  /** `handler({purpose, minutes})`: minutes is a number or null. */
  bindPlan(handler) { this.#onPlan = handler; }
  /** `handler("add", name)` or `handler("remove", personId)`: a guest who is not a partner. */
  bindGuest(handler) { this.#onGuest = handler; }
  /** `handler(how)`: "copy" (Markdown to the clipboard) or "ics" (save an invitation). */
  bindShare(handler) { this.#onShare = handler; }

  show(meeting) {
    const same = this.#meeting?.id === meeting.id;
    this.#meeting = meeting;
    this.#showGuests(meeting);
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

  #showGuests(meeting) {
    const list = field(this.#view, 'guest-list');
    const doc = list.ownerDocument;
    list.replaceChildren(
      ...(meeting.guests ?? []).map((guest) => {
        const li = element(doc, 'li', 'guest', guest.name);
        const remove = element(doc, 'button', 'text-button', '✕');
        remove.type = 'button';
        remove.dataset.removeGuest = String(guest.id);
        remove.setAttribute('aria-label', `Remove guest: ${guest.name}`);
        li.append(remove);
        return li;
      }),
    );
    const input = one(this.#view, '[data-form="meeting-guest"]').elements.name;
    if (!(meeting.guests ?? []).some((g) => g.name.toLowerCase() === input.value.trim().toLowerCase())) return;
    input.value = '';
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
