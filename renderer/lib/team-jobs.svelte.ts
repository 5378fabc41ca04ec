import type { TeamJobProgress } from '../../shared/contract';
import type { Api } from './api';

const live = (job: TeamJobProgress) => job.state === 'running' || job.state === 'waiting_for_network';

/** The staging jobs other consoles of the team are running, for watching only: they are acted on there. */
export class TeamJobs {
  jobs = $state<TeamJobProgress[]>([]);

  constructor(private readonly api: Api) {}

  /**
   * Lists the environment's jobs of other consoles, then follows their progress: a job that ends leaves the
   * list. Events are followed before the list is asked, so a change between the two is not lost. The list
   * is asked again each time the core listens to the team database again: what it sent while the core
   * could not hear (a job that ended, one that started) would otherwise be missing for good. Returns the
   * unsubscribe.
   */
  follow(environmentId: string): () => void {
    let asks = 0;
    /** Jobs heard of since the newest ask went out (the latest word on each): newer than its answer. */
    let heard: TeamJobProgress[] = [];
    const offProgress = this.api.on('team:staging-progress', (job) => {
      if (job.environmentId !== environmentId) return;
      heard = [job, ...heard.filter((known) => known.jobId !== job.jobId)];
      const others = this.jobs.filter((known) => known.jobId !== job.jobId);
      this.jobs = live(job) ? [job, ...others] : others;
    });
    const ask = () => {
      const ask = ++asks;
      heard = [];
      void this.api.call('team:staging-jobs', { environmentId }).then((result) => {
        // Without a team database, or while it cannot be reached, the list stays: the events fill it in.
        if (!result.ok || ask !== asks) return;
        const listed = result.value.filter((job) => !heard.some((known) => known.jobId === job.jobId));
        this.jobs = [...heard.filter(live), ...listed];
      });
    };
    const offListening = this.api.on('team:listening', (back) => {
      if (back.environmentId === environmentId) ask();
    });
    ask();
    return () => {
      offProgress();
      offListening();
      asks++;
      this.jobs = [];
    };
  }
}
