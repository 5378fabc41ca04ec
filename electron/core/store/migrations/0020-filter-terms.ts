import type { Migration } from './migration';

/**
 * A text search with filters becomes one full-text query: the index also holds each order's store,
 * status and window's UTC day as words no search box can type (store/filter-terms.ts says how they are
 * spelled and why). They are not stored in `orders`: the index reads its content through a view that
 * computes them, so FTS5's rebuild sees what the writers index, and no row grows. The index is built
 * anew over the orders cached, into one segment as the bulk load leaves it.
 */
export const migration: Migration = {
  version: 20,
  name: 'filter-terms',
  up(db) {
    db.exec(`
      CREATE VIEW orders_indexed AS
        SELECT id, order_id, first_name, last_name, phone_digits, address_line_1, postal_code, bag_label,
          search_terms,
          char(57344, 57344, 57344) || 's' || hex(ifnull(store_location, '')) || ' ' ||
            char(57344, 57344, 57344) || 't' || hex(ifnull(status, '')) ||
            CASE WHEN window_start_ms >= 0
              THEN ' ' || char(57344, 57344, 57344) || 'd' || CAST(window_start_ms / 86400000 AS INTEGER)
              ELSE '' END AS filter_terms
        FROM orders;
      DROP TABLE orders_fts;
      CREATE VIRTUAL TABLE orders_fts USING fts5 (
        order_id, first_name, last_name, phone_digits, address_line_1, postal_code, bag_label, search_terms,
        filter_terms,
        content = 'orders_indexed', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2', detail = none, prefix = '1 2 3'
      );
      INSERT INTO orders_fts (orders_fts, rank) VALUES ('automerge', 0);
      INSERT INTO orders_fts (orders_fts) VALUES ('rebuild');
      INSERT INTO orders_fts (orders_fts) VALUES ('optimize');
      INSERT INTO orders_fts (orders_fts, rank) VALUES ('automerge', 4);
    `);
  },
};
