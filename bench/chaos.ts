/**
 * `npm run chaos -- --trials N`: rehearsal campaigns run while the worker, the Temporal server,
 * the PostgreSQL connections and the channel platform fail at seeded moments. Each trial is
 * compared with a fault-free twin of the same seed: no decision lost, no effect applied twice, the
 * same final state, a history that replays, no decision a person had to make twice, no failed
 * workflow. A campaign the Temporal replay defect breaks is left to the workers' self-healing
 * (workers/self-heal.ts): the harness never repairs anything. `--hostile-readers` adds readers that
 * send the raw `status` query throughout each faulted trial, as the Temporal UI or a script would.
 * Prints one JSON document (and writes .data/bench/chaos-<timestamp>.json).
 *
 * Two phases, so the twins never compete with the faulted runs for the machine's two cores:
 * first every twin on a reference server and database, then the trials on a server this harness
 * may kill.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { startSandboxPlatform, type SandboxPlatform } from '../sandbox/platform.js';
import { createPool, LOCAL_ADMIN_URL } from '../platform/database.js';
import { createFreshTestDatabase, type TestDatabase } from '../store/databases.js';
import { createStore } from '../store/index.js';
import { migrateDatabase } from '../store/migrations.js';
import { createLogger, installTemporalRuntime } from '../platform/logger.js';
import { WORKFLOWS_PATH } from '../workers/worker.js';
import { campaignWorkflowId } from '../workflows/contract.js';
import { DEFAULT_FAULT_KINDS, FAULT_KINDS, faultSchedule, type FaultKind } from './chaos/schedule.js';
import { WorkerSupervisor } from './chaos/supervisor.js';
import { compareOutcomes, type CampaignOutcome } from './chaos/outcome.js';
import { checkReplay } from './chaos/replay-check.js';
import { runClean, runFaulted, type InjectedFault, type TrialSettings } from './chaos/trial.js';
import { writeReport } from './engine.js';
import { buildBundle, connect, startTemporal, type TemporalServer } from './stack.js';
import { distribution, inParallel, round } from './stats.js';
import { startWorkerChild } from './worker-child.js';

export interface ChaosOptions {
  trials: number;
  seed: string;
  faultsPerTrial: number;
  kinds: FaultKind[];
  /** Kinds every trial includes at least once. */
  require: FaultKind[];
  rolloutDays: number;
  dayMs: number;
  /** A prebuilt campaign bundle (the tests have one). */
  campaignBundle?: string;
  /** Run the fault-free twins on this existing server instead of starting one (the tests' shared one). */
  referenceTemporalAddress?: string;
  /** How long one campaign may take before the trial fails, naming where it stood (default 5 min). */
  campaignTimeoutMs?: number;
  /** Readers sending the raw `status` query throughout each faulted trial. */
  hostileReaders: boolean;
}

export const DEFAULT_CHAOS_OPTIONS: ChaosOptions = {
  trials: 5, seed: 'chaos', faultsPerTrial: 3, kinds: [...DEFAULT_FAULT_KINDS], require: [], rolloutDays: 4, dayMs: 2_000, hostileReaders: false,
};

/** Hostile readers per faulted trial with --hostile-readers. */
const HOSTILE_READERS = 2;
/** How often the faulted phase's workers sweep their campaigns for one that does not replay. */
const SELF_HEAL_SWEEP_MS = 2_000;
/** The sticky queue timeout (3 s), a sweep, a replay and a reset, with room to spare. */
const SETTLE_MS = 10_000;

const TASK_QUEUE = 'chaos-campaigns';

