/**
 * Metrics files people bring to a campaign (P2.11): platform exports and data-team extracts as CSV
 * or NDJSON, checked row by row. A row is taken whole or rejected whole, with its line and field,
 * so a file with a few bad lines still imports its good ones and nothing is half-applied.
 */
import { z } from 'zod';
import { CHANNEL_DAY_METRICS, type ChannelDayMetric } from './channel-metrics.js';
import { csvRecords } from './csv.js';
import { didYouMean } from './plan/suggest.js';
import { epochDay, isCalendarDate } from './review-periods.js';

/** Every metric a row may carry; one left out is 0. */
export const IMPORT_METRICS = CHANNEL_DAY_METRICS;
export type ImportMetric = ChannelDayMetric;

const MONEY_METRICS: ReadonlySet<ImportMetric> = new Set(['spend', 'revenue']);

/** `note` is for the people reading the file (渠道备注, a campaign name); it is not stored. */
export const IMPORT_COLUMNS = ['channel', 'day', 'date', 'record_id', 'note', ...IMPORT_METRICS] as const;

/** About half a million rows: years of daily rows for many channels, still checked in memory. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** A "day" past this is almost always a date typed without dashes (20270301). */
export const MAX_CAMPAIGN_DAY = 10_000;
/** What numeric(14, 2) holds. */
const MAX_MONEY = 999_999_999_999.99;
const MAX_RECORD_ID_LENGTH = 200;
const MAX_NOTE_LENGTH = 1_000;

export type ImportFormat = 'csv' | 'ndjson';

export type MetricRow = { line: number; channelId: string; day: number; recordId: string } & Record<ImportMetric, number>;

export interface RejectedLine {
  line: number;
  /** The column or field at fault; null when the line as a whole is unreadable. */
  field: string | null;
  message: string;
}

/** What a file is checked against: the campaign it is imported into. */
export interface ImportCampaign {
  channelIds: readonly string[];
  /** The plan date (`YYYY-MM-DD`, plan timezone) of campaign day 1, for rows that give a date. */
  startDate: string;
}

export interface ParsedMetrics {
  format: ImportFormat;
  rows: MetricRow[];
  /** Rows identical to an earlier row of the same file (same record_id, same numbers). */
  repeated: number;
  rejected: RejectedLine[];
}

interface RawRecord {
  line: number;
  fields: Record<string, unknown>;
}

/**
 * By extension when it says, otherwise by the first character: NDJSON lines open with `{` (and a
 * JSON array, `[`, is closer to NDJSON than to CSV, so its lines get the messages that help).
 */
