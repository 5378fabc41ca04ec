import type { Handlers } from '../../../shared/contract';
import { auditToCsv } from '../csv/csv-export';
import type { AgentName } from './agent-name';
import type { AuditLog } from './audit-log';

export type AuditChannel = 'audit:list' | 'audit:export-csv' | 'audit:agent' | 'audit:set-agent';

/** The audit log's list and export, and the name its entries are signed with; an unusable cache answers why. */
export function auditHandlers(use: () => { audit: AuditLog }, agent: AgentName): Pick<Handlers, AuditChannel> {
  return {
    'audit:list': async (query) => use().audit.list(query),
    'audit:export-csv': async ({ filters }) => auditToCsv(use().audit.eachEntry(filters)),
    'audit:agent': async () => agent.view(),
    'audit:set-agent': async ({ name }) => agent.set(name),
  };
}
