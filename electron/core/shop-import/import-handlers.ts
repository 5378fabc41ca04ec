import type { Handlers } from '../../../shared/contract';
import type { CoreError } from '../core-error';
import type { Environments } from '../environments/environments';
import type { FolderWatchers } from './folder-watchers';
import { watchedView } from './folder-watchers';
import type { ImportService } from './import-service';
import type { Uploads } from './uploads';
import type { WatchedFiles } from './watched-files';

export type ImportChannel = Extract<keyof Handlers, `imports:${string}`>;

export interface ImportHandlerDeps {
  service: ImportService;
  uploads: Uploads;
  environments: Pick<Environments, 'requireSelected' | 'find' | 'watchFolderOf' | 'setWatchFolder'>;
  files: Pick<WatchedFiles, 'latest'>;
  watchers: Pick<FolderWatchers, 'problemOf'>;
}

/** upload (chunks) -> inspect (mapping, first rows) -> start -> progress events -> pause, resume, cancel. */
export function importHandlers({
  service,
  uploads,
  environments,
  files,
  watchers,
}: ImportHandlerDeps): Pick<Handlers, ImportChannel> {
  const env = (id: string) => environments.requireSelected(id).id;
  const watchView = (id: string) => {
    const last = files.latest(id);
    return {
      folder: environments.watchFolderOf(id),
      last: last ? watchedView(last) : null,
      problem: watchers.problemOf(id),
    };
  };
  return {
    'imports:upload': ({ uploadId, name, chunkBase64, last }) =>
      uploads.append(uploadId, name, Buffer.from(chunkBase64, 'base64'), last),
    'imports:discard': async ({ uploadId }) => {
      await uploads.discard(uploadId);
      return null;
    },
    'imports:inspect': ({ environmentId, uploadId, sheet, mapping }) =>
      service.inspect(env(environmentId), uploadId, sheet, mapping),
    'imports:start': ({ environmentId, uploadId, sheet, mapping }) =>
      service.start(env(environmentId), uploadId, sheet, mapping),
    'imports:job': async ({ environmentId, jobId }) => service.job(env(environmentId), jobId),
    'imports:last': async ({ environmentId }) => service.last(env(environmentId)),
    // The Environments screen sets the folder of any environment, not only the selected one.
    'imports:set-watch-folder': async ({ environmentId, folder }) => {
      const id = environments.find(environmentId).id;
      await environments.setWatchFolder(id, folder);
      return watchView(id);
    },
    'imports:last-watched': async ({ environmentId }) => watchView(env(environmentId)),
    'imports:pause': ({ environmentId, jobId }) => service.pause(env(environmentId), jobId),
    'imports:resume': ({ environmentId, jobId }) => service.resume(env(environmentId), jobId),
    'imports:cancel': ({ environmentId, jobId }) => service.cancel(env(environmentId), jobId),
  };
}

/** The channels when the cache file could not be opened: each says why. */
export function unavailableImports(error: CoreError): Pick<Handlers, ImportChannel> {
  const refuse = async (): Promise<never> => {
    throw error;
  };
  return {
    'imports:upload': refuse,
    'imports:discard': refuse,
    'imports:inspect': refuse,
    'imports:start': refuse,
    'imports:job': refuse,
    'imports:last': refuse,
    'imports:set-watch-folder': refuse,
    'imports:last-watched': refuse,
    'imports:pause': refuse,
    'imports:resume': refuse,
    'imports:cancel': refuse,
  };
}
