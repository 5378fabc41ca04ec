import type { Handlers } from '../../../shared/contract';
import type { TeamService } from './team-service';

type TeamChannel = 'team:get' | 'team:set' | 'team:test' | 'team:staging-jobs';

/** The team database channels: a password comes in through team:set and never goes back out. */
export function teamHandlers(
  team: TeamService,
  audit: (action: string, environmentId: string, request: unknown, failure: unknown) => void,
): Pick<Handlers, TeamChannel> {
  return {
    'team:get': ({ id }) => team.view(id),
    'team:set': async ({ id, url, password }) => {
      // What is kept says whether a password was given, never the password (nor one inside the URL).
      const request = { url: url === null ? null : url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1@'), password: !!password };
      try {
        const view = await team.set(id, url, password);
        audit('team:set', id, request, null);
        return view;
      } catch (error) {
        audit('team:set', id, request, error);
        throw error;
      }
    },
    'team:test': ({ id }) => team.test(id),
    'team:staging-jobs': ({ environmentId }) => team.otherJobs(environmentId),
  };
}
