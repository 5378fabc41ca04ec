import { parse } from 'csv-parse/sync';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererDist } from '../../../electron/launch/paths';
import { startBrowserConsole } from '../../../electron/browser-console';
import { openCache } from '../../../electron/core/cache/cache';
import type { SearchResult } from '../../../shared/contract';
import type { TestConsole } from '../../support/browser-console';
import { startTestConsole } from '../../support/browser-console';
import { tempDir } from '../../support/temp-dir';
import { apiOrder, createRequest } from './cache-fixture';

describe('the cache channels, end to end through the browser host', () => {
  let running: TestConsole;

  beforeAll(async () => {
    // No demo prefetch: these tests count exactly the orders written below.
    running = await startTestConsole({ prefetch: false });
    // A second connection to the console's own file, as the API client will write through it: the
    // customers come from the creates the console sent.
    const writer = openCache(join(running.dataDir, 'lastmile.db'));
    writer.orders.recordApiOrder('sandbox', apiOrder('ORD-1'), { source: 'create', known: createRequest() });
    const other = apiOrder('ORD-2');
    other.fulfillment_details!.store_location = 'store-002';
    writer.orders.recordApiOrder('sandbox', other, { source: 'create', known: createRequest({ last_name: 'Okafor' }) });
    writer.orders.recordApiOrder('production', apiOrder('ORD-3'), { source: 'create', known: createRequest() });
    writer.audit.recordAudit({
      envId: 'sandbox',
      action: 'order.create',
      orderId: 'ORD-1',
      request: { first_name: 'María', client_secret: 'never-shown' },
      outcome: 'ok',
    });
    writer.close();
  });
  afterAll(() => running.close());

  it('searches the selected environment by phone as typed', async () => {
    const answer = await running.call('orders:search', { environmentId: 'sandbox', text: '(800) 555-0101' });
    expect(answer.ok).toBe(true);
    const result = answer.value as SearchResult;
    expect(result.rows.map((row) => row.orderId).sort()).toEqual(['ORD-1', 'ORD-2']);
    expect(result).toMatchObject({ total: 2, totalIsCapped: false, offset: 0 });
  });

  it('lists the stores and exports the filtered results', async () => {
    expect(await running.call('orders:stores', { environmentId: 'sandbox' })).toEqual({
      ok: true,
      value: ['store-001', 'store-002'],
    });
    const exported = await running.call('orders:export-csv', { environmentId: 'sandbox', filters: { text: 'okafor' } });
    const { csv, rowCount } = exported.value as { csv: string; rowCount: number };
    expect(rowCount).toBe(1);
    expect((parse(csv) as string[][])[1]![0]).toBe('ORD-2');
  });

  it('lists and exports the audit log, without the secret', async () => {
    const listed = await running.call('audit:list', { action: 'order.create' });
    expect(listed.value).toMatchObject({ total: 1, rows: [{ orderId: 'ORD-1', request: { first_name: 'María' } }] });
    const exported = await running.call('audit:export-csv', { filters: {} });
    expect((exported.value as { csv: string }).csv).toContain('María');
    expect(JSON.stringify([listed, exported])).not.toContain('never-shown');
  });

  it('refuses bad input at the boundary with the field named', async () => {
    const answer = await running.call('orders:search', { environmentId: 'sandbox', text: 'x', limit: 100_000 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input', key: 'limit' } });
  });
});

describe('a console whose cache file is damaged', () => {
  it('still starts, and each cache channel says what is wrong and what to do', async () => {
    const dir = tempDir('lastmile-damaged-');
    writeFileSync(join(dir.path, 'lastmile.db'), 'not a database at all');
    const running = await startBrowserConsole({ dataDir: dir.path, version: '0.0.0-test', staticDir: rendererDist });
    try {
      const response = await fetch(`${running.host.url}api/orders:search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-lastmile-token': running.host.token },
        body: JSON.stringify({ input: { environmentId: 'sandbox', text: 'a' } }),
      });
      expect(await response.json()).toMatchObject({
        ok: false,
        error: { code: 'database_unreadable', hint: expect.stringMatching(/Move or rename/) },
      });
    } finally {
      await running.close();
      dir.remove();
    }
  });
});
