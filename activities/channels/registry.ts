/**
 * Which adapter serves a channel, by the plan's `adapter` key. The worker builds one registry
 * at start-up with the platforms it can reach.
 */
import type { ChannelAdapter } from './adapter.js';

export type AdapterName = 'sandbox' | 'webhook';

export interface ChannelRegistry {
  adapterFor(name: AdapterName): ChannelAdapter;
}

export class AdapterUnavailableError extends Error {
  override name = 'AdapterUnavailableError';
}

export function channelRegistry(adapters: Partial<Record<AdapterName, ChannelAdapter>>): ChannelRegistry {
  return {
    adapterFor(name) {
      const adapter = adapters[name];
      if (!adapter) throw new AdapterUnavailableError(`This worker has no "${name}" channel adapter configured.`);
      return adapter;
    },
  };
}
