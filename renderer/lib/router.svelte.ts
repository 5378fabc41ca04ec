/** An order's screens carry the environment the order belongs to: a link never opens it in another. */
export interface OrderRoute {
  name: 'order' | 'edit-window' | 'edit-order';
  environmentId: string;
  orderId: string;
}

/** The console's screens, addressed by the URL fragment so back/forward and reload keep the place. */
export type Route =
  | { name: 'search' }
  | OrderRoute
  | { name: 'create' }
  | { name: 'staging' }
  | { name: 'import' }
  | { name: 'environments' }
  | { name: 'audit' }
  | { name: 'attention' };

const SIMPLE = ['search', 'create', 'staging', 'import', 'environments', 'audit', 'attention'] as const;

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const [first = '', env, id, action] = parts;
  if (first === 'order' && env && id) {
    const environmentId = decodeURIComponent(env);
    const orderId = decodeURIComponent(id);
    if (action === 'window') return { name: 'edit-window', environmentId, orderId };
    if (action === 'edit') return { name: 'edit-order', environmentId, orderId };
    return { name: 'order', environmentId, orderId };
  }
  const simple = SIMPLE.find((name) => name === first);
  return { name: simple ?? 'search' };
}

export function href(route: Route): string {
  const order = (r: OrderRoute) => `#/order/${encodeURIComponent(r.environmentId)}/${encodeURIComponent(r.orderId)}`;
  switch (route.name) {
    case 'order':
      return order(route);
    case 'edit-window':
      return `${order(route)}/window`;
    case 'edit-order':
      return `${order(route)}/edit`;
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
