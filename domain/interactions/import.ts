/**
 * Interactions people bring to a campaign (P2.8–P2.10): comments, messages, questions and
 * complaints exported from the platforms, as NDJSON or CSV, checked line by line. A line is taken
 * whole or rejected whole, with its line number and the field at fault, so a file with a few bad
 * lines still imports its good ones. Times are ISO instants with an offset (plan time).
 */
import { z } from 'zod';
import { csvRecords } from '../csv.js';
import { detectFormat, type ImportFormat, type RejectedLine } from '../metrics-import.js';
import { didYouMean } from '../plan/suggest.js';
import type { Interaction } from './sla.js';

export { detectFormat, type ImportFormat, type RejectedLine };

/** The fields of one interaction, as NDJSON keys and CSV columns. */
export const INTERACTION_FIELDS = ['id', 'channel', 'author', 'text', 'at', 'replyTo', 'answeredAt'] as const;
type Field = (typeof INTERACTION_FIELDS)[number];

/** Spellings spreadsheets and exports use for the same columns (matched without case). */
const ALIASES: Record<string, Field> = {
  ...Object.fromEntries(INTERACTION_FIELDS.map((f) => [f.toLowerCase(), f])),
  reply_to: 'replyTo',
  answered_at: 'answeredAt',
};

/** As many bytes as a metrics import: months of comments for a busy campaign, checked in memory. */
export const MAX_INTERACTION_IMPORT_BYTES = 50 * 1024 * 1024;

const MAX_ID_LENGTH = 200;
const MAX_AUTHOR_LENGTH = 200;
const MAX_TEXT_LENGTH = 20_000;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const INSTANT_EXAMPLE = '2027-03-10T20:15:00+08:00';

export type InteractionRow = Interaction & { line: number };

export interface ParsedInteractions {
  format: ImportFormat;
  rows: InteractionRow[];
  /** Lines identical to an earlier line of the same file (same id, same content). */
  repeated: number;
  rejected: RejectedLine[];
}

interface RawRecord {
  line: number;
  fields: Record<string, unknown>;
}

/** Checks a file against the campaign's channel ids; nothing is scored or stored here. */
export function parseInteractionsFile(input: { text: string; format: ImportFormat; channelIds: readonly string[] }): ParsedInteractions {
  const text = input.text.charCodeAt(0) === 0xfeff ? input.text.slice(1) : input.text;
  const schema = rowSchema(input.channelIds);
  const repeats = new RepeatedItems();
  const rejected: RejectedLine[] = [];
  for (const item of input.format === 'csv' ? csvInteractionRecords(text) : ndjsonRecords(text)) {
    if ('message' in item) {
      rejected.push(item);
      continue;
    }
    const parsed = schema.safeParse(item.fields);
    if (!parsed.success) {
      rejected.push(...parsed.error.issues.flatMap((issue) => rejectedFrom(issue, item.line)));
      continue;
    }
    const { channel, replyTo, answeredAt, ...rest } = parsed.data;
    repeats.add({
      line: item.line, ...rest, channelId: channel,
      ...(replyTo !== undefined ? { replyTo } : {}), ...(answeredAt !== undefined ? { answeredAt } : {}),
    }, rejected);
  }
  rejected.sort((a, b) => a.line - b.line);
  return { format: input.format, rows: repeats.rows, repeated: repeats.repeated, rejected };
}

/** Same content: what makes a line a harmless repeat rather than a conflicting second version. */
export function sameInteraction(a: Interaction, b: Interaction): boolean {
  return a.channelId === b.channelId && a.author === b.author && a.text === b.text && Date.parse(a.at) === Date.parse(b.at)
    && (a.replyTo ?? null) === (b.replyTo ?? null)
    && (a.answeredAt === undefined ? b.answeredAt === undefined : b.answeredAt !== undefined && Date.parse(a.answeredAt) === Date.parse(b.answeredAt));
}

function* ndjsonRecords(text: string): Generator<RawRecord | RejectedLine> {
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    const content = raw.trim();
    if (content === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (err) {
      yield { line, field: null, message: `not valid JSON (${(err as Error).message})` };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield {
        line, field: null,
        message: `each line must be one JSON object, e.g. {"id":"c1","channel":"weibo","author":"茶友","text":"好喝","at":"${INSTANT_EXAMPLE}"}`,
      };
      continue;
    }
    yield { line, fields: value as Record<string, unknown> };
  }
}

