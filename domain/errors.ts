/**
 * The catalogue of failure types (ApplicationFailure `type`). Clients map them to exit codes and
 * HTTP problem types, so the strings are part of the contract.
 */
export const ErrorType = {
  /** The input is malformed: a missing field, a wrong type. Exit 2. */
  InvalidInput: 'InvalidInput',
  /** The plan does not validate. Exit 2. */
  InvalidPlan: 'InvalidPlan',
  /** No campaign has this id. Exit 2. */
  CampaignNotFound: 'CampaignNotFound',
  /** No such record: a case, or a report in the language asked for. Exit 2. */
  NotFound: 'NotFound',
  /** The campaign id was used before (one id names one campaign for good). Exit 3. */
  CampaignExists: 'CampaignExists',
  /** The gate does not exist in this campaign. Exit 2. */
  UnknownGate: 'UnknownGate',
  /** The task does not exist in this campaign. Exit 2. */
  UnknownTask: 'UnknownTask',
  /** The gate is not waiting for a decision (already approved, or not open yet). Exit 3. */
  GateClosed: 'GateClosed',
  /** The gate is not open for this yet (waiting for dependencies, readiness or consultation). Exit 3. */
  GateNotOpen: 'GateNotOpen',
  /** Approving needs every checklist item ticked. Exit 3. */
  ChecklistIncomplete: 'ChecklistIncomplete',
  /** A task's dependencies are not done yet. Exit 3. */
  TaskBlocked: 'TaskBlocked',
  /** The same thing was already done (acknowledged, completed). Exit 3. */
  AlreadyDone: 'AlreadyDone',
  /** The person may not take this decision. Exit 3. */
  NotAuthorised: 'NotAuthorised',
  /** A send-back must say what to rework. Exit 2. */
  CommentRequired: 'CommentRequired',
  /** A channel platform refused a request for good (4xx). */
  ChannelRejected: 'ChannelRejected',
  /** The campaign is not at the step the action belongs to (no pilot to decide, not closing yet). Exit 3. */
  WrongPhase: 'WrongPhase',
  /** The campaign exists but no worker has published its status yet (none running?). Exit 1. */
  StatusNotPublished: 'StatusNotPublished',
  /** No failed step has this id in this campaign. Exit 2. */
  UnknownStep: 'UnknownStep',
  /** The failed step cannot be skipped (what follows needs it): only a retry helps. Exit 3. */
  CannotSkip: 'CannotSkip',
  /**
   * The Update's signature is missing, forged, made for something else, expired, used before, or
   * by a key the campaign does not trust for this person. Exit 3.
   */
  SignatureRefused: 'SignatureRefused',
  /** A start at time scale 1 with sandbox channels, without saying it is a rehearsal (`--sandbox`). Exit 3. */
  SandboxLaunch: 'SandboxLaunch',
  /** A plan draft from a rehearsal's case, without asking for rehearsals (`--include-rehearsals`). Exit 3. */
  RehearsalCase: 'RehearsalCase',
} as const;

export type ErrorTypeName = (typeof ErrorType)[keyof typeof ErrorType];

const REFUSALS = new Set<string>([
  ErrorType.CampaignExists, ErrorType.GateClosed, ErrorType.GateNotOpen, ErrorType.ChecklistIncomplete,
  ErrorType.AlreadyDone, ErrorType.NotAuthorised, ErrorType.TaskBlocked, ErrorType.WrongPhase, ErrorType.CannotSkip,
  ErrorType.SignatureRefused, ErrorType.SandboxLaunch, ErrorType.RehearsalCase,
]);

const INVALID_INPUT = new Set<string>([
  ErrorType.InvalidInput, ErrorType.InvalidPlan, ErrorType.CommentRequired, ErrorType.UnknownGate, ErrorType.UnknownTask,
  ErrorType.CampaignNotFound, ErrorType.NotFound, ErrorType.UnknownStep,
]);

/** Refusals (exit 3) versus invalid input (exit 2), as the CLI and API report them. */
export function isRefusal(type: string | undefined): boolean {
  return REFUSALS.has(type ?? '');
}

/** The CLI's exit code for a failure type: 3 refused, 2 invalid input, 1 anything else. */
export function exitCodeFor(type: string | undefined): 1 | 2 | 3 {
  if (REFUSALS.has(type ?? '')) return 3;
  if (INVALID_INPUT.has(type ?? '')) return 2;
  return 1;
}
