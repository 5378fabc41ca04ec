import type { Migration } from './migration';

/**
 * Version 9 belongs to a schema change made on another branch; this step stands in for it so the
 * versions stay 1, 2, 3... Replace it with that branch's file when the two meet.
 */
export const migration: Migration = {
  version: 9,
  name: 'reserved',
  up() {},
};
