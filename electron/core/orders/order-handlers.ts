import type { Handlers } from '../../ipc/register';
import type { OrderService } from './order-service';

export type OrderChannel =
  | 'orders:get'
  | 'orders:refresh'
  | 'orders:create'
  | 'orders:update'
  | 'orders:service-options'
  | 'orders:hold'
  | 'orders:import-csv';

/** The order channels that call the API (the cache answers the others). */
export function orderHandlers(service: OrderService): Pick<Handlers, OrderChannel> {
  return {
    'orders:get': (input) => service.get(input),
    'orders:refresh': ({ orderIds }) => service.refresh(orderIds),
    'orders:create': (input) => service.create(input),
    'orders:update': (input) => service.update(input),
    'orders:service-options': (input) => service.serviceOptions(input),
    'orders:hold': (input) => service.hold(input),
    'orders:import-csv': (input) => service.importCsv(input),
  };
}
