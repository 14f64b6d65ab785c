/**
 * Once per `npm test`: a Temporal dev server on a free port with a temporary SQLite file, a fresh
 * PostgreSQL database with our migrations, and the workflow bundle built once for every test file.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../platform/config.js';
import { createFreshTestDatabase } from '../../store/databases.js';
import { migrateDatabase } from '../../store/migrations.js';
import { startDevServer } from '../../workers/dev-server.js';
import { bundleWorkflows } from '../../workers/bundle.js';
import { createLogger } from '../../platform/logger.js';
import { ensureTemporalCli } from '../../workers/temporal-cli.js';
import { WORKFLOWS_PATH } from '../../workers/worker.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalCli: string;
    databaseUrl: string;
    workflowBundlePath: string;
  }
}

export default async function setup(project: TestProject) {
  const config = loadConfig();
  const log = createLogger({ logLevel: 'warn', prettyLogs: false });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'campaign-test-'));
  const cli = await ensureTemporalCli({ configured: config.temporalCli, log });
  const [server, database, bundle] = await Promise.all([
    startDevServer({ cli, log, dbFile: path.join(dir, 'temporal.sqlite') }),
    createFreshTestDatabase(),
    bundleWorkflows(WORKFLOWS_PATH, log),
  ]);
  await migrateDatabase(database.url);
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  await writeFile(bundlePath, bundle);

  project.provide('temporalAddress', server.address);
  project.provide('temporalCli', cli);
  project.provide('databaseUrl', database.url);
  project.provide('workflowBundlePath', bundlePath);

  return async () => {
    await server.stop();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  };
}
