import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/contract';
import type { EnvironmentView } from '../../../shared/domain';
import type { CoreHarness } from '../../support/core-harness';
import { startCoreHarness } from '../../support/core-harness';

const SECRET = `audit-secret-${process.pid}-4be1`;
const KEYCHAIN_SECRET = `keychain-secret-${process.pid}-93c0`;

let harness: CoreHarness;
let custom: EnvironmentView;

beforeAll(async () => {
  harness = await startCoreHarness({ sandbox: false, prefetch: false });
  custom = await harness.value<EnvironmentView>('environments:add', {
    name: 'Acme',
    kind: 'custom',
    baseUrl: 'https://connect.acme.example',
    clientId: 'acme-console',
  });
});
afterAll(async () => {
  await harness.call('environments:remove', { id: custom.id });
  await harness.close();
});

/** Every byte the data folder holds (the SQLite file, its WAL, the settings, its subfolders), as text a secret would show in. */
function dataFolderText(): string {
  return readdirSync(harness.dataDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n');
}

describe('the audit log and a secret in a request', () => {
  it('keeps the attempt but never the secret, in the table, the file and the CSV export', async () => {
    const refused = [
      await harness.call('environments:add', {
        name: 'Leaky',
        kind: 'custom',
        baseUrl: `http://client:${SECRET}@127.0.0.1:9`,
        clientId: 'c',
      }),
      await harness.call('environments:add', {
        name: 'Leaky 2',
        kind: 'custom',
        baseUrl: `https://${SECRET}@connect.acme.example`,
        clientId: 'c',
      }),
      await harness.call('environments:update', {
        id: custom.id,
        baseUrl: `https://acme:${SECRET}@connect.acme.example`,
      }),
      await harness.call('environments:update', {
        id: custom.id,
        baseUrl: `https://connect.acme.example/?client_secret=${SECRET}`,
      }),
    ];
    for (const result of refused) {
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', key: 'baseUrl' } });
      expect(JSON.stringify(result)).not.toContain(SECRET);
    }
    await harness.value('environments:set-secret', { id: custom.id, secret: KEYCHAIN_SECRET });

    const { rows } = await harness.value<{ rows: AuditEntry[] }>('audit:list', {});
    expect(rows.map((r) => `${r.action} ${r.outcome}`)).toEqual([
      'environment.set-secret ok',
      'environment.update error',
      'environment.update error',
      'environment.add error',
      'environment.add error',
      'environment.add ok',
    ]);
    expect(rows[4]?.request).toMatchObject({ baseUrl: 'http://[removed]@127.0.0.1:9', clientId: 'c' });
    expect(rows[2]?.request).toMatchObject({ baseUrl: 'https://[removed]@connect.acme.example' });
    expect(rows[1]?.request).toMatchObject({ baseUrl: 'https://connect.acme.example/?client_secret=[removed]' });

    const { csv, rowCount } = await harness.value<{ csv: string; rowCount: number }>('audit:export-csv', {
      filters: {},
    });
    expect(rowCount).toBe(6);
    expect(csv).toContain('[removed]@127.0.0.1:9');
    for (const text of [JSON.stringify(rows), csv, dataFolderText()]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(KEYCHAIN_SECRET);
    }
  });
});
