/**
 * The plan file (docs/plan-guide.md) as a zod schema. Keys are English and fixed; names and texts
 * may be in any language. Objects are strict: a misspelt key is an error, never silently ignored.
 */
import { z } from 'zod';
import { isDuration } from '../duration.js';

export const PHASES = ['preparation', 'pilot', 'warmup', 'rollout', 'closing'] as const;
export const CHANNEL_KINDS = [
  'wechat-oa', 'weibo', 'douyin', 'xiaohongshu', 'baidu-sem', 'edm', 'kol', 'website', 'custom',
] as const;
export const STRATEGIES = ['content', 'social', 'seo', 'paid', 'mixed'] as const;
/** Notify targets the plan names and the worker's secrets file defines (their URLs carry keys). */
export const ROBOT_KINDS = ['wecom', 'dingtalk', 'feishu', 'slack', 'webhook'] as const;
export const NOTIFY_KINDS = [...ROBOT_KINDS, 'email'] as const;
export const POLICIES = ['bandit', 'proportional', 'fixed'] as const;
export const REPORT_LANGUAGES = ['zh-CN', 'en'] as const;

export const ref = z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
  message: 'use letters, digits, dots, dashes or underscores, e.g. li.na',
});
const text = z.string().min(1).max(20_000);
// The refinement is invisible to JSON Schema, so the pattern is repeated as metadata for editors;
// `params.rule` lets validation tell a malformed duration apart from other custom checks.
export const duration = z.string()
  .refine(isDuration, { message: 'write a duration such as 30m, 12h, 3d or 2w', params: { rule: 'duration' } })
  .meta({ pattern: '^\\s*(?:\\d+(?:\\.\\d+)?[smhdw])+\\s*$', description: 'A duration such as 30m, 12h, 3d, 2w or 1d12h' });
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'write a date as YYYY-MM-DD' });
/** The launch: a local date, or a local date and time, in the plan's timezone (domain/plan/launch.ts). */
export const startDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/, {
  message: 'write a date as YYYY-MM-DD, or a date and local time as YYYY-MM-DDTHH:MM',
});
const money = z.number().finite().nonnegative();
const share = z.number().min(0).max(1);
const hourRange = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, {
  message: 'write a time range such as 20:00-23:00',
});

/**
 * A robot or webhook target by its name in the worker's secrets file (docs/notifications.md). The
 * plan never holds a robot's URL or signing secret: plans are shared, and a campaign's plan is its
 * workflow input, which everyone with access to Temporal can read.
 */
export const notifyTargetName = z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
  message: 'use letters, digits, dots, dashes or underscores, e.g. team-robot',
});

/**
 * One place a member is told, written `kind: where`: `wecom: team-robot` names a target in the
 * worker's secrets file, `email: li.na@example.com` is an address (not a secret). A list of these
 * keeps its order, and the position is part of each delivery's id.
 */
export const notifyEntrySchema = z.strictObject({
  wecom: notifyTargetName.optional(),
  dingtalk: notifyTargetName.optional(),
  feishu: notifyTargetName.optional(),
  slack: notifyTargetName.optional(),
  webhook: notifyTargetName.optional(),
  email: z.email().optional(),
})
  .refine((entry) => Object.values(entry).filter((v) => v !== undefined).length === 1, {
    message: 'name exactly one target per entry', params: { rule: 'notify-one-target' },
  })
  .meta({
    minProperties: 1,
    maxProperties: 1,
    description: 'One target: wecom | dingtalk | feishu | slack | webhook: <a name from the worker\'s secrets file>, or email: <address>. / 一个通知方式。',
  });
export type NotifyEntry = z.output<typeof notifyEntrySchema>;

export const memberSchema = z.strictObject({
  id: ref,
  name: text,
  roles: z.array(z.string().min(1)).default([]),
  language: z.enum(REPORT_LANGUAGES).optional(),
  notify: z.array(notifyEntrySchema).default([]),
  delegate: z.strictObject({ to: ref, until: isoDate }).optional(),
  hourlyCost: money.optional(),
});

export interface GoalInput {
  id: string;
  name: string;
  metric?: string | undefined;
  formula?: string | undefined;
  target: number;
  unit?: string | undefined;
  owner?: string | undefined;
  due?: string | undefined;
  children?: GoalInput[] | undefined;
}

export const goalSchema: z.ZodType<GoalInput> = z.lazy(() =>
  z.strictObject({
    id: ref,
    name: text,
    metric: z.string().min(1).optional(),
    formula: z.string().min(1).max(500).optional(),
    target: z.number().finite(),
    unit: z.string().optional(),
    owner: ref.optional(),
    due: z.string().optional(),
    children: z.array(goalSchema).optional(),
  }),
);

export const channelSchema = z.strictObject({
  id: ref,
  name: z.string().optional(),
  kind: z.enum(CHANNEL_KINDS),
  adapter: z.enum(['sandbox', 'webhook']).default('sandbox'),
  url: z.url().optional(),
  budget: z.strictObject({ initial: money, min: money.default(0), max: money }),
  peakHours: z.array(hourRange).default([]),
  pacing: z.strictObject({ maxPostsPerDay: z.number().int().positive(), maxSilence: duration }).optional(),
  // Who runs the channel on its platform: told, with the owner, when a step on it fails, and may
  // retry or skip it. Without one, the team's channel-ops are.
  responsible: ref.optional(),
});

