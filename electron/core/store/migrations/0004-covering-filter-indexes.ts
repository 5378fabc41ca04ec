import type { Migration } from './migration';

/**
 * The store and status indexes of 0001 did not hold the other filter columns, so a list filtered by a
 * store read each order's row to test its status or staleness, and the window index had to be forced
 * (it scanned every upcoming window when a store had few orders). Holding every filter column in
 * each lets SQLite's planner pick the narrowest one and still never read a row to filter.
 */
export const migration: Migration = {
  version: 4,
  name: 'covering-filter-indexes',
  up(db) {
    db.exec(`
      DROP INDEX orders_by_store;
      DROP INDEX orders_by_status;
      CREATE INDEX orders_by_store ON orders (environment_id, store_location, window_start_ms, status, fetched_ms);
      CREATE INDEX orders_by_status ON orders (environment_id, status, window_start_ms, store_location, fetched_ms);
    `);
  },
};
