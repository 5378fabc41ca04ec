import type { ChannelName, ChannelOutput, ChannelParsed } from './index';

/** What the core does for one channel: given the validated input, its answer. */
export type Handler<K extends ChannelName> = (input: ChannelParsed<K>) => Promise<ChannelOutput<K>>;
/** One handler per channel: what both hosts dispatch to. */
export type Handlers = { [K in ChannelName]: Handler<K> };
