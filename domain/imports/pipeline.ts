/**
 * One way to read the files people bring to a campaign (metrics, interactions, survey answers):
 * CSV with a header row, or NDJSON, checked record by record. The pipeline reads the records,
 * maps header cells and keys onto the kind's field names, validates each record with the kind's
 * schema and reports the lines it did not take (domain/imports/rejections.ts), with their numbers
 * and the fields at fault. A record is taken whole or rejected whole, so a file with a few bad lines
 * still imports its good ones.
 *
 * Each kind (domain/metrics-import.ts, domain/interactions/import.ts, domain/closing/survey.ts)
 * gives its fields, schema and rules for repeats as an `ImportSpec`; nothing here is stored.
 */
import type { z } from 'zod';
import { csvRecords } from '../csv.js';
import { unknownName } from './fields.js';
import { RejectionTally, type RejectedLine, type RejectionReport } from './rejections.js';

export type { RejectedLine, RejectionReport } from './rejections.js';

export type ImportFormat = 'csv' | 'ndjson';

export interface ImportSpec<Checked, Row> {
  /** The field names, as NDJSON keys and CSV columns, in the order messages list them. */
  fields: readonly string[];
  /** Other spellings of the fields (lower case). Every name is matched without case. */
  aliases?: Readonly<Record<string, string>>;
  /** Columns a CSV header must name. */
  requiredColumns: readonly string[];
  /** Rules about the header as a whole beyond the required columns (one of two columns, …). */
  headerProblems?(fields: ReadonlySet<string>, line: number): RejectedLine[];
  /** One line of the file as it should look, for the line that is not one JSON object. */
  example: string;
  /** Said after "has N values but the header names M columns". */
  widthHint?: string;
  /** Checks a record's fields; each issue rejects the line with the field it names. */
  schema: z.ZodType<Checked>;
  /** Problems the schema cannot see, checked whether or not the schema accepts the record. */
  recordProblems?(fields: Readonly<Record<string, unknown>>, line: number): RejectedLine[];
  /** The checked record as a row (or, when it cannot be one after all, why). */
  row(checked: Checked, line: number): Row | RejectedLine[];
  /** What makes two rows the same record: the source's id. */
  identity(row: Row): string;
  /** A record id met again (on `line`) in the same file: undefined when it is a harmless repeat, else why not. */
  repeated(earlier: Row, row: Row, line: number): RejectedLine | undefined;
}

export type ParsedImport<Row> = RejectionReport & {
  format: ImportFormat;
  rows: Row[];
  /** Rows identical to an earlier row of the same file (same id, same content). */
  repeated: number;
};

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

export function parseImport<Checked, Row>(spec: ImportSpec<Checked, Row>, input: { text: string; format: ImportFormat }): ParsedImport<Row> {
  const names = fieldNames(spec);
  const rejected = new RejectionTally((name) => names.get(name.trim().toLowerCase()));
  const rows: Row[] = [];
  const first = new Map<string, Row>();
  let repeated = 0;
  const text = withoutBom(input.text);
  for (const item of input.format === 'csv' ? csvRows(spec, names, text) : ndjsonRows(spec, names, text)) {
    if ('message' in item) {
      rejected.add(item);
      continue;
    }
    const checked = checkRecord(spec, item);
    if (Array.isArray(checked)) {
      rejected.add(...checked);
      continue;
    }
    const id = spec.identity(checked);
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, checked);
      rows.push(checked);
      continue;
    }
    const refused = spec.repeated(earlier, checked, item.line);
    if (refused) rejected.add(refused);
    else repeated++;
  }
  return { format: input.format, rows, repeated, ...rejected.report() };
}

/** Excel's "CSV UTF-8" and many Chinese export tools start files with a byte-order mark. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A kind's field names by their lower-case spellings, aliases included. */
function fieldNames(spec: ImportSpec<unknown, unknown>): Map<string, string> {
  const names = new Map(spec.fields.map((f) => [f.toLowerCase(), f]));
  for (const [alias, field] of Object.entries(spec.aliases ?? {})) names.set(alias.toLowerCase(), field);
  return names;
}

