import type { Migration } from './migration';

/**
 * Every keystroke queries now, so the first letters typed are the commonest searches. FTS5 answers
 * a prefix it has no index for by merging the lists of every word that starts with it: for "ga"
 * over a million orders, hundreds of lists. prefix='1 2 3' keeps one list per prefix of one, two
 * and three letters, so those are read as one word is. The index is built anew with the same columns.
 */
export const migration: Migration = {
  version: 9,
  name: 'short-prefixes',
  up(db) {
    db.exec(`
      DROP TABLE orders_fts;
      CREATE VIRTUAL TABLE orders_fts USING fts5 (
        order_id, first_name, last_name, phone_digits, address_line_1, postal_code, bag_label, search_terms,
        content = 'orders', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2', detail = none, prefix = '1 2 3'
      );
      INSERT INTO orders_fts (orders_fts) VALUES ('rebuild');
    `);
  },
};