export const gateSchema = z.strictObject({
  id: ref,
  title: text,
  accountable: ref,
  responsible: z.array(ref).default([]),
  consulted: z.array(ref).default([]),
  informed: z.array(ref).default([]),
  checklist: z.array(text).default([]),
  dependsOn: z.array(ref).default([]),
  // The gate opens for decision only when every team member has acknowledged the strategy (P1.2).
  requiresAcknowledgement: z.boolean().default(false),
  // How long consulted people have to comment before the gate opens for decision without them.
  consultWindow: duration.default('1d'),
  due: duration.optional(),
  remind: duration.optional(),
  escalateTo: ref.optional(),
  // `content`: approving this gate releases the content, so it is refused while the content lint
  // finds errors. Without it on any gate, a gate with id `assets` reviews the content.
  reviews: z.enum(['content']).optional().meta({
    description: 'content: this gate approves the content; it is refused while a channel would refuse an item. Default: the gate with id assets. / content: 该关卡审核内容; 内容有渠道会拒绝的问题时不能通过。默认为 id 为 assets 的关卡。',
  }),
});

export const taskSchema = z.strictObject({
  id: ref,
  name: text,
  owner: ref,
  duration,
  dependsOn: z.array(ref).default([]),
  phase: z.enum(PHASES).default('preparation'),
  deliverable: z.string().optional(),
  automatic: z.boolean().default(false),
});

export const planSchema = z.strictObject({
  version: z.literal(1).default(1),
  id: z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/, {
    message: 'use lower-case letters, digits and dashes, e.g. spring-tea-2027',
  }),
  name: text,
  owner: ref,
  // The planned launch (first day of the pilot, else the warm-up, else the rollout), in the plan's
  // timezone: a date, or a date and local time. Preparation comes before it and may begin as soon as
  // the campaign is started; at time scale 1 the launch waits for it. Optional: without it the
  // campaign launches when preparation is approved, and ISO goal deadlines can only be checked for
  // being real dates.
  start: startDate.optional(),
  timezone: z.string().min(1).default('Asia/Shanghai'),
  currency: z.string().regex(/^[A-Z]{3}$/).default('CNY'),
  team: z.array(memberSchema).min(1),
  goals: z.array(goalSchema).min(1),
  strategy: z.strictObject({ core: z.enum(STRATEGIES), summary: z.string().default('') }).optional(),
  audiences: z.array(z.strictObject({
    id: ref,
    name: text,
    traits: z.record(z.string(), z.unknown()).default({}),
    channels: z.array(ref).default([]),
  })).default([]),
  budget: z.strictObject({
    total: money,
    reserve: money.default(0),
    items: z.array(z.strictObject({ id: ref, name: text, cap: money, accounting: z.string().optional() })).default([]),
  }),
  channels: z.array(channelSchema).min(1),
  content: z.array(z.strictObject({
    id: ref,
    title: text,
    body: z.string().default(''),
    media: z.array(z.strictObject({ kind: z.enum(['image', 'video']), url: z.string().min(1) })).default([]),
    tags: z.array(z.string()).default([]),
    channels: z.array(ref).default([]),
    // Added: when the item goes out — teasers in the warm-up (P2.3), the rest paced over the rollout.
    phase: z.enum(['warmup', 'rollout']).default('rollout'),
    // Added: how many times the item is posted on each of its channels in its phase (re-cuts,
    // reminders), spread by the publishing calendar.
    posts: z.number().int().min(1).max(100).default(1),
  })).default([]),
  gates: z.array(gateSchema).default([]),
  tasks: z.array(taskSchema).default([]),
  pilot: z.strictObject({
    channels: z.array(ref).min(1),
    budget: money,
    duration,
    successCriteria: z.array(z.strictObject({
      kpi: ref,
      atLeast: z.number().finite().optional(),
      atMost: z.number().finite().optional(),
    })).default([]),
    decidedBy: ref,
  }).optional(),
  warmup: z.strictObject({ duration }).optional(),
  rollout: z.strictObject({
    duration,
    // Added: the last local day the rollout may run (双十一: 2027-11-11). Needs `start`; validation
    // checks that start + pilot + warm-up + rollout ends by it.
    endBy: isoDate.optional(),
    reviews: z.strictObject({
      daily: z.boolean().default(true),
      weekly: z.boolean().default(false),
      monthly: z.boolean().default(false),
    }).default({ daily: true, weekly: false, monthly: false }),
    optimization: z.strictObject({
      policy: z.enum(POLICIES).default('fixed'),
      maxShiftPerReview: share.default(0.2),
      approvalAbove: share.optional(),
      approver: ref.optional(),
      minSpendBeforeJudging: money.default(0),
      pauseBelowRoi: z.number().finite().optional(),
    }).optional(),
  }),
  interaction: z.strictObject({
    responseSla: duration.optional(),
    crisis: z.strictObject({
      negativeShare: share,
      window: duration,
      minVolume: z.number().int().positive(),
      accountable: ref,
    }).optional(),
  }).optional(),
  closing: z.strictObject({
    accountable: ref,
    // Added: the team retrospective (P3.3–P3.5). With it, every member is asked for what worked,
    // what did not and lessons, reminded every `remind`, and the campaign closes when
    // `accountable` signs off; without it the campaign closes when the rollout ends.
    retrospective: z.strictObject({ remind: duration.default('1d') }).optional(),
    survey: z.boolean().default(false),
    reportLanguages: z.array(z.enum(REPORT_LANGUAGES)).default(['zh-CN', 'en']),
  }),
});

/** A plan as written by its author, with defaults filled in. */
export type Plan = z.output<typeof planSchema>;
export type PlanInput = z.input<typeof planSchema>;
export type Member = Plan['team'][number];
export type Channel = Plan['channels'][number];
export type Gate = Plan['gates'][number];
export type Task = Plan['tasks'][number];
export type Goal = GoalInput;
