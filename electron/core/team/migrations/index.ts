import { migration as teamOrders } from './0001-team-orders';
import { migration as teamAuditWho } from './0002-team-audit-who';
import { migration as teamStagingClaims } from './0003-team-staging-claims';
import { migration as teamStagingProgress } from './0004-team-staging-progress';
import { migration as teamAuditNote } from './0005-team-audit-note';
import { migration as teamStagedOrders } from './0006-team-staged-orders';
import type { TeamMigration } from './team-migration';

/** Every step of the team database's schema in order; each NNNN-name.ts file is listed here too. */
export const teamMigrations: readonly TeamMigration[] = [
  teamOrders,
  teamAuditWho,
  teamStagingClaims,
  teamStagingProgress,
  teamAuditNote,
  teamStagedOrders,
];
