import type { EventName, EventPayload } from '../../shared/contract';

/** How the core pushes an event to whichever renderer is attached (Electron window or browser host). */
export type Emit = <K extends EventName>(name: K, payload: EventPayload<K>) => void;
