import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPostgres } from '../../support/postgres';
import { startPostgres } from '../../support/postgres';

describe('the tests own PostgreSQL server', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => server?.close());

  it('answers on loopback with password authentication, and comes back after a stop', async () => {
    const query = async () => {
      const client = new pg.Client({ connectionString: server.adminUrl });
      await client.connect();
      try {
        return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one;
      } finally {
        await client.end();
      }
    };
    expect(await query()).toBe(1);
    const wrong = new pg.Client({ connectionString: server.adminUrl.replace('test-admin-password', 'nope') });
    await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);
    await server.stop();
    await expect(query()).rejects.toThrow(/ECONNREFUSED/);
    await server.start();
    expect(await query()).toBe(1);
  }, 60_000);
});
