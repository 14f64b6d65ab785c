/**
 * JSON over HTTP for channel adapters, sorted into the two kinds of failure a caller's retry policy
 * must tell apart: the platform is unavailable for now (retry) or it refused for good (do not).
 */
import type { z } from 'zod';
import { ChannelRejectedError } from './adapter.js';

/**
 * The platform could not be reached, was too slow, failed (5xx), throttled us (429) or answered
 * nonsense. A plain Error on purpose: the activity's retry policy retries it.
 */
export class ChannelUnavailableError extends Error {
  constructor(message: string, readonly status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChannelUnavailableError';
  }
}

export interface JsonRequest<T> {
  method: 'GET' | 'PUT' | 'POST';
  url: string;
  body?: unknown;
  /** A body already serialised as JSON, sent byte for byte (for callers that sign what they send). */
  rawBody?: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  /** The expected answer; anything else counts as the platform misbehaving. */
  answer: z.ZodType<T>;
  /** What the call does, in the caller's terms, to start every error message with. */
  action: string;
}

/** 408 and 429 are "not now" rather than "no": the same request may succeed later. */
const TRANSIENT_CLIENT_STATUSES = new Set([408, 429]);

export async function requestJson<T>(request: JsonRequest<T>): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  const body = request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers,
      body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw new ChannelUnavailableError(`${request.action}: ${describeNetworkError(error, request.timeoutMs)}`, undefined, { cause: error });
  }

  if (!response.ok) {
    const message = `${request.action}: the platform answered ${response.status}${platformMessage(text)}`;
    if (response.status >= 500 || TRANSIENT_CLIENT_STATUSES.has(response.status)) {
      throw new ChannelUnavailableError(message, response.status);
    }
    throw new ChannelRejectedError(message, response.status);
  }

  const parsed = request.answer.safeParse(parseJson(text));
  if (!parsed.success) {
    throw new ChannelUnavailableError(`${request.action}: the platform's answer was not understood (${parsed.error.issues[0]?.message ?? 'invalid'})`, response.status);
  }
  return parsed.data;
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `could not reach the platform (${cause?.code ?? cause?.message ?? (error as Error).message})`;
}

/** The platform's own explanation (`{ error }`), which is what a person needs to fix a refusal. */
function platformMessage(text: string): string {
  const body = parseJson(text) as { error?: unknown } | undefined;
  if (body && typeof body.error === 'string') return `: ${body.error}`;
  const snippet = text.trim().slice(0, 200);
  return snippet ? `: ${snippet}` : '';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
