// The open journal's frame: sidebar, which page is shown, counts, notices (with Undo), the help
// sheet, settings, a confirmation question, and the keyboard. Owns that DOM.

import { element, field, Modal, one } from './dom.js';
import { count, grouped, sentence, vaultFacts } from './format.js';
import { AUTO_LOCK_CHOICES, autoLockLabel } from './idle.js';
import { SCOPES, globalAction, shortcutsIn } from './keys.js';
import { REMINDER_LEADS, dueCount } from './meetings.js';

const VIEWS = ['home', 'journal', 'partners', 'partner', 'trash', 'meeting', 'problem', 'templates', 'followups', 'summary', 'story'];
/** How long a notice stays, in milliseconds. */
const TOAST_MS = 8000;

export class ShellView {
  #doc;
  #screen;
  #main;
  #views;
  #navItems;
  #facts;
  #entryCount;
  #partnerCount;
  #dueCount;
  #summary;
  #empty;
  #trashEmpty;
  #toasts;
  #help;
  #settings;
  #settingsSelect;
  #onSettingsOpened = () => {};
  #confirm;
  #confirmAnswer = null;
  #scrollPositions = new Map();
  #onShortcut = () => {};
  #onNavigate = () => {};

  constructor(doc = document) {
    this.#doc = doc;
    this.#screen = one(doc, '[data-screen="journal"]');
    this.#main = field(doc, 'main');
    this.#views = new Map(VIEWS.map((name) => [name, one(doc, `[data-view-name="${name}"]`)]));
    this.#navItems = [...doc.querySelectorAll('.nav-item[data-nav]')];
    this.#facts = field(doc, 'vault-facts');
    this.#entryCount = field(doc, 'entry-count');
    this.#partnerCount = field(doc, 'partner-count');
    this.#dueCount = field(doc, 'due-count');
    this.#summary = field(doc, 'timeline-summary');
    this.#empty = field(doc, 'empty');
    this.#trashEmpty = field(doc, 'trash-empty');
    this.#toasts = field(doc, 'toasts');

    this.#help = new Modal(one(doc, '[data-dialog="help"]'));
    one(doc, '[data-action="help-close"]').addEventListener('click', () => this.#help.close());

    this.#settings = new Modal(one(doc, '[data-dialog="settings"]'));
    this.#settingsSelect = one(doc, '#auto-lock-select');
    for (const minutes of AUTO_LOCK_CHOICES) {
      const option = element(doc, 'option', '', autoLockLabel(minutes));
      option.value = String(minutes);
      this.#settingsSelect.append(option);
    }

    const confirm = one(doc, '[data-dialog="confirm"]');
    this.#confirm = new Modal(confirm);
    one(confirm, '[data-action="confirm-no"]').addEventListener('click', () => this.#confirm.close());
    one(confirm, '[data-action="confirm-yes"]').addEventListener('click', () => {
      const answer = this.#confirmAnswer;
      this.#confirmAnswer = null;
      this.#confirm.close();
      answer?.(true);
    });
    this.#confirm.onClose(() => {
      const answer = this.#confirmAnswer;
      this.#confirmAnswer = null;
      answer?.(false);
    });

    this.#toasts.addEventListener('click', (event) => {
      const button = event.target.closest('.toast-action');
      if (!button) return;
      const toast = button.closest('.toast');
      toast.actionHandler?.();
      this.#removeToast(toast);
    });

    doc.addEventListener('keydown', (event) => this.#onKeydown(event));
    for (const node of doc.querySelectorAll('[data-nav]')) {
      node.addEventListener('click', () => this.#onNavigate(node.dataset.nav));
    }
  }

  // ---- hooks ----

  /** `handler(action)` for global shortcuts and the buttons that do the same (see keys.js). */
  bindShortcut(handler) {
    this.#onShortcut = handler;
    for (const action of ['new-entry', 'search', 'lock', 'help', 'settings']) {
      for (const button of this.#doc.querySelectorAll(`[data-screen="journal"] [data-action="${action}"]`)) {
        button.addEventListener('click', () => handler(action));
      }
    }
  }

  /** `handler(view)` when a navigation item is chosen: home, journal, partners, trash, summary. */
  bindNavigate(handler) {
    this.#onNavigate = handler;
  }

  /** `handler()` on any key, pointer or wheel activity, for auto-lock. */
  bindActivity(handler) {
    for (const type of ['keydown', 'pointerdown', 'pointermove', 'wheel', 'focusin']) {
      this.#doc.addEventListener(type, () => handler(), { passive: true, capture: true });
    }
  }

  /** `handler({enabled, lead_minutes, reflect_quarterly})` when a reminder setting changes. */
  bindRemindersSetting(handler) {
    const enabled = one(this.#doc, '#reminders-enabled');
    const lead = one(this.#doc, '#reminders-lead');
    const reflect = one(this.#doc, '#reminders-reflect');
    const changed = () => {
      lead.disabled = !enabled.checked;
      handler({ enabled: enabled.checked, lead_minutes: Number(lead.value), reflect_quarterly: reflect.checked });
    };
    enabled.addEventListener('change', changed);
    lead.addEventListener('change', changed);
    reflect.addEventListener('change', changed);
  }

  /** `handler(minutes)` when the auto-lock setting changes. */
  bindAutoLockSetting(handler) {
    this.#settingsSelect.addEventListener('change', () => handler(Number(this.#settingsSelect.value)));
  }

  // ---- updates ----

  /**
   * Which page is shown. Scroll positions are kept per page; a partner, meeting or problem
   * opens at its top. `focus` moves to its heading. Staying on the same list page leaves it
   * where it is scrolled, and touches no layout: on the way to the first screen, reading or
   * setting a scroll position or focusing would lay the page out before its content arrives.
   */
  showView(name, { focus = true } = {}) {
    const current = this.#screen.dataset.view;
    const toTop = ['partner', 'meeting', 'problem', 'templates', 'story'].includes(name);
    if (current !== name) {
      if (current) this.#scrollPositions.set(current, this.#main.scrollTop);
      for (const [viewName, node] of this.#views) node.hidden = viewName !== name;
      this.#screen.dataset.view = name;
      const navName = { partner: 'partners', story: 'partners', meeting: 'home', problem: 'home', templates: 'home', followups: 'home' }[name] ?? name;
      for (const item of this.#navItems) {
        if (item.dataset.nav === navName) item.setAttribute('aria-current', 'page');
        else item.removeAttribute('aria-current');
      }
      this.#main.scrollTop = toTop ? 0 : (this.#scrollPositions.get(name) ?? 0);
    } else if (toTop) {
      this.#main.scrollTop = 0;
    }
    if (focus) this.focusView(name);
  }

  /** Moves focus to the heading of page `name`. */
  focusView(name) {
    this.#views.get(name).querySelector('h1[tabindex="-1"]')?.focus({ preventScroll: true });
  }

  /**
   * focusView(name) in the next animation frame, where the page is laid out anyway (focusing
   * lays it out), unless by then another page is shown or something visible has the focus.
   */
  focusViewNextFrame(name) {
    this.#doc.defaultView.requestAnimationFrame(() => {
      const active = this.#doc.activeElement;
      const unclaimed = !active || active === this.#doc.body || active.closest('[hidden]') !== null;
      if (unclaimed && this.currentView === name) this.focusView(name);
    });
  }

  get currentView() {
    return this.#screen.dataset.view;
  }

  /** The element that scrolls the pages (the timelines read ahead inside it). */
  get scroller() {
    return this.#main;
  }

  /** The status line and the counts in the sidebar. */
  showStatus(status) {
    this.#facts.textContent = vaultFacts(status).join(' · ');
    this.#facts.parentElement.title = status?.data_dir ?? '';
    const entries = status?.entry_count;
    const partners = status?.partner_count;
    this.#entryCount.textContent = typeof entries === 'number' && entries > 0 ? compact(entries) : '';
    this.#partnerCount.textContent = typeof partners === 'number' && partners > 0 ? compact(partners) : '';
    this.#summary.textContent =
      typeof entries === 'number' && entries > 0 ? `${count(entries, 'entry', 'entries')}, newest first` : '';
    const protection = status?.protection === 'passphrase' ? 'a passphrase' : 'your system keychain';
    field(this.#doc, 'settings-protection').textContent = `Encrypted on this computer. Its key comes from ${protection}.`;
    field(this.#doc, 'settings-dir').textContent = status?.data_dir ?? '';
  }

  /** Home's count in the sidebar: what `due` (get_due) asks to look at. */
  showDueCount(due) {
    const total = dueCount(due);
    this.#dueCount.textContent = total > 0 ? String(total) : '';
  }

  /** The global quick-capture shortcut: {accelerator, registered, message}, or null if unknown. */
  showShortcut(shortcut) {
    const help = field(this.#doc, 'help-global');
    const setting = field(this.#doc, 'settings-shortcut');
    if (!shortcut || !shortcut.accelerator) {
      help.hidden = true;
      setting.textContent = 'Not available in this build. Use Ctrl+N inside Rapport.';
      return;
    }
    const keys = shortcut.accelerator.split('+');
    if (shortcut.registered) {
      help.replaceChildren(
        ...keys.map((k) => element(this.#doc, 'kbd', '', k)),
        this.#doc.createTextNode(' brings Rapport forward with a new entry, from any app on your desktop.'),
      );
      setting.textContent = `${shortcut.accelerator} opens a new entry from any app on your desktop.`;
    } else {
      const why = shortcut.message ? ` ${sentence(shortcut.message)}` : '';
      help.textContent = `The desktop-wide shortcut ${shortcut.accelerator} is off: the desktop refused it. Ctrl+N works inside Rapport.`;
      setting.textContent = `Off: the desktop refused ${shortcut.accelerator}.${why}`;
    }
    help.hidden = false;
  }

  showJournalEmpty(empty) {
    this.#empty.hidden = !empty;
  }

  showTrashEmpty(empty) {
    this.#trashEmpty.hidden = !empty;
  }

  /** A notice at the bottom; with `action` = {label, run}, a button (Undo) that runs it. */
  showToast(text, action = null) {
    const toast = this.#doc.getElementById('toast-template').content.firstElementChild.cloneNode(true);
    toast.querySelector('.toast-text').textContent = text;
    const button = toast.querySelector('.toast-action');
    if (action) {
      button.textContent = action.label;
      button.hidden = false;
      toast.actionHandler = action.run;
    }
    // One notice at a time: a new one replaces the old.
    for (const old of [...this.#toasts.children]) this.#removeToast(old);
    this.#toasts.append(toast);
    toast.timer = this.#doc.defaultView.setTimeout(() => this.#removeToast(toast), TOAST_MS);
    return toast;
  }

  /** Runs the Undo of the notice on screen, if there is one. Returns whether it did. */
  undoFromToast() {
    const toast = [...this.#toasts.children].find((node) => node.actionHandler);
    if (!toast) return false;
    toast.actionHandler();
    this.#removeToast(toast);
    return true;
  }

  openHelp() {
    // Built the first time it is opened: the sheet is not on the way to the first screen.
    const groups = field(this.#doc, 'help-groups');
    if (!groups.hasChildNodes()) this.#buildHelp(groups);
    this.#help.open(one(this.#doc, '[data-action="help-close"]'));
  }

  /** `handler()` when Settings asks for the agenda templates (Settings closes first). */
  bindOpenTemplates(handler) {
    one(this.#doc, '[data-action="open-templates"]').addEventListener('click', () => {
      this.#settings.close();
      handler();
    });
  }

  /** `handler()` each time Settings is opened (its sections read what they show afresh). */
  bindSettingsOpened(handler) {
    this.#onSettingsOpened = handler;
  }

  openSettings(minutes, reminders = null) {
    this.#onSettingsOpened();
    this.#settingsSelect.value = String(minutes);
    if (reminders) {
      const lead = one(this.#doc, '#reminders-lead');
      if (lead.options.length === 0) {
        for (const value of REMINDER_LEADS) {
          const option = element(this.#doc, 'option', '', value === 0 ? 'when it starts' : `${value} minutes before`);
          option.value = String(value);
          lead.append(option);
        }
      }
      if (!REMINDER_LEADS.includes(reminders.lead_minutes)) {
        const option = element(this.#doc, 'option', '', `${reminders.lead_minutes} minutes before`);
        option.value = String(reminders.lead_minutes);
        lead.append(option);
      }
      lead.value = String(reminders.lead_minutes);
      lead.disabled = !reminders.enabled;
      one(this.#doc, '#reminders-enabled').checked = reminders.enabled;
      one(this.#doc, '#reminders-reflect').checked = Boolean(reminders.reflect_quarterly);
    }
    this.#settings.open(this.#settingsSelect);
  }

  /** Asks a yes/no question; resolves true when the person confirms. */
  confirm({ title, message, yes, tone = 'danger' }) {
    const dialog = this.#confirm.element;
    field(dialog, 'confirm-title').textContent = title;
    field(dialog, 'confirm-message').textContent = message;
    const button = one(dialog, '[data-action="confirm-yes"]');
    button.textContent = yes;
    // Red for what cannot be undone; the accent for a step forward (`tone: "primary"`).
    button.classList.toggle('button--danger', tone !== 'primary');
    button.classList.toggle('button--primary', tone === 'primary');
    this.#confirmAnswer?.(false);
    return new Promise((resolve) => {
      this.#confirmAnswer = resolve;
      this.#confirm.open(one(dialog, '[data-action="confirm-no"]'));
    });
  }

  /** Whether a dialog is open (global shortcuts other than Lock wait until it closes). */
  get dialogOpen() {
    return this.#doc.querySelector('dialog[open]') !== null;
  }

  /** Closes every dialog and notice of the frame (the vault is being locked). */
  clear() {
    this.#help.dismiss();
    this.#settings.dismiss();
    this.#confirm.dismiss();
    for (const toast of [...this.#toasts.children]) this.#removeToast(toast);
    this.#summary.textContent = '';
    this.#facts.textContent = '';
    this.#entryCount.textContent = '';
    this.#partnerCount.textContent = '';
    this.#dueCount.textContent = '';
    this.#scrollPositions.clear();
    this.#main.scrollTop = 0;
  }

  // ---- internals ----

  #onKeydown(event) {
    if (this.#screen.hidden) return;
    const action = globalAction(event);
    if (!action) return;
    if (this.dialogOpen && action !== 'lock') {
      // Inside a dialog only Lock works globally; help toggles closed from its own sheet.
      if (action === 'help' && this.#help.isOpen) {
        event.preventDefault();
        this.#help.close();
      }
      return;
    }
    if (action === 'undo' && !this.#toasts.querySelector('.toast-action:not([hidden])')) return;
    event.preventDefault();
    this.#onShortcut(action);
  }

  #removeToast(toast) {
    this.#doc.defaultView.clearTimeout(toast.timer);
    toast.actionHandler = null;
    toast.remove();
  }

  #buildHelp(container) {
    for (const [scope, title] of SCOPES) {
      const section = element(this.#doc, 'section', 'help-group');
      section.append(element(this.#doc, 'h3', 'help-group-title', title));
      const list = element(this.#doc, 'dl', 'help-list');
      const seen = new Set();
      for (const shortcut of shortcutsIn(scope)) {
        // One row per action: F1 joins "?" as another way to open help.
        const key = `${shortcut.action}:${shortcut.label}`;
        const keys = element(this.#doc, 'dt', 'help-keys');
        const combos = [shortcut.keys, ...(shortcut.alt ? [shortcut.alt] : [])];
        combos.forEach((combo, i) => {
          if (i > 0) keys.append(element(this.#doc, 'span', 'help-or', 'or'));
          for (const part of combo) keys.append(element(this.#doc, 'kbd', '', part));
        });
        if (seen.has(key)) {
          const previous = list.lastElementChild.previousElementSibling;
          previous.append(element(this.#doc, 'span', 'help-or', 'or'), ...[...keys.childNodes]);
          continue;
        }
        seen.add(key);
        list.append(keys, element(this.#doc, 'dd', 'help-label', shortcut.label));
      }
      section.append(list);
      container.append(section);
    }
  }
}

/** 1234 → "1,234"; 123456 → "123k". */
function compact(n) {
  if (n >= 100_000) return `${Math.round(n / 1000)}k`;
  return grouped(n);
}
