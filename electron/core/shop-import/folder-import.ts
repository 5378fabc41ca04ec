import { isCoreError } from '../core-error';
import type { SeenFile } from './folder-scan';
import type { ImportService } from './import-service';
import type { Uploads } from './uploads';
import type { WatchOutcome } from './watched-files';

/** The most characters of an import's message kept with a watched file. */
const MAX_MESSAGE = 500;

const messageOf = (error: unknown) =>
  (isCoreError(error) ? error.appError.message : 'The file could not be imported.').slice(0, MAX_MESSAGE);

/**
 * Imports one file from a watched folder as a person would, but only with the mapping already
 * remembered for its headers: nobody is there to check a proposed one, and a wrong guess would
 * write the wrong fields into every order.
 */
export function folderImport(deps: {
  environmentId: string;
  service: ImportService;
  uploads: Uploads;
}): (path: string, file: SeenFile) => Promise<WatchOutcome> {
  const { environmentId, service, uploads } = deps;
  return async (path, file) => {
    let uploadId: string;
    try {
      uploadId = await uploads.copy(file.fileName, path);
    } catch (error) {
      return { outcome: 'failed', message: messageOf(error) };
    }
    try {
      const seen = await service.inspect(environmentId, uploadId);
      if (!seen.remembered) {
        await uploads.discard(uploadId);
        return {
          outcome: 'needs_mapping',
          message: 'Its columns are not the ones of an earlier import: import it once on the Import screen.',
        };
      }
      const started = await service.start(environmentId, uploadId, seen.sheet ?? undefined, seen.mapping);
      const done = await service.settled(environmentId, started.id);
      if (done.state === 'failed') return { outcome: 'failed', message: done.error?.message ?? messageOf(null) };
      return {
        outcome: 'imported',
        newCount: done.counts.created,
        updatedCount: done.counts.changed,
        errorCount: done.counts.refused,
      };
    } catch (error) {
      // inspect and start drop a file they cannot read; one they refused for another reason goes too.
      await uploads.discard(uploadId).catch(() => undefined);
      return { outcome: 'failed', message: messageOf(error) };
    }
  };
}
