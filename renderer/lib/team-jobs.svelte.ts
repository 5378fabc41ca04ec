import type { TeamJobProgress } from '../../shared/contract';
import type { Api } from './api';

const live = (job: TeamJobProgress) => job.state === 'running' || job.state === 'waiting_for_network';

/** The staging jobs other consoles of the team are running, for watching only: they are acted on there. */
export class TeamJobs {
  jobs = $state<TeamJobProgress[]>([]);

  constructor(private readonly api: Api) {}

  /**
   * Lists the environment's jobs of other consoles, then follows their progress: a job that ends leaves the
   * list. Events are followed before the list is asked, so a change between the two is not lost. Returns
   * the unsubscribe.
   */
  follow(environmentId: string): () => void {
    let heard = false;
    const off = this.api.on('team:staging-progress', (job) => {
      if (job.environmentId !== environmentId) return;
      heard = true;
      const others = this.jobs.filter((known) => known.jobId !== job.jobId);
      this.jobs = live(job) ? [job, ...others] : others;
    });
    void this.api.call('team:staging-jobs', { environmentId }).then((result) => {
      // Without a team database, or while it cannot be reached, nothing is shown: the events fill it in.
      if (!result.ok) return;
      const newer = heard ? this.jobs : [];
      const listed = result.value.filter((job) => !newer.some((known) => known.jobId === job.jobId));
      this.jobs = [...newer, ...listed];
    });
    return () => {
      off();
      this.jobs = [];
    };
  }
}
