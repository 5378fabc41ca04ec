import { CoreError, isCoreError } from './core-error';

/**
 * What the file system and SQLite report, in words a user can act on. Their own texts ("EISDIR: illegal
 * operation on a directory", "database or disk is full") name a system call, not what happened to the
 * user's work, so they never reach a message; they stay on the error as its cause.
 */
interface Words {
  message: (what: string, path: string) => string;
  hint: string;
}

const FILE_ERRORS: Record<string, Words> = {
  EISDIR: {
    message: (what, path) => `Could not ${what}: ${path} is a folder where a file should be.`,
    hint: 'Move or rename that folder, or choose another file name, then try again.',
  },
  ENOENT: {
    message: (what, path) => `Could not ${what}: ${path} or its folder does not exist.`,
    hint: 'Check the name and the folder (create the folder if needed), then try again.',
  },
  EACCES: {
    message: (what, path) => `Could not ${what}: your user account may not write to ${path}.`,
    hint: 'Choose a folder you may write to, or change its permissions, then try again.',
  },
  EPERM: {
    message: (what, path) => `Could not ${what}: the system does not allow it for ${path}.`,
    hint: 'Check that the file is not locked or read-only (another program may hold it), then try again.',
  },
  ENOSPC: {
    message: (what) => `Could not ${what}: the disk is full.`,
    hint: 'Free some disk space, then try again.',
  },
  EROFS: {
    message: (what, path) => `Could not ${what}: ${path} is on a read-only disk.`,
    hint: 'Choose a folder on a disk you can write to, then try again.',
  },
};

const SQLITE_ERRORS: Record<string, Words> = {
  SQLITE_FULL: {
    message: (what, path) => `Could not ${what}: the cache file ${path} cannot grow, the disk is full.`,
    hint: 'Free some disk space, then try again; what was being saved was not saved.',
  },
  SQLITE_READONLY: {
    message: (what, path) => `Could not ${what}: the cache file ${path} can only be read.`,
    hint: 'Make the file and its folder writable for your user account (or move it off a read-only disk), then restart the console.',
  },
  SQLITE_CANTOPEN: {
    message: (what, path) => `Could not ${what}: the cache file ${path} cannot be opened.`,
    hint: 'Check that the data folder exists and that you may write to it, then restart the console.',
  },
  SQLITE_BUSY: {
    message: (what, path) => `Could not ${what}: another program is writing to the cache file ${path}.`,
    hint: 'Another Last Mile Console may be using this data folder: close it, then try again.',
  },
};

/** The errno or SQLite code of an error, with SQLite's extended codes (SQLITE_READONLY_DBMOVED) reduced to their family. */
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  return code.startsWith('SQLITE_') ? code.split('_').slice(0, 2).join('_') : code;
}

export interface SystemContext {
  /** What was being done, as a verb phrase: "save the settings", "write the report". */
  what: string;
  /** The file concerned, when known. */
  path?: string;
}

/** Whether the error comes from the system (an errno or SQLite code), whose own text is not for users. */
export function isSystemError(error: unknown): boolean {
  return /^(E[A-Z0-9]+|SQLITE_\w+)$/.test(codeOf(error) ?? '');
}

/**
 * The error as a CoreError saying what happened and what to do. A CoreError is kept as it is; an error
 * this module does not know gets a plain sentence, never its raw text.
 */
export function systemError(error: unknown, context: SystemContext, code?: string): CoreError {
  if (isCoreError(error)) return error;
  const known = codeOf(error);
  const sqlite = known?.startsWith('SQLITE_') ?? false;
  const words = known ? (FILE_ERRORS[known] ?? SQLITE_ERRORS[known]) : undefined;
  const path = context.path ?? (sqlite ? 'lastmile.db' : 'the file');
  return new CoreError(
    {
      code: code ?? (sqlite ? 'database_error' : 'file_error'),
      message: words
        ? words.message(context.what, path)
        : `Could not ${context.what}${context.path ? ` (${context.path})` : ''}: the system refused it.`,
      hint: words?.hint ?? 'Try again; if it keeps failing, restart the console and report what you were doing.',
    },
    { cause: error },
  );
}
