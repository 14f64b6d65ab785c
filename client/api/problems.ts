/**
 * Every failure the API reports, as RFC 9457 problem details. The `type` URIs are part of the
 * contract: clients branch on them, so a name once published keeps its meaning.
 */
import { QueryNotRegisteredError, QueryRejectedError, ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ErrorType } from '../../domain/errors.js';
import { CampaignError } from '../campaigns.js';

const PROBLEM_BASE = 'https://campaign-engine.dev/problems/';

export const PROBLEMS = {
  'invalid-request': { status: 400, title: 'The request is not valid' },
  'malformed-body': { status: 400, title: 'The body cannot be read' },
  'invalid-plan': { status: 400, title: 'The plan does not validate' },
  'comment-required': { status: 400, title: 'A send-back needs a comment' },
  'unauthenticated': { status: 401, title: 'A valid API token is required' },
  'role-not-permitted': { status: 403, title: 'Your role may not do this' },
  'not-authorised': { status: 403, title: 'This decision is not yours to take' },
  'not-found': { status: 404, title: 'There is no such resource' },
  'campaign-not-found': { status: 404, title: 'There is no such campaign' },
  'unknown-gate': { status: 404, title: 'There is no such gate in this campaign' },
  'campaign-exists': { status: 409, title: 'A campaign with this id already exists' },
  'gate-closed': { status: 409, title: 'The gate is not waiting for a decision' },
  'gate-not-open': { status: 409, title: 'The gate cannot be decided yet' },
  'checklist-incomplete': { status: 409, title: 'The gate\'s checklist is not complete' },
  'refused': { status: 409, title: 'The campaign is not in a state that allows this' },
  'payload-too-large': { status: 413, title: 'The body is too large' },
  'unsupported-media-type': { status: 415, title: 'The body has a content type this route does not take' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'internal-error': { status: 500, title: 'The API failed unexpectedly' },
  'upstream-failure': { status: 502, title: 'The workflow service failed the request' },
  'service-unavailable': { status: 503, title: 'The workflow service or database is unavailable' },
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
    readonly extra: { errors?: ProblemError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'ApiProblem';
    this.status = PROBLEMS[problem].status;
  }

  body(): ProblemBody {
    const { title, status } = PROBLEMS[this.problem];
    return { type: problemTypeUri(this.problem), title, status, detail: this.detail, ...(this.extra.errors ? { errors: this.extra.errors } : {}) };
  }
}

/**
 * Maps a client-side failure to a problem. The CLI's exit codes carry the same distinction
 * (2 invalid, 3 refused, 1 operational); the failure type refines it where HTTP says more.
 */
export function problemFromCampaignError(err: CampaignError, campaignId?: string): ApiProblem {
  switch (err.type) {
    case ErrorType.NotAuthorised:
      return new ApiProblem('not-authorised', err.message);
    case ErrorType.GateClosed:
      return new ApiProblem('gate-closed', err.message);
    case ErrorType.GateNotOpen:
      return new ApiProblem('gate-not-open', err.message);
    case ErrorType.ChecklistIncomplete:
      return new ApiProblem('checklist-incomplete', err.message);
    case ErrorType.UnknownGate:
      return new ApiProblem('unknown-gate', err.message);
    case ErrorType.CommentRequired:
      return new ApiProblem('comment-required', err.message);
    case ErrorType.InvalidInput:
      return new ApiProblem('invalid-request', err.message);
    case ErrorType.InvalidPlan:
      return new ApiProblem('invalid-plan', err.message);
    case ErrorType.CampaignNotFound:
      return new ApiProblem('campaign-not-found', campaignId ? `There is no campaign "${campaignId}".` : 'There is no such campaign.');
    case ErrorType.CampaignExists:
      return new ApiProblem('campaign-exists', campaignId
        ? `A campaign with id "${campaignId}" already exists; give a new "id" to run this plan again.`
        : err.message);
  }
  if (err.type === undefined) {
    return new ApiProblem('service-unavailable', 'The workflow service is not answering; try again shortly.', { headers: { 'retry-after': '5' } });
  }
  // Other failure types keep their class: refused, invalid, or a failure the caller cannot fix.
  if (err.exitCode === 3) return new ApiProblem('refused', err.message);
  if (err.exitCode === 2) return new ApiProblem('invalid-request', err.message);
  // Operational failures name servers and internals: the caller gets a sentence, the log the rest.
  return new ApiProblem('upstream-failure', 'The workflow service could not complete the request.');
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
