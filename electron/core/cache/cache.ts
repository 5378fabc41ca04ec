import type { AuditContext, AuditLog } from '../audit/audit-log';
import { createAuditLog } from '../audit/audit-log';
import type { CacheDatabase, OpenOptions } from '../store/open-database';
import { openDatabase } from '../store/open-database';
import type { OrderSearch } from '../search/order-search';
import { createOrderSearch } from '../search/order-search';
import type { OrdersRepository } from '../orders/orders-repository';
import { createOrdersRepository } from '../orders/orders-repository';

/** The console's local store: one SQLite file, its orders, their search, and the audit log. */
export interface Cache {
  database: CacheDatabase;
  orders: OrdersRepository;
  search: OrderSearch;
  audit: AuditLog;
  close(): void;
}

export function openCache(file: string, options: OpenOptions & { audit?: AuditContext } = {}): Cache {
  const { audit, ...open } = options;
  const database = openDatabase(file, open);
  return {
    database,
    orders: createOrdersRepository(database),
    search: createOrderSearch(database),
    audit: createAuditLog(database, audit),
    close: () => database.close(),
  };
}
