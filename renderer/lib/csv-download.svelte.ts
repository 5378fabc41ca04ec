import type { CsvExport } from '../../shared/contract';
import type { AppError, Result } from '../../shared/result';
import { downloadText, timestampedName } from './download';
import { formatCount } from './format';

/** An export button's state: asks the core for the CSV, saves it as a download and says what it held. */
export class CsvDownload {
  busy = $state(false);
  error = $state<AppError | null>(null);
  /** What the last export saved, in words; null before one or while one runs. */
  done = $state<string | null>(null);

  constructor(
    private readonly fileName: string,
    private readonly rowsNoun: string,
  ) {}

  async run(ask: () => Promise<Result<CsvExport>>): Promise<void> {
    this.busy = true;
    this.done = null;
    this.error = null;
    const result = await ask();
    this.busy = false;
    if (!result.ok) {
      this.error = result.error;
      return;
    }
    const { csv, rowCount, omitted } = result.value;
    downloadText(timestampedName(this.fileName), csv);
    this.done = `Exported ${formatCount(rowCount)} ${this.rowsNoun}.${
      omitted
        ? ` ${formatCount(omitted)} more matched and were left out (at most ${formatCount(rowCount)} a file): narrow the filters to export them.`
        : ''
    }`;
  }
}
