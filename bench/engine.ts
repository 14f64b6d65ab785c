/**
 * `npm run bench`: what the campaign engine costs on top of Temporal itself. Every number is
 * measured for campaigns and for a trivial workflow started, queried and updated the same way
 * (bench/workflows), on the same dev server, and reported with their ratio, so the result says
 * how much of a latency or a megabyte is ours. One JSON document goes to stdout and to
 * .data/bench/engine-<timestamp>.json; logs go to stderr.
 *
 *   npm run bench -- --open 1000 --history-days 90      the defaults
 *   npm run bench -- --open 100 --history-days 14       a quick look
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { startCampaign } from '../client/campaigns.js';
import { startSandboxPlatform } from '../sandbox/platform.js';
import { createLogger, installTemporalRuntime } from '../platform/logger.js';
import { DATA_DIR } from '../platform/paths.js';
import { campaignWorkflowId } from '../workflows/contract.js';
import { driveToEnd } from './drive.js';
import { breakdown, campaignRuns, inputBytes, readModelCost, type RunHistory } from './engine/history.js';
import type { PublishedStatus } from '../store/index.js';
import { campaignDecideLatencies, statusLatencies, trivialDecideLatencies, trivialStatusLatencies } from './engine/latency.js';
import { scaleForDay, validatedPlan } from './engine/plans.js';
import { replayMs, summarizeReplays, trivialHistoryOf } from './engine/replay.js';
import { startCampaigns, startTrivial, type StartBatch } from './engine/starts.js';
import { startBenchStack } from './stack.js';
import { distribution, median, ratio, round } from './stats.js';
import { startWorkerChild, type WorkerChild } from './worker-child.js';

export interface EngineOptions {
  /** Campaigns (and trivial workflows) left open while latencies and memory are measured. */
  open: number;
  /** Start measurements are split into this many batches; the median batch is reported. */
  batches: number;
  /** Starts in flight at once. */
  concurrency: number;
  statusSamples: number;
  /** Open campaigns whose preparation is driven while each gate decision is timed. */
  decideCampaigns: number;
  /** Rollout days of the long rehearsal whose history is measured and replayed. */
  historyDays: number;
  /** Wall-clock length of one campaign day in that rehearsal. */
  dayMs: number;
  replays: number;
  /** A prebuilt campaign bundle (the tests have one); otherwise bundled now. */
  campaignBundle?: string;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  open: 1000, batches: 3, concurrency: 8, statusSamples: 300, decideCampaigns: 10, historyDays: 90, dayMs: 400, replays: 3,
};

/** Open campaigns wait at their gates in real time: nothing wakes them during the measurement. */
const OPEN_TIME_SCALE = 1;
const WARM_UP = 5;

