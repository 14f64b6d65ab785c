import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { ChannelRegistry } from './channels/registry.js';
import type { SmtpSettings } from './notifications/smtp.js';

/** What activities need from the process; injected so tests can hand in real but local parts. */
export interface ActivityDeps {
  pool: Pool;
  channels: ChannelRegistry;
  log: Logger;
  /** Mail server for e-mail notifications; without it e-mail targets are reported as failed. */
  smtp?: SmtpSettings | undefined;
}
