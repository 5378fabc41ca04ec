import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectClient } from '../../../electron/core/connect/connect-client';
import type { Sandbox } from '../../../electron/core/sandbox';
import { createSandboxClock, startSandbox } from '../../../electron/core/sandbox';
import type { LabelsPdf, LabelsZpl, OrderDetail } from '../../../shared/contract';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';
import { SANDBOX_TEST_NOW, bookableRequest } from '../../support/sandbox-client';

let sandbox: Sandbox;
let harness: CoreHarness;
let dir: string;
const created: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'label-channels-'));
  sandbox = await startSandbox({
    orders: 10,
    seed: 8,
    clock: createSandboxClock({ start: SANDBOX_TEST_NOW, frozen: true }),
  });
  harness = await startCoreHarness({ sandbox, clock: sandbox.clock, prefetch: false });
  const direct = new ConnectClient({ baseUrl: sandbox.url, credentials: async () => sandbox.credentials });
  // Orders the console created itself: it knows their customers' names, bags and stores.
  for (const [userId, store] of [
    ['user-label-a', '1001'],
    ['user-label-b', '2002'],
  ] as const) {
    const order = { ...(await bookableRequest(direct, userId, store)), bags_count: 2, last_name: 'Okafor' };
    const detail = await harness.value<OrderDetail>('orders:create', { environmentId: 'sandbox', userId, order });
    created.push(detail.order.orderId);
  }
});
afterAll(async () => {
  await harness.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('label channels', () => {
  it('prints a PDF with one page per bag, each window in its store zone (Pacific and New York)', async () => {
    const pdf = await harness.value<LabelsPdf>('labels:pdf', { environmentId: 'sandbox', orderIds: created });
    expect(pdf.labelCount).toBe(4);
    const file = join(dir, 'labels.pdf');
    writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+4/);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Okafor');
    expect(text).toMatch(/PM PST|AM PST/);
    expect(text).toMatch(/PM EST|AM EST/);
  });

  it('writes ZPL for thermal printers', async () => {
    const zpl = await harness.value<LabelsZpl>('labels:zpl', {
      environmentId: 'sandbox',
      orderIds: created,
      size: '2x1',
    });
    expect(zpl.labelCount).toBe(4);
    expect(zpl.zpl.match(/\^XA/g)).toHaveLength(4);
    expect(zpl.zpl).toContain(`^FD${created[0]}^FS`);
  });

  it('refuses orders the console has never seen, naming them, and a screen of another environment', async () => {
    const unknown = await harness.call('labels:pdf', { environmentId: 'sandbox', orderIds: [created[0]!, 'NOPE-1'] });
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'not_cached', message: expect.stringContaining('NOPE-1') },
    });
    const elsewhere = await harness.call('labels:zpl', { environmentId: 'development-gone', orderIds: created });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'environment_changed' } });
  });
});
