import type { Migration } from './migration';

/**
 * Orders keyed by environment and order id. The API's fields and what the console sent on create or
 * update sit side by side; `raw` keeps the API's last answer as received. Times the console filters
 * or sorts on are also kept as epoch milliseconds, since the API's ISO strings may carry any offset.
 * `store_location` is the API's store, or the location code the order was created at until the API
 * names one. History rows record changes only: when the order was first seen is on the order itself.
 */
export const migration: Migration = {
  version: 1,
  name: 'orders',
  up(db) {
    db.exec(`
      CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        environment_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        user_id TEXT,
        status TEXT NOT NULL,
        order_url TEXT,
        created_at TEXT,
        cancellation_reason TEXT,
        locale TEXT,
        is_express INTEGER,
        is_instacartplus INTEGER,
        metadata TEXT,
        handoff_time TEXT,
        is_fallback_window INTEGER,
        store_location TEXT,
        window_starts_at TEXT,
        window_ends_at TEXT,
        window_start_ms INTEGER,
        delivered_at TEXT,
        api_bag_count INTEGER,
        handoff_window_starts_at TEXT,
        handoff_window_ends_at TEXT,
        location_code TEXT,
        first_name TEXT,
        last_name TEXT,
        phone TEXT,
        phone_digits TEXT,
        address_line_1 TEXT,
        address_line_2 TEXT,
        address_type TEXT,
        postal_code TEXT,
        bag_label TEXT,
        items_count INTEGER,
        bags_count INTEGER,
        items_weight REAL,
        tip_cents INTEGER,
        cart_total REAL,
        alcoholic INTEGER,
        leave_unattended INTEGER,
        special_instructions TEXT,
        raw TEXT NOT NULL,
        fetched_ms INTEGER NOT NULL,
        first_seen_ms INTEGER NOT NULL,
        first_source TEXT NOT NULL,
        UNIQUE (environment_id, order_id)
      );
      -- Window order with every filter column, so a filtered list is read from the index alone.
      CREATE INDEX orders_by_window ON orders (environment_id, window_start_ms, store_location, status, fetched_ms);
      CREATE INDEX orders_by_store ON orders (environment_id, store_location, window_start_ms);
      CREATE INDEX orders_by_status ON orders (environment_id, status, window_start_ms);
      CREATE INDEX orders_by_fetched ON orders (environment_id, fetched_ms);

      CREATE TABLE order_events (
        id INTEGER PRIMARY KEY,
        order_ref INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        at_ms INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('status', 'window', 'tip', 'bags')),
        from_value TEXT,
        to_value TEXT,
        source TEXT NOT NULL
      );
      CREATE INDEX order_events_by_order ON order_events (order_ref, id);
    `);
  },
};
