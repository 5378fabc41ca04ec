/** What a shortcut does; a screen that can do it provides the handler (see `provideShortcuts`). */
export type ShortcutAction =
  'palette' | 'sheet' | 'search' | 'next' | 'previous' | 'open' | 'tick' | 'stage' | 'edit' | 'back';

export interface Shortcut {
  action: ShortcutAction;
  /** KeyboardEvent.key values; "Mod+k" is Ctrl+K, or Cmd+K on a Mac. */
  keys: readonly string[];
  /** What it does, as the shortcut sheet says it. */
  does: string;
  /** Where it works, as the sheet says it. "Anywhere" works while typing in a field too. */
  where: 'Anywhere' | 'Outside a text field' | 'Search results' | 'An order';
}

/** Every keyboard shortcut of the console: the sheet lists these and the handler matches them. */
export const SHORTCUTS: readonly Shortcut[] = [
  {
    action: 'palette',
    keys: ['Mod+k'],
    does: 'Command palette: go to a screen, an order id or an action',
    where: 'Anywhere',
  },
  { action: 'sheet', keys: ['?'], does: 'Show these shortcuts', where: 'Outside a text field' },
  { action: 'search', keys: ['/'], does: 'Search orders (go to the search box)', where: 'Outside a text field' },
  { action: 'back', keys: ['Escape'], does: 'Go back (in a field: leave the field)', where: 'Outside a text field' },
  { action: 'next', keys: ['j', 'ArrowDown'], does: 'Next result', where: 'Search results' },
  { action: 'previous', keys: ['k', 'ArrowUp'], does: 'Previous result', where: 'Search results' },
  { action: 'open', keys: ['Enter'], does: 'Open the highlighted order', where: 'Search results' },
  {
    action: 'tick',
    keys: ['x', ' '],
    does: 'Tick or untick the highlighted order for staging',
    where: 'Search results',
  },
  { action: 'stage', keys: ['s'], does: 'Stage the ticked orders', where: 'Search results' },
  { action: 'edit', keys: ['e'], does: 'Change the order’s window, tip or details', where: 'An order' },
];

/** The parts of a key press a shortcut is told by. */
export type KeyPress = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>;

function pressed(event: KeyPress, key: string): boolean {
  if (key.startsWith('Mod+')) {
    return (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === key.slice(4);
  }
  return !event.ctrlKey && !event.metaKey && !event.altKey && event.key === key;
}

/**
 * The shortcut a key press means. `inField`: focus is in a text field, where a letter is typed, not
 * obeyed. `onControl`: focus is on a button, link or the like, which Enter and Space activate.
 */
export function shortcutFor(event: KeyPress, inField: boolean, onControl: boolean): Shortcut | null {
  for (const shortcut of SHORTCUTS) {
    if (!shortcut.keys.some((key) => pressed(event, key))) continue;
    if (inField && shortcut.where !== 'Anywhere') continue;
    if (onControl && (event.key === 'Enter' || event.key === ' ')) continue;
    return shortcut;
  }
  return null;
}

/** How the sheet writes a key. */
export function keyLabel(key: string, mac: boolean): string {
  if (key.startsWith('Mod+')) return `${mac ? '⌘' : 'Ctrl'} ${key.slice(4).toUpperCase()}`;
  const names: Record<string, string> = { ' ': 'Space', ArrowDown: '↓', ArrowUp: '↑', Escape: 'Esc' };
  return names[key] ?? key;
}

type Handler = () => boolean | void;
const provided: Partial<Record<ShortcutAction, Handler>>[] = [];

/**
 * A screen (or the shell) handles these actions while it is shown; returns the cleanup, for an $effect.
 * The latest provider of an action wins; a handler returning false lets the key do what it would.
 */
export function provideShortcuts(handlers: Partial<Record<ShortcutAction, Handler>>): () => void {
  provided.push(handlers);
  return () => {
    const at = provided.indexOf(handlers);
    if (at >= 0) provided.splice(at, 1);
  };
}

const FIELD = 'input:not([type=checkbox]):not([type=radio]), textarea, select, [contenteditable="true"]';
const CONTROL = 'button, a[href], summary, input, [role=button], [role=checkbox]';

/** The window's keydown: runs the shortcut pressed, if the screen shown provides it. */
export function handleShortcutKey(event: KeyboardEvent): void {
  if (event.defaultPrevented) return;
  const target = event.target instanceof Element ? event.target : null;
  // A dialog (the palette, the sheet) handles its own keys.
  if (target?.closest('dialog')) return;
  const field = target?.closest<HTMLElement>(FIELD) ?? null;
  if (field && event.key === 'Escape' && !event.ctrlKey && !event.metaKey && !event.altKey) {
    // A search box with text clears itself on Escape; the next Escape leaves it.
    if (!(field instanceof HTMLInputElement && field.type === 'search' && field.value !== '')) field.blur();
    return;
  }
  const shortcut = shortcutFor(event, field !== null, target?.closest(CONTROL) != null);
  if (!shortcut) return;
  for (let i = provided.length - 1; i >= 0; i--) {
    const handler = provided[i]![shortcut.action];
    if (!handler) continue;
    if (handler() === false) return;
    event.preventDefault();
    return;
  }
}

export const SEARCH_BOX_ID = 'search-box';

/** Focuses the search box, waiting a frame for the search screen when it is being opened. */
export function focusSearch(): void {
  const box = document.getElementById(SEARCH_BOX_ID);
  if (box) {
    (box as HTMLInputElement).select();
    box.focus();
    return;
  }
  requestAnimationFrame(() => {
    const later = document.getElementById(SEARCH_BOX_ID) as HTMLInputElement | null;
    later?.focus();
  });
}
