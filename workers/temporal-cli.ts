/**
 * Finds the Temporal CLI (which embeds the dev server), or builds the pinned version with Go.
 * No release binary can be downloaded on our machines, so `go install` is the supported path.
 */
import { execFile, spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import { environmentWith, executableSearchPath } from '../platform/config.js';

const run = promisify(execFile);

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const TEMPORAL_CLI_MODULE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;

export class TemporalCliMissingError extends Error {
  override name = 'TemporalCliMissingError';
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function goBinDir(): Promise<string | undefined> {
  try {
    const { stdout } = await run('go', ['env', 'GOBIN', 'GOPATH']);
    const [gobin, gopath] = stdout.split('\n').map((s) => s.trim());
    if (gobin) return gobin;
    if (gopath) return path.join(gopath.split(path.delimiter)[0] ?? gopath, 'bin');
  } catch {
    // No Go toolchain: the caller explains how to get the CLI another way.
  }
  return undefined;
}

/** TEMPORAL_CLI, then PATH, then Go's bin folder. */
export async function findTemporalCli(configured?: string, pathEnv = executableSearchPath()): Promise<string | undefined> {
  if (configured) {
    if (await isExecutable(configured)) return configured;
    throw new TemporalCliMissingError(`TEMPORAL_CLI points to ${configured}, which is not an executable file.`);
  }
  for (const dir of pathEnv.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'temporal');
    if (await isExecutable(candidate)) return candidate;
  }
  const bin = await goBinDir();
  if (bin && (await isExecutable(path.join(bin, 'temporal')))) return path.join(bin, 'temporal');
  return undefined;
}

const HOW_TO_INSTALL = [
  'The Temporal CLI (which runs the local Temporal server) was not found and Go is not installed to build it.',
  'Install one of:',
  `  - Go 1.25 or newer, then run \`npm test\` or \`npm run demo\` again (it runs \`go install ${TEMPORAL_CLI_MODULE}\`);`,
  '  - the Temporal CLI v1.5.1 from https://docs.temporal.io/cli, on your PATH or named by TEMPORAL_CLI;',
  'or point TEMPORAL_ADDRESS at a Temporal server you already run.',
].join('\n');

/** The CLI's path, building it with `go install` the first time (a few minutes). */
export async function ensureTemporalCli(opts: { configured?: string | undefined; log: Logger }): Promise<string> {
  const found = await findTemporalCli(opts.configured);
  if (found) return found;
  const bin = await goBinDir();
  if (!bin) throw new TemporalCliMissingError(HOW_TO_INSTALL);
  opts.log.info(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go; the first build takes a few minutes…`);
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('go', ['install', TEMPORAL_CLI_MODULE], {
      env: environmentWith({ CGO_ENABLED: '0' }),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new TemporalCliMissingError(`go install ${TEMPORAL_CLI_MODULE} failed with exit code ${code}.`)),
    );
  });
  const built = path.join(bin, 'temporal');
  if (!(await isExecutable(built))) throw new TemporalCliMissingError(`go install finished but ${built} is missing.`);
  opts.log.info({ seconds: Math.round((Date.now() - started) / 1000), path: built }, 'Temporal CLI built');
  return built;
}
