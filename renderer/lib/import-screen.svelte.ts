import type { ImportInspection, ImportJobView, ImportMapping } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { api } from './api';

/** Bytes of the file per upload chunk: its base64 stays under the channel's 1.4 M character cap. */
const CHUNK_BYTES = 768 * 1024;

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The Import screen's state: the file sent, its mapping and first rows, then the import's progress. */
class ImportScreen {
  inspection = $state<ImportInspection | null>(null);
  mapping = $state<ImportMapping>({});
  job = $state<ImportJobView | null>(null);
  busy = $state(false);
  error = $state<AppError | null>(null);
  sent = $state(0);

  /** The environment this screen's file, mapping and job belong to. */
  private boundTo: string | null = null;

  private environmentId(): string {
    if (this.boundTo === null) throw new Error('The import screen is used before it is bound to an environment.');
    return this.boundTo;
  }

  /** Binds the screen to its environment; what it held for another is let go. */
  bind(environmentId: string): void {
    if (this.boundTo === environmentId) return;
    if (this.boundTo !== null) void this.reset();
    this.boundTo = environmentId;
  }

  /** The newest progress heard: a short import can finish before the answer to its start arrives. */
  private heard: ImportJobView | null = null;

  follow(): () => void {
    return api.on('imports:progress', (view) => {
      this.heard = view;
      if (view.id === this.job?.id) this.job = view;
    });
  }

  async choose(file: File): Promise<void> {
    await this.reset();
    this.busy = true;
    try {
      let uploadId: string | undefined;
      for (let at = 0; at < file.size || uploadId === undefined; at += CHUNK_BYTES) {
        const bytes = new Uint8Array(await file.slice(at, at + CHUNK_BYTES).arrayBuffer());
        const answer = await api.call('imports:upload', {
          ...(uploadId ? { uploadId } : {}),
          name: file.name.slice(0, 255) || 'export',
          chunkBase64: base64(bytes),
          last: at + CHUNK_BYTES >= file.size,
        });
        if (!answer.ok) return void (this.error = answer.error);
        uploadId = answer.value.uploadId;
        this.sent = Math.min(file.size, at + CHUNK_BYTES);
      }
      await this.inspect(uploadId);
    } finally {
      this.busy = false;
    }
  }

  /** Counts the looks at the file: the answer to an earlier one (a column picked before) is dropped. */
  private looks = 0;

  async inspect(uploadId: string, sheet?: string, mapping?: ImportMapping): Promise<void> {
    const look = ++this.looks;
    const answer = await api.call('imports:inspect', {
      environmentId: this.environmentId(),
      uploadId,
      ...(sheet ? { sheet } : {}),
      ...(mapping ? { mapping } : {}),
    });
    if (look !== this.looks) return;
    if (!answer.ok) {
      this.error = answer.error;
      return;
    }
    this.error = null;
    this.inspection = answer.value;
    this.mapping = answer.value.mapping;
  }

  /** Shows the first rows again as read with the mapping now chosen. */
  async remap(mapping: ImportMapping): Promise<void> {
    if (!this.inspection) return;
    this.mapping = mapping;
    await this.inspect(this.inspection.uploadId, this.inspection.sheet ?? undefined, mapping);
  }

  async pickSheet(sheet: string): Promise<void> {
    if (this.inspection) await this.inspect(this.inspection.uploadId, sheet);
  }

  async start(): Promise<void> {
    if (!this.inspection) return;
    this.busy = true;
    const answer = await api.call('imports:start', {
      environmentId: this.environmentId(),
      uploadId: this.inspection.uploadId,
      ...(this.inspection.sheet ? { sheet: this.inspection.sheet } : {}),
      mapping: $state.snapshot(this.mapping),
    });
    this.busy = false;
    if (!answer.ok) return void (this.error = answer.error);
    this.error = null;
    this.inspection = null;
    // The start's answer was made before any progress of its job, so progress heard meanwhile is newer.
    this.job = this.heard?.id === answer.value.id ? this.heard : answer.value;
  }

  async act(action: 'imports:pause' | 'imports:resume' | 'imports:cancel'): Promise<void> {
    if (!this.job) return;
    const answer = await api.call(action, { environmentId: this.environmentId(), jobId: this.job.id });
    if (answer.ok) this.job = answer.value;
    else this.error = answer.error;
  }

  async reset(): Promise<void> {
    this.looks += 1;
    if (this.inspection) await api.call('imports:discard', { uploadId: this.inspection.uploadId });
    this.inspection = null;
    this.job = null;
    this.error = null;
    this.sent = 0;
  }
}

export const importScreen = new ImportScreen();
