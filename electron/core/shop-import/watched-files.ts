import type { CacheDatabase } from '../store/open-database';

/** One version of a file in an environment's watched export folder, known by its size and mtime. */
export interface FileVersion {
  environmentId: string;
  fileName: string;
  size: number;
  mtimeMs: number;
}

export type WatchOutcome =
  | { outcome: 'imported'; newCount: number; updatedCount: number; errorCount: number }
  | { outcome: 'needs_mapping'; message: string }
  | { outcome: 'failed'; message: string }
  /** Same content as a version already dealt with (a touch); not shown as the last import. */
  | { outcome: 'unchanged' };

export type WatchedFileRecord = FileVersion & WatchOutcome & { seenAtMs: number };

interface Row {
  environment_id: string;
  file_name: string;
  size: number;
  mtime_ms: number;
  content_sha256: string;
  seen_at_ms: number;
  outcome: WatchOutcome['outcome'];
  new_count: number;
  updated_count: number;
  error_count: number;
  message: string | null;
}

export interface WatchedFiles {
  /** Whether this exact version was already dealt with, whatever the outcome: never twice. */
  has(version: FileVersion): boolean;
  /** Whether this file name already had this content, under an earlier size/mtime. */
  hasContent(environmentId: string, fileName: string, sha256: string): boolean;
  record(version: FileVersion, sha256: string, outcome: WatchOutcome, seenAtMs: number): WatchedFileRecord;
  latest(environmentId: string): WatchedFileRecord | null;
}

function fromRow(row: Row): WatchedFileRecord {
  const version = {
    environmentId: row.environment_id,
    fileName: row.file_name,
    size: row.size,
    mtimeMs: row.mtime_ms,
    seenAtMs: row.seen_at_ms,
  };
  if (row.outcome === 'imported') {
    return {
      ...version,
      outcome: 'imported',
      newCount: row.new_count,
      updatedCount: row.updated_count,
      errorCount: row.error_count,
    };
  }
  if (row.outcome === 'unchanged') return { ...version, outcome: 'unchanged' };
  return { ...version, outcome: row.outcome, message: row.message ?? '' };
}

/** The folder watcher's memory, kept in the cache so it survives a restart (migration 0018). */
export function createWatchedFiles(cache: CacheDatabase): WatchedFiles {
  const { db } = cache;
  const hasStmt = db.prepare(
    `SELECT 1 FROM watched_file WHERE environment_id = ? AND file_name = ? AND size = ? AND mtime_ms = ?`,
  );
  const contentStmt = db.prepare(
    `SELECT 1 FROM watched_file WHERE environment_id = ? AND file_name = ? AND content_sha256 = ? LIMIT 1`,
  );
  const insert = db.prepare(
    `INSERT OR REPLACE INTO watched_file
       (environment_id, file_name, size, mtime_ms, content_sha256, seen_at_ms, outcome, new_count, updated_count, error_count, message)
     VALUES (@environment_id, @file_name, @size, @mtime_ms, @content_sha256, @seen_at_ms, @outcome, @new_count, @updated_count,
             @error_count, @message)`,
  );
  const latestStmt = db.prepare(
    `SELECT * FROM watched_file WHERE environment_id = ? AND outcome <> 'unchanged' ORDER BY seen_at_ms DESC, rowid DESC LIMIT 1`,
  );
  return {
    has: (v) => hasStmt.get(v.environmentId, v.fileName, v.size, v.mtimeMs) !== undefined,
    hasContent: (environmentId, fileName, sha256) => contentStmt.get(environmentId, fileName, sha256) !== undefined,
    record(v, sha256, outcome, seenAtMs) {
      const row: Row = {
        environment_id: v.environmentId,
        file_name: v.fileName,
        size: v.size,
        mtime_ms: v.mtimeMs,
        content_sha256: sha256,
        seen_at_ms: seenAtMs,
        outcome: outcome.outcome,
        new_count: outcome.outcome === 'imported' ? outcome.newCount : 0,
        updated_count: outcome.outcome === 'imported' ? outcome.updatedCount : 0,
        error_count: outcome.outcome === 'imported' ? outcome.errorCount : 0,
        message: 'message' in outcome ? outcome.message : null,
      };
      insert.run(row);
      return fromRow(row);
    },
    latest(environmentId) {
      const row = latestStmt.get(environmentId) as Row | undefined;
      return row ? fromRow(row) : null;
    },
  };
}
