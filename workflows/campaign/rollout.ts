/**
 * The rollout: each channel gets its budget, a review closes every rollout day (budget moves in
 * budget.ts), and every 30 rollout days the campaign continues as a new run.
 */
import { condition, deprecatePatch, sleep } from '@temporalio/workflow';
import { monitorDay } from '../../domain/execution/monitoring.js';
import { calm } from './execution/crisis.js';
import { cancelled, wakesOnCancel } from './cancellation.js';
import { DEFAULT_ANOMALY_RULE, channelDayAnomalies } from '../../domain/anomalies.js';
import type { ChannelMetrics } from '../../domain/metrics.js';
import { planLanguage } from '../../domain/plan/summary.js';
import { localDate, reviewPeriods, reviewsDueAfterDay, type ReviewPeriod } from '../../domain/review-periods.js';
import { buildDailyReview, buildPeriodReview, withChannelDetail, withCumulative, type Review } from '../../domain/review.js';
import type { RolloutProgress } from '../../domain/campaign-snapshot.js';
import { kpiProgress } from '../../domain/closing.js';
import { channels, records } from './activities.js';
import { channelTarget, effectKeys, reportedChannel, stepKeys } from './effects.js';
import type { Announcer } from './announce.js';
import { budgetStep, reviewBudgets, settleCarriedApproval, type BudgetReviewOutcome } from './budget.js';
import { dayMs, type CampaignState } from './state.js';
import { reviewStep, type StepDesk } from './steps.js';

/** How many reviews the status keeps; all of them stay in PostgreSQL. */
const REVIEWS_IN_STATUS = 14;

/** How the rollout hands over to a new run (continue-as-new) to keep each history short. */
export interface Continuation {
  /** Whether to continue as new now, after `daysThisRun` reviews in this run. */
  due(daysThisRun: number): boolean;
  continueWith(progress: RolloutProgress): Promise<never>;
}

// The await structure below is part of the workflow's determinism: running campaigns replay it.
// Keep new steps behind patched() (versions.ts) and do not wrap existing awaits in extra async functions.
export async function rollout(
  state: CampaignState,
  announce: Announcer,
  steps: StepDesk,
  continuation: Continuation,
  resume?: RolloutProgress,
  /** Hears the instant rollout day 0 began (workflow time), once per run, before the first review. */
  onStart?: (rolloutStart: number) => void,
): Promise<void> {
  const { campaignId, plan } = state;
  const reported = plan.channels.map(reportedChannel);
  const channelIds = reported.map((c) => c.id);
  if (!resume) {
    // No budget goes out during a crisis: the rollout starts when it is over.
    await condition(() => calm(state));
    const budgets = state.channels.map((c, i) => () =>
      channels.applyBudget({
        campaignId,
        ...channelTarget(plan.channels[i]!),
        amount: c.allocation,
        dailyBudget: c.dailyBudget,
        currency: plan.currency,
        effectiveFromDay: 1,
        effectKey: effectKeys.initialBudget(c.id),
      }),
    );
    const applying = budgets.map((apply) => apply());
    let outcomes: Array<void | 'skipped'> = [];
    try {
      await Promise.all(applying);
    } catch (err) {
      outcomes = await steps.failedAmong(err, applying, (i) =>
        budgetStep(state, plan.channels[i]!, state.channels[i]!.allocation, effectKeys.initialBudget(plan.channels[i]!.id), budgets[i]!));
    }
    // A channel whose first budget was skipped stays planned: nothing was sent to its platform.
    state.channels = state.channels.map((c, i) => (outcomes[i] === 'skipped' ? c : { ...c, status: 'active' as const }));
  }

  const rolloutStart = resume?.startedAt ?? Date.now();
  onStart?.(rolloutStart);
  let schedule: ReviewPeriod[] | undefined;
  // The review calendar follows the plan's dates: rollout day 1 is the plan date the rollout began.
  const periods = () => (schedule ??= reviewPeriods({
    rolloutStartDate: localDate(new Date(rolloutStart), plan.timezone),
    rolloutDays: state.rolloutDays,
    reviews: plan.rollout.reviews,
  }));
  if (resume?.pendingReview) {
    const review = resume.pendingReview;
    completeReview(review, await settleCarriedApproval(state, steps, review.day));
    const store = () => records.recordReview({ campaignId, review });
    try {
      await store();
    } catch (err) {
      steps.beside(err, reviewStep(review, store));
    }
    state.reviews = [review, ...state.reviews].slice(0, REVIEWS_IN_STATUS);
  }

  const firstDay = state.day + 1;
  for (let day = firstDay; day <= state.rolloutDays; day++) {
    // Reviews keep to the rollout's calendar even when an approval wait took part of a day.
    const reviewAt = rolloutStart + day * dayMs(state);
    if (reviewAt > Date.now()) {
      // A cancellation wakes the rollout at once (runs recorded before it keep their plain timer).
      if (wakesOnCancel()) await condition(() => cancelled(state), reviewAt - Date.now());
      else await sleep(reviewAt - Date.now());
    }
    // Cancelled: no more reports, reviews or budget moves.
    if (cancelled(state)) return;
    state.day = day;
    const sync = () => channels.syncChannelReports({ campaignId, day, channels: reported });
    try {
      await sync();
    } catch (err) {
      // Skipped, the day is reviewed with what the records already hold (imports, earlier reports).
      await steps.failed(err, {
        id: stepKeys.channelReports(day), activity: 'syncChannelReports', summary: `Fetch the platforms' reports of rollout day ${day}`,
        call: sync, skip: () => 0,
      });
    }
    const reads = [
      () => records.readPeriodMetrics({ campaignId, channelIds, fromDay: day, toDay: day }),
      () => records.readPeriodMetrics({ campaignId, channelIds, fromDay: 1, toDay: day }),
    ];
    const reading = reads.map((read) => read());
    let period: ChannelMetrics[] | undefined;
    let cumulative: ChannelMetrics[] | undefined;
    try {
      [period, cumulative] = await Promise.all(reading);
    } catch (err) {
      // Skipped, a read gives no rows: the day counts nothing, or the totals stay as they were.
      [period, cumulative] = await steps.failedAmong(err, reading, (i) => ({
        id: i === 0 ? stepKeys.dayMetrics(day) : stepKeys.totalMetrics(day), activity: 'readPeriodMetrics',
        summary: i === 0 ? `Read the metrics of rollout day ${day}` : `Read the campaign's totals up to rollout day ${day}`,
        call: reads[i]!, skip: () => undefined,
      }));
    }
    period ??= [];
    if (cumulative) {
      state.channels = withCumulative(state.channels, cumulative);
      state.kpis = kpiProgress(plan, cumulative);
    }
    cumulative ??= [];
    for (const p of period) {
      state.history[p.channelId] = [...(state.history[p.channelId] ?? []), { day, spend: p.spend, orders: p.orders, revenue: p.revenue }];
    }
    let review = buildDailyReview({ day, at: new Date(), period, cumulative });
    // Engagement, anomalies and weekly/monthly reviews (folded patch, see versions.ts).
    deprecatePatch('review-details');
    review = await detailReviews(state, announce, steps, review, cumulative, periods());
    const daysThisRun = day - firstDay + 1;
    const pending = review;
    // An approval still open when the run should end travels into the next run with its review.
    const handover = () =>
      continuation.due(daysThisRun) ? continuation.continueWith({ startedAt: rolloutStart, pendingReview: pending }) : undefined;
    const budgets = day < state.rolloutDays ? await reviewBudgets(state, steps, day, state.history, reviewAt + dayMs(state), handover) : undefined;
    if (budgets) completeReview(review, budgets);
    const store = () => records.recordReview({ campaignId, review });
    try {
      await store();
    } catch (err) {
      steps.beside(err, reviewStep(review, store));
    }
    state.reviews = [review, ...state.reviews].slice(0, REVIEWS_IN_STATUS);
    if (day < state.rolloutDays && continuation.due(daysThisRun)) await continuation.continueWith({ startedAt: rolloutStart });
  }
}

