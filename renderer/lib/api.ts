import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from '../../shared/contract';
// Read first: the launch link sits next to the token in the fragment, which takeToken() clears.
import './launch-link';
import type { Result } from '../../shared/result';

/** What the Electron preload exposes as `window.lastmile`: one function per declared channel. */
export interface LastmileBridge {
  host: 'electron';
  invoke: { [K in ChannelName]: (input: ChannelInput<K>) => Promise<Result<ChannelOutput<K>>> };
  on: { [K in EventName]: (listener: (payload: EventPayload<K>) => void) => () => void };
}

declare global {
  interface Window {
    lastmile?: LastmileBridge;
  }
}

/** A channel's input without the environment: what a form builds; the screen holding it adds its environment. */
export type ScopedInput<K extends ChannelName> = Omit<ChannelInput<K>, 'environmentId'>;

export interface Api {
  call<K extends ChannelName>(name: K, input: ChannelInput<K>): Promise<Result<ChannelOutput<K>>>;
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}

const TOKEN_KEY = 'lastmile-token';

/** The browser host's token arrives in the URL fragment; keep it for reloads and take it out of the address bar. */
function takeToken(): string {
  const match = /token=([\w-]+)/.exec(location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const unreachable = {
  code: 'host_unreachable',
  message: "The console's core is not answering.",
  hint: 'Check that the console is still running (npm start), then reload this page.',
};

function electronApi(bridge: LastmileBridge): Api {
  return {
    call: (name, input) => bridge.invoke[name](input),
    on: (name, listener) => bridge.on[name](listener),
  };
}

function browserHostApi(): Api {
  const token = takeToken();
  const listeners = new Map<string, Set<(payload: never) => void>>();
  let streaming = false;

  async function stream(): Promise<void> {
    for (;;) {
      try {
        const response = await fetch('/api/events', { headers: { 'x-lastmile-token': token } });
        if (!response.ok || !response.body) throw new Error(String(response.status));
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffered = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffered += value;
          let newline: number;
          while ((newline = buffered.indexOf('\n')) >= 0) {
            const line = buffered.slice(0, newline).trim();
            buffered = buffered.slice(newline + 1);
            if (!line) continue;
            const message = JSON.parse(line) as { event: string; payload: never };
            for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
          }
        }
      } catch {
        // The host restarted or the connection dropped: try again shortly.
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  return {
    async call(name, input) {
      try {
        const response = await fetch(`/api/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-lastmile-token': token },
          body: JSON.stringify({ input }),
        });
        return (await response.json()) as Result<never>;
      } catch {
        return { ok: false, error: unreachable };
      }
    },
    on(name, listener) {
      if (!streaming) {
        streaming = true;
        void stream();
      }
      const set = listeners.get(name) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(name, set);
      return () => set.delete(listener as (payload: never) => void);
    },
  };
}

export const api: Api = window.lastmile ? electronApi(window.lastmile) : browserHostApi();

/** The page is served by the browser host (the Electron shell shows desktop notices itself). */
export const isBrowserHost = !window.lastmile;