function* csvInteractionRecords(text: string): Generator<RawRecord | RejectedLine> {
  let header: { line: number; columns: string[] } | undefined;
  for (const item of csvRecords(text)) {
    if ('unclosedQuote' in item) {
      yield { line: item.line, field: null, message: 'a quote opened on this line is never closed, so the rest of the file cannot be read' };
      return;
    }
    if (item.values.every((v) => v.trim() === '')) continue;
    if (!header) {
      const problems = checkHeader(item.values.map((v) => v.trim()), item.line);
      // A header we cannot trust would put every value of every row in the wrong field.
      if (problems.length > 0) {
        yield* problems;
        return;
      }
      header = { line: item.line, columns: item.values.map((v) => ALIASES[v.trim().toLowerCase()] ?? v.trim()) };
      continue;
    }
    if (item.values.length !== header.columns.length) {
      yield {
        line: item.line, field: null,
        message: `has ${item.values.length} values but the header on line ${header.line} names ${header.columns.length} columns; `
          + 'put a text with commas in double quotes',
      };
      continue;
    }
    const fields: Record<string, unknown> = {};
    header.columns.forEach((column, i) => {
      // An empty cell is a value left out (no reply, not answered).
      if (item.values[i]?.trim() !== '') fields[column] = item.values[i];
    });
    yield { line: item.line, fields };
  }
}

function checkHeader(columns: readonly string[], line: number): RejectedLine[] {
  if (columns.length === 1 && /[;\t]/.test(columns[0] ?? '')) {
    return [{ line, field: null, message: 'columns must be separated by commas (this header uses semicolons or tabs)' }];
  }
  const problems: RejectedLine[] = [];
  const seen = new Set<Field>();
  for (const column of columns) {
    const field = ALIASES[column.toLowerCase()];
    if (!field) problems.push({ line, field: column, message: unknownName('column', column) });
    else if (seen.has(field)) problems.push({ line, field: column, message: `column "${column}" appears twice in the header` });
    else seen.add(field);
  }
  for (const required of ['id', 'channel', 'author', 'text', 'at'] as const) {
    if (!seen.has(required)) problems.push({ line, field: required, message: `the header has no "${required}" column` });
  }
  return problems;
}

function rejectedFrom(issue: z.core.$ZodIssue, line: number): RejectedLine[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ line, field: key, message: unknownName('field', key) }));
  }
  const name = issue.path[0];
  return [{ line, field: typeof name === 'string' ? name : null, message: issue.message }];
}

function unknownName(what: 'column' | 'field', name: string): string {
  const suggestion = didYouMean(name, INTERACTION_FIELDS);
  return suggestion
    ? `unknown ${what} "${name}"; did you mean "${suggestion}"?`
    : `unknown ${what} "${name}"; known ${what}s: ${INTERACTION_FIELDS.join(', ')}`;
}

/** A value a field refused, with the sentence to show for it. */
class Problem {
  constructor(readonly message: string) {}
}

function field<T>(check: (value: unknown) => T | Problem) {
  return z.unknown().optional().transform((value, ctx) => {
    const result = check(value);
    if (result instanceof Problem) {
      ctx.issues.push({ code: 'custom', message: result.message, input: value });
      return z.NEVER;
    }
    return result;
  });
}

function absent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function rowSchema(channelIds: readonly string[]) {
  return z.strictObject({
    id: field((v) => itemId('id', v, true)),
    channel: field((v) => channelId(v, channelIds)),
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

function channelId(value: unknown, channelIds: readonly string[]): string | Problem {
  if (absent(value)) return new Problem('channel is missing: give the channel id from the plan, e.g. "weibo"');
  if (typeof value !== 'string') return new Problem('channel must be a channel id from the plan, e.g. "weibo"');
  const id = value.trim();
  if (channelIds.includes(id)) return id;
  const suggestion = didYouMean(id, channelIds);
  return new Problem(suggestion
    ? `unknown channel "${id}" for this campaign; did you mean "${suggestion}"?`
    : `unknown channel "${id}" for this campaign; its channels are ${channelIds.join(', ')}`);
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

/**
 * An id that comes back within one file is the same item twice (an export concatenated with
 * itself): counted as a repeat when the content agrees, rejected when it does not, since only one
 * version can be stored and the file does not say which is right.
 */
class RepeatedItems {
  readonly rows: InteractionRow[] = [];
  repeated = 0;
  private readonly first = new Map<string, InteractionRow>();

  add(row: InteractionRow, rejected: RejectedLine[]): void {
    const earlier = this.first.get(row.id);
    if (!earlier) {
      this.first.set(row.id, row);
      this.rows.push(row);
    } else if (sameInteraction(earlier, row)) {
      this.repeated++;
    } else {
      rejected.push({ line: row.line, field: 'id', message: `id "${row.id}" is already on line ${earlier.line} with different content; keep one of them` });
    }
  }
}
