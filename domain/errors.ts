/**
 * The catalogue of failure types (ApplicationFailure `type`). Clients map them to exit codes and
 * HTTP problem types, so the strings are part of the contract.
 */
export const ErrorType = {
  /** The input is malformed: a missing field, a wrong type. Exit 2. */
  InvalidInput: 'InvalidInput',
  /** The plan does not validate. Exit 2. */
  InvalidPlan: 'InvalidPlan',
  /** The gate does not exist in this campaign. Exit 3. */
  UnknownGate: 'UnknownGate',
  /** The gate is not waiting for a decision (already approved, or not open yet). Exit 3. */
  GateClosed: 'GateClosed',
  /** The person may not take this decision. Exit 3. */
  NotAuthorised: 'NotAuthorised',
  /** A send-back must say what to rework. Exit 2. */
  CommentRequired: 'CommentRequired',
  /** A channel platform refused a request for good (4xx). */
  ChannelRejected: 'ChannelRejected',
} as const;

export type ErrorTypeName = (typeof ErrorType)[keyof typeof ErrorType];

/** Refusals (exit 3) versus invalid input (exit 2), as the CLI and API report them. */
export function isRefusal(type: string | undefined): boolean {
  return type === ErrorType.UnknownGate || type === ErrorType.GateClosed || type === ErrorType.NotAuthorised;
}