export function detectFormat(fileName: string, text: string): ImportFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  return /^[{[]/.test(withoutBom(text).trimStart()) ? 'ndjson' : 'csv';
}

export function parseMetricsFile(input: { text: string; format: ImportFormat; campaign: ImportCampaign }): ParsedMetrics {
  const text = withoutBom(input.text);
  const schema = rowSchema(input.campaign);
  const repeats = new RepeatedRecords();
  const rejected: RejectedLine[] = [];
  for (const item of input.format === 'csv' ? csvMetricRecords(text) : ndjsonRecords(text)) {
    if ('message' in item) {
      rejected.push(item);
      continue;
    }
    const checked = checkRecord(schema, item);
    if ('problems' in checked) rejected.push(...checked.problems);
    else repeats.add(checked.row, rejected);
  }
  rejected.sort((a, b) => a.line - b.line);
  return { format: input.format, rows: repeats.rows, repeated: repeats.repeated, rejected };
}

/** A source name as it is stored next to each record id. */
export function sourceNameProblem(source: string): string | undefined {
  if (source.trim() === '' || source !== source.trim()) return 'a source name must not be empty or start or end with spaces';
  if (source.length > 100) return 'a source name has at most 100 characters';
  if (/\p{Cc}/u.test(source)) return 'a source name must not contain control characters';
  return undefined;
}

/** Excel's "CSV UTF-8" and many Chinese export tools start files with a byte-order mark. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
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
      yield { line, field: null, message: 'each line must be one JSON object, e.g. {"channel":"douyin","day":1,"record_id":"…"}' };
      continue;
    }
    yield { line, fields: value as Record<string, unknown> };
  }
}

function* csvMetricRecords(text: string): Generator<RawRecord | RejectedLine> {
  let header: { line: number; columns: string[] } | undefined;
  for (const item of csvRecords(text)) {
    if ('unclosedQuote' in item) {
      yield { line: item.line, field: null, message: 'a quote opened on this line is never closed, so the rest of the file cannot be read' };
      return;
    }
    if (item.values.every((v) => v.trim() === '')) continue;
    if (!header) {
      header = { line: item.line, columns: item.values.map((v) => v.trim().toLowerCase()) };
      const problems = checkHeader(header.columns, item.line);
      // A header we cannot trust would put every number of every row in the wrong place.
      if (problems.length > 0) {
        yield* problems;
        return;
      }
      continue;
    }
    if (item.values.length !== header.columns.length) {
      yield {
        line: item.line, field: null,
        message: `has ${item.values.length} values but the header on line ${header.line} names ${header.columns.length} columns`,
      };
      continue;
    }
    const fields: Record<string, unknown> = {};
    header.columns.forEach((column, i) => { fields[column] = item.values[i]; });
    yield { line: item.line, fields };
  }
}

function checkHeader(columns: readonly string[], line: number): RejectedLine[] {
  if (columns.length === 1 && /[;\t]/.test(columns[0] ?? '')) {
    return [{ line, field: null, message: 'columns must be separated by commas (this header uses semicolons or tabs)' }];
  }
  const problems: RejectedLine[] = [];
  const known: readonly string[] = IMPORT_COLUMNS;
  columns.forEach((column, i) => {
    if (!known.includes(column)) {
      problems.push({ line, field: column, message: unknownName('column', column, known) });
    } else if (columns.indexOf(column) !== i) {
      problems.push({ line, field: column, message: `column "${column}" appears twice in the header` });
    }
  });
  for (const required of ['channel', 'record_id']) {
    if (!columns.includes(required)) problems.push({ line, field: required, message: `the header has no "${required}" column` });
  }
  if (!columns.includes('day') && !columns.includes('date')) {
    problems.push({ line, field: 'day', message: 'the header needs a "day" column (campaign day) or a "date" column (YYYY-MM-DD)' });
  }
  return problems;
}

/** A value a field refused, with the sentence to show for it. */
class Problem {
  constructor(readonly message: string) {}
}

function absent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A column checked by `check`, which also decides what a missing value means. */
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

function rowSchema(campaign: ImportCampaign) {
  const metrics = Object.fromEntries(IMPORT_METRICS.map((m) => [m, field((v) => metricAmount(m, v))])) as
    Record<ImportMetric, ReturnType<typeof field<number>>>;
  return z.strictObject({
    channel: field((v) => channelId(v, campaign.channelIds)),
    record_id: field(recordId),
    day: field(campaignDay),
    date: field((v) => dayOfDate(v, campaign.startDate)),
    note: field(note),
    ...metrics,
  }).transform((row, ctx) => {
    if (row.day !== undefined && row.date !== undefined && row.day !== row.date.day) {
      ctx.issues.push({
        code: 'custom', path: ['date'], input: row.date.date,
        message: `day ${row.day} and date ${row.date.date} (day ${row.date.day}) disagree; give one of them`,
      });
      return z.NEVER;
    }
    return { ...row, day: row.day ?? row.date?.day };
  });
}

type RowSchema = ReturnType<typeof rowSchema>;

function checkRecord(schema: RowSchema, record: RawRecord): { row: MetricRow } | { problems: RejectedLine[] } {
  const parsed = schema.safeParse(record.fields);
  const problems = parsed.success ? [] : parsed.error.issues.flatMap((issue) => rejectedFrom(issue, record.line));
  if (absent(record.fields.day) && absent(record.fields.date)) {
    problems.push({ line: record.line, field: 'day', message: 'give the campaign day ("day") or the date ("date", YYYY-MM-DD)' });
  }
  if (!parsed.success || problems.length > 0 || parsed.data.day === undefined) return { problems };
  const { channel, record_id, day, date: _date, note: _note, ...amounts } = parsed.data;
  return { row: { line: record.line, channelId: channel, day, recordId: record_id, ...amounts } };
}

function rejectedFrom(issue: z.core.$ZodIssue, line: number): RejectedLine[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ line, field: key, message: unknownName('field', key, IMPORT_COLUMNS) }));
  }
  const name = issue.path[0];
  return [{ line, field: typeof name === 'string' ? name : null, message: issue.message }];
}

function unknownName(what: 'column' | 'field', name: string, known: readonly string[]): string {
  const suggestion = didYouMean(name, known);
  return suggestion
    ? `unknown ${what} "${name}"; did you mean "${suggestion}"?`
    : `unknown ${what} "${name}"; known ${what}s: ${known.join(', ')}`;
}

function channelId(value: unknown, channelIds: readonly string[]): string | Problem {
  if (absent(value)) return new Problem('channel is missing');
  if (typeof value !== 'string') return new Problem('channel must be a channel id from the plan, e.g. "douyin"');
  const id = value.trim();
  if (channelIds.includes(id)) return id;
  const suggestion = didYouMean(id, channelIds);
  return new Problem(suggestion
    ? `unknown channel "${id}" for this campaign; did you mean "${suggestion}"?`
    : `unknown channel "${id}" for this campaign; its channels are ${channelIds.join(', ')}`);
}

