import type { ConnectClient } from '../connect/connect-client';
import type { StageApi } from './job-runner';

/** Bulk staging's view of a Connect client: one attempt per call, no settling of lost answers. */
export function connectStageApi(client: () => ConnectClient, timeoutMs?: number): StageApi {
  const timing = timeoutMs === undefined ? {} : { timeoutMs };
  return {
    stage: async (orderId, values, signal) =>
      (await client().stageOrder(orderId, values, { retry: false, settle: false, signal, ...timing })).order,
    get: (orderId, signal) => client().getOrder(orderId, undefined, { retry: false, signal, ...timing }),
  };
}
