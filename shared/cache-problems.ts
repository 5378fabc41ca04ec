/** The error code of a cache file found damaged (on open, or by a SQLite damage error during use). */
export const CACHE_DAMAGED = 'cache_damaged';

/**
 * Problems after which the file may be set aside and rebuilt; not a newer version's file (its data
 * would be left behind for nothing) nor one another console holds.
 */
export const REBUILDABLE_CACHE_PROBLEMS: ReadonlySet<string> = new Set([CACHE_DAMAGED, 'database_unreadable']);
