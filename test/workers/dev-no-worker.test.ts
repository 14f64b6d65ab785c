/**
 * `campaign dev --no-worker` as a developer uses it: the stack in one process, its export lines
 * evaluated by a shell that then runs `campaign worker`, a campaign started through the CLI, and
 * the worker killed on its own while the stack keeps serving.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../workers/free-port.js';
import { eventually } from '../helpers/campaign-env.js';
import { CAMPAIGN_BIN, runCli } from '../helpers/cli.js';
import { uniqueCampaignId } from '../helpers/plans.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/spring-tea.zh.yaml', import.meta.url));
/** The settings a worker reads; none may leak from this process into the shells under test. */
const WORKER_SETTINGS = ['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TASK_QUEUE', 'DATABASE_URL', 'SANDBOX_URL', 'DATABASE_MAX_CONNECTIONS'];

let dir: string;
let dev: ChildProcess;
let devOut = '';
const children: ChildProcess[] = [];

function baseEnv(): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && !WORKER_SETTINGS.includes(k)));
  return { ...(env as Record<string, string>), LOG_LEVEL: 'warn' };
}

/** `export NAME=value` lines as a POSIX shell reads them (values are bare or single-quoted). */
function parseExports(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^export ([A-Z_]+)=(.*)$/.exec(line);
    if (!m) continue;
    const raw = m[2]!;
    vars[m[1]!] = raw.startsWith("'") ? raw.slice(1, -1).replace(/'\\''/g, "'") : raw;
  }
  return vars;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'campaign-dev-'));
  dev = spawn(process.execPath, [CAMPAIGN_BIN, 'dev', '--no-worker', '--no-ui', '--port', String(await freePort()), '--data-dir', dir], {
    env: {
      ...baseEnv(),
      DATABASE_URL: inject('databaseUrl'),
      TEMPORAL_CLI: inject('temporalCli'),
      // Not the default queue, so the export lines must carry it.
      TASK_QUEUE: `dev-${path.basename(dir)}`,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  dev.stdout!.setEncoding('utf8').on('data', (chunk: string) => (devOut += chunk));
  await eventually(async () => (devOut.includes('# Ctrl-C') ? true : undefined), 'the dev stack to print its worker environment', 90_000);
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (dev && dev.exitCode === null && dev.signalCode === null) {
    const exited = once(dev, 'exit');
    dev.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    if (dev.exitCode === null && dev.signalCode === null) dev.kill('SIGKILL');
  }
  await rm(dir, { recursive: true, force: true });
});

describe('campaign dev --no-worker', () => {
  it('prints what a worker needs; that worker serves the stack and can be killed on its own', async () => {
    expect(devOut.split('\n').filter(Boolean).every((line) => line.startsWith('# ') || line.startsWith('export '))).toBe(true);
    const vars = parseExports(devOut);
    expect(Object.keys(vars)).toEqual(expect.arrayContaining(['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'DATABASE_URL', 'SANDBOX_URL', 'TASK_QUEUE']));
    expect(vars.TASK_QUEUE).toBe(`dev-${path.basename(dir)}`);

    // Another shell: evaluate the lines, then run the worker in that shell's place.
    const envFile = path.join(dir, 'dev.env');
    await writeFile(envFile, devOut);
    const worker = spawn('sh', ['-c', `eval "$(cat '${envFile}')" && exec "${process.execPath}" "${CAMPAIGN_BIN}" worker`], {
      env: baseEnv(), stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(worker);

    const id = uniqueCampaignId('dev');
    const started = await runCli(['start', EXAMPLE, '--id', id, '--time-scale', '1440', '--json'], vars);
    expect(started.code).toBe(0);
    const status = await eventually(async () => {
      const r = await runCli(['status', id, '--json'], vars);
      if (r.code !== 0) return undefined;
      const s = JSON.parse(r.stdout) as { waitingOn: string[]; gates: Array<{ id: string; stage: string }> };
      return s.gates.some((g) => g.stage !== 'blocked') && s.waitingOn.length ? s : undefined;
    }, 'the campaign to reach its first gate', 90_000);
    expect(status.waitingOn).toContain('zhao.lei');

    worker.kill('SIGKILL');
    await once(worker, 'exit');
    expect(worker.signalCode).toBe('SIGKILL');

    // The stack did not go with it: Temporal still lists the campaign as running, the sandbox answers.
    expect(dev.exitCode).toBeNull();
    const listed = await eventually(async () => {
      const r = await runCli(['list', '--json'], vars);
      return r.code === 0 ? (JSON.parse(r.stdout) as Array<{ campaignId: string; status: string }>) : undefined;
    }, 'the campaign list');
    expect(listed.find((l) => l.campaignId === id)?.status).toBe('RUNNING');
    expect((await fetch(`${vars.SANDBOX_URL}/v1/stats`)).status).toBe(200);

    // Ctrl-C (or SIGTERM) stops the stack itself.
    const exited = once(dev, 'exit');
    dev.kill('SIGTERM');
    const [code] = (await Promise.race([exited, new Promise((_, reject) => setTimeout(() => reject(new Error('dev did not stop')), 30_000))])) as [number | null];
    expect(code).toBe(0);
  });
});
