/**
 * From approved preparation to the rollout: the pilot with its go/no-go (P2.2), then the warm-up
 * that publishes the teasers (P2.3). A pilot sent back reopens the gate that reviews the content
 * and runs again once preparation is approved; a cancelled one ends the campaign.
 */
import { condition, sleep } from '@temporalio/workflow';
import { parseDuration } from '../../../domain/duration.js';
import { contentReviewGate } from '../../../domain/plan/rules/content.js';
import type { Phase } from '../../contract.js';
import type { Announcer } from '../announce.js';
import type { PreparationDesk } from '../preparation.js';
import { planMs, type CampaignState } from '../state.js';
import { cancelled, wakesOnCancel } from '../cancellation.js';
import type { StepDesk } from '../steps.js';
import { planNow } from './clock.js';
import { runPilot } from './pilot.js';
import { publishPosts, schedulePosts } from './posts.js';

export type Preparation = Pick<PreparationDesk, 'reopen' | 'untilApproved'>;

export async function pilotAndWarmup(
  state: CampaignState,
  announce: Announcer,
  steps: StepDesk,
  gates: Preparation,
  enter: (phase: Phase) => void,
): Promise<'launch' | 'cancelled'> {
  const { plan } = state;
  if (plan.pilot) {
    for (let round = 1; ; round++) {
      enter('pilot');
      const outcome = await runPilot(state, announce, steps, round);
      if (outcome === 'go') break;
      if (outcome === 'cancelled') return 'cancelled';
      const decided = state.execution.pilot!.decisions.at(-1)!;
      // The gate that reviews the content reopens (else the last gate). For plans written before
      // `gates[].reviews` existed this is the `assets` gate as it always was, so no run started
      // earlier reopens another gate and no patch is needed.
      const gate = contentReviewGate(plan) ?? plan.gates.at(-1);
      enter('preparation');
      if (gate) gates.reopen(gate.id, decided.by, decided.comment ?? 'The pilot was sent back.', new Date());
      await gates.untilApproved();
      if (cancelled(state)) return 'cancelled';
    }
  }
  if (plan.warmup) {
    enter('warmup');
    const from = planNow(state);
    schedulePosts(state, 'warmup', from, from + parseDuration(plan.warmup.duration));
    const posting = publishPosts(state, announce, steps, 'warmup');
    if (wakesOnCancel()) await condition(() => cancelled(state), planMs(state, plan.warmup.duration));
    else await sleep(planMs(state, plan.warmup.duration));
    await posting;
  }
  return cancelled(state) ? 'cancelled' : 'launch';
}