function completeReview(review: Review, budgets: BudgetReviewOutcome): void {
  review.changes = budgets.moves.map(({ channelId, from, to, reason, status }) => ({ channelId, from, to, reason, status }));
  review.notes = [...review.notes, ...budgets.notes];
}

/** Days of history before a day that anomaly detection compares it with. */
const ANOMALY_BASELINE_DAYS = DEFAULT_ANOMALY_RULE.window;

/**
 * Adds per-channel traffic, engagement and anomalies to the day's review, and records the weekly
 * and monthly reviews that end on this day. Returns the daily review.
 */
async function detailReviews(
  state: CampaignState,
  announce: Announcer,
  steps: StepDesk,
  review: Review,
  cumulative: ChannelMetrics[],
  periods: ReviewPeriod[],
): Promise<Review> {
  const { campaignId, plan } = state;
  const channelIds = plan.channels.map((c) => c.id);
  const channelNames = Object.fromEntries(plan.channels.map((c) => [c.id, c.name ?? c.id]));
  const lang = planLanguage(plan);
  const due = reviewsDueAfterDay(periods, review.day).filter((p) => p.kind !== 'daily');
  const fromDay = Math.min(review.day, ...due.map((p) => p.fromDay)) - ANOMALY_BASELINE_DAYS;
  const read = () => records.readChannelDays({ campaignId, channelIds, fromDay: Math.max(1, fromDay), toDay: review.day });
  let rows;
  try {
    rows = await read();
  } catch (err) {
    rows = await steps.failed(err, {
      id: stepKeys.channelDays(Math.max(1, fromDay), review.day), activity: 'readChannelDays',
      summary: `Read each channel's days ${Math.max(1, fromDay)}–${review.day} for the review`, call: read, skip: () => [],
    });
  }
  const today = channelDayAnomalies(rows, { fromDay: review.day, toDay: review.day, channelNames });
  state.execution.monitoring = monitorDay(state.execution.monitoring, review.day, rows, channelIds);
  for (const period of due) {
    const periodReview = buildPeriodReview({
      period, at: new Date(), rows, cumulative, channelIds, lang,
      anomalies: channelDayAnomalies(rows, { fromDay: period.fromDay, toDay: period.toDay, channelNames }),
    });
    const store = () => records.recordReview({ campaignId, review: periodReview });
    try {
      await store();
    } catch (err) {
      steps.beside(err, reviewStep(periodReview, store));
    }
    state.reviews = [periodReview, ...state.reviews].slice(0, REVIEWS_IN_STATUS);
    // Weekly and monthly summaries to the owner and informed people (folded patch, see versions.ts).
    deprecatePatch('review-summaries');
    announce.reviewSummary(periodReview);
  }
  return withChannelDetail(review, rows, channelIds, today, lang);
}
