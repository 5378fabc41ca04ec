import { randomBytes } from 'node:crypto';
import type { EnvironmentKind, EnvironmentView } from '../../../shared/domain';
import type { AppError } from '../../../shared/result';
import type { Clock } from '../clock';
import { isoNow } from '../clock';
import type { Credentials } from '../connect/token-cache';
import { CoreError, isCoreError } from '../core-error';
import { baseUrlFor } from './base-url';
import type { CredentialStore } from './credential-store';
import { notAdded, sandboxOff, unknownEnvironment } from './environment-errors';
import type { Settings, StoredEnvironment } from './settings-file';
import { SANDBOX_ID, loadSettings, saveSettings } from './settings-file';
import type { StoreZones } from './store-zones';
import { checkWatchFolder } from './watch-folder-check';
import { checkedZones, machineTimeZone, zoneOfStore } from './store-zones';

/** How the built-in sandbox is reached; null when this console runs without it. */
export interface SandboxAccess {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** The zones the sandbox declares for its stores. */
  timeZones?: StoreZones;
}

export interface ResolvedEnvironment {
  id: string;
  name: string;
  kind: EnvironmentKind;
  /** Empty for the built-in sandbox when it is not running. */
  baseUrl: string;
  clientId: string;
  builtIn: boolean;
}

export interface EnvironmentChange {
  id: string;
  what: 'selected' | 'changed' | 'removed';
}

export interface EnvironmentsDeps {
  dataDir: string;
  store: CredentialStore;
  clock: Clock;
  sandbox: SandboxAccess | null;
}

type Addable = Exclude<EnvironmentKind, 'sandbox'>;

/**
 * The environments the console knows: the built-in sandbox plus those in settings.json, with their
 * secrets in the credential store. Changes are written one at a time, each as a whole new file.
 */
export class Environments {
  private queue: Promise<unknown> = Promise.resolve();
  private sandboxVerifiedAt: string | null = null;
  private readonly listeners = new Set<(change: EnvironmentChange) => void>();

  private constructor(
    private readonly deps: EnvironmentsDeps,
    private settings: Settings,
    private readonly settingsProblem: AppError | undefined,
  ) {}

  static async open(deps: EnvironmentsDeps): Promise<Environments> {
    const loaded = await loadSettings(deps.dataDir);
    return new Environments(deps, loaded.settings, loaded.problem);
  }

