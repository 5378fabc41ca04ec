import { z } from 'zod';
import { environmentId } from './common';
import { channel, event } from './define';
import type { AppError } from '../result';
import type { ImportField } from '../import-fields';
import { IMPORT_FIELDS } from '../import-fields';
import { MAX_WATCH_FOLDER_PATH } from '../limits';

export * from '../import-fields';

/** The most columns a sheet may have (Excel's own limit). */
export const MAX_COLUMNS = 16_384;
/** Problems listed per import; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 1_000;
/** Base64 characters per upload chunk (about 1 MB of file). */
export const MAX_UPLOAD_CHUNK_CHARS = 1_400_000;

const column = z
  .number()
  .int()
  .min(0)
  .max(MAX_COLUMNS - 1);
/** Which column (0-based) each field is read from; a field left out is not read. */
export const importMapping = z.strictObject(
  Object.fromEntries(IMPORT_FIELDS.map((field) => [field, column.optional()])) as Record<
    ImportField,
    z.ZodOptional<typeof column>
  >,
);
export type ImportMapping = z.infer<typeof importMapping>;

const uploadId = z.string().regex(/^[a-f0-9]{32}$/, 'Not an upload id: choose the file again.');
const jobId = z.string().regex(/^[a-f0-9]{32}$/, 'Not an import id.');
const sheet = z.string().min(1).max(64).optional();

/** One value of the file that cannot be used, with where it is and what to do. */
export interface ImportProblem {
  line: number;
  column: string | null;
  message: string;
  hint: string;
}

export interface PreviewRow {
  line: number;
  /** The fields as they will be stored (a phone in E.164), by field. */
  values: Partial<Record<ImportField, string>>;
  problems: ImportProblem[];
}

export interface ImportInspection {
  uploadId: string;
  fileName: string;
  kind: 'csv' | 'xlsx';
  /** The workbook's sheets (empty for a CSV) and the one read. */
  sheets: string[];
  sheet: string | null;
  headers: string[];
  /** The mapping shown: the one given, else the one remembered for these headers, else the one proposed. */
  mapping: ImportMapping;
  remembered: boolean;
  rows: PreviewRow[];
}

export const IMPORT_STATES = ['reading', 'fetching', 'paused', 'canceled', 'finished', 'failed'] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

export interface ImportCounts {
  lines: number;
  created: number;
  changed: number;
  unchanged: number;
  refused: number;
  /** Gets to make (orders that can still change), made, not found at Instacart, failed. */
  toFetch: number;
  fetched: number;
  notFound: number;
  fetchFailed: number;
  /** Orders with a past window: kept as the shop's record, fetched when opened. */
  deferred: number;
}

export interface ImportJobView {
  id: string;
  environmentId: string;
  fileName: string;
  state: ImportState;
  createdAt: string;
  updatedAt: string;
  counts: ImportCounts;
  problems: ImportProblem[];
  /** Problems beyond the listed ones. */
  moreProblems: number;
  /** Gets per second over the last few seconds, and the seconds left at that rate. */
  rate: number | null;
  secondsLeft: number | null;
  error: { message: string; hint: string } | null;
  /** Times without an offset were read as UTC. */
  readTimesAsUtc: boolean;
}

/** What became of the last file the watched export folder saw (a touch that changed nothing is left out). */
export interface WatchedImportView {
  environmentId: string;
  fileName: string;
  at: string;
  outcome: 'imported' | 'needs_mapping' | 'failed';
  newCount: number;
  updatedCount: number;
  errorCount: number;
  /** Why it was not imported; null when it was. */
  message: string | null;
}

export interface WatchFolderView {
  folder: string | null;
  last: WatchedImportView | null;
  /** Why the folder cannot be read now (a share gone offline, a folder moved); null while it can. */
  problem: AppError | null;
}

/** The watched folder could not be read, or can be again (problem null). */
export interface WatchFolderProblem {
  environmentId: string;
  problem: AppError | null;
}

const watchFolder = z
  .string()
  .trim()
  .min(1, 'Give the folder the back office drops its exports into, or null to stop watching.')
  .max(MAX_WATCH_FOLDER_PATH, `A folder path is at most ${MAX_WATCH_FOLDER_PATH} characters.`)
  .nullable();

export const importChannels = {
  'imports:upload': channel<{ uploadId: string; bytes: number }>()(
    z.strictObject({
      uploadId: uploadId.optional(),
      name: z.string().min(1).max(255),
      chunkBase64: z.string().max(MAX_UPLOAD_CHUNK_CHARS, 'An upload chunk is at most about 1 MB.'),
      last: z.boolean(),
    }),
  ),
  'imports:discard': channel<null>()(z.strictObject({ uploadId })),
  'imports:inspect': channel<ImportInspection>()(
    z.strictObject({ environmentId, uploadId, sheet, mapping: importMapping.optional() }),
  ),
  'imports:start': channel<ImportJobView>()(z.strictObject({ environmentId, uploadId, sheet, mapping: importMapping })),
  'imports:job': channel<ImportJobView>()(z.strictObject({ environmentId, jobId })),
  'imports:last': channel<ImportJobView | null>()(z.strictObject({ environmentId })),
  /** Sets the environment's watched export folder (checked first), or stops watching it with null. */
  'imports:set-watch-folder': channel<WatchFolderView>()(z.strictObject({ environmentId, folder: watchFolder })),
  'imports:last-watched': channel<WatchFolderView>()(z.strictObject({ environmentId })),
  'imports:pause': channel<ImportJobView>()(z.strictObject({ environmentId, jobId })),
  'imports:resume': channel<ImportJobView>()(z.strictObject({ environmentId, jobId })),
  'imports:cancel': channel<ImportJobView>()(z.strictObject({ environmentId, jobId })),
};

export const importEvents = {
  'imports:progress': event<ImportJobView>(),
  'imports:watched': event<WatchedImportView>(),
  'imports:watch-problem': event<WatchFolderProblem>(),
};
