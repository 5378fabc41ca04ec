/** An order's screens carry the environment the order belongs to: a link never opens it in another. */
export interface OrderRoute {
  name: 'order' | 'edit-window' | 'edit-order';
  environmentId: string;
  orderId: string;
}

/** The staging screen, on one job when it names one: a reload lands on the job it showed. */
export interface StagingRoute {
  name: 'staging';
  environmentId?: string;
  jobId?: string;
}

/** The console's screens, addressed by the URL fragment so back/forward and reload keep the place. */
export type Route =
  | { name: 'search' }
  | OrderRoute
  | { name: 'create' }
  | StagingRoute
  | { name: 'import' }
  | { name: 'environments' }
  | { name: 'audit' };

const SIMPLE = ['search', 'create', 'staging', 'import', 'environments', 'audit'] as const;

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
  if (first === 'staging' && env && id) {
    return { name: 'staging', environmentId: decodeURIComponent(env), jobId: decodeURIComponent(id) };
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
    case 'staging':
      return route.environmentId && route.jobId
        ? `#/staging/${encodeURIComponent(route.environmentId)}/${encodeURIComponent(route.jobId)}`
        : '#/staging';
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
