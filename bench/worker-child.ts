/**
 * Parent side of bench/worker-process.ts: starts a worker in a child process, waits until it
 * polls, reads its memory from /proc, and kills it (gracefully, or SIGKILL like a crash).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./worker-process.ts', import.meta.url));
const READY_TIMEOUT_MS = 90_000;

export interface WorkerChildOptions {
  kind: 'campaign' | 'baseline';
  temporalAddress: string;
  namespace?: string;
  taskQueue: string;
  bundlePath: string;
  databaseUrl?: string;
  sandboxUrl?: string;
  /** Campaign workers: how often self-healing sweeps the open campaigns. */
  selfHealSweepMs?: number;
}

export interface WorkerChild {
  pid: number;
  process: ChildProcess;
  /** Resolved by the first exit, whatever caused it. */
  exited: Promise<unknown>;
  /** Resident set size in KiB (VmRSS), or undefined once the process is gone. */
  rssKiB(): Promise<number | undefined>;
  /** SIGKILL: no drain, no goodbye — what a crash or an OOM kill looks like to Temporal. */
  kill(): Promise<void>;
  /** SIGTERM: the worker drains and exits. */
  stop(): Promise<void>;
}

export async function startWorkerChild(opts: WorkerChildOptions): Promise<WorkerChild> {
  const child = fork(ENTRY, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      BENCH_WORKER_KIND: opts.kind,
      TEMPORAL_ADDRESS: opts.temporalAddress,
      TEMPORAL_NAMESPACE: opts.namespace ?? 'default',
      TASK_QUEUE: opts.taskQueue,
      BENCH_WORKER_BUNDLE: opts.bundlePath,
      ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
      ...(opts.sandboxUrl ? { SANDBOX_URL: opts.sandboxUrl } : {}),
      ...(opts.selfHealSweepMs ? { BENCH_SELF_HEAL_SWEEP_MS: String(opts.selfHealSweepMs) } : {}),
      LOG_LEVEL: process.env.BENCH_WORKER_LOG_LEVEL ?? 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the ${opts.kind} worker did not start polling within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    child.on('message', (m: { ready?: boolean }) => {
      if (m?.ready) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the ${opts.kind} worker exited during start-up (code ${child.exitCode}, signal ${child.signalCode})`));
    });
  });
  // Once started, a later exit is the caller's business (a supervisor restarts it).
  exited.catch(() => {});
  return {
    pid: child.pid!,
    process: child,
    exited,
    rssKiB: () => readRssKiB(child.pid!),
    async kill() {
      if (gone()) return;
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (gone()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function readRssKiB(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
