import { SvelteSet } from 'svelte/reactivity';
import type { ChannelInput, ExcludedOrder, LineError } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { api } from './api';
import { StagingJob } from './staging-job.svelte';
import type { EditableRow } from './staging-rows';
import { editableRows } from './staging-rows';

/** The staging screen's state, kept while the user looks elsewhere: picks from search, the preview, the job. */
class StagingScreen {
  /** Orders ticked on the search screen, in the order they were ticked. */
  picks = new SvelteSet<string>();
  previewing = $state(false);
  rows = $state<EditableRow[]>([]);
  lineErrors = $state<LineError[]>([]);
  excluded = $state<ExcludedOrder[]>([]);
  job = new StagingJob(api);

  async preview(
    source: ChannelInput<'staging:preview'>['source'],
    defaults: ChannelInput<'staging:preview'>['defaults'],
  ): Promise<AppError | null> {
    const result = await api.call('staging:preview', { source, defaults });
    if (!result.ok) return result.error;
    this.rows = editableRows(result.value.rows);
    this.lineErrors = result.value.errors;
    this.excluded = result.value.excluded;
    this.previewing = true;
    if (source.kind === 'orders') this.picks.clear();
    return null;
  }

  /** Back to choosing orders, for a new job. */
  reset(): void {
    this.previewing = false;
    this.rows = [];
    this.lineErrors = [];
    this.excluded = [];
    this.job.close();
  }
}

export const staging = new StagingScreen();
