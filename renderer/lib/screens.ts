import type { Route } from './router.svelte';

type SimpleRoute = Exclude<Route, { orderId: string }>;

/** The console's screens as the navigation and the command palette name them, in that order. */
export const SCREENS: readonly { route: SimpleRoute; label: string }[] = [
  { route: { name: 'search' }, label: 'Search' },
  { route: { name: 'attention' }, label: 'Needs attention' },
  { route: { name: 'create' }, label: 'Create order' },
  { route: { name: 'staging' }, label: 'Bulk staging' },
  { route: { name: 'import' }, label: 'Import' },
  { route: { name: 'environments' }, label: 'Environments' },
  { route: { name: 'audit' }, label: 'Audit log' },
];
