import { contextBridge, ipcRenderer } from 'electron';
import { channelNames, eventNames } from '../shared/contract';

/**
 * One function per declared channel and one subscription per declared event: the renderer gets no
 * generic invoke, no ipcRenderer and no way to name a channel the contract does not declare.
 */
const invoke = Object.fromEntries(
  channelNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(name, input)]),
);

const on = Object.fromEntries(
  eventNames.map((name) => [
    name,
    (listener: (payload: unknown) => void) => {
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(name, forward);
      return () => {
        ipcRenderer.removeListener(name, forward);
      };
    },
  ]),
);

contextBridge.exposeInMainWorld('lastmile', { host: 'electron', invoke, on });