function checkRecord<Checked, Row>(spec: ImportSpec<Checked, Row>, record: RawRecord): Row | RejectedLine[] {
  const parsed = spec.schema.safeParse(record.fields);
  const problems = parsed.success ? [] : parsed.error.issues.flatMap((issue) => rejectedFrom(issue, record.line, spec.fields));
  problems.push(...(spec.recordProblems?.(record.fields, record.line) ?? []));
  if (!parsed.success || problems.length > 0) return problems;
  return spec.row(parsed.data, record.line);
}

function rejectedFrom(issue: z.core.$ZodIssue, line: number, fields: readonly string[]): RejectedLine[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ line, field: key, message: unknownName('field', key, fields) }));
  }
  const name = issue.path[0];
  return [{ line, field: typeof name === 'string' ? name : null, message: issue.message }];
}

function* ndjsonRows(spec: ImportSpec<unknown, unknown>, names: Map<string, string>, text: string): Generator<RawRecord | RejectedLine> {
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
      yield { line, field: null, message: `each line must be one JSON object, e.g. ${spec.example}` };
      continue;
    }
    const fields: Record<string, unknown> = {};
    const given = new Map<string, string>();
    let twice: RejectedLine | undefined;
    for (const [key, v] of Object.entries(value)) {
      const name = names.get(key.trim().toLowerCase()) ?? key;
      const earlier = given.get(name);
      if (earlier !== undefined) twice ??= { line, field: key, message: `"${earlier}" and "${key}" are the same field; give it once` };
      given.set(name, key);
      fields[name] = v;
    }
    yield twice ?? { line, fields };
  }
}

function* csvRows(spec: ImportSpec<unknown, unknown>, names: Map<string, string>, text: string): Generator<RawRecord | RejectedLine> {
  let header: { line: number; columns: string[] } | undefined;
  for (const item of csvRecords(text)) {
    if ('unclosedQuote' in item) {
      yield { line: item.line, field: null, message: 'a quote opened on this line is never closed, so the rest of the file cannot be read' };
      return;
    }
    if (item.values.every((v) => v.trim() === '')) continue;
    if (!header) {
      const cells = item.values.map((v) => v.trim());
      const problems = checkHeader(spec, names, cells, item.line);
      // A header we cannot trust would put every value of every row in the wrong field.
      if (problems.length > 0) {
        yield* problems;
        return;
      }
      header = { line: item.line, columns: cells.map((cell) => names.get(cell.toLowerCase())!) };
      continue;
    }
    if (item.values.length !== header.columns.length) {
      yield {
        line: item.line, field: null,
        message: `has ${item.values.length} values but the header on line ${header.line} names ${header.columns.length} columns`
          + (spec.widthHint ? `; ${spec.widthHint}` : ''),
      };
      continue;
    }
    const fields: Record<string, unknown> = {};
    header.columns.forEach((column, i) => {
      // An empty cell is a value left out.
      if (item.values[i]?.trim() !== '') fields[column] = item.values[i];
    });
    yield { line: item.line, fields };
  }
}

function checkHeader(spec: ImportSpec<unknown, unknown>, names: Map<string, string>, cells: readonly string[], line: number): RejectedLine[] {
  if (cells.length === 1 && /[;\t]/.test(cells[0] ?? '')) {
    return [{ line, field: null, message: 'columns must be separated by commas (this header uses semicolons or tabs)' }];
  }
  const problems: RejectedLine[] = [];
  const seen = new Set<string>();
  for (const cell of cells) {
    const field = names.get(cell.toLowerCase());
    if (!field) problems.push({ line, field: cell, message: unknownName('column', cell, spec.fields) });
    else if (seen.has(field)) problems.push({ line, field: cell, message: `column "${cell}" appears twice in the header` });
    else seen.add(field);
  }
  for (const required of spec.requiredColumns) {
    if (!seen.has(required)) problems.push({ line, field: required, message: `the header has no "${required}" column` });
  }
  problems.push(...(spec.headerProblems?.(seen, line) ?? []));
  return problems;
}
