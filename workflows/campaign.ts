/**
 * The `campaign` workflow: one campaign from preparation to closing. Pure orchestration: the
 * decisions about gates, reviews and KPIs live in domain/, every effect is an activity.
 */
import {
  ApplicationFailure, allHandlersFinished, condition, log, proxyActivities, setHandler, sleep,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { ErrorType } from '../domain/errors.js';
import {
  allApproved, applyDecision, checkDecision, decisionInputSchema, openGates, waitingOn,
  type DecisionInput, type DecisionResult, type GateState,
} from '../domain/gates.js';
import { DAY_MS, wholeDays } from '../domain/duration.js';
import { buildDailyReview, initialChannels, withCumulative, type Review } from '../domain/review.js';
import { kpiProgress, summarizeClosing, type ClosingSummary } from '../domain/closing.js';
import type { CampaignActivities } from '../activities/index.js';
import {
  CampaignOwnerKey, CampaignPhaseKey, CampaignWaitingOnKey, decideUpdate, statusQuery,
  type Alert, type CampaignInput, type CampaignResult, type CampaignStatus, type Phase,
} from './contract.js';

// Short timeouts: these calls take milliseconds, and a worker that died mid-call should be
// noticed quickly so another one retries.
const records = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '10s',
  // Records must not be lost: keep retrying until the database answers again.
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

const channels = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '2m', nonRetryableErrorTypes: [ErrorType.ChannelRejected] },
});

/** How many reviews the status keeps; older ones stay in PostgreSQL. */
const REVIEWS_IN_STATUS = 14;

export async function campaign({ campaignId, plan, timeScale }: CampaignInput): Promise<CampaignResult> {
  const rolloutDays = wholeDays(plan.rollout.duration);
  const dayMs = Math.max(1, Math.round(DAY_MS / timeScale));
  const state = {
    phase: 'preparation' as Phase,
    day: 0,
    gates: openGates(plan, new Date()),
    channels: initialChannels(plan.channels, rolloutDays),
    kpis: kpiProgress(plan, []),
    reviews: [] as Review[],
    alerts: [] as Alert[],
    closing: undefined as ClosingSummary | undefined,
  };

  const status = (): CampaignStatus => ({
    id: campaignId,
    name: plan.name,
    owner: plan.owner,
    currency: plan.currency,
    phase: state.phase,
    timeScale,
    day: state.day,
    rolloutDays,
    waitingOn: waitingOn(state.gates),
    gates: state.gates,
    tasks: plan.tasks.map((t) => ({ id: t.id, name: t.name, owner: t.owner, phase: t.phase, status: 'planned' as const })),
    channels: state.channels,
    kpis: state.kpis,
    reviews: state.reviews,
    alerts: state.alerts,
    closing: state.closing,
  });

  const publishSearchAttributes = () =>
    upsertSearchAttributes([
      { key: CampaignPhaseKey, value: state.phase },
      { key: CampaignOwnerKey, value: plan.owner },
      { key: CampaignWaitingOnKey, value: waitingOn(state.gates) },
    ]);

  setHandler(statusQuery, status);
  setHandler(
    decideUpdate,
    async (input: DecisionInput): Promise<DecisionResult> => {
      const at = new Date();
      const check = checkDecision(plan, state.gates, input, at);
      // The validator ran moments ago, but another decision may have landed in between.
      if (!check.ok) throw ApplicationFailure.nonRetryable(check.message, check.type);
      const index = state.gates.findIndex((g) => g.id === input.gate);
      const before = state.gates[index] as GateState;
      const after = applyDecision(before, input, at, check.onBehalfOf);
      state.gates = state.gates.map((g, i) => (i === index ? after : g));
      publishSearchAttributes();
      log.info('Gate decided', { campaignId, gate: input.gate, decision: input.decision, by: input.by, round: before.round });
      await records.recordDecision({ campaignId, gate: input.gate, decision: after.rounds[after.rounds.length - 1]! });
      return { gate: after.id, decision: input.decision, status: after.status, round: before.round };
    },
    {
      // Runs before anything enters history: a refused decision leaves no trace.
      validator: (input: DecisionInput) => {
        const parsed = decisionInputSchema.safeParse(input);
        if (!parsed.success) {
          const first = parsed.error.issues[0];
          throw ApplicationFailure.nonRetryable(`${first?.path.join('.') || 'decision'}: ${first?.message}`, ErrorType.InvalidInput);
        }
        const check = checkDecision(plan, state.gates, parsed.data, new Date());
        if (!check.ok) throw ApplicationFailure.nonRetryable(check.message, check.type);
      },
    },
  );

  await records.registerCampaign({ campaignId, plan, timeScale });

  // Preparation: nothing launches until every gate is approved.
  publishSearchAttributes();
  await condition(() => allApproved(state.gates));

  // Rollout: each channel gets its budget, then a review closes every day.
  enterPhase('rollout');
  const reported = plan.channels.map((c) => ({ id: c.id, adapter: c.adapter, kind: c.kind }));
  const channelIds = reported.map((c) => c.id);
  await Promise.all(
    state.channels.map((c, i) =>
      channels.applyBudget({
        campaignId,
        channelId: c.id,
        adapter: reported[i]!.adapter,
        channelKind: c.kind,
        amount: c.allocation,
        dailyBudget: c.dailyBudget,
        currency: plan.currency,
        effectiveFromDay: 1,
        effectKey: `budget:initial:${c.id}`,
      }),
    ),
  );
  state.channels = state.channels.map((c) => ({ ...c, status: 'active' as const }));

  for (let day = 1; day <= rolloutDays; day++) {
    await sleep(dayMs);
    state.day = day;
    await channels.syncChannelReports({ campaignId, day, channels: reported });
    const [period, cumulative] = await Promise.all([
      records.readPeriodMetrics({ campaignId, channelIds, fromDay: day, toDay: day }),
      records.readPeriodMetrics({ campaignId, channelIds, fromDay: 1, toDay: day }),
    ]);
    const review = buildDailyReview({ day, at: new Date(), period, cumulative });
    await records.recordReview({ campaignId, review });
    state.channels = withCumulative(state.channels, cumulative);
    state.kpis = kpiProgress(plan, cumulative);
    state.reviews = [review, ...state.reviews].slice(0, REVIEWS_IN_STATUS);
  }

  // Closing: attainment per KPI and what each channel spent and returned.
  enterPhase('closing');
  const totals = await records.readPeriodMetrics({ campaignId, channelIds, fromDay: 1, toDay: rolloutDays });
  const summary = summarizeClosing(plan, totals, new Date());
  await records.recordClosing({ campaignId, summary });
  state.closing = summary;
  state.kpis = summary.kpis;
  enterPhase('closed');
  // Let a decision still being recorded finish before the workflow completes.
  await condition(allHandlersFinished);
  return summary;

  function enterPhase(phase: Phase): void {
    state.phase = phase;
    publishSearchAttributes();
    log.info('Campaign phase', { campaignId, phase });
  }
}
