/**
 * One chaos trial at toy size: the worker is SIGKILLed and the sandbox platform fails (errors,
 * timeouts, lost answers) while a rehearsal runs and hostile readers send the raw `status` query
 * throughout, and nothing is lost, applied twice or different from the fault-free twin; the history
 * replays at the end (after any self-healing), nobody is asked for a decision twice and no workflow
 * fails. The twin runs on the shared test server; the faulted run on a dev server of its own (this
 * test never kills the shared one).
 */
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { runChaos } from '../../bench/chaos.js';
import { testLog } from '../helpers/campaign-env.js';

describe('chaos harness', () => {
  it('kills the worker and breaks the platform during a campaign without losing or repeating anything', async () => {
    const report = await runChaos({
      trials: 1, seed: `smoke-${Date.now().toString(36)}`, faultsPerTrial: 2, kinds: ['worker', 'sandbox'], require: ['worker', 'sandbox'],
      rolloutDays: 2, dayMs: 1_000, campaignBundle: inject('workflowBundlePath'), referenceTemporalAddress: inject('temporalAddress'),
      campaignTimeoutMs: 150_000, hostileReaders: true,
    }, testLog);
    expect(report.trials).toBe(1);
    expect(report.faultsInjected).toMatchObject({ worker: 1, sandbox: 1 });
    const trial = report.detail[0]!;
    expect(trial.lost).toEqual([]);
    expect(trial.duplicated).toEqual([]);
    expect(trial.diverged).toEqual([]);
    // A worker kill under queries can meet the Temporal replay defect (docs/benchmarks.md): the
    // worker's self-healing repairs it, and the repaired campaign is what was compared above.
    expect(report.unreplayableAtEnd).toBe(0);
    expect(report.askedAgain).toBe(0);
    expect(report.failedWorkflows).toBe(0);
    expect(report.hostileQueries).toBeGreaterThan(0);
  }, 420_000);
});
