/**
 * Files of rows into a campaign's records: `campaign metrics import` (docs/metrics.md),
 * `campaign interactions import` (docs/execution.md) and `campaign survey import`. Each exits 0 when
 * every row was fine, 2 when some lines were rejected (the others are imported), 1 when the import
 * could not run.
 */
import { Command, Option } from 'commander';
import type { InteractionsImportReport, MetricsImportReport } from '../../store/index.js';
import type { RejectedLine } from '../../domain/metrics-import.js';
import { MAX_IMPORT_BYTES, type ImportFormat } from '../../domain/metrics-import.js';
import { MAX_INTERACTION_IMPORT_BYTES } from '../../domain/interactions/import.js';
import type { CampaignOperations, FileImport } from '../operations/operations.js';
import { globals, IMPORT_FILE, output, readInputFile, withOperations } from './context.js';

/** How many rejected lines the text output lists; --json lists them all. */
const SHOWN_REJECTIONS = 50;

interface ImportOptions {
  campaign: string;
  source: string;
  format?: ImportFormat;
}

interface ImportSpec<R extends { rejected: RejectedLine[] }> {
  description: string;
  file: string;
  campaign: string;
  source: string;
  limitBytes: number;
  run(ops: CampaignOperations, file: FileImport): Promise<R>;
  summary(file: string, report: R): string;
}

/** `… import <file> --campaign <id> [--source] [--format]`, the same for every kind of rows. */
function importCommand<R extends { rejected: RejectedLine[] }>(spec: ImportSpec<R>): Command {
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
      if (!globals(cmd).json && report.rejected.length > 0) process.stderr.write(`${rejections(file, report.rejected)}\n`);
      process.exitCode = report.rejected.length > 0 ? 2 : 0;
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
      return r.rejected.length === 0 ? head : `${head}\n${r.rejected.length} problem(s) below; those lines were not imported, every other answer was.`;
    },
  }));
}

function rowsSummary(file: string, report: MetricsImportReport | InteractionsImportReport, noun: 'row' | 'item'): string {
  const counts = `${report.inserted} new ${noun}(s), ${report.duplicates} already there`;
  const head = `Imported ${file} into campaign ${report.campaignId} (source "${report.source}", ${report.format}): ${counts}.`;
  if (report.rejected.length === 0) return head;
  const lines = new Set(report.rejected.map((r) => r.line)).size;
  return `${head}\n${lines} line(s) were rejected and not imported; every other ${noun} was imported. `
    + `Fix the lines below and import the whole file again: ${noun}s already imported are skipped.`;
}

/** `file:line  field  message`, the form terminals and editors make clickable. */
function rejections(file: string, rejected: readonly RejectedLine[]): string {
  const shown = rejected.slice(0, SHOWN_REJECTIONS).map((r) => [`${file}:${r.line}`, r.field ?? '', r.message].filter(Boolean).join('  '));
  const more = rejected.length - shown.length;
  return more > 0 ? [...shown, `… and ${more} more (--json lists them all)`].join('\n') : shown.join('\n');
}
