/**
 * Request and response bodies of the HTTP API. The server validates with these and the OpenAPI
 * document is generated from them, so what is documented is what is enforced.
 */
import type { Rehearsal } from '../../domain/rehearsal.js';
import { z } from 'zod';
import type { InteractionsImportReport, MetricsImportReport } from '../../store/index.js';
import { crisisActionInputSchema, pilotDecisionInputSchema } from '../../domain/execution/actions.js';
import { stepResolutionInputSchema } from '../../domain/execution/steps.js';
import { cancellationInputSchema } from '../../domain/execution/cancellation.js';
import type { ProgressReport } from '../../domain/execution/task-progress.js';
import type { ClosingSummary } from '../../domain/closing.js';
import {
  acknowledgementInputSchema, consultationInputSchema, decisionInputSchema, preparationInputSchema, taskDoneInputSchema,
  type DecisionResult, type GateStage,
} from '../../domain/gates.js';
import { MAX_LISTED_REJECTIONS, MAX_MESSAGE_LENGTH } from '../../domain/imports/rejections.js';
import { sourceNameProblem } from '../../domain/metrics-import.js';
import { CHANNEL_KINDS, goalSchema, planSchema } from '../../domain/plan/schema.js';
import type { ActionResult } from '../../workflows/contract.js';
import type { AuditEntry } from '../../store/index.js';
import type { CampaignListing, CampaignReading } from '../campaigns.js';
import type { Inbox } from '../inbox.js';
import { PROBLEMS } from './problems.js';
import { PERSON_ID, ROLES, type Caller } from './tokens.js';

/** Every named schema, by the component name the OpenAPI document gives it. */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

function named<S extends z.ZodType>(schema: S, id: string, description?: string): S {
  apiSchemas.add(schema, { id, ...(description ? { description } : {}) });
  return schema;
}

export const campaignId = z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/, {
  message: 'use lower-case letters, digits and dashes, e.g. spring-tea-2027-b',
});
export const personId = z.string().regex(PERSON_ID, { message: 'a team member id, e.g. li.na' });
const gateId = z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'a gate id, e.g. assets' });
const taskId = z.string().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'a task id, e.g. script' });
const stepId = z.string().min(1).max(300).regex(/^[A-Za-z0-9][A-Za-z0-9._:~@+-]*$/, { message: 'a failed step\'s id, e.g. budget:initial:douyin' });
const timeScale = z.number().positive().max(1_000_000).meta({ description: 'Every plan duration is divided by this; rehearsals only. Production runs at 1.' });
const instant = z.string().meta({ description: 'ISO 8601 instant', format: 'date-time' });
const phase = z.enum(['preparation', 'pilot', 'warmup', 'rollout', 'closing', 'closed']);

named(planSchema, 'Plan', 'A campaign plan (docs/plan.schema.json); validated with every rule, not only this shape.');
named(goalSchema, 'Goal', 'A node of the KPI tree.');

/** Read as any object, then validated as a plan with every rule; documented as a Plan. */
export const planObject = z.record(z.string(), z.unknown());

// ---------- requests

export const CampaignParams = z.strictObject({ id: campaignId });
export const GateParams = z.strictObject({ id: campaignId, gate: gateId });
export const TaskParams = z.strictObject({ id: campaignId, task: taskId });
export const StepParams = z.strictObject({ id: campaignId, step: stepId });

export const ListQuery = named(z.strictObject({
  phase: phase.optional(),
  waitingOn: personId.optional(),
}), 'ListQuery');

const sandbox = z.boolean({ error: 'sandbox is true or false' }).meta({
  description: 'Say true to start at time scale 1 with sandbox channels: a rehearsal at full length. Without it such a start is refused (`sandbox-launch`).',
});

export const StartQuery = named(z.strictObject({
  id: campaignId.optional(),
  timeScale: z.coerce.number<string>().pipe(timeScale).optional(),
  sandbox: z.enum(['true', 'false'], { error: 'sandbox is true or false' }).transform((v) => v === 'true').pipe(sandbox).optional(),
}), 'StartQuery', 'Only with a YAML body; a JSON body carries these fields itself.');

