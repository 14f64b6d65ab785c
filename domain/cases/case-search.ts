/**
 * What a case-library search takes: text in Chinese or English, and filters by channel kind,
 * strategy and closing date; rehearsals only when asked. Validated the same way for the CLI and the API.
 */
import { z } from 'zod';
import { calendarDate } from '../plan/rules/dates.js';
import { CHANNEL_KINDS, STRATEGIES, isoDate } from '../plan/schema.js';
import { searchQuery } from './search-tokens.js';

export const caseSearchSchema = z.strictObject({
  q: z.string().trim().min(1, 'give words to search for, e.g. 提前备货 or "stock early"').max(500, 'search for at most 500 characters')
    .refine((q) => searchQuery(q) !== undefined, { message: 'give words to search for (letters, digits or Chinese characters), not only punctuation' }),
  kind: z.enum(CHANNEL_KINDS, { message: `kind is one of ${CHANNEL_KINDS.join(', ')}` }).optional(),
  strategy: z.enum(STRATEGIES, { message: `strategy is one of ${STRATEGIES.join(', ')}` }).optional(),
  since: isoDate.refine((d) => calendarDate(d) !== undefined, { message: 'that day is not on the calendar' }).optional(),
  until: isoDate.refine((d) => calendarDate(d) !== undefined, { message: 'that day is not on the calendar' }).optional(),
  limit: z.coerce.number<unknown>().int().min(1).max(100, 'ask for at most 100 cases').default(20),
  // Rehearsals' results are simulated: left out unless asked for (a query string says true or false).
  includeRehearsals: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], {
    error: 'includeRehearsals is true or false',
  }).default(false),
}).refine((s) => !s.since || !s.until || s.since <= s.until, { message: 'since is after until: swap them', path: ['since'] });

export type CaseSearchInput = z.input<typeof caseSearchSchema>;
export type CaseSearch = z.output<typeof caseSearchSchema>;

export interface CaseHit {
  campaignId: string;
  title: string;
  strategy: string | null;
  channelKinds: string[];
  closedAt: string;
  /** A rehearsal's case (domain/rehearsal.ts): only listed when rehearsals are asked for. */
  rehearsal: boolean;
  rank: number;
  /** Lessons and what worked whose words match the search, as people wrote them (at most three). */
  highlights: string[];
}