export async function runChaos(opts: ChaosOptions, log: Logger) {
  installTemporalRuntime(log);
  const t0 = Date.now();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'campaign-chaos-'));
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    const campaignBundle = opts.campaignBundle ?? (await buildBundle(WORKFLOWS_PATH, path.join(dir, 'campaign-bundle.js'), log));
    const settings: TrialSettings = {
      rolloutDays: opts.rolloutDays, dayMs: opts.dayMs, taskQueue: TASK_QUEUE, timeoutMs: opts.campaignTimeoutMs ?? 5 * 60_000, bundlePath: campaignBundle,
      hostileReaders: opts.hostileReaders ? HOSTILE_READERS : 0, settleMs: SETTLE_MS,
    };
    const ids = Array.from({ length: opts.trials }, (_, i) => `${opts.seed}-${i + 1}`);
    const sandboxSeed = `chaos:${opts.seed}`;

    // Phase 1: the fault-free twins.
    const twins = new Map<string, { outcome: CampaignOutcome; seconds: number }>();
    {
      let server: TemporalServer | undefined;
      const address = opts.referenceTemporalAddress ?? (server = await startTemporal({ dir, log, name: 'reference' })).address;
      const database = await freshDatabase();
      const sandbox = await startSandboxPlatform({ seed: sandboxSeed });
      const worker = await startWorkerChild({ kind: 'campaign', temporalAddress: address, taskQueue: TASK_QUEUE, bundlePath: campaignBundle, databaseUrl: database.url, sandboxUrl: sandbox.url });
      const client = await connect(address);
      const reader = harnessPool(database.url);
      try {
        await inParallel(ids, 3, async (id) => twins.set(id, await runClean({ client, store: createStore(reader), databaseUrl: database.url, sandbox }, id, settings)));
        log.info({ twins: twins.size }, 'fault-free twins done');
      } finally {
        await client.connection.close();
        await reader.end();
        await worker.stop();
        await sandbox.close();
        await server?.stop();
        await database.drop();
      }
    }

    // Phase 2: the same campaigns, with faults.
    const temporal = await startTemporal({ dir, log, name: 'victim' });
    cleanups.push(() => temporal.stop());
    const database = await freshDatabase();
    cleanups.push(() => database.drop());
    const sandbox: SandboxPlatform = await startSandboxPlatform({ seed: sandboxSeed });
    cleanups.push(() => sandbox.close());
    const supervisor = new WorkerSupervisor({
      kind: 'campaign', temporalAddress: temporal.address, taskQueue: TASK_QUEUE, bundlePath: campaignBundle, databaseUrl: database.url, sandboxUrl: sandbox.url,
      selfHealSweepMs: SELF_HEAL_SWEEP_MS,
    }, log);
    await supervisor.start();
    cleanups.push(() => supervisor.stop());
    const client = await connect(temporal.address);
    cleanups.push(() => client.connection.close());
    const reader = harnessPool(database.url);
    cleanups.push(() => reader.end());
    const targets = { supervisor, temporal, sandbox, adminUrl: LOCAL_ADMIN_URL, databaseName: database.name };
    // The harness reads the audit trail (self-healing's repairs) on its own connections too.
    const records = { store: createStore(reader) };

    const trials = [];
    const allFaults: InjectedFault[] = [];
    for (const id of ids) {
      const twin = twins.get(id)!;
      // Faults land across the span the twin took; the team holds the sign-off until the last one.
      const spanMs = Math.round(twin.seconds * 1000);
      const schedule = faultSchedule({ seed: `${opts.seed}:${id}`, kinds: opts.kinds, count: opts.faultsPerTrial, spanMs, require: opts.require });
      const ctx = { client, store: createStore(reader), databaseUrl: database.url, sandbox };
      const run = await runFaulted(ctx, targets, id, schedule, settings, log);
      allFaults.push(...run.faults);
      // Judged as the run left it, after whatever the workers' self-healing did.
      const replay = await checkReplay(client, id, campaignBundle);
      const final = await client.workflow.getHandle(campaignWorkflowId(id)).describe();
      const repairs = (await records.store.audit.trail(id)).filter((e) => e.kind === 'campaign-repaired');
      const { outcome, error } = run;
      const verdict = outcome
        ? compareOutcomes(outcome, twin.outcome, run.faults.some((f) => f.kind === 'refusal'))
        : { lost: [], duplicated: [], diverged: [`no outcome: ${error}`], refusedByFault: [] };
      trials.push({
        campaignId: id, seconds: round(run.seconds), faults: run.faults, ...verdict,
        replaysAtEnd: replay.replays, ...(replay.replays ? {} : { historyFile: replay.historyFile, replayError: replay.error }),
        finalStatus: final.status.name, askedAgain: run.stats.askedAgainItems, stepsRetried: run.stats.stepsRetried,
        selfHealed: repairs.map((e) => ({ at: e.at, ...pick(e.detail, ['rejectedEvent', 'resetTo', 'reapplied', 'notReapplied']) })),
        hostileQueries: run.hostileQueries,
        ...(outcome ? { platformRepeats: outcome.platform } : {}),
      });
      log.info({ id, lost: verdict.lost.length, duplicated: verdict.duplicated.length, diverged: verdict.diverged.length, replays: replay.replays, selfHealed: repairs.length }, 'trial done');
    }

    const byKind = Object.fromEntries(FAULT_KINDS.map((k) => [k, allFaults.filter((f) => f.kind === k).length]));
    const recoveries = allFaults.map((f) => f.recoveryMs).filter((m): m is number => m !== undefined);
    return {
      benchmark: 'chaos',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((l) => round(l, 2)) },
      options: { ...opts, campaignBundle: undefined, referenceTemporalAddress: undefined },
      trials: trials.length,
      faultsInjected: byKind,
      hostileReaders: opts.hostileReaders,
      lost: trials.reduce((s, t) => s + t.lost.length, 0),
      duplicated: trials.reduce((s, t) => s + t.duplicated.length, 0),
      diverged: trials.reduce((s, t) => s + t.diverged.length, 0),
      /** Campaigns whose history does not replay when the run ends, after any self-healing. */
      unreplayableAtEnd: trials.filter((t) => !t.replaysAtEnd).length,
      /** Decisions a person had to make again (docs/benchmarks.md). */
      askedAgain: trials.reduce((s, t) => s + t.askedAgain.length, 0),
      /** Campaigns whose workflow ended other than completed (failed, terminated, timed out). */
      failedWorkflows: trials.filter((t) => !['COMPLETED', 'RUNNING'].includes(t.finalStatus)).length,
      /** Repairs the workers' self-healing made (audit events `campaign-repaired`), and in how many trials. */
      selfHealed: { repairs: trials.reduce((s, t) => s + t.selfHealed.length, 0), trials: trials.filter((t) => t.selfHealed.length > 0).length },
      /** Failed steps (refused budgets) the team retried once the refusals stopped. */
      stepsRetried: trials.reduce((s, t) => s + t.stepsRetried, 0),
      /** Posts refused during a refusal fault: isolated by design, an expected difference from the twin. */
      refusedByFault: trials.reduce((s, t) => s + t.refusedByFault.length, 0),
      hostileQueries: trials.reduce((s, t) => s + t.hostileQueries, 0),
      recoveryMs: { ...distribution(recoveries), note: 'fault start → next visible status change (includes the wait for the next step)' },
      workerRestartsBySupervisor: supervisor.restarts,
      detail: trials,
      totalSeconds: round((Date.now() - t0) / 1000),
    };
  } finally {
    for (const fn of cleanups.reverse()) await fn().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}

