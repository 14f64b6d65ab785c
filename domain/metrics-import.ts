/**
 * Metrics files people bring to a campaign (P2.11): platform exports and data-team extracts as CSV
 * or NDJSON, checked row by row. A row is taken whole or rejected whole, with its line and field,
 * so a file with a few bad lines still imports its good ones and nothing is half-applied.
 */
import { z } from 'zod';
import { CHANNEL_DAY_METRICS, type ChannelDayMetric } from './channel-metrics.js';
import { absent, channelOfPlan, field, Problem } from './imports/fields.js';
import { parseImport, type ImportFormat, type ImportSpec, type ParsedImport } from './imports/pipeline.js';
import { epochDay, isCalendarDate } from './review-periods.js';

export { detectFormat, type ImportFormat, type RejectedLine } from './imports/pipeline.js';

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

export type MetricRow = { line: number; channelId: string; day: number; recordId: string } & Record<ImportMetric, number>;

/** What a file is checked against: the campaign it is imported into. */
export interface ImportCampaign {
  channelIds: readonly string[];
  /** The plan date (`YYYY-MM-DD`, plan timezone) of campaign day 1, for rows that give a date. */
  startDate: string;
}

export type ParsedMetrics = ParsedImport<MetricRow>;

const DAY_OR_DATE = 'give the campaign day ("day") or the date ("date", YYYY-MM-DD)';

export function parseMetricsFile(input: { text: string; format: ImportFormat; campaign: ImportCampaign }): ParsedMetrics {
  return parseImport(metricsSpec(input.campaign), input);
}

/** A source name as it is stored next to each record id. */
export function sourceNameProblem(source: string): string | undefined {
  if (source.trim() === '' || source !== source.trim()) return 'a source name must not be empty or start or end with spaces';
  if (source.length > 100) return 'a source name has at most 100 characters';
  if (/\p{Cc}/u.test(source)) return 'a source name must not contain control characters';
  return undefined;
}

function metricsSpec(campaign: ImportCampaign): ImportSpec<z.output<ReturnType<typeof rowSchema>>, MetricRow> {
  return {
    fields: IMPORT_COLUMNS,
    requiredColumns: ['channel', 'record_id'],
    headerProblems: (fields, line) => (fields.has('day') || fields.has('date') ? [] : [
      { line, field: 'day', message: 'the header needs a "day" column (campaign day) or a "date" column (YYYY-MM-DD)' },
    ]),
    example: '{"channel":"douyin","day":1,"record_id":"…"}',
    schema: rowSchema(campaign),
    recordProblems: (fields, line) => (absent(fields.day) && absent(fields.date) ? [{ line, field: 'day', message: DAY_OR_DATE }] : []),
    row: ({ channel, record_id, day, date: _date, note: _note, ...amounts }, line) =>
      (day === undefined ? [{ line, field: 'day', message: DAY_OR_DATE }] : { line, channelId: channel, day, recordId: record_id, ...amounts }),
    identity: (row) => row.recordId,
    // The same record twice (an export concatenated with itself) is a repeat when the values agree;
    // otherwise only one can be stored and the file does not say which is right.
    repeated: (earlier, row) => (sameRecord(earlier, row) ? undefined : {
      line: row.line, field: 'record_id',
      message: `record_id "${row.recordId}" is already on line ${earlier.line} with different values (${differences(earlier, row)})`,
    }),
  };
}

function rowSchema(campaign: ImportCampaign) {
  const metrics = Object.fromEntries(IMPORT_METRICS.map((m) => [m, field((v) => metricAmount(m, v))])) as
    Record<ImportMetric, ReturnType<typeof field<number>>>;
  return z.strictObject({
    channel: field((v) => channelOfPlan(v, campaign.channelIds, 'channel is missing', 'douyin')),
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
