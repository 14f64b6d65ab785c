/** Building blocks for the row schemas of imported files: one checked field, one sentence per refusal. */
import { z } from 'zod';
import { didYouMean } from '../plan/suggest.js';

/** A value a field refused, with the sentence to show for it. */
export class Problem {
  constructor(readonly message: string) {}
}

/** Nothing given: left out, null, or only spaces. */
export function absent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A field checked by `check`, which also decides what a missing value means. */
export function field<T>(check: (value: unknown) => T | Problem) {
  return z.unknown().optional().transform((value, ctx) => {
    const result = check(value);
    if (result instanceof Problem) {
      ctx.issues.push({ code: 'custom', message: result.message, input: value });
      return z.NEVER;
    }
    return result;
  });
}

/** `unknown column "clikcs"; did you mean "clicks"?`, or the names there are. */
export function unknownName(what: 'column' | 'field', name: string, known: readonly string[]): string {
  const suggestion = didYouMean(name, known);
  return suggestion
    ? `unknown ${what} "${name}"; did you mean "${suggestion}"?`
    : `unknown ${what} "${name}"; known ${what}s: ${known.join(', ')}`;
}

/** A channel id of the campaign's plan, with the nearest one suggested for a typo. */
export function channelOfPlan(value: unknown, channelIds: readonly string[], missing: string, example: string): string | Problem {
  if (absent(value)) return new Problem(missing);
  if (typeof value !== 'string') return new Problem(`channel must be a channel id from the plan, e.g. "${example}"`);
  const id = value.trim();
  if (channelIds.includes(id)) return id;
  const suggestion = didYouMean(id, channelIds);
  return new Problem(suggestion
    ? `unknown channel "${id}" for this campaign; did you mean "${suggestion}"?`
    : `unknown channel "${id}" for this campaign; its channels are ${channelIds.join(', ')}`);
}
