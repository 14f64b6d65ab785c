import type { Logger } from 'pino';
import type { SmtpSettings } from '../platform/config.js';
import type { RecordsStore } from '../store/index.js';
import type { ChannelRegistry } from './channels/registry.js';
import type { NotifyDirectory } from './notifications/targets.js';

/** What activities need from the process; injected so tests can hand in real but local parts. */
export interface ActivityDeps {
  /** The records store (store/): every write and read of the records database. */
  store: RecordsStore;
  channels: ChannelRegistry;
  log: Logger;
  /** Mail server for e-mail notifications; without it e-mail targets are reported as failed. */
  smtp?: SmtpSettings | undefined;
  /** Robot and webhook notify targets by name, from the worker's secrets file. */
  notifyTargets?: NotifyDirectory | undefined;
}
