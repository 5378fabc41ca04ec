import { z } from 'zod';
import { channel } from './define';

/** The error code of a cache file found damaged (on open, or by a SQLite damage error during use). */
export const CACHE_DAMAGED = 'cache_damaged';

/**
 * Problems after which the file may be set aside and rebuilt; not a newer version's file (its data
 * would be left behind for nothing) nor one another console holds.
 */
export const REBUILDABLE_CACHE_PROBLEMS: ReadonlySet<string> = new Set([CACHE_DAMAGED, 'database_unreadable']);

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
