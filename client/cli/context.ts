/** What every command shares: configuration, output mode, and how failures become exit codes. */
import type { Command } from 'commander';
import { ApiCampaignClient } from '../api-client.js';
import { CampaignError, closeClient, connectClient } from '../campaigns.js';
import { loadConfig, type Config } from '../../workers/config.js';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { createPool, resolveDatabase } from '../../workers/database.js';
import { createLogger } from '../../workers/logger.js';
import { DATA_DIR } from '../../workers/paths.js';
import { fileProblemSentence, readTextFile, type FileKind } from '../files.js';

export interface GlobalOptions {
  json?: boolean;
  lang?: string;
  api?: string;
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

/**
 * The HTTP API to go through (--api, else CAMPAIGN_API_URL), with the token in CAMPAIGN_API_TOKEN;
 * undefined means Temporal and PostgreSQL directly.
 */
export function apiClient(cmd: Command): ApiCampaignClient | undefined {
  const cfg = config();
  const url = globals(cmd).api ?? cfg.apiUrl;
  if (url === undefined) return undefined;
  if (!cfg.apiToken) {
    throw new CampaignError(
      `Going through the API at ${url} needs your API token in CAMPAIGN_API_TOKEN; an operator creates one with \`campaign tokens create\`.`,
      2,
    );
  }
  return new ApiCampaignClient({ url, token: cfg.apiToken });
}

/** Runs one operation through the HTTP API when one is configured, else against Temporal or PostgreSQL. */
export async function viaApi<T>(cmd: Command, overApi: (api: ApiCampaignClient) => Promise<T>, direct: () => Promise<T>): Promise<T> {
  const api = apiClient(cmd);
  return api ? overApi(api) : direct();
}

/**
 * Who is acting. Directly, `--as` says so and is required. Through the API the token says so; a
 * `--as` naming someone else is refused before the action is sent, so nobody acts with a token
 * they did not mean to use.
 */
export async function actor(cmd: Command, as: string | undefined): Promise<string> {
  const api = apiClient(cmd);
  if (!api) {
    if (as === undefined) throw new CampaignError('--as <person> is required: say who you are (your team id), e.g. --as li.na.', 2);
    return as;
  }
  const { person } = await api.whoAmI();
  if (as !== undefined && as !== person) {
    throw new CampaignError(`The API token belongs to ${person}, not ${as}: drop --as, or use ${as}'s own token in CAMPAIGN_API_TOKEN.`, 3);
  }
  return person;
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

/** Files of rows (metrics, interactions, survey answers): each row stands on its own. */
export const IMPORT_FILE: FileKind = {
  what: 'an import',
  whenTooLarge: 'Split it into several files: each row stands on its own, so the parts can be imported in any order.',
};

/** A file named on the command line as text, or a CampaignError (exit 2) saying what is wrong with it. */
export async function readInputFile(file: string, limitBytes: number, kind: FileKind): Promise<string> {
  const read = await readTextFile(file, limitBytes);
  if (!read.ok) throw new CampaignError(fileProblemSentence(file, read.problem, kind), 2);
  return read.text;
}
