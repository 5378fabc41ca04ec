import type { AppCommand } from '../../shared/app-commands';
import { overlays } from './overlays.svelte';
import { router } from './router.svelte';
import { focusSearch } from './shortcuts';

/** What each application menu command does in the page. */
export function runCommand(command: AppCommand): void {
  switch (command) {
    case 'search':
      if (router.route.name !== 'search') router.go({ name: 'search' });
      focusSearch();
      return;
    case 'create-order':
      return router.go({ name: 'create' });
    case 'staging':
      return router.go({ name: 'staging' });
    case 'environments':
      return router.go({ name: 'environments' });
    case 'audit-log':
      return router.go({ name: 'audit' });
    case 'back':
      history.back();
      return;
    case 'palette':
      overlays.open = 'palette';
      return;
    case 'shortcuts':
      overlays.open = 'sheet';
  }
}
