/**
 * Publishes the campaign's status to the read model (store/statuses.ts), so that people read a
 * campaign without a workflow query — a query can corrupt a running workflow (docs/temporal-query-defect.md)
 * — and with every worker stopped.
 *
 * One coroutine watches the state: whenever what it shows has changed, it writes the status with a
 * local activity. A local activity runs inside the workflow task that made the change and leaves one
 * small marker in the history (its input, the status, is not recorded), and the task — with the
 * reply to the Update that caused the change — completes only after it: once a person's decision
 * is answered, the status shows it. A database that does not answer delays the status, never the
 * campaign: the write is tried again at the next change or a minute later.
 */
import { condition, log, patched, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type { CampaignActivities } from '../../activities/index.js';
import { statusOf } from './read-model.js';
import type { CampaignState } from './state.js';

const local = proxyLocalActivities<CampaignActivities>({
  startToCloseTimeout: '5s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '2s', maximumAttempts: 4 },
});

/** How long a failed write waits for the next change before it is tried again. */
const RETRY_UNCHANGED = '1 minute';

export interface StatusPublisher {
  /** Resolves once the state as it is now has been published, or at once while writes fail. */
  flush(): Promise<void>;
}

export function statusPublisher(state: CampaignState): StatusPublisher {
  // Runs recorded before the read model publish nothing (versions.ts).
  if (!patched('read-model')) return { flush: async () => undefined };
  let published = '';
  let revision = 0;
  // Set while the records database refuses the write, so that the run can end without waiting on it.
  let failing = false;
  void (async () => {
    for (;;) {
      await condition(() => shown(state) !== published);
      const print = shown(state);
      const info = workflowInfo();
      try {
        await local.publishStatus({
          campaignId: state.campaignId, workflowId: info.workflowId, runId: info.runId, taskQueue: info.taskQueue,
          asOf: new Date().toISOString(), revision: ++revision, phase: state.phase, status: statusOf(state),
        });
        published = print;
        failing = false;
      } catch (err) {
        failing = true;
        log.warn('The campaign status could not be published; it is tried again', { campaignId: state.campaignId, error: (err as Error).message });
        await condition(() => shown(state) !== print, RETRY_UNCHANGED);
      }
    }
  })();
  return {
    // No timeout here: a timer would add two events to every run's end.
    flush: () => condition(() => failing || shown(state) === published),
  };
}

/**
 * What the status is made of, as one string: the state without the plan (it never changes), the
 * channels' daily results (shown through the channels) and the workflow's own bookkeeping.
 */
function shown(state: CampaignState): string {
  const { plan: _plan, history: _history, interactionImports: _imports, published: _published, ...progress } = state;
  return JSON.stringify(progress);
}
