/** What every command shares: configuration, output mode, and how failures become exit codes. */
import type { Command } from 'commander';
import { CampaignError, closeClient, connectClient } from '../campaigns.js';
import { loadConfig, type Config } from '../../workers/config.js';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { createPool, resolveDatabase } from '../../workers/database.js';
import { createLogger } from '../../workers/logger.js';
import { DATA_DIR } from '../../workers/paths.js';

export interface GlobalOptions {
  json?: boolean;
  lang?: string;
}

export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

export function config(): Config {
  return loadConfig();
}

/** Prints a result: JSON for scripts, text for people. */
export function output(cmd: Command, value: unknown, text: () => string): void {
  process.stdout.write(globals(cmd).json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}

/** Runs `fn` with a connected client and always closes it. */
export async function withClient<T>(fn: (client: Client, cfg: Config) => Promise<T>): Promise<T> {
  const cfg = config();
  const client = await connectClient({ address: cfg.temporalAddress, namespace: cfg.namespace });
  try {
    return await fn(client, cfg);
  } finally {
    await closeClient(client);
  }
}

/** Failures as a sentence and an exit code (DESIGN.md §2); never a stack trace. */
export function reportFailure(err: unknown, json: boolean): number {
  const exitCode = err instanceof CampaignError ? err.exitCode : 1;
  const message = err instanceof Error ? err.message : String(err);
  if (json) {
    process.stdout.write(`${JSON.stringify({ error: { message, exitCode, type: err instanceof CampaignError ? err.type : undefined } })}\n`);
  } else {
    process.stderr.write(`campaign: ${message}\n`);
  }
  return exitCode;
}

/** Runs `fn` with a pool on the campaign records database and always closes it. */
export async function withDatabase<T>(fn: (pool: Pool) => Promise<T>): Promise<T> {
  const cfg = config();
  const log = createLogger({ ...cfg, logLevel: 'warn' });
  const database = await resolveDatabase({
    dataDir: DATA_DIR, allowEmbedded: false, log, ...(cfg.databaseUrl ? { databaseUrl: cfg.databaseUrl } : {}),
  }).catch((err: unknown) => {
    throw new CampaignError((err as Error).message, 1);
  });
  const pool = createPool(database.url, { log, max: 1 });
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}
