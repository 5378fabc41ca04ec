import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../../electron/core/audit/audit-log';
import { auditToCsv } from '../../../electron/core/csv/csv-export';
import { unguardCell } from '../../../electron/core/csv/csv-cells';
import { auditChannels } from '../../../shared/contract';
import { openTestCache, T0 } from './cache-fixture';

const list = auditChannels['audit:list'].input;

describe('the audit log', () => {
  let cache: ReturnType<typeof openTestCache>;
  beforeEach(() => (cache = openTestCache()));
  afterEach(() => cache.remove());

  it('never stores a secret, however deep the request holds it', () => {
    const entry = cache.audit.recordAudit({
      envId: 'production',
      action: 'environment.test',
      request: {
        client_id: 'retailer-42',
        client_secret: 'shh-client-secret',
        grant_type: 'client_credentials',
        headers: { Authorization: 'Bearer shh-token-1', 'X-Trace': 'Bearer shh-token-2' },
        nested: [{ password: 'shh-password', accessToken: 'shh-token-3', apiKey: 'shh-key' }, { note: 'kept' }],
        token: 'shh-token-4',
      },
      outcome: 'ok',
    });
    expect(entry.request).toEqual({
      client_id: 'retailer-42',
      grant_type: 'client_credentials',
      headers: { 'X-Trace': 'Bearer [removed]' },
      nested: [{}, { note: 'kept' }],
    });
    cache.database.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(cache.file).toString('latin1');
    expect(bytes).toContain('retailer-42');
    expect(bytes).not.toContain('shh-');
  });

  it('records what was done, on which order, when, and how it ended', () => {
    const entry = cache.audit.recordAudit({
      envId: 'sandbox',
      action: 'order.update',
      orderId: 'ORD-1',
      request: { initial_tip_cents: 900 },
      outcome: 'error',
      error: { code: 'api_error', message: 'Tip value is above maximum: $500.00.', hint: 'Enter at most $500.' },
    });
    expect(entry).toEqual({
      id: expect.any(Number),
      at: new Date(T0).toISOString(),
      environmentId: 'sandbox',
      environmentName: null,
      who: null,
      action: 'order.update',
      changes: [],
      orderId: 'ORD-1',
      request: { initial_tip_cents: 900 },
      outcome: 'error',
      error: 'Tip value is above maximum: $500.00. Enter at most $500.',
      note: null,
    });
  });

  it('signs each entry with who and the environment name, and keeps changes free of secrets', () => {
    const signed = createAuditLog(cache.database, {
      who: () => 'Dana',
      environmentName: (id) => (id === 'sandbox' ? 'Sandbox' : null),
    });
    const entry = signed.recordAudit({
      envId: 'sandbox',
      action: 'order.details',
      orderId: 'ORD-1',
      request: {},
      outcome: 'ok',
      changes: [
        { field: 'special instructions', from: null, to: 'gate code 1234, password: shh-gate' },
        { field: 'items', from: '12', to: '13' },
      ],
    });
    expect(entry).toMatchObject({ who: 'Dana', environmentName: 'Sandbox' });
    expect(entry.changes).toEqual([
      { field: 'special instructions', from: null, to: 'gate code 1234, password: [removed]' },
      { field: 'items', from: '12', to: '13' },
    ]);
    const { csv } = auditToCsv(signed.eachEntry(list.parse({})));
    expect(csv).toContain('special instructions not known -> gate code 1234, password: [removed]; items 12 -> 13');
    expect(csv).not.toContain('shh-');
  });

  describe('listing', () => {
    beforeEach(() => {
      const actions = ['order.create', 'order.update', 'order.stage'] as const;
      for (let i = 0; i < 30; i += 1) {
        cache.clock.set(T0 + i * 60_000);
        cache.audit.recordAudit({
          envId: i % 10 === 0 ? 'production' : 'sandbox',
          action: actions[i % 3]!,
          orderId: `ORD-${i % 5}`,
          request: { i },
          outcome: i % 4 === 0 ? 'error' : 'ok',
          ...(i % 4 === 0 ? { error: 'failed' } : {}),
          ...(i % 8 === 0 ? { note: `ticket ${4800 + i}` } : {}),
        });
      }
    });

    const ids = (query: object) =>
      cache.audit.list(list.parse(query)).rows.map((row) => (row.request as { i: number }).i);

    it('lists newest first, in pages, with the total', () => {
      const page = cache.audit.list(list.parse({ offset: 5, limit: 5 }));
      expect(page.total).toBe(30);
      expect(page.rows.map((row) => (row.request as { i: number }).i)).toEqual([24, 23, 22, 21, 20]);
    });

    it('filters by action, order, outcome, environment and time', () => {
      expect(ids({ action: 'order.stage', orderId: 'ORD-2' })).toEqual([17, 2]);
      expect(ids({ outcome: 'error', limit: 500 })).toEqual([28, 24, 20, 16, 12, 8, 4, 0]);
      expect(ids({ environmentId: 'production' })).toEqual([20, 10, 0]);
      const at = (minute: number) => new Date(T0 + minute * 60_000).toISOString();
      expect(ids({ from: at(10), to: at(13) })).toEqual([12, 11, 10]);
      expect(cache.audit.list(list.parse({ action: 'order.create', limit: 2 })).total).toBe(10);
    });

    it('exports the filtered entries to CSV that reads back the same', () => {
      const { csv, rowCount } = auditToCsv(cache.audit.eachEntry(list.parse({ outcome: 'error' })));
      expect(rowCount).toBe(8);
      const [header, ...rows] = parse(csv) as string[][];
      expect(header).toEqual([
        'id',
        'at',
        'environment',
        'who',
        'action',
        'order_id',
        'changes',
        'reason_or_ticket',
        'outcome',
        'error',
        'request',
        'environment_id',
      ]);
      const entries = [...cache.audit.eachEntry(list.parse({ outcome: 'error' }))];
      expect(
        rows
          .map((r) => r.map(unguardCell))
          .map(([id, at, name, who, action, orderId, changes, note, outcome, error, request, env]) => ({
            id: Number(id),
            at,
            environmentId: env,
            environmentName: name || null,
            who: who || null,
            action,
            changes: changes === '' ? [] : changes,
            orderId: orderId || null,
            outcome,
            error: error || null,
            note: note || null,
            request: JSON.parse(request!),
          })),
      ).toEqual(entries);
      expect(rows.filter((r) => r[7]?.startsWith('ticket ')).length).toBeGreaterThan(0);
    });
  });
});
