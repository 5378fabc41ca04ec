import { assumptionList } from './assumptions';
import { demoOrders } from './demo-data';
import type { Handler, Reply } from './http-types';
import { json } from './http-types';
import { buildInfo } from './info';
import { orderStateAt } from './lifecycle';
import { presentOrder } from './present';
import type { ExportFormat, ExportPage } from './shop-export';
import { EXPORT_CONTENT_TYPES, EXPORT_WRITERS, shopExportRows } from './shop-export';
import { iso } from './time';

/** Sandbox controls under /_sandbox/, for scripts and child processes; not part of the API. */
function adminError(status: number, message: string): Reply {
  return json({ error: { message, code: null } }, status);
}

export const adminInfo: Handler = (_ctx, state) => json(buildInfo(state));

export const adminCounters: Handler = (_ctx, state) => json(state.counters.snapshot());

export const adminResetCounters: Handler = (_ctx, state) => {
  state.counters.reset();
  return json(state.counters.snapshot());
};

export const adminFaults: Handler = (_ctx, state) => json(state.faults.config());

export const adminSetFaults: Handler = (ctx, state) => {
  try {
    return json(state.faults.set(ctx.body));
  } catch (error) {
    return adminError(400, error instanceof Error ? error.message : String(error));
  }
};

const clockView = (now: number) => ({ now: iso(now), now_ms: now });

export const adminClock: Handler = (_ctx, state) => json(clockView(state.clock.now()));

/** {"advance_ms": 60000} or {"set": "2026-06-01T12:00:00Z"} (or milliseconds). */
export const adminSetClock: Handler = (ctx, state) => {
  const { advance_ms: advance, set } = ctx.body;
  if (typeof advance === 'number' && Number.isFinite(advance)) state.clock.advance(advance);
  else if (typeof set === 'number' || typeof set === 'string') {
    const ms = typeof set === 'number' ? set : Date.parse(set);
    if (Number.isNaN(ms)) return adminError(400, `"set" must be an ISO 8601 time or milliseconds, got ${set}.`);
    state.clock.set(ms);
  } else return adminError(400, 'Send {"advance_ms": <milliseconds>} or {"set": "<ISO 8601 time>"}.');
  return json(clockView(state.clock.now()));
};

export const adminOrder: Handler = (ctx, state) => {
  const order = state.orders.get(ctx.params.order_id ?? '');
  if (!order) return adminError(404, `No order ${ctx.params.order_id ?? ''} in this sandbox.`);
  const now = state.clock.now();
  return json({
    order: presentOrder(order, now, state.baseUrl),
    status: orderStateAt(order, now).status,
    record: order,
  });
};

export const adminDemoOrders: Handler = (_ctx, state) =>
  json([...demoOrders(state.settings.demo)].map((o) => ({ orderId: o.orderId, userId: o.userId })));

export const adminAssumptions: Handler = () => json(assumptionList());

/** The paging of an export request, or what was wrong with it. */
function exportPage(query: URLSearchParams): ExportPage | { error: string } {
  const page: ExportPage = {};
  for (const name of ['offset', 'count'] as const) {
    const value = query.get(name);
    if (value === null) continue;
    if (!/^\d{1,15}$/.test(value)) return { error: `"${name}" must be a whole number of orders, got "${value}".` };
    page[name] = Number(value);
  }
  return page;
}

/** The demo orders as the shop's back office exports them; `?count=N&offset=M` pages through them. */
const shopExport =
  (format: ExportFormat): Handler =>
  (ctx, state) => {
    const page = exportPage(ctx.query);
    if ('error' in page) return adminError(400, page.error);
    const rows = shopExportRows(state.settings.demo, page);
    return {
      status: 200,
      headers: {
        'content-type': EXPORT_CONTENT_TYPES[format],
        'content-disposition': `attachment; filename="shop-export.${format}"`,
      },
      stream: (out) => EXPORT_WRITERS[format](rows, out),
    };
  };

export const adminShopExportCsv = shopExport('csv');
export const adminShopExportXlsx = shopExport('xlsx');
