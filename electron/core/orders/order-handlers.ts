import type { Handlers } from '../../../shared/contract';
import type { OrderService } from './order-service';

export type OrderChannel =
  | 'orders:get'
  | 'orders:refresh'
  | 'orders:create'
  | 'orders:update'
  | 'orders:cancel'
  | 'orders:service-options'
  | 'orders:hold'
  | 'orders:import-csv';

/** Refuses (environment_changed) a call for an environment that is no longer the selected one. */
export type RequireSelected = (environmentId: string) => { id: string };

/** The order channels that call the API (the cache answers the others), each in the screen's environment. */
export function orderHandlers(service: OrderService, requireSelected: RequireSelected): Pick<Handlers, OrderChannel> {
  const env = (environmentId: string) => requireSelected(environmentId).id;
  return {
    'orders:get': ({ environmentId, ...input }) => service.get(env(environmentId), input),
    'orders:refresh': ({ environmentId, orderIds }) => service.refresh(env(environmentId), orderIds),
    'orders:create': ({ environmentId, ...input }) => service.create(env(environmentId), input),
    'orders:update': ({ environmentId, ...input }) => service.update(env(environmentId), input),
    'orders:service-options': ({ environmentId, ...input }) => service.serviceOptions(env(environmentId), input),
    'orders:hold': ({ environmentId, ...input }) => service.hold(env(environmentId), input),
    'orders:import-csv': ({ environmentId, ...input }) => service.importCsv(env(environmentId), input),
    'orders:cancel': ({ environmentId, ...input }) => service.cancel(env(environmentId), input),
  };
}
