import type { z } from 'zod';

/**
 * A channel pairs a run-time schema for what the renderer sends with a compile-time type for what
 * the core answers. The output is a phantom: the core is trusted, the renderer is not.
 */
export interface ChannelDef<I extends z.ZodType, O> {
  readonly input: I;
  readonly output?: O;
}

export function channel<O>() {
  return <I extends z.ZodType>(input: I): ChannelDef<I, O> => ({ input });
}

/** An event the core pushes to the renderer (progress, status changes). */
export interface EventDef<P> {
  readonly payload?: P;
}

export function event<P>(): EventDef<P> {
  return {};
}
