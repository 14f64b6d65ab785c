/**
 * One chaos trial: a short rehearsal campaign driven to its end while scheduled faults strike,
 * then compared with its fault-free twin (same seed, same campaign id, another server and
 * database).
 */
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { startCampaign } from '../../client/campaigns.js';
import { campaignWorkflowId } from '../../workflows/contract.js';
import type { SandboxPlatform } from '../../sandbox/platform.js';
import { driveToEnd, type DriveStats } from '../drive.js';
import type { RecordsStore } from '../../store/index.js';
import { scaleForDay } from '../engine/plans.js';
import { inject, type FaultTargets } from './faults.js';
import { collectOutcome, type CampaignOutcome } from './outcome.js';
import { chaosPlan } from './plan.js';
import { ProgressWatcher } from './progress.js';
import type { ScheduledFault } from './schedule.js';

export interface TrialSettings {
  rolloutDays: number;
  dayMs: number;
  taskQueue: string;
  /** Give up on a campaign after this long. */
  timeoutMs: number;
  /** The campaign workflow bundle the workers run: every trial's history is replayed on it. */
  bundlePath: string;
  /** Readers that send the raw `status` query throughout each faulted trial (0: none). */
  hostileReaders: number;
  /**
   * After the last fault, the team holds the closing sign-off this much longer: the time the
   * worker's self-healing needs to notice a takeover (sticky timeout, a sweep, a replay). A real
   * campaign closes days after a crash; a compressed rehearsal would otherwise close within it.
   */
  settleMs: number;
}

/** Pause between one hostile reader's queries. */
const HOSTILE_QUERY_EVERY_MS = 50;

export interface RunContext {
  client: Client;
  /** The read model (and records) on a pool named apart from the engine's, which faults spare. */
  store: RecordsStore;
  databaseUrl: string;
  sandbox: SandboxPlatform;
}

/** The fault-free twin: the same campaign, nothing interfering; `seconds` sizes the faulted run's schedule. */
export async function runClean(ctx: RunContext, campaignId: string, settings: TrialSettings): Promise<{ outcome: CampaignOutcome; seconds: number }> {
  const t0 = performance.now();
  await startCampaign(ctx.client, { plan: chaosPlan(settings.rolloutDays), campaignId, timeScale: scaleForDay(settings.dayMs), taskQueue: settings.taskQueue });
  await driveToEnd(ctx, campaignId, { timeoutMs: settings.timeoutMs });
  const seconds = (performance.now() - t0) / 1000;
  return { outcome: await collectOutcome(ctx, ctx.databaseUrl, ctx.sandbox, campaignId), seconds };
}

export interface InjectedFault extends ScheduledFault {
  detail: string;
  /** Fault start → the campaign's next visible move; undefined when it closed first. */
  recoveryMs: number | undefined;
}

export interface FaultedRun {
  /** Undefined when the campaign could not be driven to its end or read afterwards. */
  outcome: CampaignOutcome | undefined;
  /** Why there is no outcome. */
  error?: string;
  faults: InjectedFault[];
  seconds: number;
  /** Decisions the team had to make again. */
  stats: DriveStats;
  /** Raw `status` queries the hostile readers sent. */
  hostileQueries: number;
}

export async function runFaulted(
  ctx: RunContext,
  targets: FaultTargets,
  campaignId: string,
  schedule: ScheduledFault[],
  settings: TrialSettings,
  log: Logger,
): Promise<FaultedRun> {
  const t0 = performance.now();
  await startCampaign(ctx.client, { plan: chaosPlan(settings.rolloutDays), campaignId, timeScale: scaleForDay(settings.dayMs), taskQueue: settings.taskQueue });
  const watcher = new ProgressWatcher(ctx, campaignId);
  const struck: Array<{ fault: ScheduledFault; at: number; detail: string }> = [];
  let refusing = false;
  const striking = (async () => {
    for (const fault of schedule) {
      const wait = t0 + fault.atMs - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const at = performance.now();
      const { detail } = await inject(fault, { ...targets, onRefusal: (on) => (refusing = on) });
      log.info({ campaignId, kind: fault.kind, detail }, 'fault');
      struck.push({ fault, at, detail });
    }
  })();
  const readers = hostileReaders(ctx.client, campaignId, settings.hostileReaders);
  const stats: DriveStats = { askedAgain: 0, askedAgainItems: [], stepsRetried: 0 };
  // The team holds its closing sign-off until the last fault has struck (and self-healing has had
  // time to look): every fault lands while the campaign is open, however fast this run goes.
  const driving = driveToEnd(ctx, campaignId, {
    timeoutMs: settings.timeoutMs,
    holdSignOff: striking.catch(() => {}).then(() => new Promise((r) => setTimeout(r, settings.settleMs))),
    mayRetrySteps: () => !refusing,
    stats,
  });
  let outcome: CampaignOutcome | undefined;
  let error: string | undefined;
  try {
    await Promise.all([driving, striking]);
    outcome = await readOutcome(ctx, campaignId);
  } catch (err) {
    error = (err as Error).message;
  }
  // The remaining faults strike before anything else touches the system.
  await striking.catch(() => {});
  const hostileQueries = await readers.stop();
  await watcher.stop();
  // Whatever happened, the platform serves normally for the next trial.
  targets.sandbox.setFaults({});
  return {
    outcome,
    ...(error !== undefined ? { error } : {}),
    seconds: (performance.now() - t0) / 1000,
    faults: struck.map(({ fault, at, detail }) => ({ ...fault, detail, recoveryMs: watcher.nextMoveAfter(at) })),
    stats,
    hostileQueries,
  };
}

/** The outcome, read again for a while when the status does not answer (a worker replaced a moment ago). */
async function readOutcome(ctx: RunContext, campaignId: string): Promise<CampaignOutcome> {
  const deadline = performance.now() + 30_000;
  for (;;) {
    try {
      return await collectOutcome(ctx, ctx.databaseUrl, ctx.sandbox, campaignId);
    } catch (err) {
      if (performance.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/**
 * Readers we do not control — the Temporal UI, a script, `temporal workflow query` — sending the
 * raw `status` workflow query over and over, whatever state the campaign and the system are in.
 * They are what makes the Temporal replay defect fire after a worker crash; self-healing must cope.
 */
function hostileReaders(client: Client, campaignId: string, count: number): { stop(): Promise<number> } {
  let running = true;
  let sent = 0;
  const handle = client.workflow.getHandle(campaignWorkflowId(campaignId));
  const loops = Array.from({ length: count }, async () => {
    while (running) {
      sent++;
      await handle.query('status').catch(() => undefined);
      await new Promise((r) => setTimeout(r, HOSTILE_QUERY_EVERY_MS));
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return sent;
    },
  };
}
