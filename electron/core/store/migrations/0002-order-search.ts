import type { Migration } from './migration';

/**
 * Full-text index over what a customer may say: order id, names, phone digits, street, postal code
 * and bag label. External content (the text lives once, in `orders`), kept in sync by the orders
 * repository rather than by triggers, so a bulk load can insert rows and rebuild the index once.
 * detail=none: every query is an AND of words, so neither positions nor columns are needed, which
 * keeps the index small and its build fast. prefix='1': a one-letter prefix would otherwise merge the
 * lists of every word starting with that letter. remove_diacritics lets "jose" find "José".
 */
export const migration: Migration = {
  version: 2,
  name: 'order-search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE orders_fts USING fts5 (
        order_id, first_name, last_name, phone_digits, address_line_1, postal_code, bag_label,
        content = 'orders', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2', detail = none, prefix = '1'
      );
      INSERT INTO orders_fts (orders_fts) VALUES ('rebuild');
    `);
  },
};