export const StartCampaignRequest = named(z.strictObject({
  plan: z.union([planObject, z.string().min(1)], { error: 'give the plan as a JSON object, or as the text of a plan file' }).meta({
    description: 'The plan as a JSON object (see Plan), or the text of a plan file (YAML or JSON).',
  }),
  id: campaignId.optional().meta({ description: 'Campaign id; default the plan id. One id names one campaign for good.' }),
  timeScale: timeScale.default(1),
  sandbox: sandbox.default(false),
}), 'StartCampaignRequest');

/** Why a campaign is a rehearsal (domain/rehearsal.ts). */
const RehearsalSchema = named(z.object({
  timeScale: z.number().optional().meta({ description: 'The time scale, when it is not 1.' }),
  sandboxChannels: z.array(z.string()).meta({ description: 'The channels that go to the sandbox simulator.' }),
}), 'Rehearsal', 'A campaign at a time scale other than 1 or with sandbox channels: its numbers are not a real campaign\'s, and the case library leaves it out unless asked.');

export const DecisionRequest = named(
  decisionInputSchema.omit({ gate: true, by: true }),
  'DecisionRequest',
  'The person deciding is the holder of the token, never a field of the body.',
);

const BY_TOKEN = 'The person acting is the holder of the token, never a field of the body.';

export const ReadinessRequest = named(
  preparationInputSchema.omit({ gate: true, by: true }).refine(
    (b) => b.ready !== undefined || b.evidence.length > 0 || b.tick.length > 0 || b.untick.length > 0,
    { message: 'say what changed: ready, evidence, tick or untick' },
  ),
  'ReadinessRequest',
  `Mark your deliverables ready (or not), add evidence, tick or untick checklist items (by text or number, 1 = first). ${BY_TOKEN}`,
);

export const ConsultationRequest = named(consultationInputSchema.omit({ gate: true, by: true }), 'ConsultationRequest', BY_TOKEN);

export const AcknowledgementRequest = named(acknowledgementInputSchema.omit({ by: true }), 'AcknowledgementRequest', `An empty object. ${BY_TOKEN}`);

export const TaskCompletionRequest = named(taskDoneInputSchema.omit({ task: true, by: true }), 'TaskCompletionRequest', `An empty object. ${BY_TOKEN}`);

/** Where the rows of a file come from; record ids are unique per source. */
function sourceQuery(id: string, description: string) {
  return named(z.strictObject({
    source: z.string().default('import').superRefine((value, ctx) => {
      const problem = sourceNameProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }).meta({ description }),
  }), id);
}

export const MetricsQuery = sourceQuery('MetricsQuery', 'Where the numbers come from, e.g. douyin-export; record ids are unique per source. Default "import".');
export const InteractionsQuery = sourceQuery('InteractionsQuery', 'Where the items come from, e.g. weibo-export; stored with each item. Default "import".');

/** A file of rows as the import reads it; the media type says which format. */
export const ImportFile = z.object({ text: z.string(), format: z.enum(['csv', 'ndjson']) });

/**
 * A request body checked by the domain schema it feeds (with the token's person as `by`), so the
 * API refuses exactly what the CLI and the workflow's validator refuse, naming the field.
 */
function checkedAs(schema: z.ZodType) {
  return (body: object, ctx: z.core.$RefinementCtx) => {
    const full = schema.safeParse({ ...body, by: 'token-holder' });
    if (full.success) return;
    for (const issue of full.error.issues) {
      if (issue.path[0] === 'by') continue;
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }
  };
}

const pilotFields = pilotDecisionInputSchema.shape;
export const PilotDecisionRequest = named(
  z.strictObject({ decision: pilotFields.decision, comment: pilotFields.comment, extendBy: pilotFields.extendBy })
    .superRefine(checkedAs(pilotDecisionInputSchema)),
  'PilotDecisionRequest',
  `go, extend (with extendBy, e.g. "3d"), send-back or cancel; every decision but go needs a comment. ${BY_TOKEN}`,
);

