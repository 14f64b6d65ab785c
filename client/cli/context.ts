/**
 * What every command shares: configuration, output mode, the campaign operations this invocation
 * goes through, who is acting, and how failures become exit codes.
 */
import type { Command } from 'commander';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { ErrorType } from '../../domain/errors.js';
import { CampaignError, closeClient, connectClient } from '../campaigns.js';
import { say } from './language.js';
import { ConfigError, loadConfig, type Config } from '../../platform/config.js';
import { createPool } from '../../platform/database.js';
import { createLogger } from '../../platform/logger.js';
import { DATA_DIR, DEV_KEYS_DIR } from '../../platform/paths.js';
import { resolveRecordsDatabase } from '../../store/databases.js';
import { fileProblemSentence, readTextFile, type FileKind } from '../files.js';
import { directOperations } from '../operations/direct.js';
import { signingSetup } from '../signing.js';
import { HttpOperations, type ApiTarget } from '../operations/http.js';
import type { CampaignOperations } from '../operations/operations.js';

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

/** Gathers a repeatable option's values. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Prints a result: JSON for scripts, text for people. */
export function output(cmd: Command, value: unknown, text: () => string): void {
  process.stdout.write(globals(cmd).json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}

/**
 * Runs `fn` on the campaign operations, picked once: the HTTP API when --api (else
 * CAMPAIGN_API_URL) names one, with the token in CAMPAIGN_API_TOKEN; else Temporal and PostgreSQL
 * directly, each connected when an operation first needs it and closed afterwards.
 */
export async function withOperations<T>(cmd: Command, fn: (ops: CampaignOperations) => Promise<T>): Promise<T> {
  const cfg = config();
  const target = apiTarget(cmd, cfg);
  if (target) return fn(new HttpOperations(target));
  const connections = directConnections(cfg);
  const note = (sentence: string) => {
    if (!globals(cmd).json) process.stderr.write(`campaign: ${sentence}\n`);
  };
  try {
    const { signer, trustedKeys } = await signingSetup(cfg, 'operator', DEV_KEYS_DIR);
    return await fn(directOperations({
      client: connections.client, pool: connections.pool, taskQueue: cfg.taskQueue, note, signer, trustedKeys, origin: { path: 'cli' },
    }));
  } finally {
    await connections.close();
  }
}

/** The API this invocation goes through (--api, else CAMPAIGN_API_URL) with CAMPAIGN_API_TOKEN; undefined for none. */
export function apiTarget(cmd: Command, cfg: Config = config()): ApiTarget | undefined {
  const url = globals(cmd).api ?? cfg.apiUrl;
  if (url === undefined) return undefined;
  if (!cfg.apiToken) {
    throw CampaignError.saying((m) => m.errors.apiTokenNeeded(url), 2);
  }
  return { url, token: cfg.apiToken };
}

/**
 * Runs `fn` as the person acting. Directly, `--as` says who and is required. Through the API the
 * token says so; a `--as` naming someone else is refused before the action is sent, so nobody acts
 * with a token they did not mean to use.
 */
export async function actingAs<T>(cmd: Command, as: string | undefined, fn: (ops: CampaignOperations, by: string) => Promise<T>): Promise<{ by: string; result: T }> {
  return withOperations(cmd, async (ops) => {
    const by = await actor(ops, as);
    return { by, result: await fn(ops, by) };
  });
}

async function actor(ops: CampaignOperations, as: string | undefined): Promise<string> {
  const token = await ops.caller();
  if (!token) {
    if (as === undefined) throw CampaignError.saying((m) => m.errors.asRequired, 2);
    return as;
  }
  if (as !== undefined && as !== token.person) {
    throw CampaignError.saying((m) => m.errors.tokenBelongs(token.person, as), 3);
  }
  return token.person;
}

/** Temporal and the records database, each opened on first use; `close` closes what was opened. */
/** Runs `fn` with a Temporal client, for the operator commands that exist only on the direct path. */
export async function withTemporal<T>(fn: (client: Client, cfg: Config) => Promise<T>): Promise<T> {
  const cfg = config();
  const connections = directConnections(cfg);
  try {
    return await fn(await connections.client(), cfg);
  } finally {
    await connections.close();
  }
}

function directConnections(cfg: Config) {
  let client: Promise<Client> | undefined;
  let pool: Promise<Pool> | undefined;
  return {
    client: () => (client ??= connectClient(cfg.temporal)),
    pool: () => (pool ??= openRecords(cfg)),
    async close() {
      await Promise.all([
        client?.then(closeClient, () => undefined),
        pool?.then((p) => p.end(), () => undefined),
      ]);
    },
  };
}

async function openRecords(cfg: Config): Promise<Pool> {
  const log = createLogger({ ...cfg, logLevel: 'warn' });
  const database = await resolveRecordsDatabase({
    dataDir: DATA_DIR, log, ...(cfg.databaseUrl ? { databaseUrl: cfg.databaseUrl } : {}),
  }).catch((err: unknown) => {
    throw new CampaignError((err as Error).message, 1);
  });
  return createPool(database.url, { log, max: 1 });
}

/**
 * Failures as a sentence and an exit code (DESIGN.md §2); never a stack trace. With --json, on
 * stdout as `{ error: { message, exitCode, type } }`, the message in English for scripts; else on
 * stderr in the reader's language. A refusal from the campaign is its own (English) sentence,
 * headed by what kind of refusal it is.
 */
export function reportFailure(err: unknown, json: boolean): number {
  // A setting that cannot be used is invalid input, like a bad argument.
  const exitCode = err instanceof CampaignError ? err.exitCode : err instanceof ConfigError ? 2 : 1;
  const type = err instanceof CampaignError ? err.type : err instanceof ConfigError ? ErrorType.InvalidInput : undefined;
  const message = err instanceof Error ? err.message : String(err);
  if (json) {
    process.stdout.write(`${JSON.stringify({ error: { message, exitCode, type } })}\n`);
  } else {
    const m = say();
    const sentence = err instanceof CampaignError && err.sentence ? err.sentence(m) : type ? m.errors.refused(type, message) : message;
    process.stderr.write(`${m.failure(sentence)}\n`);
  }
  return exitCode;
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
