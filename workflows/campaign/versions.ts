/**
 * Every patch the campaign workflow carries: what it gates, where it is called, where it stands and
 * when its call can go. The procedure is in docs/architecture.md ("Versioning"):
 *
 *   patched('id')        a change to the command sequence; histories without its marker keep the old course
 *   deprecatePatch('id') the old course is deleted; the call stays where patched() stood, because a
 *                        history with the marker and code without the call is a nondeterminism error
 *   removed              once no open campaign (and no history we still replay) was recorded with patched()
 *
 * The four patches below came before the first release and were folded at once: no campaign outside
 * rehearsals ran the code before them, so their old courses and histories (v1- … v4-) were deleted.
 * test/replay checks that every patch called in workflows/ and every marker in test/histories/ is
 * listed here.
 */

export type PatchStage = 'patched' | 'deprecated';

export interface PatchRecord {
  stage: PatchStage;
  /** What the patch gates: the course runs with its marker take. */
  gates: string;
  /** Where the call stands (its position in the command sequence is what replay checks). */
  calledIn: string;
  /** When the call can be deleted. */
  removable: string;
}

/**
 * Runs started by workers that still called patched() record a marker the code must keep answering;
 * runs recorded after the fold carry a deprecated marker, which code without the call ignores.
 */
const AFTER_FOLD =
  'when no open campaign run started before the fold (the first release carries deprecatePatch) and no committed history recorded with patched() remains';

export const PATCHES = {
  'execution': {
    stage: 'deprecated',
    gates: 'the executed task schedule, pilot, warm-up, paced posts, crisis handling, interaction checks, the retrospective and the stored report (the former `state.executes` flag and its 24 branches)',
    calledIn: 'workflow.ts, once at the start of every run, before any other command',
    removable: AFTER_FOLD,
  },
  'continue-as-new': {
    stage: 'deprecated',
    gates: 'continuing as a new run every 30 rollout days or when Temporal suggests it, carrying an open budget approval',
    calledIn: 'workflow.ts, the continuation\'s `due`, first evaluated after the first rollout day\'s review',
    removable: AFTER_FOLD,
  },
  'review-details': {
    stage: 'deprecated',
    gates: 'per-channel traffic, engagement and anomalies in the daily review, and the weekly and monthly reviews',
    calledIn: 'rollout.ts, every rollout day before the detailed review',
    removable: AFTER_FOLD,
  },
  'review-summaries': {
    stage: 'deprecated',
    gates: 'sending each weekly and monthly review to the owner and informed people',
    calledIn: 'rollout.ts, after each weekly or monthly review is recorded',
    removable: AFTER_FOLD,
  },
  'pilot-extension-clock': {
    stage: 'patched',
    gates: 'the days a pilot extension adds are due a day apart from when their budget reached the platforms (before: from the pilot\'s start, so a decision that took longer than the added days had them read at once)',
    calledIn: 'execution/pilot.ts, after an extension\'s budget is applied',
    removable: 'deprecatePatch when no open campaign run started before the release that carries it is still in its pilot; removed when no committed or retained history carries the non-deprecated marker',
  },
  'read-model': {
    stage: 'patched',
    gates: 'publishing the status to the read model with a local activity whenever what it shows changes, and before the run ends or continues',
    calledIn: 'workflow.ts, once at the start of every run, right after the status query is registered',
    removable: 'deprecatePatch when no open campaign run started before the release that carries it; removed when no committed or retained history carries the non-deprecated marker',
  },
  'step-failures': {
    stage: 'patched',
    gates: 'an activity that fails for good becomes a failed step (alert, notice, the owner\'s waiting item) that waits for `resolveStep` (retry or skip) instead of failing the campaign; a post or notice that fails so waits beside the campaign (before: the workflow failed, a post counted as refused, a notice was only logged)',
    calledIn: 'steps.ts, only when an activity call has failed (`takes`): runs whose calls never failed record no marker and replay as before',
    removable: 'the old course only replays campaigns that failed on it (running ones take the new course at their first failure): deprecatePatch once none of those is within the namespace\'s retention; removed when no committed or retained history carries the non-deprecated marker',
  },
  'launch-date': {
    stage: 'patched',
    gates: 'at time scale 1, a plan with `start` launches (pilot, warm-up or rollout) no earlier than that date, on a durable timer; the date coming with gates open raises an alert naming who holds it up (before: the launch followed the last approval, whatever the date)',
    calledIn: 'workflow.ts, once preparation\'s registration is done, only for a live campaign (time scale 1) whose plan has `start`',
    removable: 'deprecatePatch when no open campaign run started before the release that carries it is still in preparation; removed when no committed or retained history carries the non-deprecated marker',
  },
  'campaign-cancel': {
    stage: 'patched',
    gates: 'the `cancelCampaign` Update: the campaign stops posting, reviewing and moving budgets and closes without its retrospective (before: no such Update)',
    calledIn: 'cancellation.ts, in the Update\'s handler, only when a campaign is cancelled: runs nobody cancels record no marker and replay as before',
    removable: 'deprecatePatch once no campaign run before the release that carries it is within the namespace\'s retention; removed when no committed or retained history carries the non-deprecated marker',
  },
  'cancellable-waits': {
    stage: 'patched',
    gates: 'the timers of pilot days, the warm-up, rollout days and scheduled posts wake at once when the campaign is cancelled (`condition` with a timeout instead of `sleep`: the same timer, cancelled when it wakes early)',
    calledIn: 'cancellation.ts `wakesOnCancel`, before each of those timers (execution/pilot.ts, execution/launch.ts, execution/posts.ts, rollout.ts)',
    removable: 'deprecatePatch when no open campaign run started before the release that carries it; removed when no committed or retained history carries the non-deprecated marker',
  },
} as const satisfies Record<string, PatchRecord>;

export type PatchId = keyof typeof PATCHES;