const crisisFields = crisisActionInputSchema.shape;
export const CrisisActionRequest = named(
  z.strictObject({ action: crisisFields.action, reason: crisisFields.reason, statement: crisisFields.statement })
    .superRefine(checkedAs(crisisActionInputSchema)),
  'CrisisActionRequest',
  'start (ops, with a reason): stop publishing and budget changes; statement (anyone on the team): propose the response '
    + 'statement; approve (the crisis\' accountable person): approve the statement and resume; end (ops, with a reason): '
    + `end a false alarm and resume. ${BY_TOKEN}`,
);

const stepFields = stepResolutionInputSchema.shape;
export const StepResolutionRequest = named(
  z.strictObject({ action: stepFields.action, comment: stepFields.comment }),
  'StepResolutionRequest',
  `retry: call the failed step again, under the same idempotency key; skip: go on without it (refused where what follows needs it). ${BY_TOKEN}`,
);

export const CancellationRequest = named(
  z.strictObject({ reason: cancellationInputSchema.shape.reason }),
  'CancellationRequest',
  `Why the campaign is cancelled: the team is told, and the audit trail keeps it. ${BY_TOKEN}`,
);

// ---------- responses

export const StartCampaignResponse = named(z.object({
  campaignId: z.string(),
  workflowId: z.string(),
  runId: z.string(),
  trustedKeys: z.array(z.string()).optional().meta({ description: 'The keys its decisions must be signed with; empty: it takes the caller\'s word (not recommended).' }),
  rehearsal: RehearsalSchema.nullable().optional().meta({ description: 'Why it is a rehearsal; null for a real campaign.' }),
}), 'StartCampaignResponse');

export const CampaignListingSchema = named(z.object({
  campaignId: z.string(),
  workflowId: z.string(),
  status: z.string().meta({ description: 'Temporal execution status, e.g. RUNNING, COMPLETED' }),
  phase: z.string().nullable(),
  owner: z.string().nullable(),
  waitingOn: z.array(z.string()),
  startTime: instant,
  problem: z.string().optional().meta({ description: 'What is wrong with the campaign\'s workflow (failed, terminated, stuck), in a sentence; absent when nothing is.' }),
  rehearsal: z.boolean().optional().meta({ description: 'True for a rehearsal (time scale other than 1, or sandbox channels); absent when the records cannot say.' }),
}), 'CampaignListing');

export const CampaignList = named(z.object({ campaigns: z.array(CampaignListingSchema) }), 'CampaignList', 'Newest first.');

const decisionKind = z.enum(['approve', 'send-back']);

const GateRoundSchema = z.object({
  round: z.int(),
  decision: decisionKind,
  by: z.string(),
  onBehalfOf: z.string().optional(),
  comment: z.string().optional(),
  at: instant,
});

const GateStateSchema = named(z.object({
  id: z.string(),
  title: z.string(),
  accountable: z.string(),
  status: z.enum(['waiting', 'approved']),
  round: z.int(),
  openedAt: instant.optional().meta({ description: 'When the current round opened; absent while the gate cannot be decided yet.' }),
  rounds: z.array(GateRoundSchema),
}), 'GateState', 'The fields every client may rely on; more describe how the gate is being prepared.');

const channelMetrics = z.object({
  channelId: z.string(),
  impressions: z.number(),
  clicks: z.number(),
  uv: z.number(),
  orders: z.number(),
  spend: z.number(),
  revenue: z.number(),
});

const ratio = z.number().nullable();

const ReviewSchema = named(z.object({
  key: z.string(),
  period: z.enum(['daily', 'weekly', 'monthly']),
  day: z.int(),
  at: instant,
  lines: z.array(z.object({ channelId: z.string(), period: channelMetrics, cumulative: channelMetrics, cpa: ratio, roi: ratio })),
  totals: z.object({ spend: z.number(), orders: z.number(), revenue: z.number(), cpa: ratio, roi: ratio }),
  changes: z.array(z.object({ channelId: z.string(), from: z.number(), to: z.number(), reason: z.string() })),
  notes: z.array(z.string()),
}), 'Review');

const KpiProgressSchema = z.object({ id: z.string(), name: z.string(), target: z.number(), actual: ratio, attainment: ratio });

