import type { ConnectClient } from '../connect/connect-client';
import type { StageApi } from './job-runner';

/** Bulk staging's view of a Connect client: one attempt per call; the runner settles lost answers (item-outcomes). */
export function connectStageApi(client: () => ConnectClient, timeoutMs?: number): StageApi {
  const timing = timeoutMs === undefined ? {} : { timeoutMs };
  return {
    stage: (orderId, values, signal) => client().stageOrder(orderId, values, { retry: false, signal, ...timing }),
    get: (orderId, signal) => client().getOrder(orderId, undefined, { retry: false, signal, ...timing }),
  };
}
