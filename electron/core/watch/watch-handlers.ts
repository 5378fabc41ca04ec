import type { Handlers } from '../../../shared/contract';
import type { LiveStatus } from './live-status';

export type WatchChannel =
  | 'watch:set'
  | 'watch:state'
  | 'watch:viewing'
  | 'watch:settings'
  | 'watch:settings-set'
  | 'attention:list'
  | 'attention:ack';

/** The live-status channels, each in the screen's environment (refused for any other). */
export function watchHandlers(
  live: () => LiveStatus,
  requireSelected: (environmentId: string) => { id: string },
): Pick<Handlers, WatchChannel> {
  const env = (environmentId: string) => requireSelected(environmentId).id;
  return {
    'watch:set': async ({ environmentId, orderId, watched }) => live().setWatched(env(environmentId), orderId, watched),
    'watch:state': async ({ environmentId, orderId }) => ({ watched: live().isWatched(env(environmentId), orderId) }),
    'watch:viewing': async ({ environmentId, orderId }) => {
      live().viewing(env(environmentId), orderId);
      return null;
    },
    'watch:settings': async ({ environmentId }) => live().settings(env(environmentId)),
    'watch:settings-set': async ({ environmentId, settings }) => live().saveSettings(env(environmentId), settings),
    'attention:list': async ({ environmentId }) => live().attention(env(environmentId)),
    'attention:ack': async ({ environmentId, orderId, kind, cause }) =>
      live().acknowledge(env(environmentId), orderId, kind, cause),
  };
}
