/**
 * The cross-reference rules, each a pure function of a plan. `needs` lists the top-level sections a
 * rule can only judge when all of their entries were readable: with a broken channel dropped, a
 * budget sum would be wrong, so such a rule waits until the shape is fixed.
 */
import type { RuleIssue } from '../issues.js';
import type { Plan } from '../schema.js';
import { budgetWithinTotal, channelBudgetRanges, pilotBudgetWithinChannels, roiThresholdPositive, webhookChannelsHaveUrl } from './budget.js';
import { goalDeadlines, goalsDueWithinCampaign, realDates, rolloutEndsBy, taskPhases } from './dates.js';
import { dependenciesInPhaseOrder, gateCycles, taskCycles } from './dependencies.js';
import { durationsInRange } from './durations.js';
import { contentFitsChannels, oneContentReviewGate } from './content.js';
import { contentHasChannels, crisisShareAboveZero, peakHoursNotEmpty, reportLanguagesGiven } from './execution.js';
import { duplicateIds, gateTaskIdClashes } from './ids.js';
import {
  formulaChecks, formulaCycles, kpisMeasurable, kpisOwned, kpiTargetsPositive, pilotCriteriaBounded, pilotCriteriaPossible,
} from './kpis.js';
import { pilotOnPlanChannels, unknownChannels, unknownDependencies, unknownKpis, unknownPeople } from './references.js';
import { delegateToSelf } from './team.js';

export type PlanSection = keyof Plan;

export interface PlanRule {
  name: string;
  needs: readonly PlanSection[];
  check: (plan: Plan) => RuleIssue[];
}

export const PLAN_RULES: readonly PlanRule[] = [
  { name: 'unknownPeople', needs: [], check: unknownPeople },
  { name: 'unknownChannels', needs: [], check: unknownChannels },
  { name: 'pilotOnPlanChannels', needs: [], check: pilotOnPlanChannels },
  { name: 'unknownKpis', needs: [], check: unknownKpis },
  { name: 'unknownDependencies', needs: [], check: unknownDependencies },
  { name: 'taskCycles', needs: [], check: taskCycles },
  { name: 'gateCycles', needs: [], check: gateCycles },
  { name: 'dependenciesInPhaseOrder', needs: [], check: dependenciesInPhaseOrder },
  { name: 'duplicateIds', needs: [], check: duplicateIds },
  { name: 'gateTaskIdClashes', needs: [], check: gateTaskIdClashes },
  { name: 'delegateToSelf', needs: [], check: delegateToSelf },
  { name: 'channelBudgetRanges', needs: [], check: channelBudgetRanges },
  { name: 'budgetWithinTotal', needs: ['budget', 'channels', 'currency'], check: budgetWithinTotal },
  { name: 'pilotBudgetWithinChannels', needs: ['pilot', 'channels', 'currency'], check: pilotBudgetWithinChannels },
  { name: 'webhookChannelsHaveUrl', needs: [], check: webhookChannelsHaveUrl },
  { name: 'roiThresholdPositive', needs: [], check: roiThresholdPositive },
  { name: 'formulaChecks', needs: [], check: formulaChecks },
  { name: 'formulaCycles', needs: [], check: formulaCycles },
  { name: 'kpisMeasurable', needs: [], check: kpisMeasurable },
  { name: 'kpisOwned', needs: [], check: kpisOwned },
  { name: 'pilotCriteriaBounded', needs: [], check: pilotCriteriaBounded },
  { name: 'pilotCriteriaPossible', needs: [], check: pilotCriteriaPossible },
  { name: 'kpiTargetsPositive', needs: [], check: kpiTargetsPositive },
  { name: 'durationsInRange', needs: [], check: durationsInRange },
  { name: 'contentHasChannels', needs: ['content'], check: contentHasChannels },
  { name: 'contentFitsChannels', needs: ['content', 'channels'], check: contentFitsChannels },
  { name: 'oneContentReviewGate', needs: [], check: oneContentReviewGate },
  { name: 'peakHoursNotEmpty', needs: [], check: peakHoursNotEmpty },
  { name: 'crisisShareAboveZero', needs: [], check: crisisShareAboveZero },
  { name: 'reportLanguagesGiven', needs: ['closing'], check: reportLanguagesGiven },
  { name: 'realDates', needs: [], check: realDates },
  { name: 'goalDeadlines', needs: ['pilot', 'warmup'], check: goalDeadlines },
  { name: 'goalsDueWithinCampaign', needs: ['start', 'tasks', 'gates', 'pilot', 'warmup', 'rollout'], check: goalsDueWithinCampaign },
  { name: 'taskPhases', needs: ['pilot', 'warmup'], check: taskPhases },
  { name: 'rolloutEndsBy', needs: ['start', 'pilot', 'warmup', 'rollout'], check: rolloutEndsBy },
];

/** Rules that report a reference, and the sections whose ids they look up. */
export const REFERENCE_TARGETS: Partial<Record<RuleIssue['rule'], readonly PlanSection[]>> = {
  'unknown-person': ['team'],
  'unknown-channel': ['channels'],
  'pilot-unknown-channel': ['channels'],
  'unknown-kpi': ['goals'],
  'formula-unknown-kpi': ['goals'],
  'unknown-task': ['tasks'],
  'unknown-gate-or-task': ['gates', 'tasks'],
};

/**
 * Rules that report a key as missing. When the key was written but unreadable (and so cut away
 * before the rules ran), the schema issue already covers it. Keys count for the issue's own place
 * and every place above it, since KPI owners are inherited down the tree.
 */
export const ABOUT_KEYS: Partial<Record<RuleIssue['rule'], readonly string[]>> = {
  'kpi-no-owner': ['owner'],
  'kpi-no-measure': ['metric', 'formula'],
  'kpi-metric-and-formula': ['metric', 'formula'],
  'channel-webhook-url': ['url'],
  'pilot-criterion-without-bound': ['atLeast', 'atMost'],
};