const ClosingSummarySchema = named(z.object({
  campaignId: z.string(),
  closedAt: instant,
  currency: z.string(),
  kpis: z.array(KpiProgressSchema),
  channels: z.array(z.object({ channelId: z.string(), spend: z.number(), orders: z.number(), revenue: z.number(), cpa: ratio, roi: ratio })),
  totals: z.object({ spend: z.number(), orders: z.number(), revenue: z.number(), roi: ratio, budget: z.number(), budgetUsed: ratio }),
}), 'ClosingSummary');

const TaskProgressSchema = z.object({
  id: z.string(),
  name: z.string(),
  dependsOn: z.array(z.string()).readonly(),
  plannedStart: z.number(),
  plannedFinish: z.number(),
  status: z.enum(['done', 'running', 'waiting']),
  actualStart: z.number().optional(),
  actualFinish: z.number().optional(),
  forecastStart: z.number(),
  forecastFinish: z.number(),
  lateness: z.number().meta({ description: 'Forecast (or actual) finish minus planned finish, in days; late when positive.' }),
  critical: z.boolean().meta({ description: 'On the chain that decides the forecast end.' }),
});

export const ScheduleSchema = named(z.object({
  tasks: z.array(TaskProgressSchema),
  criticalPath: z.array(z.string()),
  plannedEnd: z.number(),
  forecastEnd: z.number(),
  delay: z.number().meta({ description: 'forecastEnd − plannedEnd, in days.' }),
}), 'Schedule', 'The task schedule as it runs: planned against actual, the rest forecast. Times are days of plan time from the plan\'s start.');

const bilingual = z.object({ en: z.string(), 'zh-CN': z.string() });

const CrisisAssessmentSchema = z.object({
  triggered: z.boolean(),
  reason: z.enum(['negative-share', 'below-volume', 'below-share']),
  window: z.object({ from: instant, to: instant }),
  volume: z.int(),
  negatives: z.int(),
  share: z.number(),
  topChannels: z.array(z.object({ channelId: z.string(), negatives: z.int(), volume: z.int() })),
  message: bilingual,
});

const SlaBreachSchema = z.object({
  id: z.string(), channelId: z.string(), author: z.string(), at: instant, dueAt: instant,
  overdueMs: z.number(), message: bilingual,
});

const monitorFigures = z.record(z.string(), z.number());

const ExecutionStatusSchema = named(z.object({
  clock: z.object({ planStart: instant, workflowStart: instant }).meta({
    description: 'Where plan time and the workflow\'s clock meet (a rehearsal runs a compressed clock).',
  }),
  schedule: ScheduleSchema.optional().meta({ description: 'Absent until the campaign has tasks to schedule.' }),
  pilot: z.object({
    status: z.enum(['running', 'deciding', 'go', 'sent-back', 'cancelled']),
    channels: z.array(z.string()),
    budget: z.number(),
    days: z.number(),
    plannedDays: z.number(),
    evaluation: z.object({ recommendation: z.enum(['go', 'no-go']), message: bilingual }).optional()
      .meta({ description: 'The go/no-go recommendation for pilot.decidedBy, once the pilot has run.' }),
    decisions: z.array(z.object({
      decision: z.enum(['go', 'extend', 'send-back', 'cancel']), by: z.string(), at: instant,
      comment: z.string().optional(), extendBy: z.string().optional(),
    })),
  }).optional().meta({ description: 'Absent for plans without a pilot.' }),
  posts: z.array(z.object({
    key: z.string().meta({ description: '<phase>:<content>:<channel>:<n>; also the publish\'s idempotency key.' }),
    phase: z.enum(['warmup', 'rollout']),
    contentId: z.string(),
    channelId: z.string(),
    at: instant.meta({ description: 'Plan time.' }),
    status: z.enum(['scheduled', 'published', 'failed', 'held']),
    postId: z.string().optional(),
    error: z.string().optional().meta({ description: 'Why the platform refused it (status failed).' }),
  })),
  crisis: z.object({
    status: z.enum(['active', 'resolved']),
    startedBy: z.string().meta({ description: '"auto" when the warning rule triggered, else who started it.' }),
    startedAt: instant,
    reason: z.string(),
    assessment: CrisisAssessmentSchema.optional(),
    statement: z.object({ text: z.string(), by: z.string(), at: instant }).optional(),
    resolvedBy: z.string().optional(),
    resolvedAt: instant.optional(),
    held: z.int().meta({ description: 'Posts and budget changes held back while it was active.' }),
  }).optional().meta({ description: 'The latest crisis, absent when there has been none.' }),
  crises: z.int(),
  interactions: z.object({
    checkedAt: instant,
    total: z.int(),
    negative: z.int(),
    breaches: z.array(SlaBreachSchema).meta({ description: 'Unanswered past responseSla, longest overdue first (at most five).' }),
    breachCount: z.int(),
    waiting: z.int(),
    lastAssessment: CrisisAssessmentSchema.optional(),
  }).optional().meta({ description: 'Absent until interactions have been checked.' }),
  monitoring: z.object({
    day: z.int(),
    channels: z.array(z.object({ channelId: z.string(), today: monitorFigures, total: monitorFigures })),
  }).optional(),
}), 'ExecutionStatus', 'Schedule, pilot, posts, crisis, interactions and monitoring (docs/execution.md).');

