import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { JobProgress, TeamJobProgress, TeamView } from '../../../shared/contract';
import type { Cache } from '../cache/cache';
import type { Clock } from '../clock';
import { CoreError } from '../core-error';
import type { CredentialStore } from '../environments/credential-store';
import type { Environments } from '../environments/environments';
import type { LocalTeam } from './local-team';
import { createLocalTeam } from './local-team';
import type { TeamDatabaseAddress } from './team-connection';
import { clientConfig, parseTeamUrl, teamUrlOf } from './team-connection';
import type { TeamClaims } from './team-claims';
import { CLAIM_LEASE_MS, CLAIM_RENEW_MS, claimOrders, releaseClaims, renewClaims } from './team-claims';
import { ProgressPublisher } from './progress-publisher';
import { heardProgress, otherRunningJobs } from './team-progress';
import { checkTeamSchema } from './team-schema';
import { loadTeamSettings, saveTeamSettings } from './team-settings';
import type { TeamTuning } from './team-sync';
import { TeamSync } from './team-sync';

/** The keychain entry of an environment's team database password, beside its client secret. */
export const teamPasswordKey = (environmentId: string) => `team-db:${environmentId}`;

export interface TeamServiceDeps {
  dataDir: string;
  store: CredentialStore;
  environments: Environments;
  cache: () => Cache;
  clock: Clock;
  /** After changes from the team were written here (the screens refresh). */
  applied?: (environmentId: string, count: number) => void;
  /** How this console is named to the others (on their staging screens). */
  consoleName?: () => string;
  /** A staging job of another console moved on. */
  heard?: (progress: TeamJobProgress) => void;
  /** The environment's team notifications are heard again, after a connect or a reconnect. */
  listening?: (environmentId: string) => void;
  tuning?: TeamTuning | undefined;
}

