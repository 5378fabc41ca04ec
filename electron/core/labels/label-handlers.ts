import type { ChannelParsed, Handlers, OrderRecord } from '../../../shared/contract';
import type { Cache } from '../cache/cache';
import { CoreError } from '../core-error';
import type { Environments } from '../environments/environments';
import { MAX_LABELS, bagLabelsOf } from './bag-labels';
import { labelsPdf } from './label-pdf';
import { labelsZpl } from './label-zpl';

export interface LabelHandlerDeps {
  cache: () => Cache;
  environments: Environments;
}

/** The cached orders asked for, in order; an order the console has never seen cannot be labelled. */
function ordersFor(deps: LabelHandlerDeps, input: ChannelParsed<'labels:pdf'>) {
  deps.environments.requireSelected(input.environmentId);
  const orders: OrderRecord[] = [];
  const missing: string[] = [];
  for (const id of input.orderIds) {
    const cached = deps.cache().orders.getOrder(input.environmentId, id);
    if (cached) orders.push(cached.order);
    else missing.push(id);
  }
  if (missing.length > 0) {
    throw new CoreError({
      code: 'not_cached',
      key: 'orderIds',
      message: `${missing.length} order(s) are not known to this console: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''}.`,
      hint: 'Open or import them first so the console knows their bags and window, then print again.',
    });
  }
  const labels = bagLabelsOf(orders, (store) => deps.environments.zoneOf(input.environmentId, store));
  if (labels.length > MAX_LABELS) {
    throw new CoreError({
      code: 'too_many_labels',
      key: 'orderIds',
      message: `These orders have ${labels.length} bags: at most ${MAX_LABELS} labels fit in one file.`,
      hint: 'Print the orders in smaller groups.',
    });
  }
  return labels;
}

export function labelHandlers(deps: LabelHandlerDeps): Pick<Handlers, 'labels:pdf' | 'labels:zpl'> {
  return {
    'labels:pdf': async (input) => {
      const labels = ordersFor(deps, input);
      const pdf = await labelsPdf(labels, input.size);
      return { base64: Buffer.from(pdf).toString('base64'), labelCount: labels.length };
    },
    'labels:zpl': async (input) => {
      const labels = ordersFor(deps, input);
      return { zpl: labelsZpl(labels, input.size), labelCount: labels.length };
    },
  };
}
