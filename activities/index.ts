import { analyticsActivities } from './analytics.js';
import { channelEffectActivities } from './channel-effects.js';
import type { ActivityDeps } from './deps.js';
import { recordActivities } from './records.js';

export type { ActivityDeps } from './deps.js';

export function createActivities(deps: ActivityDeps) {
  return {
    ...recordActivities(deps),
    ...channelEffectActivities(deps),
    ...analyticsActivities(deps),
  };
}

export type CampaignActivities = ReturnType<typeof createActivities>;
