/**
 * The sandbox platform's request bodies. Unknown fields are ignored, as most platform APIs do;
 * missing or mistyped ones are refused with the field's name.
 */
import { z } from 'zod';
import { CHANNEL_KINDS } from './response-model.js';

/** Far above any campaign budget, low enough that cents stay exact in a double. */
const MAX_MONEY = 1e12;
const MAX_DAY = 100_000;

export const channelKindSchema = z.enum(CHANNEL_KINDS);
const money = z.number().finite().nonnegative().max(MAX_MONEY);
const idempotencyKey = z.string().min(1).max(512);
const day = z.number().int().nonnegative().max(MAX_DAY);

export const budgetBodySchema = z.object({
  amount: money,
  dailyBudget: money,
  currency: z.string().regex(/^[A-Z]{3}$/, { message: 'use an ISO 4217 code such as CNY' }),
  idempotencyKey,
  effectiveFromDay: day.optional(),
  channelKind: channelKindSchema.optional(),
});

const media = z.object({ kind: z.enum(['image', 'video']), url: z.string().min(1).max(2_048) });

export const postBodySchema = z.object({
  contentId: z.string().min(1).max(256),
  title: z.string().max(1_000),
  body: z.string().min(1).max(100_000),
  idempotencyKey,
  day: day.optional(),
  channelKind: channelKindSchema.optional(),
  summary: z.string().max(1_000).optional(),
  tags: z.array(z.string().max(200)).max(100).optional(),
  media: z.array(media).max(50).optional(),
  cover: media.optional(),
});

export const reportQuerySchema = z.object({
  day: z.string().regex(/^\d+$/, { message: 'give the campaign day as a whole number, e.g. ?day=3' }).transform(Number).pipe(day),
});
