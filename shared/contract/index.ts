import type { z } from 'zod';
import { appChannels, appEvents } from './app';
import { auditChannels } from './audit';
import { cacheChannels } from './cache';
import type { ChannelDef, EventDef } from './define';
import { environmentChannels } from './environments';
import { labelChannels } from './labels';
import { importChannels, importEvents } from './imports';
import { orderChannels, orderEvents } from './orders';
import { stagingChannels, stagingEvents } from './staging';
import { watchChannels, watchEvents } from './watch';

/** Every channel between the renderer and the core: the one place a channel is declared. */
export const channels = {
  ...appChannels,
  ...environmentChannels,
  ...orderChannels,
  ...auditChannels,
  ...stagingChannels,
  ...labelChannels,
  ...cacheChannels,
  ...importChannels,
  ...watchChannels,
};

/** Every event the core pushes to the renderer. */
export const events = {
  ...appEvents,
  ...orderEvents,
  ...stagingEvents,
  ...importEvents,
  ...watchEvents,
};

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof events;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

/** What the renderer passes (before defaults are applied). */
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
/** What the core's handler receives (after validation and defaults). */
export type ChannelParsed<K extends ChannelName> = z.output<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = Channels[K] extends ChannelDef<z.ZodType, infer O> ? O : never;
export type EventPayload<K extends EventName> = (typeof events)[K] extends EventDef<infer P> ? P : never;

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}

export * from './common';
export * from './orders';
export * from './environments';
export * from './audit';
export * from './staging';
export * from './app';
export * from './labels';
export * from './handlers';
export * from './cache';
export * from './imports';
export * from './watch';
