import type { AuditChange } from './contract/audit';

/** A change as the audit screen, the order's history and the CSV write it: "tip $5.00 -> $7.50". */
export function describeChange({ field, from, to }: AuditChange): string {
  return `${field} ${from ?? 'not known'} -> ${to ?? 'none'}`;
}

export function describeChanges(changes: readonly AuditChange[]): string {
  return changes.map(describeChange).join('; ');
}
