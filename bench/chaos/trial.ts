/**
 * One chaos trial: a short rehearsal campaign driven to its end while scheduled faults strike,
 * then compared with its fault-free twin (same seed, same campaign id, another server and
 * database).
 */
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { startCampaign } from '../../client/campaigns.js';
import { findReplayDefect, repairCampaign, type RepairResult } from '../../workers/repair.js';
import { campaignWorkflowId } from '../../workflows/contract.js';
import type { SandboxPlatform } from '../../sandbox/platform.js';
import { driveToEnd } from '../drive.js';
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
  /** The campaign workflow bundle the workers run: a stalled campaign's history is replayed on it. */
  bundlePath: string;
}

/** A campaign whose status has not answered for this long is checked for a history that does not replay. */
const STALL_MS = 20_000;

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
  const striking = (async () => {
    for (const fault of schedule) {
      const wait = t0 + fault.atMs - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const at = performance.now();
      const { detail } = await inject(fault, targets);
      log.info({ campaignId, kind: fault.kind, detail }, 'fault');
      struck.push({ fault, at, detail });
    }
  })();
  const stalled = new AbortController();
  // The team holds its closing sign-off until the last fault has struck: every fault lands while
  // the campaign is open, however fast this run goes.
  const driving = driveToEnd(ctx, campaignId, {
    timeoutMs: settings.timeoutMs, holdSignOff: striking.catch(() => {}), isFinal: failsReplay, abort: stalled.signal,
  });
  const watchdog = watchForReplayDefect(ctx.client, campaignId, settings.bundlePath, watcher, stalled);
  let outcome: CampaignOutcome | undefined;
  let error: string | undefined;
  try {
    await Promise.all([driving, striking]);
    outcome = await collectOutcome(ctx, ctx.databaseUrl, ctx.sandbox, campaignId);
  } catch (err) {
    error = (err as Error).message;
  } finally {
    // The remaining faults strike before anything else touches the system.
    await striking.catch(() => {});
    stalled.abort(new Error('trial over'));
    await watchdog;
    await watcher.stop();
    // Whatever happened, the platform serves normally for the next trial.
    targets.sandbox.setFaults({});
  }
  return {
    outcome,
    ...(error !== undefined ? { error } : {}),
    seconds: (performance.now() - t0) / 1000,
    faults: struck.map(({ fault, at, detail }) => ({ ...fault, detail, recoveryMs: watcher.nextMoveAfter(at) })),
  };
}

/**
 * A campaign whose history does not replay stops answering its status (every workflow task fails
 * on the worker), which the driver would take for a slow recovery until its timeout. When the status
 * has been silent for STALL_MS, the history is replayed here; a defect stops the driver at once.
 */
async function watchForReplayDefect(client: Client, campaignId: string, bundlePath: string, watcher: ProgressWatcher, stop: AbortController): Promise<void> {
  while (!stop.signal.aborted) {
    await new Promise((r) => setTimeout(r, 1_000));
    if (stop.signal.aborted || performance.now() - watcher.lastAnswerAt < STALL_MS) continue;
    const history = await client.workflow.getHandle(campaignWorkflowId(campaignId)).fetchHistory().catch(() => undefined);
    const defect = history && (await findReplayDefect(history, { codePath: bundlePath }).catch(() => undefined));
    if (defect) stop.abort(new Error(`the campaign's history does not replay: ${defect.message}`));
    else watcher.lastAnswerAt = performance.now(); // look again after another silent spell
  }
}

/** A status query that fails because the campaign's history does not replay will fail every time. */
function failsReplay(err: unknown): boolean {
  return /TMPRL1100|[Nn]ondeterminism/.test(String((err as Error)?.message ?? err));
}

/**
 * A campaign whose history no longer replays is repaired as an operator would (`campaign repair`,
 * workers/repair.ts), driven to its end again and read: the repaired campaign must still match its
 * twin.
 */
export async function repairAndFinish(
  ctx: RunContext,
  campaignId: string,
  settings: TrialSettings,
): Promise<{ repair: RepairResult | undefined; outcome: CampaignOutcome | undefined; error?: string }> {
  let repair: RepairResult | undefined;
  try {
    // A rehearsal that finished is reset too: it runs again, compressed, and must still match its twin.
    repair = await repairCampaign(ctx.client, campaignId, { workflowBundle: { codePath: settings.bundlePath }, evenIfClosed: true });
    await driveToEnd(ctx, campaignId, { timeoutMs: settings.timeoutMs, isFinal: failsReplay });
    return { repair, outcome: await collectOutcome(ctx, ctx.databaseUrl, ctx.sandbox, campaignId) };
  } catch (err) {
    return { repair, outcome: undefined, error: `repair: ${(err as Error).message}` };
  }
}
