import type { ChannelInput, ChannelName } from '../../../shared/contract';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/**
 * One well-formed input per channel: the seed the fuzzer mutates. Typed by the contract, so a new or
 * changed channel fails the type-check here until its seed is written.
 */
export const VALID_INPUTS: { [K in ChannelName]: ChannelInput<K> } = {
  'app:info': undefined,
  'app:choose-folder': undefined,
  'environments:list': undefined,
  'environments:add': {
    name: 'Staging',
    kind: 'custom',
    baseUrl: 'https://connect.dev.instacart.tools',
    clientId: 'client-id-1',
  },
  'environments:update': { id: 'env-1', name: 'Renamed', clientId: 'client-id-2' },
  'environments:remove': { id: 'env-1' },
  'environments:select': { id: 'sandbox' },
  'environments:set-secret': { id: 'env-1', secret: 'not-a-real-secret' },
  'environments:test': { id: 'sandbox' },
  'team:get': { id: 'sandbox' },
  // A port nothing listens on: the fuzzed console tries it and keeps working alone.
  'team:set': { id: 'sandbox', url: 'postgres://agent@127.0.0.1:9/team?sslmode=disable', password: 'pw' },
  'team:test': { id: 'sandbox' },
  'team:staging-jobs': { environmentId: 'sandbox' },
  'orders:search': { environmentId: 'sandbox', text: 'kamal', statuses: ['created'], limit: 20, offset: 0 },
  'orders:get': { environmentId: 'sandbox', orderId: 'ORD-1', userId: 'user-1', refresh: false },
  'orders:refresh': { environmentId: 'sandbox', orderIds: ['ORD-1', 'ORD-2'] },
  'orders:create': {
    environmentId: 'sandbox',
    userId: 'user-1',
    order: {
      order_id: 'ORD-9',
      location_code: 'store-1',
      service_option_hold_id: 12,
      first_name: 'Kamal',
      last_name: 'Adeyemi',
      user_phone: '+14155550100',
      initial_tip_cents: 500,
      items_count: 3,
      items_weight: 2.5,
      address: { address_line_1: '1 Main St', postal_code: '94105' },
    },
  },
  'orders:update': { environmentId: 'sandbox', orderId: 'ORD-1', changes: { initial_tip_cents: 300, items_count: 4 } },
  'orders:cancel': { environmentId: 'sandbox', orderId: 'ORD-1', reason: 'customer_driven' },
  'labels:pdf': { environmentId: 'sandbox', orderIds: ['ORD-1'], size: '2x1' },
  'labels:zpl': { environmentId: 'sandbox', orderIds: ['ORD-1'] },
  'orders:service-options': {
    environmentId: 'sandbox',
    userId: 'user-1',
    locationCode: 'store-1',
    address: { address_line_1: '1 Main St', postal_code: '94105' },
  },
  'orders:hold': { environmentId: 'sandbox', userId: 'user-1', locationCode: 'store-1', serviceOptionId: 7 },
  'orders:import-csv': {
    environmentId: 'sandbox',
    file: { kind: 'csv-file', name: 'ids.csv', base64: base64('order_id\nORD-1\n') },
  },
  'orders:export-csv': { environmentId: 'sandbox', filters: { text: 'main st' } },
  'orders:stores': { environmentId: 'sandbox' },
  'audit:list': { action: 'order.tip', outcome: 'ok', limit: 10 },
  'audit:export-csv': { filters: { outcome: 'error' } },
  'audit:agent': undefined,
  'audit:set-agent': { name: 'Dana at the help desk' },
  'staging:preview': {
    environmentId: 'sandbox',
    source: { kind: 'csv-file', name: 'sheet.csv', base64: base64('order_id,bags_count\nORD-1,2\n') },
    defaults: { bags_count: 2 },
  },
  'staging:start': {
    environmentId: 'sandbox',
    rows: [{ orderId: 'ORD-1', bags_count: 2, line: 2 }],
    name: 'Shift change',
  },
  'staging:pause': { environmentId: 'sandbox', jobId: 'job-1' },
  'staging:resume': { environmentId: 'sandbox', jobId: 'job-1' },
  'staging:cancel': { environmentId: 'sandbox', jobId: 'job-1' },
  'staging:retry-failed': { environmentId: 'sandbox', jobId: 'job-1' },
  'staging:job': { environmentId: 'sandbox', jobId: 'job-1' },
  'staging:jobs': { environmentId: 'sandbox' },
  'staging:report-csv': { environmentId: 'sandbox', jobId: 'job-1' },
  'staging:remove-job': { environmentId: 'sandbox', jobId: 'job-1' },
  'staging:scan-lookup': { environmentId: 'sandbox', code: 'ORD-1' },
  'cache:check': {},
  'cache:rebuild': {},
  'imports:upload': { name: 'orders.csv', chunkBase64: 'T3JkZXIgIwpPUkQtMQo=', last: true },
  'imports:discard': { uploadId: '0123456789abcdef0123456789abcdef' },
  'imports:inspect': { environmentId: 'sandbox', uploadId: '0123456789abcdef0123456789abcdef', sheet: 'Orders' },
  'imports:start': {
    environmentId: 'sandbox',
    uploadId: '0123456789abcdef0123456789abcdef',
    mapping: { orderId: 0, phone: 3 },
  },
  'imports:job': { environmentId: 'sandbox', jobId: '0123456789abcdef0123456789abcdef' },
  'imports:last': { environmentId: 'sandbox' },
  'imports:set-watch-folder': { environmentId: 'sandbox', folder: null },
  'imports:last-watched': { environmentId: 'sandbox' },
  'imports:pause': { environmentId: 'sandbox', jobId: '0123456789abcdef0123456789abcdef' },
  'imports:resume': { environmentId: 'sandbox', jobId: '0123456789abcdef0123456789abcdef' },
  'imports:cancel': { environmentId: 'sandbox', jobId: '0123456789abcdef0123456789abcdef' },
  'watch:set': { environmentId: 'sandbox', orderId: 'ORD-1', watched: true },
  'watch:state': { environmentId: 'sandbox', orderId: 'ORD-1' },
  'watch:viewing': { environmentId: 'sandbox', orderId: 'ORD-1' },
  'watch:settings': { environmentId: 'sandbox' },
  'watch:settings-set': { environmentId: 'sandbox', settings: { share: 0.2, notifications: false } },
  'attention:list': { environmentId: 'sandbox' },
  'attention:ack': { environmentId: 'sandbox', orderId: 'ORD-1', kind: 'late', cause: '2026-11-23T19:00:00Z' },
};

/** The other shapes a channel's input takes (the seeds above cover one each): checked valid and strict too. */
export const VARIANT_INPUTS: { [K in ChannelName]?: ChannelInput<K>[] } = {
  'orders:import-csv': [{ environmentId: 'sandbox', csv: 'order_id\nORD-1\n' }],
  'staging:preview': [
    { environmentId: 'sandbox', source: { kind: 'csv', csv: 'order_id,bags_count\nORD-1,2\n' }, defaults: {} },
    { environmentId: 'sandbox', source: { kind: 'orders', orderIds: ['ORD-1'] }, defaults: { bags_count: 2 } },
  ],
};

/** Every seed of a channel: its main one, then its variants. */
export function seedsOf(name: ChannelName): unknown[] {
  return [VALID_INPUTS[name], ...(VARIANT_INPUTS[name] ?? [])];
}
