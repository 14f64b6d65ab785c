/**
 * The two ways a delivery fails. Unavailable (network, timeout, 5xx, throttling) may succeed on a
 * later attempt; rejected (4xx, a robot's error code, an SMTP 5xx) will not until someone fixes
 * the target, so retrying it would only repeat the refusal.
 */
export class NotificationUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NotificationUnavailableError';
  }
}

export class NotificationRejectedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NotificationRejectedError';
  }
}

export function isRetryable(err: unknown): boolean {
  return !(err instanceof NotificationRejectedError);
}
