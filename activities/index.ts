import { analyticsActivities } from './analytics.js';
import { channelEffectActivities } from './channel-effects.js';
import { channelDayActivities } from './channel-days.js';
import { closingRecordActivities } from './closing-records.js';
import type { ActivityDeps } from './deps.js';
import { interactionActivities } from './interactions.js';
import { notificationActivities } from './notifications/index.js';
import { pilotActivities } from './pilot.js';
import { publishingActivities } from './publishing.js';
import { auditActivities, recordActivities } from './records.js';
import { statusActivities } from './status.js';

export type { ActivityDeps } from './deps.js';

export function createActivities(deps: ActivityDeps) {
  return {
    ...recordActivities(deps),
    ...statusActivities(deps),
    ...auditActivities(deps),
    ...channelEffectActivities(deps),
    ...analyticsActivities(deps),
    ...channelDayActivities(deps),
    ...publishingActivities(deps),
    ...pilotActivities(deps),
    ...interactionActivities(deps),
    ...closingRecordActivities(deps),
    ...notificationActivities({
      store: deps.store, log: deps.log, ...(deps.smtp ? { smtp: deps.smtp } : {}), ...(deps.notifyTargets ? { targets: deps.notifyTargets } : {}),
    }),
  };
}

export type CampaignActivities = ReturnType<typeof createActivities>;
