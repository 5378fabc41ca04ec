import { randomBytes } from 'node:crypto';
import { appendFile, copyFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CoreError } from '../core-error';

/** The largest export accepted: a million orders with every column is about 300 MB. */
export const MAX_UPLOAD_BYTES = 2_000_000_000;
/** Files staged at once: one screen sends one file at a time, so more is a stuck or runaway sender. */
export const MAX_OPEN_UPLOADS = 8;

interface Upload {
  name: string;
  bytes: number;
  complete: boolean;
}

function unknownUpload(): CoreError {
  return new CoreError({
    code: 'import_upload_unknown',
    message: 'The file sent for import is no longer here (the console was restarted, or the import is done).',
    hint: 'Choose the file again.',
  });
}

/**
 * Files the renderer sends in chunks, kept under `<dataDir>/imports/` until their import is read or
 * dropped. The renderer names no path: it gets an id, and only this class turns it into a file.
 */
export class Uploads {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly dir: string) {}

  /** Removes what a console closed mid-upload left behind, except the files of imports to resume. */
  async sweep(keep: ReadonlySet<string>): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    for (const name of await readdir(this.dir)) if (!keep.has(name)) await rm(join(this.dir, name), { force: true });
  }

  async append(uploadId: string | undefined, name: string, chunk: Buffer, last: boolean) {
    let id = uploadId;
    let upload = id ? this.uploads.get(id) : undefined;
    if (id && !upload) throw unknownUpload();
    if (!id || !upload) {
      if (this.uploads.size >= MAX_OPEN_UPLOADS) {
        throw new CoreError({
          code: 'import_too_many_uploads',
          message: `${MAX_OPEN_UPLOADS} files are already waiting to be imported.`,
          hint: 'Import or drop one of them first (choose another file on the Import screen), or restart the console.',
        });
      }
      id = randomBytes(16).toString('hex');
      upload = { name, bytes: 0, complete: false };
      this.uploads.set(id, upload);
      await mkdir(this.dir, { recursive: true });
      await writeFile(this.path(id), chunk);
    } else {
      if (upload.complete) throw unknownUpload();
      await appendFile(this.path(id), chunk);
    }
    upload.bytes += chunk.length;
    upload.complete = last;
    if (upload.bytes > MAX_UPLOAD_BYTES) {
      await this.discard(id);
      throw new CoreError({
        code: 'import_too_large',
        message: 'The file is larger than 2 GB.',
        hint: 'Export fewer days at a time, or split the file.',
      });
    }
    return { uploadId: id, bytes: upload.bytes };
  }

  /** A whole file given to the core itself (the sandbox's export on first run). */
  async add(name: string, bytes: Buffer): Promise<string> {
    return (await this.append(undefined, name, bytes, true)).uploadId;
  }

  /**
   * A copy of a file in a watched folder: the back office may overwrite or move the original while
   * it is read, and an import must read one whole version.
   */
  async copy(name: string, sourcePath: string): Promise<string> {
    const uploadId = (await this.append(undefined, name, Buffer.alloc(0), false)).uploadId;
    try {
      await copyFile(sourcePath, this.path(uploadId));
      const { size } = await stat(this.path(uploadId));
      if (size > MAX_UPLOAD_BYTES) {
        throw new CoreError({
          code: 'import_too_large',
          message: 'The file is larger than 2 GB.',
          hint: 'Export fewer days at a time, or split the file.',
        });
      }
    } catch (error) {
      await this.discard(uploadId);
      throw error;
    }
    this.uploads.set(uploadId, { name, bytes: 0, complete: true });
    return uploadId;
  }

  /** The staged file of a complete upload, and the name the user chose. */
  async file(uploadId: string): Promise<{ path: string; name: string }> {
    const upload = this.uploads.get(uploadId);
    if (!upload?.complete) throw unknownUpload();
    await stat(this.path(uploadId)).catch(() => {
      throw unknownUpload();
    });
    return { path: this.path(uploadId), name: upload.name };
  }

  /** The file of an import being resumed after a restart, if it is still there. */
  async resumed(uploadId: string, name: string): Promise<string | null> {
    try {
      await stat(this.path(uploadId));
    } catch {
      return null;
    }
    this.uploads.set(uploadId, { name, bytes: 0, complete: true });
    return this.path(uploadId);
  }

  async discard(uploadId: string): Promise<void> {
    this.uploads.delete(uploadId);
    await rm(this.path(uploadId), { force: true });
  }

  private path(uploadId: string): string {
    if (!/^[a-f0-9]{32}$/.test(uploadId)) throw unknownUpload();
    return join(this.dir, uploadId);
  }
}