const FailedStepSchema = named(z.object({
  id: z.string().meta({ description: 'The step: its effect key (budget:initial:douyin, post:…) or what it reads or records.' }),
  activity: z.string(),
  summary: z.string(),
  channel: z.string().optional(),
  error: z.string(),
  errorType: z.string().optional().meta({ description: 'The failure type, e.g. ChannelRejected for a platform\'s refusal.' }),
  failedAt: instant,
  failures: z.int(),
  skippable: z.boolean().meta({ description: 'False where what follows needs the step: only a retry helps.' }),
  status: z.enum(['waiting', 'retried', 'skipped']),
  decided: z.object({ action: z.enum(['retry', 'skip']), by: z.string(), at: instant, comment: z.string().optional() }).optional(),
}), 'FailedStep', 'An effect or record the campaign could not carry out; it waits for the owner, the channel\'s responsible person or ops to retry or skip it.');

export const CampaignStatusSchema = named(z.object({
  id: z.string(),
  name: z.string(),
  owner: z.string(),
  currency: z.string(),
  phase,
  timeScale: z.number(),
  rehearsal: RehearsalSchema.nullable().meta({ description: 'Why the campaign is a rehearsal; null for a real one, or before it has registered in the records.' }),
  day: z.int().meta({ description: 'Rollout day reached (0 before the rollout).' }),
  rolloutDays: z.int(),
  waitingOn: z.array(z.string()),
  gates: z.array(GateStateSchema),
  tasks: z.array(z.object({ id: z.string(), name: z.string(), owner: z.string(), phase: z.string(), status: z.enum(['planned', 'done']) })),
  channels: z.array(z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(CHANNEL_KINDS),
    allocation: z.number(),
    dailyBudget: z.number(),
    status: z.enum(['planned', 'active', 'paused']),
    spend: z.number(),
    orders: z.number(),
    uv: z.number(),
    revenue: z.number(),
  })),
  kpis: z.array(KpiProgressSchema),
  reviews: z.array(ReviewSchema).meta({ description: 'Latest first.' }),
  alerts: z.array(z.object({ at: instant, severity: z.enum(['info', 'warning', 'critical']), message: z.string() })),
  steps: z.array(FailedStepSchema).meta({ description: 'Activities the campaign could not carry out, and what was decided about them.' }),
  closing: ClosingSummarySchema.nullable().meta({ description: 'Null until the campaign has closed.' }),
  execution: ExecutionStatusSchema,
  reading: z.object({
    asOf: instant.meta({ description: 'The campaign\'s own clock when it published this status: the state is as of then.' }),
    publishedAt: instant.meta({ description: 'When the records database received it.' }),
    ageMs: z.number().nonnegative().meta({ description: 'How long before this answer it was published.' }),
    workflow: z.object({
      status: z.string().meta({ description: 'Temporal execution status (RUNNING, COMPLETED, FAILED, TERMINATED, …), or UNKNOWN when Temporal does not answer.' }),
      problem: z.string().optional().meta({ description: 'What is wrong with the campaign\'s workflow, in a sentence (failed, terminated, a workflow task failing, an activity retrying for long); absent when nothing is.' }),
    }),
  }).meta({ description: 'How the status was read: from the read model the campaign publishes, with no worker needed.' }),
}), 'CampaignStatus', 'Where a campaign stands. Objects may carry more fields than listed here.');

