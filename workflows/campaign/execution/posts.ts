/**
 * Publishing (P2.3–P2.5, P2.7): each phase's posts are planned on the channels' calendars when
 * the phase begins, and go out one by one at their time, each content item re-cut for its channel.
 * A refused post is marked failed and its people told; the campaign goes on. A post the platform
 * could not take for good (no answer after every attempt, a failure) is a failed step a person
 * retries or skips. While a crisis is active nothing goes out: a post whose time comes then is
 * held and not sent later.
 */
import { ActivityFailure, condition, log, sleep } from '@temporalio/workflow';
import { buildVariant } from '../../../domain/content/variants.js';
import { refusedPostAudience } from '../../../domain/execution/audiences.js';
import { planPosts } from '../../../domain/execution/post-plan.js';
import type { PostState } from '../../../domain/execution/state.js';
import { postFailedMessage } from '../../../domain/notifications/execution-messages.js';
import { publishing } from '../activities.js';
import type { Announcer } from '../announce.js';
import { channelTarget, effectKeys, noticeKeys } from '../effects.js';
import type { CampaignActivities } from '../../../activities/index.js';
import { raiseAlert, type CampaignState } from '../state.js';
import type { StepDesk } from '../steps.js';
import { calm, holdEffect } from './crisis.js';
import { cancelled, wakesOnCancel } from '../cancellation.js';
import { workflowTimeOf } from './clock.js';

/** Plans the phase's posts over [from, to) plan time; the calendar's warnings become alerts. */
export function schedulePosts(state: CampaignState, phase: PostState['phase'], from: number, to: number): void {
  const plan = planPosts({ plan: state.plan, phase, period: { from: new Date(from).toISOString(), to: new Date(to).toISOString() } });
  state.execution.posts = [...state.execution.posts.filter((p) => p.phase !== phase), ...plan.posts];
  const at = new Date();
  for (const u of plan.unplaced) raiseAlert(state, 'warning', `Post ${u.key} not scheduled: ${u.message.en}`, at);
  for (const s of plan.silences) raiseAlert(state, 'warning', s.message.en, at);
}

function setPost(state: CampaignState, key: string, change: Partial<PostState>): void {
  state.execution.posts = state.execution.posts.map((p) => (p.key === key ? { ...p, ...change } : p));
}

/** Publishes the phase's scheduled posts at their times; resolves after the last one. */
export async function publishPosts(state: CampaignState, announce: Announcer, steps: StepDesk, phase: PostState['phase']): Promise<void> {
  const { plan, campaignId } = state;
  const due = state.execution.posts.filter((p) => p.phase === phase && p.status === 'scheduled');
  for (const post of due) {
    const wait = workflowTimeOf(state, post.at) - Date.now();
    if (wait > 0 && !cancelled(state)) {
      if (wakesOnCancel()) await condition(() => cancelled(state), wait);
      else await sleep(wait);
    }
    // Held, never sent later: during a crisis, and for good once the campaign is cancelled.
    if (!calm(state) || cancelled(state)) {
      setPost(state, post.key, { status: 'held' });
      holdEffect(state);
      continue;
    }
    const content = plan.content.find((c) => c.id === post.contentId)!;
    const channel = plan.channels.find((c) => c.id === post.channelId)!;
    const variant = buildVariant(content, channel);
    const publish = () => publishing.publishPost({
      campaignId, ...channelTarget(channel),
      contentId: content.id,
      variant: {
        title: variant.title, body: variant.body, tags: variant.tags, media: variant.media,
        ...(variant.summary !== undefined ? { summary: variant.summary } : {}),
        ...(variant.cover ? { cover: variant.cover } : {}),
      },
      // The review of a day runs at its end: until then, posts belong to the next campaign day.
      day: phase === 'rollout' ? Math.min(state.day + 1, state.rolloutDays) : 0,
      phase,
      effectKey: effectKeys.post(post.key),
    });
    let outcome;
    try {
      outcome = await publish();
    } catch (err) {
      if (steps.takes(err)) {
        // A post the platform could not take for good waits beside the calendar for a person:
        // the next posts go out at their times. Retried, it goes out under the same key.
        const name = channel.name ?? channel.id;
        steps.beside(err, {
          id: effectKeys.post(post.key), activity: 'publishPost', channel: channel.id,
          summary: `Publish "${content.id}" on ${name} (post ${post.key})`, call: publish, skip: () => undefined,
        }, (retried) => {
          if (retried) settle(state, announce, post, retried);
          else setPost(state, post.key, { status: 'failed', error: state.steps.find((s) => s.id === effectKeys.post(post.key))?.error ?? 'skipped' });
        });
        continue;
      }
      // Every retry failed (the platform stayed down): the post is lost for this slot.
      const message = err instanceof ActivityFailure ? (err.cause?.message ?? err.message) : String(err);
      outcome = { status: 'rejected' as const, httpStatus: 0, message: `the platform did not answer after several attempts (${message})` };
    }
    settle(state, announce, post, outcome);
  }
}

type PublishOutcome = Awaited<ReturnType<CampaignActivities['publishPost']>>;

/** A published post is marked so; a refused one is failed, raises an alert and its people are told. */
function settle(state: CampaignState, announce: Announcer, post: PostState, outcome: PublishOutcome): void {
  const { plan, campaignId } = state;
  if (outcome.status === 'published') {
    setPost(state, post.key, { status: 'published', postId: outcome.postId });
    return;
  }
  const channel = plan.channels.find((c) => c.id === post.channelId)!;
  setPost(state, post.key, { status: 'failed', error: outcome.message });
  const name = channel.name ?? channel.id;
  raiseAlert(state, 'warning', `${name} refused post ${post.key}: ${outcome.message}`, new Date());
  announce.notice(noticeKeys.postFailed(post.key), refusedPostAudience(state.plan),
    postFailedMessage({ campaignId, plan, at: new Date() }, { contentId: post.contentId, channel: name, error: outcome.message }));
  log.warn('Post failed', { campaignId, post: post.key, error: outcome.message });
}
