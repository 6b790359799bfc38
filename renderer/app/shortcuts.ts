/**
 * Every keyboard shortcut of the window, in one list: the handlers match events with `matches`,
 * and the shortcuts overlay (`?`) is drawn from the same entries, so the two cannot drift apart.
 */
export interface Shortcut {
  /** The keys as shown: each string one key cap, in order. */
  keys: readonly string[];
  /** What it does, as the overlay says it. */
  does: string;
  /** Where it works. */
  scope: ShortcutScope;
  /** Whether a key event is this shortcut. */
  match(event: KeyLike): boolean;
}

export type ShortcutScope = 'Anywhere' | 'Search' | 'Moving VMs' | 'Dialogs';

/** The parts of a KeyboardEvent a match reads (a DOM event, or React's, or a test's object). */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const mod = (e: KeyLike): boolean => e.ctrlKey || e.metaKey;
const plain = (e: KeyLike): boolean => !mod(e) && !e.altKey;

export const SHORTCUTS = {
  showShortcuts: {
    keys: ['?'],
    does: 'Show this list of shortcuts',
    scope: 'Anywhere',
    // `?` is Shift+/ on most layouts: the key, not the Shift, is what counts.
    match: (e) => e.key === '?' && plain(e),
  },
  openSettings: {
    keys: ['Ctrl', ','],
    does: 'Open the settings',
    scope: 'Anywhere',
    match: (e) => e.key === ',' && mod(e) && !e.altKey && !e.shiftKey,
  },
  focusSearch: {
    keys: ['/'],
    does: 'Search hosts, VMs, services and applications',
    scope: 'Anywhere',
    match: (e) => e.key === '/' && plain(e),
  },
  focusSearchFind: {
    keys: ['Ctrl', 'F'],
    does: 'Search (as /)',
    scope: 'Anywhere',
    match: (e) => e.key.toLowerCase() === 'f' && mod(e) && !e.altKey && !e.shiftKey,
  },
  searchNext: {
    keys: ['↓'],
    does: 'The next result (↑: the one before)',
    scope: 'Search',
    match: (e) => e.key === 'ArrowDown',
  },
  searchPrevious: {
    keys: ['↑'],
    does: 'The result before',
    scope: 'Search',
    match: (e) => e.key === 'ArrowUp',
  },
  searchGo: {
    keys: ['Enter'],
    does: 'Go to the result: its card in the topology, its details, or its service',
    scope: 'Search',
    match: (e) => e.key === 'Enter',
  },
  searchClose: {
    keys: ['Esc'],
    does: 'Close the results (again: clear the search)',
    scope: 'Search',
    match: (e) => e.key === 'Escape',
  },
  moveTo: {
    keys: ['m'],
    does: 'Move the selected VMs to another host (Move to…)',
    scope: 'Moving VMs',
    match: (e) => e.key === 'm' && plain(e),
  },
  undoMove: {
    keys: ['Ctrl', 'Z'],
    does: 'Undo the last move (proposes the reverse plan)',
    scope: 'Moving VMs',
    match: (e) => e.key.toLowerCase() === 'z' && mod(e) && !e.shiftKey && !e.altKey,
  },
  cancelDrag: {
    keys: ['Esc'],
    does: 'Cancel a drag under way',
    scope: 'Moving VMs',
    match: (e) => e.key === 'Escape',
  },
  pickPrevious: {
    keys: ['↑'],
    does: 'Move to…: the host above',
    scope: 'Moving VMs',
    match: (e) => e.key === 'ArrowUp',
  },
  pickNext: {
    keys: ['↓'],
    does: 'Move to…: the host below',
    scope: 'Moving VMs',
    match: (e) => e.key === 'ArrowDown',
  },
  pickFirst: {
    keys: ['Home'],
    does: 'Move to…: the first host',
    scope: 'Moving VMs',
    match: (e) => e.key === 'Home',
  },
  pickLast: {
    keys: ['End'],
    does: 'Move to…: the last host',
    scope: 'Moving VMs',
    match: (e) => e.key === 'End',
  },
  pickChoose: {
    keys: ['Enter'],
    does: 'Move to…: move to the chosen host (the plan is reviewed first)',
    scope: 'Moving VMs',
    match: (e) => e.key === 'Enter',
  },
  closeDialog: {
    keys: ['Esc'],
    does: 'Close the dialog',
    scope: 'Dialogs',
    match: (e) => e.key === 'Escape',
  },
  nextField: {
    keys: ['Tab'],
    does: 'Next field or button (Shift+Tab: the one before), staying in the dialog',
    scope: 'Dialogs',
    match: (e) => e.key === 'Tab',
  },
} satisfies Record<string, Shortcut>;

export type ShortcutId = keyof typeof SHORTCUTS;

export function matches(id: ShortcutId, event: KeyLike): boolean {
  return SHORTCUTS[id].match(event);
}

/** The list grouped by scope, in the order above, for the overlay. */
export function shortcutGroups(): { scope: ShortcutScope; shortcuts: Shortcut[] }[] {
  const groups = new Map<ShortcutScope, Shortcut[]>();
  for (const shortcut of Object.values(SHORTCUTS) as Shortcut[]) {
    groups.set(shortcut.scope, [...(groups.get(shortcut.scope) ?? []), shortcut]);
  }
  return [...groups].map(([scope, shortcuts]) => ({ scope, shortcuts }));
}

/** True when a key press belongs to what has focus (typing), not to the console's shortcuts. */
export function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.closest('input, textarea, select, [contenteditable="true"]') !== null
  );
}

/**
 * Whether a key press may be one of the window's own shortcuts: not while typing in a field, and
 * not while a dialog is open (its keys are its own; Esc closes it first).
 */
export function forTheWindow(event: KeyboardEvent): boolean {
  return (
    !event.defaultPrevented &&
    !typing(event.target) &&
    document.querySelector('[aria-modal="true"]') === null
  );
}