function recordId(value: unknown): string | Problem {
  if (absent(value)) {
    return new Problem("record_id is missing: every row needs the source's own id, so that importing a file again adds nothing twice");
  }
  if (typeof value === 'number') {
    return Number.isSafeInteger(value)
      ? String(value)
      : new Problem('record_id is a number too large to be exact in JSON; write it as a string');
  }
  if (typeof value !== 'string') return new Problem('record_id must be a string');
  const id = value.trim();
  return id.length > MAX_RECORD_ID_LENGTH ? new Problem(`record_id has more than ${MAX_RECORD_ID_LENGTH} characters`) : id;
}

function campaignDay(value: unknown): number | undefined | Problem {
  if (absent(value)) return undefined;
  const day = wholeNumber(value);
  if (day instanceof Problem) return new Problem(`day ${day.message}`);
  if (day > MAX_CAMPAIGN_DAY) {
    return new Problem(`day ${day} is not a campaign day; to give a date, use the "date" column as YYYY-MM-DD`);
  }
  return day;
}

function dayOfDate(value: unknown, startDate: string): { date: string; day: number } | undefined | Problem {
  if (absent(value)) return undefined;
  const date = typeof value === 'string' ? value.trim() : String(value);
  if (!isCalendarDate(date)) return new Problem(`date "${date}" is not a date; write it as YYYY-MM-DD, e.g. 2027-03-01`);
  const day = epochDay(date) - epochDay(startDate) + 1;
  if (day < 1) return new Problem(`date ${date} is before the campaign's first day (${startDate})`);
  if (day > MAX_CAMPAIGN_DAY) return new Problem(`date ${date} is more than ${MAX_CAMPAIGN_DAY} days after the campaign's first day`);
  return { date, day };
}

function note(value: unknown): string | undefined | Problem {
  if (absent(value)) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_NOTE_LENGTH ? new Problem(`note has more than ${MAX_NOTE_LENGTH} characters`) : text;
}

function metricAmount(metric: ImportMetric, value: unknown): number | Problem {
  if (absent(value)) return 0;
  const money = MONEY_METRICS.has(metric);
  const amount = money ? decimalNumber(value) : wholeNumber(value);
  if (amount instanceof Problem) return new Problem(`${metric} ${amount.message}`);
  if (money) {
    // Platforms report fractions of a cent after currency conversion; the records keep cents.
    const cents = Math.round(amount * 100) / 100;
    return cents > MAX_MONEY ? new Problem(`${metric} ${amount} is larger than the records can hold`) : cents;
  }
  return amount;
}

const DECIMAL = /^\d+(\.\d+)?$/;

function wholeNumber(value: unknown): number | Problem {
  const amount = decimalNumber(value);
  if (amount instanceof Problem) return amount;
  if (!Number.isInteger(amount)) return new Problem(`${amount} must be a whole number`);
  if (!Number.isSafeInteger(amount)) return new Problem(`${amount} is larger than the records can hold`);
  return amount;
}

function decimalNumber(value: unknown): number | Problem {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return new Problem('must be a number');
    return value < 0 ? new Problem(`${value} must not be negative`) : value;
  }
  if (typeof value !== 'string') return new Problem('must be a number');
  const text = value.trim();
  if (DECIMAL.test(text)) return Number(text);
  if (/^-\s*\d/.test(text)) return new Problem(`${text} must not be negative`);
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return new Problem(`"${text}" must be written without thousands separators`);
  return new Problem(`"${text}" is not a number`);
}

/**
 * A record id that comes back within one file is the same record twice (an export concatenated
 * with itself): counted as a repeat when the values agree, rejected when they do not, because only
 * one of them can be stored and the file does not say which is right.
 */
class RepeatedRecords {
  readonly rows: MetricRow[] = [];
  repeated = 0;
  private readonly first = new Map<string, MetricRow>();

  add(row: MetricRow, rejected: RejectedLine[]): void {
    const earlier = this.first.get(row.recordId);
    if (!earlier) {
      this.first.set(row.recordId, row);
      this.rows.push(row);
    } else if (sameRecord(earlier, row)) {
      this.repeated++;
    } else {
      rejected.push({
        line: row.line, field: 'record_id',
        message: `record_id "${row.recordId}" is already on line ${earlier.line} with different values (${differences(earlier, row)})`,
      });
    }
  }
}

export type StoredRecord = Pick<MetricRow, 'channelId' | 'day'> & Record<ImportMetric, number>;

export function sameRecord(a: StoredRecord, b: StoredRecord): boolean {
  return a.channelId === b.channelId && a.day === b.day && IMPORT_METRICS.every((m) => a[m] === b[m]);
}

/** `clicks 120 → 125, spend 50 → 55`: what differs between a kept record and a refused one. */
export function differences(kept: StoredRecord, other: StoredRecord): string {
  const parts: string[] = [];
  if (kept.channelId !== other.channelId) parts.push(`channel ${kept.channelId} → ${other.channelId}`);
  if (kept.day !== other.day) parts.push(`day ${kept.day} → ${other.day}`);
  for (const m of IMPORT_METRICS) if (kept[m] !== other[m]) parts.push(`${m} ${kept[m]} → ${other[m]}`);
  return parts.join(', ');
}