function pick(detail: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in detail).map((k) => [k, detail[k]]));
}

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createFreshTestDatabase();
  await migrateDatabase(database.url);
  return database;
}

export function parseChaosArgs(argv: string[]): ChaosOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      trials: { type: 'string' }, seed: { type: 'string' }, faults: { type: 'string' }, 'faults-per-trial': { type: 'string' },
      require: { type: 'string' }, 'rollout-days': { type: 'string' }, 'day-ms': { type: 'string' },
      'hostile-readers': { type: 'boolean' },
    },
  });
  const d = DEFAULT_CHAOS_OPTIONS;
  const kinds = (v: string | undefined, fallback: FaultKind[]) => {
    if (v === undefined) return fallback;
    const list = v.split(',').filter(Boolean);
    const unknown = list.filter((k) => !(FAULT_KINDS as readonly string[]).includes(k));
    if (unknown.length) throw new Error(`unknown fault kind(s): ${unknown.join(', ')}; use ${FAULT_KINDS.join(', ')}`);
    return list as FaultKind[];
  };
  const num = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
  return {
    trials: num(values.trials, d.trials), seed: values.seed ?? d.seed, faultsPerTrial: num(values['faults-per-trial'], d.faultsPerTrial),
    kinds: kinds(values.faults, d.kinds), require: kinds(values.require, d.require),
    rolloutDays: num(values['rollout-days'], d.rolloutDays), dayMs: num(values['day-ms'], d.dayMs),
    hostileReaders: values['hostile-readers'] ?? d.hostileReaders,
  };
}

async function main(): Promise<void> {
  const opts = parseChaosArgs(process.argv.slice(2));
  const log = createLogger({ logLevel: (process.env.LOG_LEVEL as 'info' | undefined) ?? 'info', prettyLogs: false }, process.stderr);
  const report = await runChaos(opts, log);
  const file = await writeReport('chaos', report);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  log.info({ file }, 'report written');
  const misses = report.lost + report.duplicated + report.diverged + report.unreplayableAtEnd + report.askedAgain + report.failedWorkflows;
  process.exit(misses === 0 ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`chaos run failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}

/** The harness's own connections, named apart from the engine's so that a postgres fault spares them. */
function harnessPool(databaseUrl: string) {
  return createPool(databaseUrl, { max: 2, applicationName: 'chaos-harness' });
}
