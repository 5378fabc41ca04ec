import { afterEach, describe, expect, it } from 'vitest';
import { paletteCommands } from '../../renderer/lib/palette-commands';
import { parentOf } from '../../renderer/lib/router.svelte';
import { handleShortcutKey, keyLabel, provideShortcuts, SHORTCUTS, shortcutFor } from '../../renderer/lib/shortcuts';

const press = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('the shortcut table', () => {
  it('names each key once, so no key means two things', () => {
    const keys = SHORTCUTS.flatMap((shortcut) => shortcut.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('obeys single keys outside fields only, Ctrl or Cmd+K anywhere', () => {
    expect(shortcutFor(press('j'), false, false)?.action).toBe('next');
    expect(shortcutFor(press('j'), true, false)).toBeNull();
    expect(shortcutFor(press('J'), false, false)).toBeNull();
    expect(shortcutFor(press('j', { ctrlKey: true }), false, false)).toBeNull();
    expect(shortcutFor(press('k', { ctrlKey: true }), true, false)?.action).toBe('palette');
    expect(shortcutFor(press('K', { metaKey: true }), true, false)?.action).toBe('palette');
    expect(shortcutFor(press('k', { ctrlKey: true, altKey: true }), true, false)).toBeNull();
    expect(shortcutFor(press('?'), false, false)?.action).toBe('sheet');
    expect(shortcutFor(press(' '), false, false)?.action).toBe('tick');
  });

  it('leaves Enter and Space to the button or link that has focus', () => {
    expect(shortcutFor(press('Enter'), false, true)).toBeNull();
    expect(shortcutFor(press(' '), false, true)).toBeNull();
    expect(shortcutFor(press('x'), false, true)?.action).toBe('tick');
  });

  it('writes keys as the sheet shows them', () => {
    expect(keyLabel('Mod+k', false)).toBe('Ctrl K');
    expect(keyLabel('Mod+k', true)).toBe('⌘ K');
    expect(keyLabel(' ', false)).toBe('Space');
    expect(keyLabel('ArrowDown', false)).toBe('↓');
  });
});

describe('handling a key press', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    cleanups.splice(0).forEach((cleanup) => cleanup());
    document.body.innerHTML = '';
  });

  function keydown(target: Element, key: string): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    Object.defineProperty(event, 'target', { value: target });
    handleShortcutKey(event);
    return event;
  }

  it('runs the latest provider of an action, and lets the key through when it declines', () => {
    const ran: string[] = [];
    cleanups.push(provideShortcuts({ next: () => void ran.push('shell'), open: () => void ran.push('open') }));
    const screen = provideShortcuts({ next: () => void ran.push('screen') });
    expect(keydown(document.body, 'j').defaultPrevented).toBe(true);
    screen();
    keydown(document.body, 'ArrowDown');
    expect(ran).toEqual(['screen', 'shell']);

    cleanups.push(provideShortcuts({ tick: () => false }));
    expect(keydown(document.body, 'x').defaultPrevented).toBe(false);
  });

  it('types letters into a field, and Escape leaves the field rather than going back', () => {
    const ran: string[] = [];
    cleanups.push(provideShortcuts({ search: () => void ran.push('search'), back: () => void ran.push('back') }));
    document.body.innerHTML =
      '<input id="f" type="text"><div id="d"><dialog open><button id="b"></button></dialog></div>';
    const field = document.getElementById('f') as HTMLInputElement;
    field.focus();
    expect(keydown(field, '/').defaultPrevented).toBe(false);
    keydown(field, 'Escape');
    expect(document.activeElement).not.toBe(field);
    keydown(document.getElementById('b')!, '/');
    expect(ran).toEqual([]);
    keydown(document.body, 'Escape');
    expect(ran).toEqual(['back']);
  });
});

describe('back and the palette', () => {
  it('goes from an edit to its order, from any other screen to search, and nowhere from search', () => {
    const order = { name: 'order', environmentId: 'sandbox', orderId: 'A1' } as const;
    expect(parentOf({ ...order, name: 'edit-order' })).toEqual(order);
    expect(parentOf(order)).toEqual({ name: 'search' });
    expect(parentOf({ name: 'audit' })).toEqual({ name: 'search' });
    expect(parentOf({ name: 'search' })).toBeNull();
  });

  it('offers the typed id and search first, then the screens and actions whose names fit', () => {
    const context = { environmentId: 'sandbox', ticked: 0, searchFor: () => {}, showShortcuts: () => {} };
    expect(paletteCommands('stag', context).map((command) => command.label)).toEqual([
      'Open order stag',
      'Search for “stag”',
      'Go to Bulk staging',
    ]);
    expect(paletteCommands('maria garcia', { ...context, ticked: 2 }).map((command) => command.id)).toEqual([
      'search-for',
    ]);
    expect(paletteCommands('', { ...context, ticked: 2 }).map((command) => command.id)).toContain('stage');
    expect(paletteCommands('LM1', { ...context, environmentId: null })[0]!.id).toBe('search-for');
  });
});
