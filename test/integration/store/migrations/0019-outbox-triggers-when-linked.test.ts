import { afterEach, describe, expect, it } from 'vitest';
import { createLocalTeam } from '../../../../electron/core/team/local-team';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, userVersion } from './migration-fixture';

const triggersOf = (db: { prepare(sql: string): { all(): unknown[] } }) =>
  (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name`).all() as { name: string }[]).map(
    (row) => row.name,
  );

const OUTBOX_TRIGGERS = [
  'team_outbox_audit_insert',
  'team_outbox_event_insert',
  'team_outbox_order_insert',
  'team_outbox_order_update',
];

const insertOrder = `INSERT INTO orders (environment_id, order_id, status, raw, fetched_ms, first_seen_ms, first_source)
  VALUES (?, ?, 'brand_new', '{}', 1, 1, 'get')`;

describe('migration 0019-outbox-triggers-when-linked', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it('drops the outbox triggers from a file with no team, and linking an environment installs them again', () => {
    fixture = databaseAt(18);
    const after = fixture.open();
    const { db } = after;
    expect(userVersion(fixture.file)).toBeGreaterThanOrEqual(19);
    expect(triggersOf(db).filter((name) => OUTBOX_TRIGGERS.includes(name))).toEqual([]);
    db.prepare(insertOrder).run('prod', 'ORD-ALONE');

    expect(createLocalTeam(db).link('prod')).toBe(true);
    expect(triggersOf(db)).toEqual(expect.arrayContaining(OUTBOX_TRIGGERS));
    const ref = Number(db.prepare(insertOrder).run('prod', 'ORD-LINKED').lastInsertRowid);
    expect(db.prepare(`SELECT kind, ref FROM team_outbox ORDER BY id`).all()).toEqual([
      { kind: 'order', ref: 1 },
      { kind: 'order', ref },
    ]);
    after.close();
  });

  it('keeps them in a file that has a linked environment', () => {
    fixture = databaseAt(18);
    fixture.exec(`INSERT INTO team_links (environment_id) VALUES ('prod')`);
    const after = fixture.open();
    expect(triggersOf(after.db)).toEqual(expect.arrayContaining(OUTBOX_TRIGGERS));
    const ref = Number(after.db.prepare(insertOrder).run('prod', 'ORD-1').lastInsertRowid);
    expect(after.db.prepare(`SELECT kind, ref FROM team_outbox`).all()).toEqual([{ kind: 'order', ref }]);
    after.close();
  });
});
