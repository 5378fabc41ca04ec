import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock';
import { systemClock } from '../clock';
import { redact, redactFields } from './redact';

export type LogLevel = 'info' | 'warn' | 'error';

/** The one logger of the main process and the core; every line is redacted before it reaches the disk. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, error?: unknown, fields?: Record<string, unknown>): void;
  /** The last lines written (newest last), for a problem report. */
  tail(maxLines: number): string[];
  readonly dir: string;
}

export interface FileLoggerOptions {
  dir: string;
  clock?: Clock;
  /** A file is rotated when it would grow past this (default 2 MB)... */
  maxBytes?: number;
  /** ...and this many older files are kept (default 4): a support engineer gets days, not months. */
  keep?: number;
}

export const LOG_FILE = 'console.log';
const MAX_LINE = 4000;

function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    return { error: `${error.name}: ${error.message}`, stack: error.stack?.split('\n').slice(1, 6).join(' | ') };
  }
  return error === undefined ? {} : { error: String(error) };
}

function rotatedName(index: number): string {
  return `console.${index}.log`;
}

export function createFileLogger(options: FileLoggerOptions): Logger {
  const { dir, clock = systemClock, maxBytes = 2_000_000, keep = 4 } = options;
  const current = join(dir, LOG_FILE);
  mkdirSync(dir, { recursive: true });

  function rotate(): void {
    rmSync(join(dir, rotatedName(keep)), { force: true });
    for (let index = keep - 1; index >= 1; index--) {
      const from = join(dir, rotatedName(index));
      if (existsSync(from)) renameSync(from, join(dir, rotatedName(index + 1)));
    }
    renameSync(current, join(dir, rotatedName(1)));
  }

  function write(level: LogLevel, message: string, fields: Record<string, unknown>): void {
    const extra = Object.keys(fields).length ? ` ${JSON.stringify(redactFields(fields))}` : '';
    const line = `${new Date(clock.now()).toISOString()} ${level} ${redact(message)}${extra}`.slice(0, MAX_LINE) + '\n';
    try {
      if (existsSync(current) && statSync(current).size + line.length > maxBytes) rotate();
      appendFileSync(current, line, { mode: 0o600 });
    } catch {
      // A full or read-only disk must not take the console down with it; the line is lost, nothing else.
    }
  }

  return {
    dir,
    info: (message, fields = {}) => write('info', message, fields),
    warn: (message, fields = {}) => write('warn', message, fields),
    error: (message, error, fields = {}) => write('error', message, { ...fields, ...describeError(error) }),
    tail(maxLines) {
      const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
      const lines = [...read(join(dir, rotatedName(1))), ...read(current)];
      return lines.slice(-maxLines);
    },
  };
}
