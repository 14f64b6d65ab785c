/**
 * The one path by which rows checked from a file (domain/imports/pipeline.ts) reach the records:
 * the campaign the file is checked against is read, the file is parsed, and the rows that passed
 * are written in one transaction, in batches, each row stored, found already stored as it is, or
 * rejected with its line. Running an import again is its retry: every table it writes is keyed
 * by the source's own ids.
 *
 * Imports are called directly by the CLI and the API, not through Temporal: a file of up to
 * 50 MiB is far above what an activity payload may carry, and the person importing wants the
 * line-by-line answer now.
 */
import type { Pool, PoolClient } from 'pg';
import { ErrorType } from '../domain/errors.js';
import { detectFormat, type ImportFormat, type ParsedImport } from '../domain/imports/pipeline.js';
import { mergeRejections, RejectionTally, type RejectedLine, type RejectionReport } from '../domain/imports/rejections.js';
import { sourceNameProblem } from '../domain/metrics-import.js';
import { inTransaction, refusal, withClient, type Queryable } from './db.js';

/** How a row of a batch fared: written now, already stored as it is, or refused with its line. */
export type WriteOutcome = 'stored' | 'unchanged' | RejectedLine;

/** Where an import writes: the campaign, and the source its ids belong to. */
export interface ImportTarget {
  campaignId: string;
  source: string;
}

/** Writes one batch (one statement) and says, row by row and in order, how each fared. */
export type BatchWriter<Row> = (db: Queryable, batch: readonly Row[], into: ImportTarget) => Promise<WriteOutcome[]>;

export interface FileImport<Context, Row> {
  /** The message for a source name that cannot be stored (domain/metrics-import.ts `sourceNameProblem`). */
  sourceMessage(problem: string): string;
  /** What the file is checked against; undefined when the campaign is not in the records. */
  context(db: Queryable, campaignId: string): Promise<Context | undefined>;
  unknownCampaign(campaignId: string): Error;
  parse(text: string, format: ImportFormat, context: Context): ParsedImport<Row>;
  write: BatchWriter<Row>;
}

/** A file of rows from a source (a platform export, a warehouse extract) for a campaign. */
export interface SourceFileInput {
  campaignId: string;
  /** Where the rows come from (`douyin-export`, `weibo-export`, `warehouse`); stored with each row, ids are unique per source. */
  source: string;
  /** Used to tell CSV from NDJSON by extension, and nothing else. */
  fileName: string;
  text: string;
  format?: ImportFormat;
}

/** What importing a source file did; the lines not imported are counted and the first listed, the others were imported whole. */
export type SourceFileReport = RejectionReport & {
  campaignId: string;
  source: string;
  format: ImportFormat;
  /** Rows stored by this import. */
  inserted: number;
  /** Rows already stored (an earlier import) or repeated within the file, with the same content. */
  duplicates: number;
};

export type ImportedFile = RejectionReport & {
  /** Rows stored (or changed) by this import. */
  stored: number;
  /** Rows already stored as they are, or repeated within the file. */
  unchanged: number;
};

const BATCH_ROWS = 1_000;

export async function importFile<Context, Row>(
  pool: Pool,
  input: { campaignId: string; source: string; text: string; format: ImportFormat },
  kind: FileImport<Context, Row>,
): Promise<ImportedFile> {
  const sourceProblem = sourceNameProblem(input.source);
  if (sourceProblem) throw refusal(kind.sourceMessage(sourceProblem), ErrorType.InvalidInput);
  return withClient(pool, async (client) => {
    const context = await kind.context(client, input.campaignId);
    if (context === undefined) throw kind.unknownCampaign(input.campaignId);
    const { rows, repeated, format: _format, ...checking } = kind.parse(input.text, input.format, context);
    const written = await writeRows(client, rows, kind.write, input);
    return { stored: written.stored, unchanged: repeated + written.unchanged, ...mergeRejections(checking, written.rejections) };
  });
}

/** A source file, its format told by its name or its first character when not given. */
export async function importSourceFile<Context, Row>(
  pool: Pool, input: SourceFileInput, kind: FileImport<Context, Row>,
): Promise<SourceFileReport> {
  const format = input.format ?? detectFormat(input.fileName, input.text);
  const { stored, unchanged, ...rejections } = await importFile(pool, { ...input, format }, kind);
  return { campaignId: input.campaignId, source: input.source, format, inserted: stored, duplicates: unchanged, ...rejections };
}

/**
 * All rows in one transaction: an operational failure halfway leaves nothing behind, and the
 * import can simply be run again.
 */
async function writeRows<Row>(client: PoolClient, rows: readonly Row[], write: BatchWriter<Row>, into: ImportTarget) {
  let stored = 0;
  let unchanged = 0;
  // Every row of a file can be refused (each one stored before with other values): counted, not kept.
  const rejected = new RejectionTally();
  await inTransaction(client, async () => {
    for (let i = 0; i < rows.length; i += BATCH_ROWS) {
      for (const outcome of await write(client, rows.slice(i, i + BATCH_ROWS), into)) {
        if (outcome === 'stored') stored++;
        else if (outcome === 'unchanged') unchanged++;
        else rejected.add(outcome);
      }
    }
  });
  return { stored, unchanged, rejections: rejected.report() };
}

/** One incoming row as an insert-and-read-back statement saw it: added now, or what was stored under its id. */
export interface BatchRow<Stored> {
  id: string;
  added: boolean;
  stored: Stored | undefined;
}

/**
 * How each row of a batch fared, from a statement that inserts the rows whose ids are new and, in
 * the same snapshot, reads what was already stored under the others.
 */
export function batchOutcomes<Row, Stored>(
  batch: readonly Row[],
  seen: ReadonlyArray<BatchRow<Stored>>,
  rule: { id(row: Row): string; same(stored: Stored, row: Row): boolean; refused(row: Row, stored: Stored | undefined): RejectedLine },
): WriteOutcome[] {
  const added = new Set<string>();
  const kept = new Map<string, Stored>();
  for (const row of seen) {
    if (row.added) added.add(row.id);
    else if (row.stored !== undefined) kept.set(row.id, row.stored);
  }
  return batch.map((row) => {
    const id = rule.id(row);
    if (added.has(id)) return 'stored';
    const stored = kept.get(id);
    return stored !== undefined && rule.same(stored, row) ? 'unchanged' : rule.refused(row, stored);
  });
}

/** Said when another import of the same ids committed between a statement's snapshot and its insert. */
export function importedMeanwhile(field: string, id: string): string {
  return `${field} "${id}" was being imported at the same time by someone else; import the file again to compare`;
}
