import type { Handlers } from '../../../shared/contract';
import type { AppInfo } from '../../../shared/domain';
import type { Connections } from './connections';
import type { Environments } from './environments';

type EnvironmentChannel =
  | 'environments:list'
  | 'environments:add'
  | 'environments:update'
  | 'environments:remove'
  | 'environments:select'
  | 'environments:set-secret'
  | 'environments:test';

export interface EnvironmentHandlerDeps {
  environments: Environments;
  connections: Connections;
  /** What the header shows, answered to a select so the screen shows the new environment at once. */
  info: () => AppInfo;
  /** Records an action in the audit log (never with a secret). */
  audit?: (action: string, environmentId: string, request: unknown, failure: unknown) => void;
}

/** The environment channels. A secret comes in through set-secret and never goes back out. */
export function environmentHandlers(deps: EnvironmentHandlerDeps): Pick<Handlers, EnvironmentChannel> {
  const { environments, connections, info } = deps;
  const audited = async <T>(action: string, id: string, request: unknown, run: () => Promise<T>): Promise<T> => {
    try {
      const result = await run();
      const created = (result as { id?: unknown }).id;
      deps.audit?.(action, id || (typeof created === 'string' ? created : ''), request, null);
      return result;
    } catch (error) {
      deps.audit?.(action, id, request, error);
      throw error;
    }
  };
  return {
    'environments:list': () => environments.list(),
    'environments:add': ({ secret, ...fields }) =>
      audited('environment.add', '', fields, () => environments.add({ ...fields, secret })),
    'environments:update': (input) => audited('environment.update', input.id, input, () => environments.update(input)),
    'environments:remove': ({ id }) =>
      audited('environment.remove', id, { id }, async () => {
        await environments.remove(id);
        return { removed: true as const };
      }),
    'environments:select': async ({ id }) => {
      await environments.select(id);
      void connections.probe(id);
      return info();
    },
    'environments:set-secret': ({ id, secret }) =>
      audited('environment.set-secret', id, { id }, () => environments.setSecret(id, secret)),
    'environments:test': ({ id }) =>
      audited('environment.test', id, { id }, async () => {
        await connections.client(id).testConnection();
        return environments.markVerified(id);
      }),
  };
}
