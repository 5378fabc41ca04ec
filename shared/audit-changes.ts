import type { AuditChange, AuditEntry } from './contract/audit';

/** A change as the audit screen, the order's history and the CSV write it: "tip $5.00 -> $7.50". */
export function describeChange({ field, from, to }: AuditChange): string {
  return `${field} ${from ?? 'not known'} -> ${to ?? 'none'}`;
}

export function describeChanges(changes: readonly AuditChange[]): string {
  return changes.map(describeChange).join('; ');
}

/**
 * One audit entry's cells as every screen showing it reads them (the audit log and the order's
 * history), so the two never tell the same change two ways.
 */
export interface AuditLine {
  who: string;
  action: string;
  change: string;
  note: string;
  outcome: 'succeeded' | 'failed';
  error: string;
}

export function auditLine(entry: AuditEntry): AuditLine {
  return {
    // Entries written before names were recorded have none.
    who: entry.who ?? '—',
    action: entry.action,
    change: describeChanges(entry.changes),
    note: entry.note ?? '',
    outcome: entry.outcome === 'ok' ? 'succeeded' : 'failed',
    error: entry.error ?? '',
  };
}
