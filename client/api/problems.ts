/**
 * Every failure the API reports, as RFC 9457 problem details. The `type` URIs are part of the
 * contract: clients branch on them, so a name once published keeps its meaning.
 */
import { QueryNotRegisteredError, QueryRejectedError, ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ErrorType, exitCodeFor, type ErrorTypeName } from '../../domain/errors.js';
import { CampaignError } from '../campaigns.js';

const PROBLEM_BASE = 'https://campaign-engine.dev/problems/';

export const PROBLEMS = {
  'invalid-request': { status: 400, title: 'The request is not valid' },
  'malformed-body': { status: 400, title: 'The body cannot be read' },
  'invalid-plan': { status: 400, title: 'The plan does not validate' },
  'comment-required': { status: 400, title: 'A send-back needs a comment' },
  'unauthenticated': { status: 401, title: 'A valid API token is required' },
  'role-not-permitted': { status: 403, title: 'Your role may not do this' },
  'not-authorised': { status: 403, title: 'This is not yours to decide or do' },
  'signature-refused': { status: 403, title: 'The campaign does not accept the signature this API server made' },
  'not-found': { status: 404, title: 'There is no such resource' },
  'campaign-not-found': { status: 404, title: 'There is no such campaign' },
  'unknown-gate': { status: 404, title: 'There is no such gate in this campaign' },
  'unknown-task': { status: 404, title: 'There is no such task in this campaign' },
  'unknown-step': { status: 404, title: 'There is no such failed step in this campaign' },
  'campaign-exists': { status: 409, title: 'A campaign with this id already exists' },
  'gate-closed': { status: 409, title: 'The gate is not waiting for a decision' },
  'gate-not-open': { status: 409, title: 'The gate cannot be decided yet' },
  'checklist-incomplete': { status: 409, title: 'The gate\'s checklist is not complete' },
  'already-done': { status: 409, title: 'This was already done' },
  'task-blocked': { status: 409, title: 'The task waits for other tasks to be done first' },
  'refused': { status: 409, title: 'The campaign is not in a state that allows this' },
  'sandbox-launch': { status: 422, title: 'Sandbox channels at time scale 1 need "sandbox": true' },
  'rehearsal-case': { status: 422, title: 'The case is a rehearsal; ask with includeRehearsals=true' },
  'unknown-person': { status: 422, title: 'Nobody by this id is known to the campaigns' },
  'payload-too-large': { status: 413, title: 'The body is too large' },
  'unsupported-media-type': { status: 415, title: 'The body has a content type this route does not take' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'internal-error': { status: 500, title: 'The API failed unexpectedly' },
  'upstream-failure': { status: 502, title: 'The workflow service failed the request' },
  'service-unavailable': { status: 503, title: 'The workflow service or database is unavailable' },
  'status-not-published': { status: 503, title: 'The campaign has not published its status yet' },
} as const;

export type ProblemName = keyof typeof PROBLEMS;

export const problemTypeUri = (name: ProblemName): string => `${PROBLEM_BASE}${name}`;

/** One thing wrong with a request: where (`body.decision`, `query.phase`, a plan path) and what. */
export interface ProblemError {
  path: string;
  message: string;
  rule?: string;
  line?: number;
  column?: number;
  fix?: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: ProblemError[];
}

/** Thrown by handlers and hooks; the error handler turns it into the response. */
export class ApiProblem extends Error {
  readonly status: number;

  constructor(
    readonly problem: ProblemName,
    readonly detail: string,
    /** `cause`: the CampaignError it came from, when a campaign (not the API) refused. */
    readonly extra: { errors?: ProblemError[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(detail, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'ApiProblem';
    this.status = PROBLEMS[problem].status;
  }

  body(): ProblemBody {
    const { title, status } = PROBLEMS[this.problem];
    return { type: problemTypeUri(this.problem), title, status, detail: this.detail, ...(this.extra.errors ? { errors: this.extra.errors } : {}) };
  }
}

/**
 * The failure type (domain/errors.ts) behind each problem that has one. The server reads it one
 * way (failure → problem), API clients the other (problem → the CLI's exit code and type).
 */
const FAILURE_TYPES = {
  'invalid-request': ErrorType.InvalidInput,
  'invalid-plan': ErrorType.InvalidPlan,
  'comment-required': ErrorType.CommentRequired,
  'not-authorised': ErrorType.NotAuthorised,
  'signature-refused': ErrorType.SignatureRefused,
  'not-found': ErrorType.NotFound,
  'campaign-not-found': ErrorType.CampaignNotFound,
  'unknown-gate': ErrorType.UnknownGate,
  'unknown-task': ErrorType.UnknownTask,
  'unknown-step': ErrorType.UnknownStep,
  'campaign-exists': ErrorType.CampaignExists,
  'gate-closed': ErrorType.GateClosed,
  'gate-not-open': ErrorType.GateNotOpen,
  'checklist-incomplete': ErrorType.ChecklistIncomplete,
  'already-done': ErrorType.AlreadyDone,
  'task-blocked': ErrorType.TaskBlocked,
  'status-not-published': ErrorType.StatusNotPublished,
  'sandbox-launch': ErrorType.SandboxLaunch,
  'rehearsal-case': ErrorType.RehearsalCase,
} as const satisfies Partial<Record<ProblemName, ErrorTypeName>>;

const PROBLEM_OF_FAILURE = new Map<string, ProblemName>(
  Object.entries(FAILURE_TYPES).map(([problem, failure]) => [failure, problem as ProblemName]),
);

/**
 * Maps a client-side failure to a problem. The CLI's exit codes carry the same distinction
 * (2 invalid, 3 refused, 1 operational); the failure type refines it where HTTP says more.
 */
export function problemFromCampaignError(err: CampaignError, campaignId?: string): ApiProblem {
  const name = PROBLEM_OF_FAILURE.get(err.type ?? '');
  const cause = { cause: err };
  if (name === 'campaign-exists' && campaignId) {
    return new ApiProblem(name, `A campaign with id "${campaignId}" already exists; give a new "id" to run this plan again.`, cause);
  }
  // The detail without the CLI's hint: an HTTP caller has no `campaign` command to run.
  if (name === 'status-not-published') return new ApiProblem(name, err.detail, { headers: { 'retry-after': '2' }, ...cause });
  if (name) return new ApiProblem(name, err.detail, cause);
  if (err.type === undefined) {
    return new ApiProblem('service-unavailable', 'The workflow service is not answering; try again shortly.', { headers: { 'retry-after': '5' }, ...cause });
  }
  // Other failure types keep their class: refused, invalid, or a failure the caller cannot fix.
  if (err.exitCode === 3) return new ApiProblem('refused', err.detail, cause);
  if (err.exitCode === 2) return new ApiProblem('invalid-request', err.detail, cause);
  // Operational failures name servers and internals: the caller gets a sentence, the log the rest.
  return new ApiProblem('upstream-failure', 'The workflow service could not complete the request.', cause);
}

/**
 * What a problem means to the CLI: its exit code (2 invalid, 3 refused, 1 operational) and the
 * failure type it reports with --json. Types this client does not know go by their status.
 */
export function failureOfProblem(type: string, status: number): { exitCode: 1 | 2 | 3; type?: ErrorTypeName } {
  const name = type.startsWith(PROBLEM_BASE) ? type.slice(PROBLEM_BASE.length) : undefined;
  const failure = name !== undefined && Object.hasOwn(FAILURE_TYPES, name) ? FAILURE_TYPES[name as keyof typeof FAILURE_TYPES] : undefined;
  if (failure) return { exitCode: exitCodeFor(failure), type: failure };
  if (status === 401 || status === 403 || status === 409) return { exitCode: 3 };
  if (status >= 400 && status < 500 && status !== 429) return { exitCode: 2 };
  return { exitCode: 1 };
}

/** SDK failures the client functions pass through unchanged: no answer in time, or a refused query. */
export function problemFromTemporalError(err: unknown): ApiProblem | undefined {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new ApiProblem('service-unavailable', 'No answer in time; the decision may still be applied. Repeating the same request is safe and tells the outcome.', {
      headers: { 'retry-after': '5' },
    });
  }
  if (err instanceof ServiceError) {
    return new ApiProblem('service-unavailable', 'The workflow service did not answer in time; try again shortly.', { headers: { 'retry-after': '5' } });
  }
  if (err instanceof QueryRejectedError || err instanceof QueryNotRegisteredError) {
    return new ApiProblem('upstream-failure', 'The campaign could not answer the request.');
  }
  return undefined;
}

/** Connection-level failures of the records database (pg error classes 08, 53, 57P; socket errors). */
export function problemFromDatabaseError(err: unknown): ApiProblem | undefined {
  const code = (err as { code?: unknown }).code;
  const unreachable = typeof code === 'string' && /^(08|53|57P|ECONN|ETIMEDOUT|ENOTFOUND|EAI_AGAIN)/.test(code);
  if (!unreachable && !/timeout exceeded when trying to connect|Connection terminated/.test((err as Error).message ?? '')) return undefined;
  return new ApiProblem('service-unavailable', 'The records database is not answering; try again shortly.', { headers: { 'retry-after': '5' } });
}