export const DecisionResponse = named(z.object({
  gate: z.string(),
  decision: decisionKind,
  status: z.enum(['waiting', 'approved']),
  round: z.int(),
}), 'DecisionResponse');

export const ActionResponse = named(z.object({
  accepted: z.literal(true),
  stage: z.enum(['blocked', 'preparing', 'consulting', 'deciding', 'approved'] satisfies GateStage[]).optional()
    .meta({ description: 'The gate\'s stage after the action, when the action was about a gate.' }),
}), 'ActionResponse');

export const AuditTrailSchema = named(z.object({
  campaignId: z.string(),
  entries: z.array(z.object({
    at: instant,
    kind: z.string().meta({ description: 'decision, readiness, checklist, consultation, acknowledgement, task, reminder, escalation, …' }),
    gate: z.string().nullable(),
    task: z.string().nullable(),
    actor: z.string().nullable().meta({ description: 'Who acted; null for what the campaign did itself (reminders, escalations).' }),
    detail: z.record(z.string(), z.unknown()),
  })).meta({ description: 'Oldest first.' }),
}), 'AuditTrail', 'The same trail as `campaign audit <id>`, from the records database.');

const RejectedLineSchema = named(z.object({
  line: z.int(),
  field: z.string().nullable().meta({ description: 'The column or field at fault; null when the line as a whole is unreadable.' }),
  message: z.string().meta({ description: `What is wrong and how to fix it; one quoting a long value is cut in the middle to at most ${MAX_MESSAGE_LENGTH} characters.` }),
}), 'RejectedLine');

const RejectionReasonSchema = named(z.object({
  kind: z.enum(['field', 'unknown-field', 'line']).meta({
    description: '`field`: values (or the column) of one of the kind\'s fields; `unknown-field`: fields the kind does not have; `line`: lines unreadable as a whole.',
  }),
  field: z.string().nullable().meta({ description: 'The field, for kind `field`; null otherwise.' }),
  count: z.int().meta({ description: 'Problems of this kind, listed or not.' }),
  firstLine: z.int(),
  example: z.string().meta({ description: 'The message of the first of them.' }),
}), 'RejectionReason');

/** The rejection fields every import report shares: the first problems, and counts that cover all of them. */
export function rejectionFields(noun: 'row' | 'item' | 'answer') {
  return {
    rejected: z.array(RejectedLineSchema).meta({
      description: `The first ${MAX_LISTED_REJECTIONS.toLocaleString('en')} problems by line (a line with several problems is listed once per problem); `
        + `every other ${noun} was imported. Fix them and send the whole file again: ${noun}s already stored are skipped.`,
    }),
    rejectedTotal: z.int().meta({ description: 'Every problem found, listed in `rejected` or not.' }),
    rejectedLines: z.int().meta({ description: 'Lines with at least one problem; none of them was imported.' }),
    rejectedReasons: z.array(RejectionReasonSchema).meta({ description: 'The problems by kind and field, the most frequent first.' }),
  };
}

export const MetricsImportReportSchema = named(z.object({
  campaignId: z.string(),
  source: z.string(),
  format: z.enum(['csv', 'ndjson']),
  inserted: z.int().meta({ description: 'Rows stored by this import.' }),
  duplicates: z.int().meta({ description: 'Rows already stored (an earlier import) or repeated within the file, unchanged.' }),
  ...rejectionFields('row'),
}), 'MetricsImportReport');

export const InteractionsImportReportSchema = named(z.object({
  campaignId: z.string(),
  source: z.string(),
  format: z.enum(['csv', 'ndjson']),
  inserted: z.int().meta({ description: 'Items stored by this import, each scored for sentiment.' }),
  duplicates: z.int().meta({ description: 'Items already stored (an earlier import) or repeated within the file, with the same content.' }),
  ...rejectionFields('item'),
}), 'InteractionsImportReport');

export const ScheduleResponse = named(z.object({
  campaignId: z.string(),
  schedule: ScheduleSchema.nullable().meta({ description: 'Null until the campaign has tasks to schedule.' }),
  now: z.number().nullable().meta({ description: 'Today as a plan-time day from the plan\'s start (on a rehearsal\'s compressed clock); null when unknown.' }),
}), 'ScheduleResponse');

