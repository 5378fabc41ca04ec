import { isKnownTimeZone } from '../../../shared/zoned-time';
import { CoreError } from '../core-error';

/** An environment's zones: Connect does not say a store's zone, so the console's settings do. */
export interface StoreZones {
  /** The zone of every store not listed in `stores`. */
  timeZone: string;
  /** Per store location code. */
  stores: Record<string, string>;
}

/** This computer's zone: the default for an environment until its stores' zone is set. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function zoneOfStore(zones: StoreZones, store: string | null | undefined): string {
  return (store && zones.stores[store]) || zones.timeZone;
}

function badZone(key: string, zone: string, store?: string): CoreError {
  return new CoreError({
    code: 'invalid_input',
    key,
    message: `${store ? `Store ${store.slice(0, 64)}: ` : ''}"${zone.slice(0, 64)}" is not a time zone this computer knows.`,
    hint: 'Use an IANA zone name such as America/Los_Angeles or America/New_York.',
  });
}

/** Checks zones typed on the Environments screen; a store code maps to one zone. */
export function checkedZones(timeZone: string, stores: Record<string, string>): StoreZones {
  if (!isKnownTimeZone(timeZone)) throw badZone('timeZone', timeZone);
  const checked: Record<string, string> = {};
  for (const [store, zone] of Object.entries(stores)) {
    const code = store.trim();
    if (!code) continue;
    if (!isKnownTimeZone(zone.trim())) throw badZone('storeTimeZones', zone, code);
    checked[code] = zone.trim();
  }
  return { timeZone, stores: checked };
}
