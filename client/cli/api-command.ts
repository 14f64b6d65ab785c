/** `campaign api`: the HTTP API for approvers and managers, until SIGINT/SIGTERM. */
import { once } from 'node:events';
import { Command, InvalidArgumentError } from 'commander';
import { createLogger } from '../../platform/logger.js';
import { closeClient, connectClient } from '../campaigns.js';
import { connectRecords } from '../api/records-database.js';
import { DEFAULT_RATE_LIMIT, DEFAULT_UNAUTHENTICATED_RATE_LIMIT, startApiServer } from '../api/server.js';
import { config } from './context.js';
import { DEV_KEYS_DIR } from '../../platform/paths.js';
import { signingSetup } from '../signing.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError('give a port from 0 to 65535 (0: any free port)');
  return n;
}

function perMinute(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('give a whole number of requests per minute, e.g. 120');
  return n;
}

export function apiCommand(): Command {
  return new Command('api')
    .description('serve the HTTP API (docs/api.md) against TEMPORAL_ADDRESS and DATABASE_URL')
    .option('--port <port>', 'port to listen on (0: any free port)', port, 8080)
    .option('--host <address>', 'address to listen on; anything but loopback belongs behind a TLS proxy', '127.0.0.1')
    .option('--rate-limit <n>', 'requests per minute per token', perMinute, DEFAULT_RATE_LIMIT.perMinute)
    .option('--unauthenticated-rate-limit <n>', 'requests without a valid token per minute per client address', perMinute, DEFAULT_UNAUTHENTICATED_RATE_LIMIT.perMinute)
    .exitOverride()
    .action(async (opts: { port: number; host: string; rateLimit: number; unauthenticatedRateLimit: number }) => {
      const cfg = config();
      const log = createLogger(cfg);
      const records = await connectRecords(cfg, log);
      try {
        const client = await connectClient(cfg.temporal);
        try {
          const { signer, trustedKeys } = await signingSetup(cfg, 'api', DEV_KEYS_DIR);
          if (!signer) log.warn('No signing key (CAMPAIGN_SIGNING_KEY): campaigns that require signed decisions refuse the ones sent through this API');
          const server = await startApiServer({
            client, pool: records.pool, log, taskQueue: cfg.taskQueue, signer, trustedKeys,
            port: opts.port, host: opts.host, rateLimit: { perMinute: opts.rateLimit },
            unauthenticatedRateLimit: { perMinute: opts.unauthenticatedRateLimit },
          });
          log.info({ url: server.url, temporal: cfg.temporal.address, taskQueue: cfg.taskQueue }, 'API listening; Ctrl-C stops it');
          await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
          // Requests in flight finish; new ones are refused with 503 meanwhile.
          await server.close();
          log.info('API stopped');
        } finally {
          await closeClient(client);
        }
      } finally {
        await records.close();
      }
    });
}
