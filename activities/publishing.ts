/**
 * Publishing one post of the calendar (P2.4–P2.7). The idempotency key sent to the platform is the
 * campaign id plus the workflow's post key, so a retried activity (after a timeout, a 5xx, or an
 * answer lost on the way back) never posts twice: the platform answers the retry with the post it
 * already made.
 *
 * A platform's refusal (4xx: the post breaks its rules) is an outcome, not a failure: the workflow
 * marks the post failed, tells the owner and goes on with the calendar. Anything else (5xx,
 * timeouts, connection errors) is thrown, so Temporal retries it with backoff.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';
import { ErrorType } from '../domain/errors.js';
import { ChannelRejectedError } from './channels/adapter.js';
import type { AdapterName } from './channels/registry.js';
import type { ActivityDeps } from './deps.js';

export interface PostMediaInput {
  kind: 'image' | 'video';
  url: string;
}

export interface PublishPostInput {
  campaignId: string;
  channelId: string;
  adapter: AdapterName;
  channelKind: string;
  /** The channel's endpoint, for the webhook adapter. */
  url?: string;
  contentId: string;
  /** The content re-cut for the channel (`buildVariant`). */
  variant: {
    title: string;
    body: string;
    summary?: string;
    tags: string[];
    media: PostMediaInput[];
    cover?: PostMediaInput;
  };
  /** Campaign day the post belongs to. */
  day: number;
  phase: 'warmup' | 'rollout';
  /** The workflow's post key (`<phase>:<content>:<channel>:<n>`). */
  effectKey: string;
}

export type PublishOutcome =
  | { status: 'published'; postId: string; created: boolean }
  | { status: 'rejected'; httpStatus: number; message: string };

const media = z.strictObject({ kind: z.enum(['image', 'video']), url: z.string().min(1) });
const publishPostInputSchema = z.strictObject({
  campaignId: z.string().min(1),
  channelId: z.string().min(1),
  adapter: z.enum(['sandbox', 'webhook']),
  channelKind: z.string().min(1),
  url: z.url().optional(),
  contentId: z.string().min(1),
  variant: z.strictObject({
    title: z.string(),
    body: z.string(),
    summary: z.string().optional(),
    tags: z.array(z.string()),
    media: z.array(media),
    cover: media.optional(),
  }),
  day: z.number().int().nonnegative(),
  phase: z.enum(['warmup', 'rollout']),
  effectKey: z.string().min(1),
});

export function publishingActivities({ store, channels }: Pick<ActivityDeps, 'store' | 'channels'>) {
  return {
    async publishPost(input: PublishPostInput): Promise<PublishOutcome> {
      const parsed = publishPostInputSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw ApplicationFailure.nonRetryable(`publishPost ${issue?.path.join('.') || 'input'}: ${issue?.message}`, ErrorType.InvalidInput);
      }
      const { variant } = input;
      const adapter = channels.adapterFor(input.adapter);
      let receipt;
      try {
        receipt = await adapter.publish({
          campaignId: input.campaignId,
          channelId: input.channelId,
          channelKind: input.channelKind,
          contentId: input.contentId,
          title: variant.title,
          body: variant.body,
          tags: variant.tags,
          media: variant.media,
          ...(variant.summary !== undefined ? { summary: variant.summary } : {}),
          ...(variant.cover !== undefined ? { cover: variant.cover } : {}),
          ...(input.url !== undefined ? { url: input.url } : {}),
          day: input.day,
          idempotencyKey: `${input.campaignId}:${input.effectKey}`,
        });
      } catch (err) {
        if (err instanceof ChannelRejectedError) return { status: 'rejected', httpStatus: err.status, message: err.message };
        throw err;
      }
      await store.effects.record({
        campaignId: input.campaignId, effectKey: input.effectKey, channelId: input.channelId, kind: 'post',
        payload: { postId: receipt.postId, contentId: input.contentId, day: input.day, phase: input.phase },
      });
      return { status: 'published', postId: receipt.postId, created: receipt.created };
    },
  };
}
