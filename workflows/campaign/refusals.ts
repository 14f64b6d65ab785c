/**
 * How every Update handler refuses: malformed input and refused actions become non-retryable
 * ApplicationFailures with a catalogue type, in the validator (no history) and again in the handler.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import { ErrorType } from '../../domain/errors.js';

export type Check = { ok: true } | { ok: false; type: string; message: string };

export function refuse(check: Check): void {
  if (!check.ok) throw ApplicationFailure.nonRetryable(check.message, check.type);
}

export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw ApplicationFailure.nonRetryable(`${issue?.path.join('.') || 'input'}: ${issue?.message}`, ErrorType.InvalidInput);
}
