import { router } from './router.svelte';
import { SCREENS } from './screens';

export interface PaletteCommand {
  id: string;
  label: string;
  /** A word on what kind of thing it is: screen, order, action. */
  kind: string;
  run(): void;
}

export interface PaletteContext {
  /** The environment orders are opened in; null while the console starts. */
  environmentId: string | null;
  /** Orders ticked for staging. */
  ticked: number;
  searchFor(text: string): void;
  showShortcuts(): void;
}

/** Whether every word typed appears in the label, in any order. */
function fits(label: string, text: string): boolean {
  const lower = label.toLowerCase();
  return text
    .toLowerCase()
    .split(/\s+/)
    .every((word) => lower.includes(word));
}

/**
 * What the palette offers for the text typed: the typed text as an order id to open and as a search
 * first (an id is what an agent is most often told), then the screens and actions whose names fit.
 */
export function paletteCommands(text: string, context: PaletteContext): PaletteCommand[] {
  const typed = text.trim();
  const commands: PaletteCommand[] = [];
  const { environmentId } = context;
  if (typed !== '' && !/\s/.test(typed) && environmentId) {
    commands.push({
      id: 'open-order',
      label: `Open order ${typed}`,
      kind: 'order',
      run: () => router.go({ name: 'order', environmentId, orderId: typed }),
    });
  }
  if (typed !== '') {
    commands.push({
      id: 'search-for',
      label: `Search for “${typed}”`,
      kind: 'search',
      run: () => context.searchFor(typed),
    });
  }
  const named: PaletteCommand[] = [
    ...SCREENS.map(({ route, label }) => ({
      id: `screen-${route.name}`,
      label: `Go to ${label}`,
      kind: 'screen',
      run: () => router.go(route),
    })),
    ...(context.ticked > 0
      ? [
          {
            id: 'stage',
            label: `Stage the ticked orders (${context.ticked})`,
            kind: 'action',
            run: () => router.go({ name: 'staging' }),
          },
        ]
      : []),
    { id: 'back', label: 'Go back', kind: 'action', run: () => void router.back() },
    { id: 'shortcuts', label: 'Show keyboard shortcuts', kind: 'action', run: context.showShortcuts },
  ];
  return [...commands, ...named.filter((command) => typed === '' || fits(command.label, typed))];
}