export const CallerSchema = named(z.object({
  person: z.string(),
  role: z.enum(ROLES),
  tokenId: z.string().meta({ description: 'The token\'s id, as `campaign tokens list` shows it.' }),
}), 'Caller');

export const InboxSchema = named(z.object({
  person: z.string(),
  items: z.array(z.object({
    person: z.string(),
    kind: z.enum(['decide', 'prepare', 'consult', 'acknowledge', 'task', 'pilot', 'crisis', 'retrospect', 'step']).meta({
      description: 'decide: approve or send back the gate (or budget proposal, or the closing sign-off); prepare: mark your deliverables ready; consult: comment before the decision; acknowledge: confirm the strategy; task: finish a task; pilot: decide the pilot\'s go/no-go; crisis: approve the crisis response statement; retrospect: give your retrospective answer; step: retry or skip a failed step.',
    }),
    gate: z.string().optional(),
    task: z.string().optional(),
    step: z.string().optional().meta({ description: 'The failed step, for kind step.' }),
    since: instant.meta({ description: 'Since when the campaign has been waiting on you for this.' }),
    campaignId: z.string(),
    campaignName: z.string(),
    title: z.string().meta({ description: 'The gate\'s title, the task\'s name or what the failed step does.' }),
    waitedMs: z.number().nonnegative(),
  })).meta({ description: 'What waits for the caller, longest waiting first.' }),
  unavailable: z.array(z.string()).meta({
    description: 'Campaigns whose last status waits on the caller but whose workflow is not running now (failed, terminated); their items are not listed.',
  }),
}), 'Inbox', 'The same inbox as `campaign inbox --as <person>`.');

export const HealthSchema = named(z.object({
  status: z.enum(['ok', 'unavailable']),
  temporal: z.enum(['ok', 'unavailable']),
  database: z.enum(['ok', 'unavailable']),
}), 'Health');

export const ProblemSchema = named(z.object({
  type: z.string().meta({ format: 'uri' }),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  errors: z.array(z.object({
    path: z.string().meta({ description: 'body.decision, query.phase, …; for invalid-plan a path in the plan, e.g. gates[2].accountable' }),
    message: z.string(),
    rule: z.string().optional(),
    line: z.int().optional(),
    column: z.int().optional(),
    fix: z.string().optional(),
  })).optional(),
}), 'Problem', `RFC 9457 problem details. Types: ${Object.keys(PROBLEMS).join(', ')}.`);

export const RoleSchema = z.enum(ROLES);

// The wire shapes are written out above for the document. Status: every status the workflow
// returns must fit what is documented (a changed field fails here); fields added to the workflow's
// status pass through, since response objects are open, until they are documented too. The small
// shapes built here must match exactly.
type Fits<Actual, Documented> = [Actual] extends [Documented] ? true : false;
type Same<A, B> = Fits<A, B> extends true ? Fits<B, A> : false;
const holds = <T extends true>(ok: T): T => ok;
holds<Fits<Omit<CampaignReading, 'closing' | 'rehearsal'> & { closing: ClosingSummary | null; rehearsal: Rehearsal | null }, z.output<typeof CampaignStatusSchema>>>(true);
holds<Same<z.output<typeof CampaignListingSchema>, Omit<CampaignListing, 'phase' | 'owner'> & { phase: string | null; owner: string | null }>>(true);
holds<Same<z.output<typeof DecisionResponse>, DecisionResult>>(true);
holds<Same<z.output<typeof InboxSchema>, Inbox>>(true);
holds<Same<z.output<typeof ActionResponse>, ActionResult>>(true);
holds<Same<z.output<typeof AuditTrailSchema>['entries'][number], AuditEntry>>(true);
holds<Same<z.output<typeof MetricsImportReportSchema>, MetricsImportReport>>(true);
holds<Same<z.output<typeof CallerSchema>, Caller>>(true);
holds<Same<z.output<typeof InteractionsImportReportSchema>, InteractionsImportReport>>(true);
holds<Fits<ProgressReport, z.output<typeof ScheduleSchema>>>(true);
