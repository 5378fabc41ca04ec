import { describe, expect, it } from 'vitest';
import { auditLine } from '../../../shared/audit-changes';
import type { AuditEntry } from '../../../shared/contract';

const entry: AuditEntry = {
  id: 1,
  at: '2026-11-23T17:00:00.000Z',
  environmentId: 'sandbox',
  environmentName: 'Sandbox',
  who: 'Dana R.',
  action: 'order.tip',
  changes: [{ field: 'tip', from: '$5.00', to: '$7.50' }],
  orderId: 'ORD-1',
  request: {},
  outcome: 'ok',
  error: null,
  note: 'ticket 4812',
};

describe('auditLine: one entry as the audit log and the order history read it', () => {
  it('says who, what changed before -> after, why, and how it ended', () => {
    expect(auditLine(entry)).toEqual({
      who: 'Dana R.',
      action: 'order.tip',
      change: 'tip $5.00 -> $7.50',
      note: 'ticket 4812',
      outcome: 'succeeded',
      error: '',
    });
  });

  it('tells an older entry with no name, no note and a failure as such', () => {
    const line = auditLine({
      ...entry,
      who: null,
      note: null,
      outcome: 'error',
      error: 'Order was recently updated.',
      changes: [
        { field: 'tip', from: null, to: '$7.50' },
        { field: 'items', from: '12', to: '13' },
      ],
    });
    expect(line).toMatchObject({ who: '—', note: '', outcome: 'failed', error: 'Order was recently updated.' });
    expect(line.change).toBe('tip not known -> $7.50; items 12 -> 13');
  });
});