  onChange(listener: (change: EnvironmentChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get selectedId(): string {
    return this.settings.selectedId;
  }

  /**
   * The environment a screen's call names, when it is still the selected one. A screen left open after
   * a switch would otherwise act on the newly selected environment.
   */
  requireSelected(id: string): ResolvedEnvironment {
    if (id === this.selectedId) return this.find(id);
    const current = this.find(this.selectedId);
    let was: string;
    try {
      was = this.find(id).name;
    } catch {
      was = 'an environment that has since been removed';
    }
    throw new CoreError({
      code: 'environment_changed',
      key: 'environmentId',
      message: `This screen was for ${was}; the console now uses ${current.name}.`,
      hint: `Reload the screen to work in ${current.name}, or switch back to ${was} first.`,
    });
  }

  find(id: string): ResolvedEnvironment {
    if (id === SANDBOX_ID) {
      return {
        id,
        name: 'Sandbox',
        kind: 'sandbox',
        baseUrl: this.deps.sandbox?.baseUrl ?? '',
        clientId: this.deps.sandbox?.clientId ?? '',
        builtIn: true,
      };
    }
    const stored = this.settings.environments.find((e) => e.id === id);
    if (!stored) throw unknownEnvironment(id);
    return { ...stored, builtIn: false };
  }

  async list(): Promise<{ environments: EnvironmentView[]; selectedId: string; problems: AppError[] }> {
    const problems = this.settingsProblem ? [this.settingsProblem] : [];
    const ids = [SANDBOX_ID, ...this.settings.environments.map((e) => e.id)];
    const environments: EnvironmentView[] = [];
    for (const id of ids) {
      try {
        environments.push(await this.view(id));
      } catch (error) {
        if (!isCoreError(error) || error.appError.code !== 'keychain_unavailable') throw error;
        if (!problems.some((p) => p.code === 'keychain_unavailable')) problems.push(error.appError);
        environments.push(this.viewWith(id, false));
      }
    }
    return { environments, selectedId: this.selectedId, problems };
  }

  async view(id: string): Promise<EnvironmentView> {
    const hasSecret = id === SANDBOX_ID ? this.deps.sandbox !== null : (await this.deps.store.get(id)) !== null;
    return this.viewWith(id, hasSecret);
  }

  /** The zone a store's times are shown in (the environment's default when the store has none of its own). */
  zoneOf(id: string, store: string | null | undefined): string {
    return zoneOfStore(this.zonesOf(id), store);
  }

  private zonesOf(id: string): StoreZones {
    if (id === SANDBOX_ID) return this.deps.sandbox?.timeZones ?? { timeZone: machineTimeZone(), stores: {} };
    const stored = this.settings.environments.find((e) => e.id === id);
    return { timeZone: stored?.timeZone ?? machineTimeZone(), stores: stored?.storeTimeZones ?? {} };
  }

  /**
   * Adds an environment with its secret, or nothing: the secret goes into the keychain first and the
   * settings file follows, so a keychain that cannot be reached leaves no half-saved environment behind
   * (a retry would meet "already exists"), and a settings file that cannot be written takes the secret
   * back out. Without a secret the environment is saved and listed as missing one.
   */
  async add(input: {
    name: string;
    kind: Addable;
    baseUrl?: string | undefined;
    clientId: string;
    timeZone?: string | undefined;
    storeTimeZones?: Record<string, string> | undefined;
    secret?: string | undefined;
  }): Promise<EnvironmentView> {
    const id = `${input.kind}-${randomBytes(4).toString('hex')}`;
    let secretStored = false;
    try {
      await this.mutate(async () => {
        this.checkName(input.name, null);
        const zones = checkedZones(input.timeZone ?? machineTimeZone(), input.storeTimeZones ?? {});
        const stored: StoredEnvironment = {
          id,
          name: input.name.trim(),
          kind: input.kind,
          baseUrl: baseUrlFor(input.kind, input.baseUrl),
          clientId: input.clientId.trim(),
          lastVerifiedAt: null,
          timeZone: zones.timeZone,
          storeTimeZones: zones.stores,
        };
        if (input.secret) {
          await this.deps.store.set(id, input.secret).catch((error: unknown) => {
            throw notAdded(stored.name, error);
          });
          secretStored = true;
        }
        return { ...this.settings, environments: [...this.settings.environments, stored] };
      });
    } catch (error) {
      if (secretStored) await this.deps.store.delete(id).catch(() => undefined);
      throw error;
    }
    // Whether it has a secret is known: asking the keychain again could only fail.
    return this.viewWith(id, secretStored);
  }

  async update(input: {
    id: string;
    name?: string | undefined;
    baseUrl?: string | undefined;
    clientId?: string | undefined;
    timeZone?: string | undefined;
    storeTimeZones?: Record<string, string> | undefined;
  }): Promise<EnvironmentView> {
    let changedAccess = false;
    await this.mutate(() => {
      const current = this.stored(input.id, 'changed');
      const zones = checkedZones(
        input.timeZone ?? current.timeZone ?? machineTimeZone(),
        input.storeTimeZones ?? current.storeTimeZones ?? {},
      );
      if (input.name !== undefined) this.checkName(input.name, current.id);
      const baseUrl = input.baseUrl === undefined ? current.baseUrl : baseUrlFor(current.kind, input.baseUrl);
      const clientId = input.clientId?.trim() ?? current.clientId;
      changedAccess = baseUrl !== current.baseUrl || clientId !== current.clientId;
      const next: StoredEnvironment = {
        ...current,
        name: input.name?.trim() ?? current.name,
        baseUrl,
        clientId,
        timeZone: zones.timeZone,
        storeTimeZones: zones.stores,
        // A verification says these credentials worked on this server; it does not carry over.
        lastVerifiedAt: changedAccess ? null : current.lastVerifiedAt,
      };
      return { ...this.settings, environments: this.settings.environments.map((e) => (e.id === next.id ? next : e)) };
    });
    this.notify({ id: input.id, what: 'changed' });
    return this.view(input.id);
  }

  /** The export folder watched for this environment, if one is set. */
  watchFolderOf(id: string): string | null {
    return this.settings.watchFolders?.[id] ?? null;
  }

  /** Every environment that has a watched folder, with it. */
  watchFolders(): { id: string; folder: string }[] {
    return Object.entries(this.settings.watchFolders ?? {}).map(([id, folder]) => ({ id, folder }));
  }

  /** Sets (after checking it can be read) or clears (null) an environment's watched export folder. */
  async setWatchFolder(id: string, folder: string | null): Promise<void> {
    this.find(id);
    if (folder !== null) await checkWatchFolder(folder);
    await this.mutate(() => {
      const { [id]: _dropped, ...others } = this.settings.watchFolders ?? {};
      return { ...this.settings, watchFolders: folder === null ? others : { ...others, [id]: folder } };
    });
    this.notify({ id, what: 'changed' });
  }

  async remove(id: string): Promise<void> {
    await this.mutate(async () => {
      this.stored(id, 'removed');
      // The secret goes first: an environment removed while its secret stayed would leave it orphaned.
      await this.deps.store.delete(id);
      const { [id]: _dropped, ...watchFolders } = this.settings.watchFolders ?? {};
      return {
        ...this.settings,
        watchFolders,
        selectedId: this.settings.selectedId === id ? SANDBOX_ID : this.settings.selectedId,
        environments: this.settings.environments.filter((e) => e.id !== id),
      };
    });
    this.notify({ id, what: 'removed' });
  }

  async select(id: string): Promise<void> {
    this.find(id);
    if (id === this.settings.selectedId) return;
    await this.mutate(() => ({ ...this.settings, selectedId: id }));
    this.notify({ id, what: 'selected' });
  }

  async setSecret(id: string, secret: string): Promise<EnvironmentView> {
    await this.mutate(async () => {
      const current = this.stored(id, 'changed');
      await this.deps.store.set(id, secret);
      const next = { ...current, lastVerifiedAt: null };
      return { ...this.settings, environments: this.settings.environments.map((e) => (e.id === id ? next : e)) };
    });
    this.notify({ id, what: 'changed' });
    return this.view(id);
  }

  async markVerified(id: string): Promise<EnvironmentView> {
    const at = isoNow(this.deps.clock);
    if (id === SANDBOX_ID) this.sandboxVerifiedAt = at;
    else {
      await this.mutate(() => ({
        ...this.settings,
        environments: this.settings.environments.map((e) => (e.id === id ? { ...e, lastVerifiedAt: at } : e)),
      }));
    }
    return this.view(id);
  }

  /** The client id and secret to sign in with; asks the keychain each time, so nothing lingers here. */
  async credentials(id: string): Promise<Credentials> {
    const environment = this.find(id);
    if (environment.builtIn) {
      if (!this.deps.sandbox) throw sandboxOff();
      return { clientId: this.deps.sandbox.clientId, clientSecret: this.deps.sandbox.clientSecret };
    }
    const secret = await this.deps.store.get(id);
    if (!secret) {
      throw new CoreError({
        code: 'missing_secret',
        key: 'secret',
        message: `No client secret is set for ${environment.name}.`,
        hint: 'Enter the client secret for this environment in Environments, then test the connection.',
      });
    }
    return { clientId: environment.clientId, clientSecret: secret };
  }

  private viewWith(id: string, hasSecret: boolean): EnvironmentView {
    const environment = this.find(id);
    const stored = this.settings.environments.find((e) => e.id === id);
    return {
      id,
      name: environment.name,
      kind: environment.kind,
      baseUrl: environment.baseUrl,
      clientId: environment.clientId,
      hasSecret,
      lastVerifiedAt: environment.builtIn ? this.sandboxVerifiedAt : (stored?.lastVerifiedAt ?? null),
      builtIn: environment.builtIn,
      timeZone: this.zonesOf(id).timeZone,
      storeTimeZones: { ...this.zonesOf(id).stores },
    };
  }

  private stored(id: string, action: 'changed' | 'removed'): StoredEnvironment {
    if (id === SANDBOX_ID) {
      throw new CoreError({
        code: 'builtin_environment',
        key: 'id',
        message: `The built-in Sandbox cannot be ${action}.`,
        hint: 'It always uses its own demo server and credentials; add an environment for another server.',
      });
    }
    const stored = this.settings.environments.find((e) => e.id === id);
    if (!stored) throw unknownEnvironment(id);
    return stored;
  }

  private checkName(name: string, ownId: string | null): void {
    const wanted = name.trim().toLowerCase();
    const clash = [{ id: SANDBOX_ID, name: 'Sandbox' }, ...this.settings.environments].find(
      (e) => e.id !== ownId && e.name.toLowerCase() === wanted,
    );
    if (clash) {
      throw new CoreError({
        code: 'invalid_input',
        key: 'name',
        message: `An environment named "${clash.name}" already exists.`,
        hint: 'Give each environment its own name, such as "Acme production".',
      });
    }
  }

  /** Runs changes one at a time; the new settings replace the old only once they are on disk. */
  private mutate(change: () => Settings | Promise<Settings>): Promise<void> {
    const run = this.queue.then(async () => {
      const next = await change();
      await saveSettings(this.deps.dataDir, next);
      this.settings = next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private notify(change: EnvironmentChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
