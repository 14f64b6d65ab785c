/**
 * The engine benchmark at toy sizes: every section runs and yields sane numbers. No timing
 * asserts — the machine is shared — only that the harness works (docs/benchmarks.md).
 */
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { runEngineBenchmark } from '../../bench/engine.js';
import { testLog } from '../helpers/campaign-env.js';

describe('engine benchmark harness', () => {
  it('measures starts, latencies, memory, history and replay for campaigns and the trivial baseline', async () => {
    const report = await runEngineBenchmark({
      open: 6, batches: 2, concurrency: 3, statusSamples: 10, decideCampaigns: 1, historyDays: 3, dayMs: 300, replays: 1,
      campaignBundle: inject('workflowBundlePath'),
    }, testLog);
    expect(report.starts.campaignPerSecond).toBeGreaterThan(0);
    expect(report.starts.trivialPerSecond).toBeGreaterThan(0);
    expect(report.statusMs.campaign.n).toBe(10);
    expect(report.decideMs.campaign.visible.n).toBeGreaterThan(0);
    expect(report.memory.rssMiB.campaign.after).toBeGreaterThan(0);
    expect(report.history.runs.length).toBe(1);
    expect(report.history.largestRun.events).toBeGreaterThan(50);
    expect(report.history.largestRunByActivity.some((a) => a.activity === 'recordReview')).toBe(true);
    expect(Math.abs(report.replay.events.trivial - report.replay.events.campaign)).toBeLessThan(10);
    expect(report.replay.campaignMs).toBeGreaterThan(0);
  }, 300_000);
});
