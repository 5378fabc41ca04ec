import { afterEach, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../../../electron/core/audit/audit-log';
import type { MigrationFixture } from './migration-fixture';
import { databaseAt, userVersion } from './migration-fixture';

describe('migration 0013-audit-who-and-changes', () => {
  let fixture: MigrationFixture | undefined;
  afterEach(() => fixture?.remove());

  it('adds who, the environment name and the changes to the audit log; older entries read as unknown', () => {
    fixture = databaseAt(8);
    fixture.exec(
      `INSERT INTO audit_log (at_ms, environment_id, action, order_id, request, outcome)
       VALUES (0, 'sandbox', 'order.update', 'ORD-1', '{"changes":{"initial_tip_cents":750}}', 'ok')`,
    );
    const after = fixture.open();
    expect(userVersion(fixture.file)).toBeGreaterThanOrEqual(13);
    const columns = (after.db.prepare('PRAGMA table_info(audit_log)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(['actor', 'environment_name', 'changes']));

    const audit = createAuditLog(after, { who: () => 'Dana', environmentName: () => 'Store 42' });
    const [old] = audit.list({ offset: 0, limit: 10 }).rows;
    expect(old).toMatchObject({ action: 'order.update', who: null, environmentName: null, changes: [] });
    const entry = audit.recordAudit({
      envId: 'custom-1',
      action: 'order.tip',
      orderId: 'ORD-1',
      request: {},
      outcome: 'ok',
      changes: [{ field: 'tip', from: '$5.00', to: '$7.50' }],
    });
    expect(entry).toMatchObject({
      who: 'Dana',
      environmentName: 'Store 42',
      environmentId: 'custom-1',
      changes: [{ field: 'tip', from: '$5.00', to: '$7.50' }],
    });
    after.close();
  });
});
