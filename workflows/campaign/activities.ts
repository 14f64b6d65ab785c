/** The activities the campaign workflow calls, with timeouts and retry policies per kind of effect. */
import { proxyActivities } from '@temporalio/workflow';
import { ErrorType } from '../../domain/errors.js';
import type { CampaignActivities } from '../../activities/index.js';

// Short timeouts: these calls take milliseconds, and a worker that died mid-call should be
// noticed quickly so another one retries. Records must not be lost: retry until the database
// answers again.
export const records = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

export const channels = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '2m', nonRetryableErrorTypes: [ErrorType.ChannelRejected] },
});

// Deliveries retry each target inside the activity and return what failed; the activity itself
// only fails when the database does, so it is retried like a record.
export const notifications = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '5m',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '5m' },
});

// Posts: a platform outage (5xx, timeouts) is retried with backoff; a refusal comes back as an
// outcome, not an error. After the last attempt the post counts as failed and the campaign goes on.
export const publishing = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1m', maximumAttempts: 8 },
});

// The closing report reads the whole campaign and renders it in every report language: seconds.
// The timeout is also how long a report cut short by a dying worker waits before it is retried.
export const reports = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '2m' },
});
