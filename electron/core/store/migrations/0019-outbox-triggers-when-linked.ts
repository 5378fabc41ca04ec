import type { Migration } from './migration';

/**
 * The team outbox's triggers (0011) cost every insert into `orders` a good part of its time even where no
 * environment is linked to a team, so they are dropped from such files; linking an environment installs
 * them again in the same transaction (team/outbox-triggers.ts). Files with a link keep them.
 */
export const migration: Migration = {
  version: 19,
  name: 'outbox-triggers-when-linked',
  up(db) {
    const linked = (db.prepare('SELECT count(*) AS n FROM team_links').get() as { n: number }).n > 0;
    if (linked) return;
    db.exec(`
      DROP TRIGGER IF EXISTS team_outbox_order_insert;
      DROP TRIGGER IF EXISTS team_outbox_order_update;
      DROP TRIGGER IF EXISTS team_outbox_event_insert;
      DROP TRIGGER IF EXISTS team_outbox_audit_insert;
    `);
  },
};
