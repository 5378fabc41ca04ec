/** The console's screens, addressed by the URL fragment so back/forward and reload keep the place. */
export type Route =
  | { name: 'search' }
  | { name: 'order'; orderId: string }
  | { name: 'edit-window'; orderId: string }
  | { name: 'edit-order'; orderId: string }
  | { name: 'create' }
  | { name: 'staging' }
  | { name: 'import' }
  | { name: 'environments' }
  | { name: 'audit' };

const SIMPLE = ['search', 'create', 'staging', 'import', 'environments', 'audit'] as const;

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const [first = '', id, action] = parts;
  if (first === 'order' && id) {
    const orderId = decodeURIComponent(id);
    if (action === 'window') return { name: 'edit-window', orderId };
    if (action === 'edit') return { name: 'edit-order', orderId };
    return { name: 'order', orderId };
  }
  const simple = SIMPLE.find((name) => name === first);
  return { name: simple ?? 'search' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'order':
      return `#/order/${encodeURIComponent(route.orderId)}`;
    case 'edit-window':
      return `#/order/${encodeURIComponent(route.orderId)}/window`;
    case 'edit-order':
      return `#/order/${encodeURIComponent(route.orderId)}/edit`;
    default:
      return `#/${route.name}`;
  }
}

class Router {
  route = $state<Route>(parseHash(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => (this.route = parseHash(location.hash)));
  }

  go(route: Route): void {
    location.hash = href(route);
  }
}

export const router = new Router();
