import { environments } from './environments.svelte';
import { AGENT_ZONE } from './format';

/**
 * The zone a store's times are shown in, from its environment's settings: the store's own zone, else
 * the environment's default; the agent's zone only while the environments are not loaded yet.
 */
export function storeZone(environmentId: string | null, store: string | null | undefined): string {
  const environment = environments.list.find((e) => e.id === environmentId);
  if (!environment) return AGENT_ZONE;
  return (store && environment.storeTimeZones[store]) || environment.timeZone;
}
