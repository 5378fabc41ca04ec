import type { CacheCheck, CacheRebuild, RowsSaved } from '../../../shared/contract';
import { CACHE_DAMAGED, REBUILDABLE_CACHE_PROBLEMS } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import type { AuditContext } from '../audit/audit-log';
import type { Clock } from '../clock';
import { CoreError, isCoreError } from '../core-error';
import type { Cache } from './cache';
import { openCache } from './cache';
import { damagedError, isDamageError } from '../store/database-file';
import type { CheckFindings } from '../store/file-check';
import { checkFile, findProblems, MAX_PROBLEMS } from '../store/file-check';
import { copyReadable, setAside } from '../store/rebuild-cache';

function describe(findings: CheckFindings): CacheCheck {
  if (findings.problemCount === 0) {
    return { ok: true, problemCount: 0, pages: [], message: 'The cache file is sound.', hint: 'Nothing to do.' };
  }
  const where = findings.pages.length > 0 ? ` (on pages ${findings.pages.join(', ')})` : '';
  return {
    ok: false,
    problemCount: findings.problemCount,
    pages: findings.pages,
    message: `The cache file is damaged: SQLite found ${findings.problemCount >= MAX_PROBLEMS ? 'at least ' : ''}${findings.problemCount} problem(s)${where}.`,
    hint: 'Choose "Set the damaged file aside and rebuild" to start a new cache; the staging jobs and audit entries that can be read are copied.',
  };
}

function tally(what: string, rows: RowsSaved): string {
  return rows.lost > 0 ? `${rows.saved} ${what} (${rows.lost} unreadable)` : `${rows.saved} ${what}`;
}

/**
 * The one way into the SQLite store: the opened cache, or the error saying why it cannot be used (it
 * could not be opened, or it was found damaged). Every service takes `use()` and calls it when it needs
 * the store, so a damaged or rebuilt file is seen by all of them at once.
 */
export class CacheStore {
  private cache: Cache | null = null;
  private error: CoreError | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly file: string,
    private readonly clock: Clock,
    private readonly audit?: AuditContext,
  ) {
    this.open();
  }

  private open(): void {
    try {
      this.cache = openCache(this.file, { clock: this.clock, audit: this.audit });
      this.error = null;
    } catch (error) {
      if (!isCoreError(error)) throw error;
      this.cache = null;
      this.error = error;
    }
  }

  /** The cache; throws the stored error when there is none to use. */
  use(): Cache {
    if (this.error) throw this.error;
    return this.cache!;
  }

  /** Why the store cannot be used, for the screens to say; null when it can. */
  problem(): AppError | null {
    return this.error?.appError ?? null;
  }

  /** Called when the store's state changes (found damaged, rebuilt). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Given whatever a call threw: a SQLite damage error marks the store damaged (nothing more is written
   * to the file) and is answered as the clear `cache_damaged` error; anything else is answered as is.
   */
  noticed(error: unknown): unknown {
    if (!isDamageError(error) || !this.cache || this.error) return error;
    return this.damaged(error);
  }

  private damaged(cause: unknown): CoreError {
    this.cache!.database.markDamaged();
    this.error = damagedError(this.file, cause);
    this.changed();
    return this.error;
  }

  /**
   * SQLite's full check, on the open connection (problems found there mark the store damaged) or, when
   * the store is unusable, on the file read-only.
   */
  check(): CacheCheck {
    if (this.cache && !this.error) {
      const findings = findProblems(this.cache.database.db, 'full');
      if (findings.problemCount > 0) this.damaged(null);
      return describe(findings);
    }
    if (this.error?.appError.code !== CACHE_DAMAGED) throw this.error!;
    return describe(checkFile(this.file, 'full'));
  }

  /**
   * Keeps the damaged file aside and starts a new cache, copying into it the staging journal and the
   * audit log where they can be read. Orders are not copied: the API and imports teach them again.
   */
  rebuild(): CacheRebuild {
    if (!this.error || !REBUILDABLE_CACHE_PROBLEMS.has(this.error.appError.code)) {
      throw new CoreError({
        code: 'cache_not_damaged',
        message: this.error
          ? this.error.appError.message
          : 'The cache file is not damaged: there is nothing to rebuild.',
        hint: this.error ? this.error.appError.hint : 'Run "Check the cache file" if you suspect a problem.',
      });
    }
    this.cache?.close();
    this.cache = null;
    const keptAt = setAside(this.file, this.clock.now());
    this.open();
    const fresh = this.use();
    const copied = copyReadable(keptAt, fresh.database.db);
    this.changed();
    return {
      keptAt,
      ...copied,
      message:
        `A new cache was started; the damaged file was kept as ${keptAt}. Saved from it: ` +
        `${tally('staging job(s)', copied.stagingJobs)}, ${tally('staged order line(s)', copied.stagingItems)}, ` +
        `${tally('audit entr(ies)', copied.auditEntries)}. Orders are fetched again as you search and open them.`,
    };
  }

  close(): void {
    this.cache?.close();
    this.cache = null;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/**
 * The object with each method's damage noticed as it is thrown: for the writers that run outside any
 * channel call (a staging job's journal and recorder), so the first damage error stops every write.
 */
export function noticingDamage<T extends object>(noticed: (error: unknown) => unknown, target: T): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value: unknown = Reflect.get(object, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        } catch (error) {
          throw noticed(error);
        }
      };
    },
  });
}

/** Every handler, with damage noticed on the way out: a SQLite damage error becomes `cache_damaged`. */
export function noticeDamage<H extends Record<string, (input: never) => Promise<unknown>>>(
  store: CacheStore,
  handlers: H,
): H {
  const guarded: Record<string, (input: never) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers)) {
    guarded[name] = async (input) => {
      try {
        return await handler(input);
      } catch (error) {
        throw store.noticed(error);
      }
    };
  }
  return guarded as H;
}
