import { z } from 'zod';
import { channel } from './define';

export { CACHE_DAMAGED, REBUILDABLE_CACHE_PROBLEMS } from '../cache-problems';

/** What `cache:check` found. Page numbers only: SQLite's own lines mean nothing to a user. */
export interface CacheCheck {
  ok: boolean;
  problemCount: number;
  /** Pages the problems were found on, at most 50. */
  pages: number[];
  message: string;
  hint: string;
}

/** Rows of one table of the damaged file: copied into the new cache, or unreadable. */
export interface RowsSaved {
  saved: number;
  lost: number;
}

export interface CacheRebuild {
  /** Where the damaged file was kept. */
  keptAt: string;
  stagingJobs: RowsSaved;
  stagingItems: RowsSaved;
  auditEntries: RowsSaved;
  message: string;
}

/** Not scoped to an environment: the cache file is the console's, shared by every environment. */
export const cacheChannels = {
  'cache:check': channel<CacheCheck>()(z.strictObject({})),
  'cache:rebuild': channel<CacheRebuild>()(z.strictObject({})),
};
