import type { AuditEntry, auditFilters } from '../../shared/contract';
import { ok } from '../../shared/result';
import type { z } from 'zod';
import { api } from './api';
import { isoInstant, localDayRange } from '../../shared/zoned-time';
import { AGENT_ZONE } from './format';
import { PagedRows } from './paged-rows.svelte';

export type AuditFilters = z.input<typeof auditFilters>;

export interface AuditForm {
  action: string;
  orderId: string;
  outcome: '' | 'ok' | 'error';
  /** Local dates, both included; '' for open. */
  from: string;
  to: string;
}

export function auditFiltersOf(form: AuditForm): AuditFilters {
  const filters: AuditFilters = {};
  if (form.action.trim()) filters.action = form.action.trim();
  if (form.orderId.trim()) filters.orderId = form.orderId.trim();
  if (form.outcome) filters.outcome = form.outcome;
  // Audit entries belong to no store: their days are the agent's own.
  const from = localDayRange(form.from, AGENT_ZONE)?.from;
  const to = localDayRange(form.to, AGENT_ZONE)?.to;
  if (from !== undefined) filters.from = isoInstant(from);
  if (to !== undefined) filters.to = isoInstant(to);
  return filters;
}

/** The audit screen's state: its filters and the entries, fetched a page at a time. */
class AuditState {
  form = $state<AuditForm>({ action: '', orderId: '', outcome: '', from: '', to: '' });
  rows = new PagedRows<AuditEntry>(200);
  activeIndex = $state(-1);
  shownKey = $state<string | null>(null);

  async run(key: string): Promise<void> {
    const filters = JSON.parse(key) as AuditFilters;
    this.shownKey = key;
    this.activeIndex = -1;
    await this.rows.reset(async (offset, limit) => {
      const result = await api.call('audit:list', { ...filters, offset, limit });
      return result.ok ? ok({ rows: result.value.rows, total: result.value.total, capped: false }) : result;
    });
  }
}

export const audit = new AuditState();