export async function runEngineBenchmark(opts: EngineOptions, log: Logger) {
  installTemporalRuntime(log);
  const loadBefore = os.loadavg();
  const t0 = Date.now();
  const stack = await startBenchStack(log, opts.campaignBundle ? { campaignBundle: opts.campaignBundle } : {});
  const sandbox = await startSandboxPlatform({ seed: 'bench' });
  const workers: WorkerChild[] = [];
  try {
    const { client } = stack;
    const campaignQueue = 'bench-campaigns';
    const baselineQueue = 'bench-baseline';
    const [campaignWorker, baselineWorker] = await Promise.all([
      startWorkerChild({
        kind: 'campaign', temporalAddress: stack.temporal.address, taskQueue: campaignQueue, bundlePath: stack.campaignBundle,
        databaseUrl: stack.database.url, sandboxUrl: sandbox.url,
      }),
      startWorkerChild({ kind: 'baseline', temporalAddress: stack.temporal.address, taskQueue: baselineQueue, bundlePath: stack.baselineBundle }),
    ]);
    workers.push(campaignWorker, baselineWorker);
    log.info('workers polling; warming up');

    const ids = (prefix: string, from: number, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${from + i}`);
    // Warm-up: the first workflows pay for isolate start-up and connection set-up; not measured.
    await startCampaigns(stack, { ids: ids('warm', 0, WARM_UP), taskQueue: campaignQueue, timeScale: OPEN_TIME_SCALE, concurrency: opts.concurrency });
    await startTrivial(client, { ids: ids('warm-trivial', 0, WARM_UP), taskQueue: baselineQueue, concurrency: opts.concurrency });
    const rssBefore = { campaign: await steadyRss(campaignWorker), baseline: await steadyRss(baselineWorker) };

    // Starts, in alternating batches so that load from elsewhere on the machine hits both alike.
    const campaignBatches: StartBatch[] = [];
    const trivialBatches: StartBatch[] = [];
    const per = Math.ceil(opts.open / opts.batches);
    const openCampaigns: string[] = [];
    const openTrivial: string[] = [];
    for (let b = 0; b < opts.batches; b++) {
      const n = Math.min(per, opts.open - b * per);
      if (n <= 0) break;
      const c = ids('open', b * per, n);
      const t = ids('open-trivial', b * per, n);
      campaignBatches.push(await startCampaigns(stack, { ids: c, taskQueue: campaignQueue, timeScale: OPEN_TIME_SCALE, concurrency: opts.concurrency }));
      trivialBatches.push(await startTrivial(client, { ids: t, taskQueue: baselineQueue, concurrency: opts.concurrency }));
      openCampaigns.push(...c);
      openTrivial.push(...t);
      log.info({ batch: b + 1, campaign: campaignBatches.at(-1), trivial: trivialBatches.at(-1) }, 'start batch');
    }
    const startsCampaign = median(campaignBatches.map((b) => b.perSecond));
    const startsTrivial = median(trivialBatches.map((b) => b.perSecond));

    const rssAfter = { campaign: await steadyRss(campaignWorker), baseline: await steadyRss(baselineWorker) };
    const perThousand = (before: number, after: number) => round(((after - before) / 1024 / opts.open) * 1000, 1);
    const memory = {
      campaignMiBPer1000: perThousand(rssBefore.campaign, rssAfter.campaign),
      trivialMiBPer1000: perThousand(rssBefore.baseline, rssAfter.baseline),
      ratio: ratio(rssAfter.campaign - rssBefore.campaign, rssAfter.baseline - rssBefore.baseline),
      rssMiB: {
        campaign: { before: round(rssBefore.campaign / 1024), after: round(rssAfter.campaign / 1024) },
        trivial: { before: round(rssBefore.baseline / 1024), after: round(rssAfter.baseline / 1024) },
      },
    };
    log.info({ memory }, 'memory');

    const campaignStatusMs = await statusLatencies(stack, openCampaigns, opts.statusSamples);
    const trivialStatusMs = await trivialStatusLatencies(client, openTrivial, opts.statusSamples);
    const status = {
      campaign: distribution(campaignStatusMs),
      trivial: distribution(trivialStatusMs),
      ratioP50: ratio(median(campaignStatusMs), median(trivialStatusMs)),
    };
    log.info({ status }, 'status query');

    const decideSamples = await campaignDecideLatencies(stack, openCampaigns.slice(0, opts.decideCampaigns));
    const trivialDecides = await trivialDecideLatencies(client, openTrivial, Math.max(decideSamples.length, 10));
    const decide = {
      campaign: { visible: distribution(decideSamples.map((s) => s.visibleMs)), update: distribution(decideSamples.map((s) => s.updateMs)) },
      trivial: { visible: distribution(trivialDecides.map((s) => s.visibleMs)), update: distribution(trivialDecides.map((s) => s.updateMs)) },
      ratioP50: ratio(median(decideSamples.map((s) => s.visibleMs)), median(trivialDecides.map((s) => s.visibleMs))),
    };
    log.info({ decide }, 'decide');

    // The long rehearsal: a whole campaign, days compressed, beside the open ones.
    const longId = `history-${opts.historyDays}d`;
    const rehearsalStart = Date.now();
    await startCampaign(client, { plan: validatedPlan(opts.historyDays), campaignId: longId, timeScale: scaleForDay(opts.dayMs), taskQueue: campaignQueue });
    await driveToEnd(stack, longId, { timeoutMs: opts.historyDays * opts.dayMs * 4 + 180_000 });
    const rehearsalSeconds = round((Date.now() - rehearsalStart) / 1000);
    const runs = await campaignRuns(client, longId);
    const largest = runs.reduce((a, b) => (b.events > a.events ? b : a));
    const totalEvents = runs.reduce((s, r) => s + r.events, 0);
    const weeks = opts.historyDays / 7;
    // A run after the first holds nothing but rollout days: the clean per-day cost.
    const rolloutOnly = runs.length > 1 ? runs[1]! : undefined;
    const daysInRun = (i: number) => Math.min(30, opts.historyDays - 30 * i);
    const detail = breakdown(largest.history);
    const history = {
      rolloutDays: opts.historyDays,
      rehearsalSeconds,
      runs: runs.map((r, i) => ({ run: i + 1, events: r.events, protoBytes: r.protoBytes, jsonBytes: r.jsonBytes, inputBytes: inputBytes(r.history) })),
      totalEvents,
      eventsPerCampaignWeek: round(totalEvents / weeks),
      eventsPerRolloutDay: rolloutOnly ? round(rolloutOnly.events / daysInRun(1), 1) : round(totalEvents / opts.historyDays, 1),
      activitiesPerRolloutDay: rolloutOnly
        ? round(breakdown(rolloutOnly.history).byActivity.reduce((s, a) => s + a.calls, 0) / daysInRun(1), 1)
        : undefined,
      largestRun: { events: largest.events, protoBytes: largest.protoBytes, jsonBytes: largest.jsonBytes },
      readModel: readModelFigures(runs, rolloutOnly, daysInRun(1), await stack.store.statuses.read(longId)),
      sizeNote: 'protoBytes = temporal.api.history.v1.History encoding; jsonBytes = historyToJSON length',
      largestRunByEventType: detail.byEventType.slice(0, 8),
      largestRunByActivity: detail.byActivity,
    };
    log.info({ history: { ...history, largestRunByEventType: undefined, largestRunByActivity: undefined } }, 'history');

    const trivialHistory = await trivialHistoryOf(client, baselineQueue, largest.events);
    const campaignReplays = await replayMs(stack.campaignBundle, largest.history, campaignWorkflowId(longId), opts.replays);
    const trivialReplays = await replayMs(stack.baselineBundle, trivialHistory, 'bench-activities', opts.replays);
    const replay = { events: { campaign: largest.events, trivial: trivialHistory.events?.length ?? 0 }, ...summarizeReplays(campaignReplays, trivialReplays) };
    log.info({ replay }, 'replay');

    return {
      benchmark: 'engine',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, loadavgBefore: loadBefore.map((l) => round(l, 2)), loadavgAfter: os.loadavg().map((l) => round(l, 2)) },
      options: { ...opts, campaignBundle: undefined },
      starts: {
        campaignPerSecond: startsCampaign,
        trivialPerSecond: startsTrivial,
        ratio: ratio(startsTrivial, startsCampaign),
        ratioNote: 'trivial ÷ campaign: how many trivial workflows start in the time one campaign does',
        batches: { campaign: campaignBatches, trivial: trivialBatches },
      },
      decideMs: decide,
      statusMs: status,
      memory,
      history,
      replay,
      totalSeconds: round((Date.now() - t0) / 1000),
    };
  } finally {
    for (const w of workers) await w.stop().catch(() => {});
    await sandbox.close();
    await stack.stop();
  }
}

/**
 * The read model's share of the history (its local-activity markers), and what the alternative —
 * the status as a memo, whose every upsert records the whole changed document in the history —
 * would have added: one stored status per publication.
 */
function readModelFigures(runs: RunHistory[], rolloutOnly: RunHistory | undefined, rolloutDays: number, stored: PublishedStatus | undefined) {
  const costs = runs.map((r) => readModelCost(r.history));
  const perDay = rolloutOnly ? readModelCost(rolloutOnly.history).publications / rolloutDays : undefined;
  const statusBytes = stored ? Buffer.byteLength(JSON.stringify(stored.status)) : undefined;
  return {
    publications: costs.reduce((s, c) => s + c.publications, 0),
    markerBytes: costs.reduce((s, c) => s + c.markerBytes, 0),
    publicationsPerRolloutDay: perDay === undefined ? undefined : round(perDay, 1),
    finalStatusBytes: statusBytes,
    memoBytesPerRolloutDayEstimate: perDay === undefined || statusBytes === undefined ? undefined : Math.round(perDay * statusBytes),
  };
}

/** RSS after things settle: the median of three reads a second apart, in KiB. */
async function steadyRss(worker: WorkerChild): Promise<number> {
  const reads: number[] = [];
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    reads.push((await worker.rssKiB()) ?? Number.NaN);
  }
  return median(reads);
}

export function parseEngineArgs(argv: string[]): EngineOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      open: { type: 'string' }, batches: { type: 'string' }, concurrency: { type: 'string' }, 'status-samples': { type: 'string' },
      'decide-campaigns': { type: 'string' }, 'history-days': { type: 'string' }, 'day-ms': { type: 'string' }, replays: { type: 'string' },
    },
  });
  const num = (v: string | undefined, d: number) => (v === undefined ? d : Number(v));
  const d = DEFAULT_ENGINE_OPTIONS;
  return {
    open: num(values.open, d.open), batches: num(values.batches, d.batches), concurrency: num(values.concurrency, d.concurrency),
    statusSamples: num(values['status-samples'], d.statusSamples), decideCampaigns: num(values['decide-campaigns'], d.decideCampaigns),
    historyDays: num(values['history-days'], d.historyDays), dayMs: num(values['day-ms'], d.dayMs), replays: num(values.replays, d.replays),
  };
}

export async function writeReport(name: string, report: unknown): Promise<string> {
  const dir = path.join(DATA_DIR, 'bench');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

async function main(): Promise<void> {
  const opts = parseEngineArgs(process.argv.slice(2));
  const log = createLogger({ logLevel: (process.env.LOG_LEVEL as 'info' | undefined) ?? 'info', prettyLogs: false }, process.stderr);
  const report = await runEngineBenchmark(opts, log);
  const file = await writeReport('engine', report);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  log.info({ file }, 'report written');
  process.exit(0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`engine benchmark failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
