/**
 * One POST to a chat robot or webhook, sorted into delivered, unavailable or rejected. Error
 * messages name the service and what it answered, never the URL: robot URLs carry their access
 * token, and these messages end up in logs, PostgreSQL and the campaign's status.
 */
import { NotificationRejectedError, NotificationUnavailableError } from './errors.js';

export interface HttpPost {
  url: string;
  /** The exact bytes to send: signatures are computed over them. */
  body: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Who we are talking to, e.g. "WeCom robot", to start every error message with. */
  service: string;
}

export interface HttpReply {
  status: number;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** 408 and 429 mean "not now": the same request may be accepted later. */
const TRANSIENT_CLIENT_STATUSES = new Set([408, 429]);

/** Posts and returns any answer; throws only when there was no answer (network, timeout). */
export async function post(request: HttpPost): Promise<HttpReply> {
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...request.headers },
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
      // Following a redirect would send the message somewhere the plan did not name; a 3xx is
      // reported as a refusal instead, so someone corrects the URL.
      redirect: 'manual',
    });
    const text = await response.text();
    return { status: response.status, text, json: parseJson(text) };
  } catch (error) {
    throw new NotificationUnavailableError(`${request.service}: ${describeNetworkError(error, request.timeoutMs)}`, { cause: error });
  }
}

/** Fails unless the status is 2xx: 5xx, 408 and 429 as unavailable, any other (3xx, 4xx) as rejected. */
export function requireSuccessStatus(service: string, reply: HttpReply, explanation = snippet(reply.text)): void {
  if (reply.status >= 200 && reply.status < 300) return;
  const message = `${service} answered HTTP ${reply.status}${explanation ? `: ${explanation}` : ''}`;
  if (reply.status >= 500 || TRANSIENT_CLIENT_STATUSES.has(reply.status)) throw new NotificationUnavailableError(message);
  throw new NotificationRejectedError(message);
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `could not be reached (${cause?.code ?? cause?.message ?? (error as Error).message})`;
}

export function snippet(text: string): string {
  return text.trim().slice(0, 200);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
