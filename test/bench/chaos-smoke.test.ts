/**
 * One chaos trial at toy size: the sandbox platform fails (errors, timeouts, lost answers) while a
 * rehearsal runs, and nothing is lost, applied twice or different from the fault-free twin. The
 * twin runs on the shared test server; the faulted run on a dev server of its own (this test never
 * kills the shared one).
 */
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { runChaos } from '../../bench/chaos.js';
import { testLog } from '../helpers/campaign-env.js';

describe('chaos harness', () => {
  // Worker kills are left to `npm run chaos`: a full replay after one currently meets a
  // nondeterminism (docs/benchmarks.md, "Known finding"), which this smoke run must not hide as flaky.
  it('breaks the platform during a campaign without losing or repeating anything', async () => {
    const report = await runChaos({
      trials: 1, seed: `smoke-${Date.now().toString(36)}`, faultsPerTrial: 2, kinds: ['sandbox'], require: ['sandbox'],
      rolloutDays: 2, dayMs: 1_000, campaignBundle: inject('workflowBundlePath'), referenceTemporalAddress: inject('temporalAddress'),
      campaignTimeoutMs: 120_000,
    }, testLog);
    expect(report.trials).toBe(1);
    expect(report.faultsInjected.sandbox).toBeGreaterThanOrEqual(1);
    expect(report.detail[0]?.lost).toEqual([]);
    expect(report.detail[0]?.duplicated).toEqual([]);
    expect(report.detail[0]?.diverged).toEqual([]);
    expect(report.detail[0]?.replays).toBe(true);
  }, 300_000);
});
