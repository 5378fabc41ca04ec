/** An order's screens carry the environment the order belongs to: a link never opens it in another. */
export interface OrderRoute {
  name: 'order' | 'edit-order';
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
    // `window` was the window's own form: its links open the one edit form.
    if (action === 'edit' || action === 'window') return { name: 'edit-order', environmentId, orderId };
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
    case 'edit-order':
      return `${order(route)}/edit`;
    default:
      return `#/${route.name}`;
  }
}

/** The screen "back" leads to from a route: an edit to its order, an order or any other screen to search. */
export function parentOf(route: Route): Route | null {
  switch (route.name) {
    case 'search':
      return null;
    case 'edit-order':
      return { name: 'order', environmentId: route.environmentId, orderId: route.orderId };
    default:
      return { name: 'search' };
  }
}

class Router {
  route = $state<Route>(parseHash(location.hash));
  /** The fragment shown before this one in this page, or null on the first. */
  #previous: string | null = null;

  constructor() {
    window.addEventListener('hashchange', (event) => {
      this.#previous = new URL(event.oldURL).hash || href({ name: 'search' });
      this.route = parseHash(location.hash);
    });
  }

  go(route: Route): void {
    location.hash = href(route);
  }

  /**
   * Back to the parent screen: through the history when that is where the user came from (so the
   * browser's back and forward still agree), else by going there; the first page is never left.
   */
  back(): boolean {
    const parent = parentOf(this.route);
    if (!parent) return false;
    if (this.#previous === href(parent)) history.back();
    else this.go(parent);
    return true;
  }
}

export const router = new Router();
