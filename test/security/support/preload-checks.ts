import { expect } from 'vitest';
import { channelNames, eventNames } from '../../../shared/contract';
import type { FakeElectron } from './fake-electron';
import { fakeEvent } from './fake-electron';

interface ExposedApi {
  host: string;
  invoke: Record<string, (...args: unknown[]) => Promise<unknown>>;
  on: Record<string, (listener: (...args: unknown[]) => void) => () => void>;
}

/** Every object and function reachable from a value, its own properties included. */
function reachable(root: unknown): Set<unknown> {
  const seen = new Set<unknown>();
  const stack = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    seen.add(value);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
      if (descriptor && 'value' in descriptor) stack.push(descriptor.value);
    }
  }
  return seen;
}

/**
 * Checklist item 20 against the built preload: exactly one global, one function per declared channel
 * and event, nothing forwarded beyond (channel, input), listeners never see the IpcRendererEvent, and
 * neither ipcRenderer nor any of its methods is reachable from what the page gets.
 */
export function exposedApiChecks(preload: FakeElectron): void {
  expect(preload.exposedInMainWorld.map(([key]) => key)).toEqual(['lastmile']);
  const api = preload.exposedInMainWorld[0]?.[1] as ExposedApi;
  expect(Object.keys(api).sort()).toEqual(['host', 'invoke', 'on']);
  expect(Object.keys(api.invoke).sort()).toEqual([...channelNames].sort());
  expect(Object.keys(api.on).sort()).toEqual([...eventNames].sort());

  const ipc = preload.ipcRenderer as unknown as Record<string, unknown>;
  const forbidden = new Set([ipc, ...Object.values(ipc), ...['invoke', 'on', 'send', 'emit'].map((k) => ipc[k])]);
  for (const value of reachable(api)) expect(forbidden.has(value)).toBe(false);

  for (const name of channelNames) {
    void api.invoke[name]?.({ probe: name }, 'smuggled second argument');
    expect(preload.ipcRenderer.invocations.at(-1)).toEqual([name, { probe: name }]);
  }

  for (const name of eventNames) {
    const received: unknown[][] = [];
    const unsubscribe = api.on[name]?.((...args) => received.push(args));
    preload.ipcRenderer.emit(name, fakeEvent(), { probe: name });
    expect(received).toEqual([[{ probe: name }]]);
    unsubscribe?.();
    preload.ipcRenderer.emit(name, fakeEvent(), { probe: 'after unsubscribe' });
    expect(received).toHaveLength(1);
    expect(preload.ipcRenderer.listenerCount(name)).toBe(0);
  }
}
