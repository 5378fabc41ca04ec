import { SvelteSet } from 'svelte/reactivity';
import type { ChannelInput, ExcludedOrder, LineError } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { api } from './api';
import { StagingJob } from './staging-job.svelte';
import { TeamJobs } from './team-jobs.svelte';
import type { ScannedOrder } from './scan-list';
import type { EditableRow } from './staging-rows';
import { editableRows } from './staging-rows';

/**
 * The staging screen's state, kept while the user looks elsewhere: picks from search, the preview, the
 * job. All of it belongs to one environment, and goes when another is selected.
 */
class StagingScreen {
  /** The environment the picks and the preview are from. */
  environmentId = $state<string | null>(null);
  /** Orders ticked on the search screen, in the order they were ticked. */
  picks = new SvelteSet<string>();
  previewing = $state(false);
  rows = $state<EditableRow[]>([]);
  lineErrors = $state<LineError[]>([]);
  excluded = $state<ExcludedOrder[]>([]);
  /** The staging list built by scanning bags, until it goes to a preview and a job starts. */
  scanned = $state<ScannedOrder[]>([]);
  job = new StagingJob(api);
  /** Other consoles' running jobs of the environment on screen (team mode). */
  teamJobs = new TeamJobs(api);

  /** Ticks or unticks an order of the given environment; ticks of another environment are dropped first. */
  toggle(environmentId: string, orderId: string): void {
    this.forget(environmentId);
    this.environmentId = environmentId;
    if (this.picks.has(orderId)) this.picks.delete(orderId);
    else this.picks.add(orderId);
  }

  async preview(
    environmentId: string,
    source: ChannelInput<'staging:preview'>['source'],
    defaults: ChannelInput<'staging:preview'>['defaults'],
  ): Promise<AppError | null> {
    const result = await api.call('staging:preview', { environmentId, source, defaults });
    if (!result.ok) return result.error;
    this.environmentId = environmentId;
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

  /** What a switch away from the given environment would throw away, in words; empty when nothing. */
  workAt(environmentId: string, name: string): string[] {
    if (this.environmentId !== environmentId) return [];
    const work: string[] = [];
    if (this.picks.size) {
      work.push(`${this.picks.size} ticked ${this.picks.size === 1 ? 'order' : 'orders'} of ${name}`);
    }
    if (this.scanned.length) {
      work.push(`${this.scanned.length} scanned ${this.scanned.length === 1 ? 'order' : 'orders'} of ${name}`);
    }
    if (this.previewing && this.rows.length) {
      work.push(`the staging preview of ${this.rows.length} ${this.rows.length === 1 ? 'order' : 'orders'} in ${name}`);
    }
    return work;
  }

  /** Another environment is selected: picks, preview and job of the old one are dropped. */
  forget(current: string): void {
    if (this.environmentId !== null && this.environmentId !== current) {
      this.picks.clear();
      this.scanned = [];
      this.reset();
    }
    this.job.forget(current);
    this.environmentId = current;
  }
}

export const staging = new StagingScreen();
