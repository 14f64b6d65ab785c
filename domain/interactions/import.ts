/**
 * Interactions people bring to a campaign (P2.8–P2.10): comments, messages, questions and
 * complaints exported from the platforms, as NDJSON or CSV, checked line by line. A line is taken
 * whole or rejected whole, with its line number and the field at fault, so a file with a few bad
 * lines still imports its good ones. Times are ISO instants with an offset (plan time).
 */
import { z } from 'zod';
import { absent, channelOfPlan, field, Problem } from '../imports/fields.js';
import { parseImport, type ImportFormat, type ImportSpec, type ParsedImport } from '../imports/pipeline.js';
import type { Interaction } from './sla.js';

export { detectFormat, type ImportFormat, type RejectedLine } from '../imports/pipeline.js';

/** The fields of one interaction, as NDJSON keys and CSV columns. */
export const INTERACTION_FIELDS = ['id', 'channel', 'author', 'text', 'at', 'replyTo', 'answeredAt'] as const;

/** As many bytes as a metrics import: months of comments for a busy campaign, checked in memory. */
export const MAX_INTERACTION_IMPORT_BYTES = 50 * 1024 * 1024;

const MAX_ID_LENGTH = 200;
const MAX_AUTHOR_LENGTH = 200;
const MAX_TEXT_LENGTH = 20_000;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const INSTANT_EXAMPLE = '2027-03-10T20:15:00+08:00';

export type InteractionRow = Interaction & { line: number };

export type ParsedInteractions = ParsedImport<InteractionRow>;

/** Checks a file against the campaign's channel ids; nothing is scored or stored here. */
export function parseInteractionsFile(input: { text: string; format: ImportFormat; channelIds: readonly string[] }): ParsedInteractions {
  return parseImport(interactionsSpec(input.channelIds), input);
}

/** Same content: what makes a line a harmless repeat rather than a conflicting second version. */
export function sameInteraction(a: Interaction, b: Interaction): boolean {
  return a.channelId === b.channelId && a.author === b.author && a.text === b.text && Date.parse(a.at) === Date.parse(b.at)
    && (a.replyTo ?? null) === (b.replyTo ?? null)
    && (a.answeredAt === undefined ? b.answeredAt === undefined : b.answeredAt !== undefined && Date.parse(a.answeredAt) === Date.parse(b.answeredAt));
}

function interactionsSpec(channelIds: readonly string[]): ImportSpec<z.output<ReturnType<typeof rowSchema>>, InteractionRow> {
  return {
    fields: INTERACTION_FIELDS,
    // Spellings spreadsheets and exports use for the same columns.
    aliases: { reply_to: 'replyTo', answered_at: 'answeredAt' },
    requiredColumns: ['id', 'channel', 'author', 'text', 'at'],
    example: `{"id":"c1","channel":"weibo","author":"茶友","text":"好喝","at":"${INSTANT_EXAMPLE}"}`,
    widthHint: 'put a text with commas in double quotes',
    schema: rowSchema(channelIds),
    row: ({ channel, replyTo, answeredAt, ...rest }, line) => ({
      line, ...rest, channelId: channel,
      ...(replyTo !== undefined ? { replyTo } : {}), ...(answeredAt !== undefined ? { answeredAt } : {}),
    }),
    identity: (row) => row.id,
    // The same item twice (an export concatenated with itself) is a repeat when the content agrees;
    // otherwise only one version can be stored and the file does not say which is right.
    repeated: (earlier, row) => (sameInteraction(earlier, row) ? undefined : {
      line: row.line, field: 'id', message: `id "${row.id}" is already on line ${earlier.line} with different content; keep one of them`,
    }),
  };
}

function rowSchema(channelIds: readonly string[]) {
  return z.strictObject({
    id: field((v) => itemId('id', v, true)),
    channel: field((v) => channelOfPlan(v, channelIds, 'channel is missing: give the channel id from the plan, e.g. "weibo"', 'weibo')),
    author: field(author),
    text: field(itemText),
    at: field((v) => instant('at', v, true)),
    replyTo: field((v) => itemId('replyTo', v, false)),
    answeredAt: field((v) => instant('answeredAt', v, false)),
  }).transform((row, ctx) => {
    if (row.replyTo !== undefined && row.replyTo === row.id) {
      ctx.issues.push({ code: 'custom', path: ['replyTo'], input: row.replyTo, message: `replyTo names the item itself ("${row.id}"); give the id of the item it answers, or leave it empty` });
      return z.NEVER;
    }
    if (row.answeredAt !== undefined && Date.parse(row.answeredAt) < Date.parse(row.at)) {
      ctx.issues.push({ code: 'custom', path: ['answeredAt'], input: row.answeredAt, message: `answeredAt ${row.answeredAt} is before the item arrived (at ${row.at}); check the time zone of both` });
      return z.NEVER;
    }
    return row;
  });
}

function itemId(name: 'id' | 'replyTo', value: unknown, required: true): string | Problem;
function itemId(name: 'id' | 'replyTo', value: unknown, required: false): string | undefined | Problem;
function itemId(name: 'id' | 'replyTo', value: unknown, required: boolean): string | undefined | Problem {
  if (absent(value)) {
    return required
      ? new Problem("id is missing: every item needs the platform's own id, so that importing a file again adds nothing twice")
      : undefined;
  }
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? String(value) : new Problem(`${name} is a number too large to be exact in JSON; write it as a string`);
  }
  if (typeof value !== 'string') return new Problem(`${name} must be a string, e.g. "c-1024"`);
  const id = value.trim();
  return id.length > MAX_ID_LENGTH ? new Problem(`${name} has more than ${MAX_ID_LENGTH} characters`) : id;
}

function author(value: unknown): string | Problem {
  if (absent(value)) return new Problem('author is missing: give the account name or id of who wrote it');
  if (typeof value !== 'string' && typeof value !== 'number') return new Problem('author must be a string (the account name or id)');
  const name = String(value).trim();
  return name.length > MAX_AUTHOR_LENGTH ? new Problem(`author has more than ${MAX_AUTHOR_LENGTH} characters`) : name;
}

function itemText(value: unknown): string | Problem {
  if (absent(value)) return new Problem('text is missing: give what the person wrote');
  if (typeof value !== 'string') return new Problem('text must be a string');
  return [...value].length > MAX_TEXT_LENGTH ? new Problem(`text has more than ${MAX_TEXT_LENGTH} characters`) : value;
}

function instant(name: 'at' | 'answeredAt', value: unknown, required: true): string | Problem;
function instant(name: 'at' | 'answeredAt', value: unknown, required: false): string | undefined | Problem;
function instant(name: 'at' | 'answeredAt', value: unknown, required: boolean): string | undefined | Problem {
  if (absent(value)) return required ? new Problem(`${name} is missing: give when it was written, e.g. ${INSTANT_EXAMPLE}`) : undefined;
  const text = typeof value === 'string' ? value.trim() : String(value);
  const ms = INSTANT.test(text) ? Date.parse(text) : NaN;
  if (!Number.isFinite(ms)) {
    return new Problem(`${name} "${text}" is not an ISO instant; write date, time and offset, e.g. ${INSTANT_EXAMPLE} or 2027-03-10T12:15:00Z`);
  }
  return new Date(ms).toISOString();
}
