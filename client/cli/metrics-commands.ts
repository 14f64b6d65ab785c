/**
 * `campaign metrics import <file> --campaign <id>`: bring platform exports and data-team extracts
 * into a campaign's records. Exit 0 when every row was fine, 2 when some lines were rejected (the
 * others are imported), 1 when the import could not run.
 */
import { ApplicationFailure } from '@temporalio/common';
import { Command, Option } from 'commander';
import { exitCodeFor } from '../../domain/errors.js';
import { detectFormat, MAX_IMPORT_BYTES, type ImportFormat } from '../../domain/metrics-import.js';
import { importMetrics, type MetricsImportReport } from '../../activities/metrics-import.js';
import { CampaignError } from '../campaigns.js';
import { globals, IMPORT_FILE, output, readInputFile, viaApi, withDatabase } from './context.js';

/** How many rejected lines the text output lists; --json lists them all. */
const SHOWN_REJECTIONS = 50;

interface ImportOptions {
  campaign: string;
  source: string;
  format?: ImportFormat;
}

export function metricsCommand(): Command {
  const metrics = new Command('metrics').description("channel metrics in a campaign's records");
  metrics
    .command('import')
    .description('import daily channel metrics from CSV or NDJSON; importing the same rows again adds nothing')
    .argument('<file>', 'a CSV file with a header row, or NDJSON (one JSON object per line); see docs/metrics.md')
    .requiredOption('--campaign <id>', 'the campaign the numbers belong to')
    .option('--source <name>', 'where the numbers come from; record ids are unique per source', 'import')
    .addOption(new Option('--format <format>', 'file format, when the extension does not say').choices(['csv', 'ndjson']))
    .action(async (file: string, opts: ImportOptions, cmd: Command) => {
      const text = await readInputFile(file, MAX_IMPORT_BYTES, IMPORT_FILE);
      const report = await viaApi(
        cmd,
        // The API reads the format from the media type, so it is settled here as the import would.
        (api) => api.importMetrics({ campaignId: opts.campaign, source: opts.source, format: opts.format ?? detectFormat(file, text), text }),
        () => withDatabase((pool) =>
          importMetrics({ pool }, {
            campaignId: opts.campaign, source: opts.source, fileName: file, text, ...(opts.format ? { format: opts.format } : {}),
          }).catch((err: unknown) => {
            throw asCampaignError(err);
          })),
      );
      output(cmd, report, () => summary(file, report));
      if (!globals(cmd).json && report.rejected.length > 0) process.stderr.write(`${rejections(file, report)}\n`);
      process.exitCode = report.rejected.length > 0 ? 2 : 0;
    });
  return metrics;
}

function asCampaignError(err: unknown): unknown {
  if (err instanceof ApplicationFailure) return new CampaignError(err.message, exitCodeFor(err.type ?? undefined), err.type ?? undefined);
  // An undefined column means the records database predates the engagement metrics.
  if ((err as { code?: unknown }).code === '42703') {
    return new CampaignError('The records database needs migrating: start `campaign worker` once (it applies migrations), then import again.', 1);
  }
  return err;
}

function summary(file: string, report: MetricsImportReport): string {
  const counts = `${report.inserted} new row(s), ${report.duplicates} already there`;
  const head = `Imported ${file} into campaign ${report.campaignId} (source "${report.source}", ${report.format}): ${counts}.`;
  if (report.rejected.length === 0) return head;
  const lines = new Set(report.rejected.map((r) => r.line)).size;
  return `${head}\n${lines} line(s) were rejected and not imported; every other row was imported. `
    + 'Fix the lines below and import the whole file again: rows already imported are skipped.';
}

/** `file:line  field  message`, the form terminals and editors make clickable. */
function rejections(file: string, report: MetricsImportReport): string {
  const shown = report.rejected.slice(0, SHOWN_REJECTIONS).map((r) => [`${file}:${r.line}`, r.field ?? '', r.message].filter(Boolean).join('  '));
  const more = report.rejected.length - shown.length;
  return more > 0 ? [...shown, `… and ${more} more (--json lists them all)`].join('\n') : shown.join('\n');
}
