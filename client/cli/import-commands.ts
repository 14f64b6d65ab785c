/**
 * Files of rows into a campaign's records: `campaign metrics import` (docs/metrics.md),
 * `campaign interactions import` (docs/execution.md) and `campaign survey import`. Each exits 0 when
 * every row was fine, 2 when some lines were rejected (the others are imported), 1 when the import
 * could not run.
 */
import { Command, Option } from 'commander';
import type { InteractionsImportReport, MetricsImportReport } from '../../store/index.js';
import type { RejectionReason, RejectionReport } from '../../domain/imports/rejections.js';
import { MAX_IMPORT_BYTES, type ImportFormat } from '../../domain/metrics-import.js';
import { MAX_INTERACTION_IMPORT_BYTES } from '../../domain/interactions/import.js';
import type { CampaignOperations, FileImport } from '../operations/operations.js';
import { globals, IMPORT_FILE, output, readInputFile, withOperations } from './context.js';

/** How many problems the text output lists; --json lists the first thousand, and both count them all. */
const SHOWN_REJECTIONS = 50;
/** How many kinds of problem the text output counts before "and others". */
const SHOWN_REASONS = 10;

interface ImportOptions {
  campaign: string;
  source: string;
  format?: ImportFormat;
}

interface ImportSpec<R extends RejectionReport> {
  description: string;
  file: string;
  campaign: string;
  source: string;
  limitBytes: number;
  run(ops: CampaignOperations, file: FileImport): Promise<R>;
  summary(file: string, report: R): string;
}

/** `… import <file> --campaign <id> [--source] [--format]`, the same for every kind of rows. */
function importCommand<R extends RejectionReport>(spec: ImportSpec<R>): Command {
  return new Command('import')
    .description(spec.description)
    .argument('<file>', spec.file)
    .requiredOption('--campaign <id>', spec.campaign)
    .option('--source <name>', spec.source, 'import')
    .addOption(new Option('--format <format>', 'file format, when the extension does not say').choices(['csv', 'ndjson']))
    .action(async (file: string, opts: ImportOptions, cmd: Command) => {
      const text = await readInputFile(file, spec.limitBytes, IMPORT_FILE);
      const input = { campaignId: opts.campaign, source: opts.source, fileName: file, text, ...(opts.format ? { format: opts.format } : {}) };
      const report = await withOperations(cmd, (ops) => spec.run(ops, input));
      output(cmd, report, () => spec.summary(file, report));
      if (!globals(cmd).json && report.rejectedTotal > 0) process.stderr.write(`${rejections(file, report)}\n`);
      process.exitCode = report.rejectedTotal > 0 ? 2 : 0;
    });
}

export function metricsCommand(): Command {
  return new Command('metrics').description("channel metrics in a campaign's records").addCommand(importCommand({
    description: 'import daily channel metrics from CSV or NDJSON; importing the same rows again adds nothing',
    file: 'a CSV file with a header row, or NDJSON (one JSON object per line); see docs/metrics.md',
    campaign: 'the campaign the numbers belong to',
    source: 'where the numbers come from; record ids are unique per source',
    limitBytes: MAX_IMPORT_BYTES,
    run: (ops, file) => ops.importMetrics(file),
    summary: (file, report) => rowsSummary(file, report, 'row'),
  }));
}

export function interactionsCommand(): Command {
  return new Command('interactions').description('comments, messages and complaints from the audience').addCommand(importCommand({
    description: 'import interactions from NDJSON or CSV; each is scored for sentiment; importing the same items again adds nothing',
    file: 'NDJSON (one JSON object per line) or CSV with a header row: id, channel, author, text, at, replyTo, answeredAt',
    campaign: 'the campaign the interactions belong to',
    source: 'where they come from, e.g. weibo-export',
    limitBytes: MAX_INTERACTION_IMPORT_BYTES,
    // The campaign is told of new items, so it checks them now (or, if it cannot be told, at its next check).
    run: (ops, file) => ops.importInteractions(file),
    summary: (file, report) => rowsSummary(file, report, 'item'),
  }));
}

export function surveyCommand(): Command {
  return new Command('survey').description('survey answers for the closing report\'s qualitative results').addCommand(importCommand({
    description: 'import survey answers from CSV or NDJSON: answer_id, question, score and/or text, optionally respondent and out_of',
    file: 'a CSV file with a header row, or NDJSON (one JSON object per line)',
    campaign: 'the campaign the survey belongs to',
    source: 'where the answers come from, e.g. wjx-export',
    limitBytes: MAX_IMPORT_BYTES,
    run: (ops, file) => ops.importSurvey(file),
    summary: (file, r) => {
      const head = `Imported ${file} into campaign ${r.campaignId} (${r.format}): ${r.stored} answer(s) stored, ${r.unchanged} unchanged.`;
      return r.rejectedTotal === 0 ? head : `${head}\n${r.rejectedLines} line(s) with ${r.rejectedTotal} problem(s) below were not imported; every other answer was.`;
    },
  }));
}

function rowsSummary(file: string, report: MetricsImportReport | InteractionsImportReport, noun: 'row' | 'item'): string {
  const counts = `${report.inserted} new ${noun}(s), ${report.duplicates} already there`;
  const head = `Imported ${file} into campaign ${report.campaignId} (source "${report.source}", ${report.format}): ${counts}.`;
  if (report.rejectedTotal === 0) return head;
  return `${head}\n${report.rejectedLines} line(s) were rejected and not imported; every other ${noun} was imported. `
    + `Fix the lines below and import the whole file again: ${noun}s already imported are skipped.`;
}

/**
 * `file:line  field  message`, the form terminals and editors make clickable, for the first
 * problems; then, when there were more, how many of each kind and where the first one is.
 */
function rejections(file: string, report: RejectionReport): string {
  const shown = report.rejected.slice(0, SHOWN_REJECTIONS).map((r) => [`${file}:${r.line}`, r.field ?? '', r.message].filter(Boolean).join('  '));
  const more = report.rejectedTotal - shown.length;
  if (more === 0) return shown.join('\n');
  const reasons = report.rejectedReasons.slice(0, SHOWN_REASONS).map((r) => `  ${r.count}  ${reasonName(r)}, first ${file}:${r.firstLine}  ${r.example}`);
  const others = report.rejectedReasons.slice(SHOWN_REASONS).reduce((n, r) => n + r.count, 0);
  return [
    ...shown,
    `… and ${more} more problem(s); ${report.rejectedTotal} on ${report.rejectedLines} line(s) in all (--json lists the first ${report.rejected.length}):`,
    ...reasons,
    ...(others > 0 ? [`  ${others}  others`] : []),
  ].join('\n');
}

function reasonName(reason: RejectionReason): string {
  if (reason.field !== null) return reason.field;
  return reason.kind === 'unknown-field' ? 'unknown fields' : 'unreadable lines';
}
