import type { Migration } from './migration';

/**
 * A four-character prefix had no list of its own, so FTS5 merged the list of every word it starts:
 * "LM08" of an order id typed key by key merged 100,000 ids' words over a million orders (25 ms, half
 * a keystroke's budget), "vale" of Valentina 10 ms. With prefix='1 2 3 4' each is one list (0.3 ms);
 * measured at a million orders, the rebuild took as long (11.4 s against 11.1 s) and the index grew from
 * 79 to 95 MB. The index is built anew with the same columns, into one segment as 0020 left it.
 */
export const migration: Migration = {
  version: 22,
  name: 'four-letter-prefixes',
  up(db) {
    db.exec(`
      DROP TABLE orders_fts;
      CREATE VIRTUAL TABLE orders_fts USING fts5 (
        order_id, first_name, last_name, phone_digits, address_line_1, postal_code, bag_label, search_terms,
        filter_terms,
        content = 'orders_indexed', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2', detail = none, prefix = '1 2 3 4'
      );
      INSERT INTO orders_fts (orders_fts, rank) VALUES ('automerge', 0);
      INSERT INTO orders_fts (orders_fts) VALUES ('rebuild');
      INSERT INTO orders_fts (orders_fts) VALUES ('optimize');
      INSERT INTO orders_fts (orders_fts, rank) VALUES ('automerge', 4);
    `);
  },
};