/** Each environment's team database: its settings, its password in the keychain, and its sync. */
export class TeamService {
  private readonly syncs = new Map<string, TeamSync>();
  private readonly locals = new WeakMap<Cache, LocalTeam>();
  private readonly publishers = new Map<string, ProgressPublisher>();
  /** This core among the team's consoles, for telling its own published jobs from the others'. */
  private readonly consoleId = randomUUID();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly deps: TeamServiceDeps,
    private databases: Record<string, TeamDatabaseAddress>,
  ) {}

  static async open(deps: TeamServiceDeps): Promise<TeamService> {
    const service = new TeamService(deps, await loadTeamSettings(deps.dataDir));
    for (const id of Object.keys(service.databases)) service.startSync(id);
    deps.environments.onChange(({ id, what }) => {
      if (what === 'removed' && service.databases[id]) void service.set(id, null).catch(() => undefined);
    });
    return service;
  }

  async view(environmentId: string): Promise<TeamView> {
    this.deps.environments.find(environmentId);
    const address = this.databases[environmentId];
    return {
      environmentId,
      url: address ? teamUrlOf(address) : null,
      hasPassword: address ? (await this.deps.store.get(teamPasswordKey(environmentId))) !== null : false,
      sync: this.syncs.get(environmentId)?.current() ?? null,
    };
  }

  /**
   * Sets or clears an environment's team database. A password in the URL or given apart goes to the
   * keychain, never to the settings file; clearing removes both and stops the sync (the local copy stays).
   */
  async set(environmentId: string, url: string | null, password?: string): Promise<TeamView> {
    this.deps.environments.find(environmentId);
    const run = this.queue.then(async () => {
      await this.stopSync(environmentId);
      const next = { ...this.databases };
      if (url === null) {
        delete next[environmentId];
        await this.deps.store.delete(teamPasswordKey(environmentId));
      } else {
        const parsed = parseTeamUrl(url);
        const secret = password ?? parsed.password;
        if (secret) await this.deps.store.set(teamPasswordKey(environmentId), secret);
        next[environmentId] = parsed.address;
      }
      await saveTeamSettings(this.deps.dataDir, next);
      this.databases = next;
      if (url !== null) this.startSync(environmentId);
    });
    this.queue = run.catch(() => undefined);
    await run;
    return this.view(environmentId);
  }

  /** Signs in to the team database and checks its schema, saying plainly what is wrong. */
  async test(environmentId: string): Promise<{ schemaVersion: number; pending: number }> {
    const client = await this.connect(environmentId);
    try {
      const schemaVersion = await checkTeamSchema(client);
      return { schemaVersion, pending: this.syncs.get(environmentId)?.current().pending ?? 0 };
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /**
   * The team's staging claims of an environment, under `consoleName`; null when it has no team database.
   * Each call signs in apart from the sync, so a claim never waits behind a long pull.
   */
  claimsFor(environmentId: string, consoleName: () => string): TeamClaims | null {
    if (!this.databases[environmentId]) return null;
    const using = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
      const client = await this.connect(environmentId);
      try {
        return await fn(client);
      } finally {
        await client.end().catch(() => undefined);
      }
    };
    const leaseMs = this.deps.tuning?.claimLeaseMs ?? CLAIM_LEASE_MS;
    return {
      claim: (claimId, orderIds) =>
        using((client) =>
          claimOrders(client, { environmentId, claimId, consoleName: consoleName(), orderIds }, leaseMs),
        ),
      renew: (claimId) => using((client) => renewClaims(client, claimId, leaseMs)),
      release: (claimId, staged) => using((client) => releaseClaims(client, claimId, staged)),
      renewEveryMs: this.deps.tuning?.claimRenewMs ?? CLAIM_RENEW_MS,
      leaseMs,
    };
  }

  /** Shares a job of this console with the team, when its environment has a team database. */
  publish(progress: JobProgress): void {
    const environmentId = progress.environmentId;
    if (!this.databases[environmentId]) return;
    let publisher = this.publishers.get(environmentId);
    if (!publisher) {
      publisher = new ProgressPublisher({
        environmentId,
        consoleId: this.consoleId,
        consoleName: this.deps.consoleName ?? (() => 'another console'),
        connect: () => this.connect(environmentId),
      });
      this.publishers.set(environmentId, publisher);
    }
    publisher.publish(progress);
  }

  /** The jobs other consoles run in the environment; none when it works alone. */
  async otherJobs(environmentId: string): Promise<TeamJobProgress[]> {
    this.deps.environments.find(environmentId);
    if (!this.databases[environmentId]) return [];
    const client = await this.connect(environmentId);
    try {
      return await otherRunningJobs(client, environmentId, this.consoleId);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** The sync of an environment, for tests and scripts that wait for it to settle. */
  sync(environmentId: string): TeamSync | undefined {
    return this.syncs.get(environmentId);
  }

  async close(): Promise<void> {
    await this.queue;
    await Promise.all([...this.syncs.keys()].map((id) => this.stopSync(id)));
  }

  private async connect(environmentId: string): Promise<pg.Client> {
    const address = this.databases[environmentId];
    if (!address) {
      throw new CoreError({
        code: 'no_team_database',
        key: 'teamDatabaseUrl',
        message: 'This environment has no team database: the console works alone in it.',
        hint: 'Enter the team database address your administrator gave you, then test the connection.',
      });
    }
    const password = await this.deps.store.get(teamPasswordKey(environmentId));
    const client = new pg.Client(clientConfig(address, password));
    // Until the sync takes it over, an error on an idle connection must not end the process.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw unreachable(address, error);
    }
    return client;
  }

  private local(): LocalTeam {
    const cache = this.deps.cache();
    let local = this.locals.get(cache);
    if (!local) {
      local = createLocalTeam(cache.database.db);
      this.locals.set(cache, local);
    }
    return local;
  }

  private startSync(environmentId: string): void {
    this.syncs.set(
      environmentId,
      new TeamSync({
        environmentId,
        connect: () => this.connect(environmentId),
        local: () => this.local(),
        now: () => this.deps.clock.now(),
        applied: (count) => this.deps.applied?.(environmentId, count),
        heardProgress: (payload) => {
          const progress = heardProgress(payload, environmentId, this.consoleId);
          if (progress) this.deps.heard?.(progress);
        },
        listening: () => this.deps.listening?.(environmentId),
        tuning: this.deps.tuning,
      }),
    );
  }

  private async stopSync(environmentId: string): Promise<void> {
    const sync = this.syncs.get(environmentId);
    this.syncs.delete(environmentId);
    const publisher = this.publishers.get(environmentId);
    this.publishers.delete(environmentId);
    await Promise.all([sync?.close(), publisher?.close()]);
  }
}

function unreachable(address: TeamDatabaseAddress, error: unknown): CoreError {
  const code = (error as { code?: string }).code ?? '';
  const where = `${address.host}:${address.port}/${address.database}`;
  const auth = code === '28P01' || code === '28000';
  const text = (error as Error).message ?? '';
  const plain = /does not support SSL/i.test(text);
  const tls = plain || /certificate|self.signed|SSL|TLS/i.test(text);
  return new CoreError(
    {
      code: 'team_database_unreachable',
      key: auth ? 'teamPassword' : 'teamDatabaseUrl',
      message: auth
        ? `The team database at ${where} refused user "${address.user}" with this password.`
        : plain
          ? `The team database at ${where} does not offer an encrypted connection.`
          : tls
            ? `The team database at ${where} did not present a certificate this computer trusts.`
            : `The team database at ${where} cannot be reached (${code || 'no answer'}).`,
      hint: auth
        ? 'Enter the password of the console role again (npm run team-db -- --init prints a new one).'
        : tls
          ? 'Turn on TLS on the server and install its certificate authority on this computer; add ?sslmode=disable to the address only for a server on this computer or a private network you trust.'
          : 'Check the address and that this computer can reach the server; the console keeps working alone meanwhile.',
      retryable: !auth && !tls,
    },
    { cause: error },
  );
}
