import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../../electron/core/store/migrations';
import { createLocalTeam } from '../../../../electron/core/team/local-team';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, tablesOf, userVersion } from './migration-fixture';

describe('migration 0011-team-outbox', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it('adds the outbox, which queues writes only in linked environments and not while the team is applied', () => {
    fixture = databaseAt(8);
    fixture.exec(
      `INSERT INTO orders (environment_id, order_id, status, raw, fetched_ms, first_seen_ms, first_source)
       VALUES ('prod', 'ORD-OLD', 'brand_new', '{}', 1, 1, 'get');`,
    );
    const after = fixture.open();
    expect(userVersion(fixture.file)).toBe(migrations.at(-1)!.version);
    expect(tablesOf(fixture.file)).toEqual(expect.arrayContaining(['team_links', 'team_local', 'team_outbox']));
    const { db } = after;
    expect((db.prepare('SELECT console_id FROM team_local').get() as { console_id: string }).console_id).toMatch(
      /^[0-9a-f]{24}$/,
    );
    const insert = (env: string, id: string) =>
      db
        .prepare(
          `INSERT INTO orders (environment_id, order_id, status, raw, fetched_ms, first_seen_ms, first_source)
           VALUES (?, ?, 'brand_new', '{}', 1, 1, 'get')`,
        )
        .run(env, id).lastInsertRowid;
    insert('alone', 'ORD-A');
    // Linked as team mode links it (which installs the triggers since migration 0019): what it held is queued.
    createLocalTeam(db).link('prod');
    const ref = insert('prod', 'ORD-1');
    db.prepare(`UPDATE orders SET status = 'staged' WHERE id = ?`).run(ref);
    db.prepare(
      `INSERT INTO order_events (order_ref, at_ms, kind, from_value, to_value, source) VALUES (?, 2, 'status', 'brand_new', 'staged', 'get')`,
    ).run(ref);
    db.prepare(
      `INSERT INTO audit_log (at_ms, environment_id, action, request, outcome) VALUES (3, 'prod', 'orders:update', '{}', 'ok'),
       (3, 'alone', 'orders:update', '{}', 'ok')`,
    ).run();
    db.prepare('UPDATE team_local SET applying = 1').run();
    insert('prod', 'ORD-FROM-TEAM');
    db.prepare('UPDATE team_local SET applying = 0').run();
    expect(db.prepare('SELECT environment_id, kind, ref FROM team_outbox ORDER BY id').all()).toEqual([
      { environment_id: 'prod', kind: 'order', ref: 1 },
      { environment_id: 'prod', kind: 'order', ref: Number(ref) },
      { environment_id: 'prod', kind: 'event', ref: 1 },
      { environment_id: 'prod', kind: 'audit', ref: 1 },
    ]);
    after.close();
  });
});
