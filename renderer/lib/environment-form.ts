import type { EnvironmentKind, EnvironmentView } from '../../shared/domain';
import type { Result } from '../../shared/result';
import { fail, ok } from '../../shared/result';
import { isKnownTimeZone } from '../../shared/zoned-time';
import { Problems } from './number-fields';

export type AddableKind = Exclude<EnvironmentKind, 'sandbox'>;

/** The vendor's two servers per retailer; a custom environment names its own. */
export const DEFAULT_BASE_URLS: Readonly<Record<'development' | 'production', string>> = {
  development: 'https://connect.dev.instacart.tools',
  production: 'https://connect.instacart.com',
};

export interface EnvironmentValues {
  name: string;
  kind: AddableKind;
  baseUrl: string;
  clientId: string;
  /** Write-only: never filled from the core, emptied after every save. */
  secret: string;
  /** The zone of the environment's stores, unless a store has its own. */
  timeZone: string;
  /** One store per line: its location code, then its zone ("2002 America/New_York"). */
  storeZones: string;
}

export const ENVIRONMENT_FIELDS = [
  'name',
  'kind',
  'baseUrl',
  'clientId',
  'secret',
  'timeZone',
  'storeTimeZones',
] as const;

/** Stores with a zone of their own one environment may list (the contract's cap). */
const MAX_STORE_ZONES = 500;

const agentZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function storeZoneLines(zones: Record<string, string>): string {
  return Object.entries(zones)
    .map(([code, zone]) => `${code} ${zone}`)
    .join('\n');
}

export function environmentValues(environment?: EnvironmentView): EnvironmentValues {
  if (!environment) {
    return {
      name: '',
      kind: 'development',
      baseUrl: '',
      clientId: '',
      secret: '',
      timeZone: agentZone(),
      storeZones: '',
    };
  }
  return {
    name: environment.name,
    kind: environment.kind === 'sandbox' ? 'custom' : environment.kind,
    baseUrl: environment.kind === 'custom' ? environment.baseUrl : '',
    clientId: environment.clientId,
    secret: '',
    timeZone: environment.timeZone,
    storeZones: storeZoneLines(environment.storeTimeZones),
  };
}

export interface EnvironmentRequest {
  name: string;
  kind: AddableKind;
  baseUrl?: string;
  clientId: string;
  secret?: string;
  timeZone: string;
  storeTimeZones: Record<string, string>;
}

const ZONE_HINT =
  'Use an IANA zone name such as America/Los_Angeles or America/New_York, not an abbreviation like PST.';

/** Reads the store lines; a line that is not "code zone" is named with its number. */
function readStoreZones(text: string, problems: Problems): Record<string, string> {
  const zones: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const match = /^([^\s,;=]+)[\s,;=]+(\S+)$/.exec(line);
    const where = `Line ${index + 1}`;
    if (!match) {
      problems.add(
        'storeTimeZones',
        `${where} is not a store code and a zone.`,
        'Write one store per line, e.g. 2002 America/New_York.',
      );
    } else if (!isKnownTimeZone(match[2]!)) {
      problems.add('storeTimeZones', `${where}: "${match[2]!.slice(0, 64)}" is not a time zone.`, ZONE_HINT);
    } else if (match[1]! in zones) {
      problems.add(
        'storeTimeZones',
        `${where}: store ${match[1]!.slice(0, 64)} is listed twice.`,
        'Keep one line per store.',
      );
    } else {
      zones[match[1]!] = match[2]!;
    }
    if (problems.list.length >= 10) break;
  }
  if (Object.keys(zones).length > MAX_STORE_ZONES) {
    problems.add(
      'storeTimeZones',
      `At most ${MAX_STORE_ZONES} stores can have a zone of their own.`,
      'List only the stores whose zone differs.',
    );
  }
  return zones;
}

function isHttpsUrl(text: string): boolean {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
}

export function checkEnvironment(values: EnvironmentValues, adding: boolean): Result<EnvironmentRequest> {
  const problems = new Problems();
  const name = values.name.trim();
  const clientId = values.clientId.trim();
  const baseUrl = values.baseUrl.trim();
  if (!name) problems.add('name', 'Give the environment a name.', 'For example “Store 42 production”.');
  if (!clientId) problems.add('clientId', 'Enter the client id.', 'It comes with the client secret from Instacart.');
  if (values.kind === 'custom' && !isHttpsUrl(baseUrl)) {
    problems.add(
      'baseUrl',
      'Enter the server’s full https:// address.',
      'For example https://connect.dev.instacart.tools',
    );
  }
  const timeZone = values.timeZone.trim();
  if (!isKnownTimeZone(timeZone)) problems.add('timeZone', `"${timeZone.slice(0, 64)}" is not a time zone.`, ZONE_HINT);
  const storeTimeZones = readStoreZones(values.storeZones, problems);
  if (adding && values.secret === '') {
    problems.add(
      'secret',
      'Enter the client secret.',
      'The console keeps it in this computer’s keychain, never on disk.',
    );
  }
  const error = problems.error();
  if (error) return fail(error);
  return ok({
    name,
    kind: values.kind,
    clientId,
    timeZone,
    storeTimeZones,
    ...(values.kind === 'custom' ? { baseUrl } : {}),
    ...(values.secret !== '' ? { secret: values.secret } : {}),
  });
}
