import type { AuditLog } from '../audit/audit-log';
import type { CacheDatabase } from '../store/open-database';
import type { OrdersRepository } from './orders-repository';

/** What the order actions use of the cache: its file, its orders and the audit log they record in. */
export interface OrdersCache {
  database: CacheDatabase;
  orders: OrdersRepository;
  audit: AuditLog;
}
