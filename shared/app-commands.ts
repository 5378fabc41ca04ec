/** What the application menu asks the renderer to do; the menu and the renderer both name them from here. */
export const APP_COMMANDS = [
  'search',
  'create-order',
  'staging',
  'environments',
  'audit-log',
  'back',
  'palette',
  'shortcuts',
] as const;
export type AppCommand = (typeof APP_COMMANDS)[number];
