// The keyboard map: every shortcut once, for the key handler and for the help sheet alike.
// Pure: no DOM, so `node --test` can check it.

/**
 * Each shortcut: `keys` as shown to people, `action` as the controller knows it, and `scope`:
 * "global" works anywhere in the open journal (also while typing when it has a modifier);
 * the other scopes are handled by the view that owns them and are listed here for the help sheet.
 */
export const SHORTCUTS = [
  { scope: 'global', keys: ['Ctrl', 'N'], action: 'new-entry', label: 'New entry' },
  { scope: 'global', keys: ['Ctrl', 'K'], action: 'search', label: 'Search' },
  { scope: 'global', keys: ['Ctrl', 'Shift', 'N'], action: 'new-partner', label: 'Add a partner' },
  { scope: 'global', keys: ['Ctrl', '0'], action: 'go-home', label: 'Go home: what needs attention' },
  { scope: 'global', keys: ['Ctrl', '1'], action: 'go-journal', label: 'Go to the journal' },
  { scope: 'global', keys: ['Ctrl', '2'], action: 'go-partners', label: 'Go to partners' },
  { scope: 'global', keys: ['Ctrl', '3'], action: 'go-trash', label: 'Go to the trash' },
  { scope: 'global', keys: ['Ctrl', '4'], action: 'go-summary', label: 'Summary for your manager' },
  { scope: 'global', keys: ['Ctrl', ','], action: 'settings', label: 'Settings' },
  { scope: 'global', keys: ['Ctrl', 'L'], action: 'lock', label: 'Lock now' },
  { scope: 'global', keys: ['Ctrl', 'Z'], action: 'undo', label: 'Undo a deletion' },
  { scope: 'global', keys: ['?'], action: 'help', label: 'Show this help' },
  { scope: 'global', keys: ['F1'], action: 'help', label: 'Show this help' },
  { scope: 'list', keys: ['↓'], alt: ['J'], action: 'next', label: 'Next entry or partner' },
  { scope: 'list', keys: ['↑'], alt: ['K'], action: 'previous', label: 'Previous entry or partner' },
  { scope: 'list', keys: ['Enter'], action: 'open', label: 'Open the entry or partner' },
  { scope: 'list', keys: ['E'], action: 'edit', label: 'Edit the entry' },
  { scope: 'list', keys: ['Delete'], action: 'trash', label: 'Move the entry to the trash' },
  { scope: 'editor', keys: ['Ctrl', 'Enter'], action: 'save', label: 'Save' },
  { scope: 'editor', keys: ['Ctrl', 'Shift', 'P'], action: 'preview', label: 'Preview the Markdown' },
  { scope: 'editor', keys: ['Esc'], action: 'close', label: 'Close (asks before losing changes)' },
  { scope: 'meeting', keys: ['↑', '↓'], action: 'move', label: 'Previous or next agenda item' },
  { scope: 'meeting', keys: ['D'], action: 'discussed', label: 'Mark the item discussed (again: open)' },
  { scope: 'meeting', keys: ['P'], action: 'park', label: 'Park the item for next time' },
  { scope: 'meeting', keys: ['N'], action: 'notes', label: 'Notes on the item (Esc returns)' },
  { scope: 'meeting', keys: ['A'], action: 'capture-action', label: 'Capture an action from the item' },
  { scope: 'meeting', keys: ['Shift', 'D'], action: 'capture-decision', label: 'Capture a decision from the item' },
  { scope: 'meeting', keys: ['Alt', '↑'], alt: ['Alt', '↓'], action: 'move-item', label: 'Move the item up or down' },
  { scope: 'search', keys: ['↑', '↓'], action: 'move', label: 'Move through the results' },
  { scope: 'search', keys: ['Enter'], action: 'open', label: 'Open the result' },
  { scope: 'search', keys: ['Esc'], action: 'close', label: 'Close search' },
];

/** Headings of the help sheet's groups, in order. */
export const SCOPES = [
  ['global', 'Anywhere'],
  ['list', 'Timelines and lists'],
  ['editor', 'Writing an entry'],
  ['meeting', 'In a meeting (on a focused agenda item)'],
  ['search', 'Search'],
];

/** The shortcuts of one scope, with `keys` and `alt` as display strings. */
export function shortcutsIn(scope) {
  return SHORTCUTS.filter((s) => s.scope === scope);
}

/** Whether the event's target is somewhere people type (single-key shortcuts stay quiet there). */
export function isTypingTarget(target) {
  if (!target || typeof target !== 'object') return false;
  if (target.isContentEditable) return true;
  const tag = String(target.tagName ?? '').toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag !== 'input') return false;
  const type = String(target.type ?? 'text').toLowerCase();
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}

/**
 * The global action a keydown asks for, or null. `event` needs key, ctrlKey, metaKey, shiftKey,
 * altKey and target. Ctrl and Cmd are the same. Single keys (?, F1) do nothing while typing.
 */
export function globalAction(event) {
  const mod = Boolean(event.ctrlKey || event.metaKey);
  const key = String(event.key ?? '');
  const lower = key.toLowerCase();
  if (event.altKey) return null;
  if (mod) {
    if (lower === 'n') return event.shiftKey ? 'new-partner' : 'new-entry';
    if (event.shiftKey) return null;
    switch (lower) {
      case 'k': return 'search';
      case 'l': return 'lock';
      case ',': return 'settings';
      case '0': return 'go-home';
      case '1': return 'go-journal';
      case '2': return 'go-partners';
      case '3': return 'go-trash';
      case '4': return 'go-summary';
      case 'z': return isTypingTarget(event.target) ? null : 'undo';
      default: return null;
    }
  }
  if (key === 'F1') return 'help';
  if (key === '?' && !isTypingTarget(event.target)) return 'help';
  return null;
}

/** The list action a keydown on a focused entry or partner asks for, or null. */
export function listAction(event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(event.target)) return null;
  switch (event.key) {
    case 'ArrowDown':
    case 'j':
      return 'next';
    case 'ArrowUp':
    case 'k':
      return 'previous';
    case 'Enter':
      return 'open';
    case 'e':
      return 'edit';
    case 'Delete':
      return 'trash';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    default:
      return null;
  }
}
