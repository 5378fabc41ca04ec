import { afterEach, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../../../electron/core/audit/audit-log';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, userVersion } from './migration-fixture';

describe('migration 0017-audit-note', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it("adds the agent's reason or ticket to the audit log; older entries have none", () => {
    fixture = databaseAt(13);
    fixture.exec(
      `INSERT INTO audit_log (at_ms, environment_id, action, order_id, request, outcome, actor, changes)
       VALUES (0, 'sandbox', 'order.tip', 'ORD-1', '{}', 'ok', 'Dana', '[]')`,
    );
    const after = fixture.open();
    expect(userVersion(fixture.file)).toBeGreaterThanOrEqual(17);
    const columns = (after.db.prepare('PRAGMA table_info(audit_log)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('note');

    const audit = createAuditLog(after, { who: () => 'Dana', environmentName: () => 'Sandbox' });
    const [old] = audit.list({ offset: 0, limit: 10 }).rows;
    expect(old).toMatchObject({ action: 'order.tip', who: 'Dana', note: null });
    const noted = audit.recordAudit({
      envId: 'sandbox',
      action: 'order.window',
      orderId: 'ORD-1',
      request: {},
      outcome: 'ok',
      note: '  ticket 4812  ',
    });
    expect(noted.note).toBe('ticket 4812');
    const blank = audit.recordAudit({ envId: 'sandbox', action: 'order.tip', request: {}, outcome: 'ok', note: ' ' });
    expect(blank.note).toBeNull();
    after.close();
  });
});
