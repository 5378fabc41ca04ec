import { indexTerms } from '../search-terms';
import type { Migration } from './migration';

/**
 * Search hears what people say: each order also holds the extra words it is found by (search-terms.ts:
 * a phone's last seven and four digits, an order id's number without its leading zeros, the standard
 * abbreviation of a street suffix written in full), and the full-text index reads them as one more
 * column. The words of the orders already cached are computed here, then the index is built anew.
 * The rule is the one of this version: a later change to it is a later migration that recomputes them.
 */
export const migration: Migration = {
  version: 8,
  name: 'search-terms',
  up(db) {
    db.exec('ALTER TABLE orders ADD COLUMN search_terms TEXT');
    const update = db.prepare('UPDATE orders SET search_terms = ? WHERE id = ?');
    // In pages by id: a statement cannot write while another reads, and a million rows should not be held.
    const page = db
      .prepare('SELECT id, order_id, phone_digits, address_line_1 FROM orders WHERE id > ? ORDER BY id LIMIT 10000')
      .raw(true);
    for (let after = 0; ;) {
      const rows = page.all(after) as [number, string, string | null, string | null][];
      if (rows.length === 0) break;
      for (const [id, orderId, phoneDigits, addressLine1] of rows) {
        const terms = indexTerms({ order_id: orderId, phone_digits: phoneDigits, address_line_1: addressLine1 });
        if (terms !== null) update.run(terms, id);
        after = id;
      }
    }
    db.exec(`
      DROP TABLE orders_fts;
      CREATE VIRTUAL TABLE orders_fts USING fts5 (
        order_id, first_name, last_name, phone_digits, address_line_1, postal_code, bag_label, search_terms,
        content = 'orders', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2', detail = none, prefix = '1'
      );
      INSERT INTO orders_fts (orders_fts) VALUES ('rebuild');
    `);
  },
};
