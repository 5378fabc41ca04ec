import type { Migration } from './migration';
import { migration as orders } from './0001-orders';
import { migration as orderSearch } from './0002-order-search';
import { migration as auditLog } from './0003-audit-log';
import { migration as coveringFilterIndexes } from './0004-covering-filter-indexes';
import { migration as stagingJournal } from './0005-staging-journal';
import { migration as stagingLease } from './0006-staging-lease';
import { migration as shopImport } from './0007-shop-import';
import { migration as searchTerms } from './0008-search-terms';
import { migration as shortPrefixes } from './0009-short-prefixes';
import { migration as watch } from './0010-watch';
import { migration as teamOutbox } from './0011-team-outbox';
import { migration as auditWhoAndChanges } from './0013-audit-who-and-changes';
import { migration as auditNote } from './0017-audit-note';
import { migration as watchedFiles } from './0018-watched-files';
import { migration as outboxTriggersWhenLinked } from './0019-outbox-triggers-when-linked';
import { migration as filterTerms } from './0020-filter-terms';
import { migration as deferredIndexes } from './0021-deferred-indexes';
import { migration as fourLetterPrefixes } from './0022-four-letter-prefixes';
import { migration as noColumnSizes } from './0023-no-column-sizes';
import { migration as storeDayTerms } from './0024-store-day-terms';
import { migration as endedImportRows } from './0025-ended-import-rows';
import { migration as clusteredImportRows } from './0026-clustered-import-rows';

/**
 * Every migration in order. The bundled Electron main cannot list a folder at run time, so each
 * NNNN-name.ts file is added here too; a test fails if a file in this folder is missing from the list.
 */
export const migrations: readonly Migration[] = [
  orders,
  orderSearch,
  auditLog,
  coveringFilterIndexes,
  stagingJournal,
  stagingLease,
  shopImport,
  searchTerms,
  shortPrefixes,
  watch,
  teamOutbox,
  auditWhoAndChanges,
  auditNote,
  watchedFiles,
  outboxTriggersWhenLinked,
  filterTerms,
  deferredIndexes,
  fourLetterPrefixes,
  noColumnSizes,
  storeDayTerms,
  endedImportRows,
  clusteredImportRows,
];
