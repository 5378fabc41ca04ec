import type { AuditLog } from './audit-log';
import { createAuditLog } from './audit-log';
import type { CacheDatabase, OpenOptions } from './open-database';
import { openDatabase } from './open-database';
import type { OrderSearch } from './order-search';
import { createOrderSearch } from './order-search';
import type { OrdersRepository } from './orders-repository';
import { createOrdersRepository } from './orders-repository';

/** The console's local store: one SQLite file, its orders, their search, and the audit log. */
export interface Cache {
  database: CacheDatabase;
  orders: OrdersRepository;
  search: OrderSearch;
  audit: AuditLog;
  close(): void;
}

export function openCache(file: string, options: OpenOptions = {}): Cache {
  const database = openDatabase(file, options);
  return {
    database,
    orders: createOrdersRepository(database),
    search: createOrderSearch(database),
    audit: createAuditLog(database),
    close: () => database.close(),
  };
}
