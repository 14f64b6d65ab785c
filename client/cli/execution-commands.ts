/**
 * Execution at the terminal (P2.1–P2.10): `campaign pilot`, `campaign crisis`, `campaign schedule`
 * and `campaign interactions import`. Each goes through the HTTP API when one is configured, like
 * every other command.
 */
import { ApplicationFailure } from '@temporalio/common';
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { importInteractions, type InteractionsImportReport } from '../../activities/interactions.js';
import { exitCodeFor } from '../../domain/errors.js';
import { CRISIS_ACTIONS, PILOT_DECISIONS, type CrisisAction, type PilotDecision } from '../../domain/execution/actions.js';
import { detectFormat, MAX_INTERACTION_IMPORT_BYTES, type ImportFormat } from '../../domain/interactions/import.js';
import { CampaignError, campaignSchedule, crisisAction, decidePilot, signalInteractionsArrived } from '../campaigns.js';
import { languageFrom } from '../plan-file.js';
import { actor, apiClient, config, globals, IMPORT_FILE, output, readInputFile, viaApi, withClient, withDatabase } from './context.js';
import { renderSchedule } from '../render/schedule.js';

const MIN_GANTT_WIDTH = 40;
/** How many rejected lines the text output lists; --json lists them all. */
const SHOWN_REJECTIONS = 50;

export function pilotCommand(): Command {
  return new Command('pilot')
    .description('decide the pilot: go, extend it, send it back, or cancel the campaign')
    .argument('<id>', 'campaign id')
    .addArgument(new Argument('<decision>', PILOT_DECISIONS.join(' | ')).choices(PILOT_DECISIONS))
    .option('--as <person>', 'who decides (pilot.decidedBy, or their delegate); through the API, the token says')
    .option('--comment <text>', 'why; required for every decision but go')
    .option('--extend-by <duration>', 'how much longer the pilot runs, for extend, e.g. 3d')
    .action(async (id: string, decision: PilotDecision, opts: { as?: string; comment?: string; extendBy?: string }, cmd: Command) => {
      const by = await actor(cmd, opts.as);
      const input = {
        decision,
        ...(opts.comment !== undefined ? { comment: opts.comment } : {}),
        ...(opts.extendBy !== undefined ? { extendBy: opts.extendBy } : {}),
      };
      const result = await viaApi(cmd, (api) => api.decidePilot(id, input), () => withClient((client) => decidePilot(client, id, { ...input, by })));
      output(cmd, result, () => pilotSentence(id, decision, by, opts.extendBy));
    });
}

function pilotSentence(id: string, decision: PilotDecision, by: string, extendBy: string | undefined): string {
  switch (decision) {
    case 'go': return `Pilot of ${id}: go, by ${by}. The campaign moves on.`;
    case 'extend': return `Pilot of ${id} extended by ${extendBy ?? ''}, by ${by}.`;
    case 'send-back': return `Pilot of ${id} sent back by ${by} for rework.`;
    case 'cancel': return `Campaign ${id} cancelled at the pilot, by ${by}.`;
  }
}

export function crisisCommand(): Command {
  return new Command('crisis')
    .description('start a crisis by hand, propose or approve the response statement, or end it')
    .argument('<id>', 'campaign id')
    .addArgument(new Argument('<action>', CRISIS_ACTIONS.join(' | ')).choices(CRISIS_ACTIONS))
    .option('--as <person>', 'who acts (your team id); through the API, the token says')
    .option('--reason <text>', 'why, for start and end: it goes into the audit trail')
    .option('--statement <text>', 'the response statement, for statement')
    .action(async (id: string, action: CrisisAction, opts: { as?: string; reason?: string; statement?: string }, cmd: Command) => {
      const by = await actor(cmd, opts.as);
      const input = {
        action,
        ...(opts.reason !== undefined ? { reason: opts.reason } : {}),
        ...(opts.statement !== undefined ? { statement: opts.statement } : {}),
      };
      const result = await viaApi(cmd, (api) => api.crisisAction(id, input), () => withClient((client) => crisisAction(client, id, { ...input, by })));
      output(cmd, result, () => crisisSentence(id, action, by));
    });
}

function crisisSentence(id: string, action: CrisisAction, by: string): string {
  switch (action) {
    case 'start': return `Crisis started on ${id} by ${by}: posts and budget changes are held.`;
    case 'statement': return `Response statement for ${id} proposed by ${by}; it waits for approval.`;
    case 'approve': return `Response statement for ${id} approved by ${by}; the campaign resumes.`;
    case 'end': return `Crisis on ${id} ended by ${by}; the campaign resumes.`;
  }
}

function ganttWidth(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < MIN_GANTT_WIDTH) throw new InvalidArgumentError(`give a whole number of columns, at least ${MIN_GANTT_WIDTH}, e.g. 100`);
  return n;
}

export function scheduleCommand(): Command {
  return new Command('schedule')
    .description('the task schedule as a Gantt chart: planned against actual, the rest forecast, the critical path')
    .argument('<id>', 'campaign id')
    .option('--width <n>', 'columns per line (default: the terminal\'s, at most 120)', ganttWidth)
    .action(async (id: string, opts: { width?: number }, cmd: Command) => {
      const lang = languageFrom(globals(cmd).lang, config().lang);
      const { schedule, now } = await viaApi(cmd, (api) => api.schedule(id), () => withClient((client) => campaignSchedule(client, id)));
      output(cmd, schedule ?? null, () => {
        if (!schedule || schedule.tasks.length === 0) {
          return lang === 'zh-CN' ? `活动 ${id} 没有任务排期。` : `Campaign ${id} has no tasks to schedule.`;
        }
        const width = opts.width ?? Math.max(MIN_GANTT_WIDTH, Math.min(120, process.stdout.columns ?? 80));
        return renderSchedule(schedule, { width, lang, now });
      });
    });
}

interface ImportOptions {
  campaign: string;
  source: string;
  format?: ImportFormat;
}

export function interactionsCommand(): Command {
  const interactions = new Command('interactions').description('comments, messages and complaints from the audience');
  interactions
    .command('import')
    .description('import interactions from NDJSON or CSV; each is scored for sentiment; importing the same items again adds nothing')
    .argument('<file>', 'NDJSON (one JSON object per line) or CSV with a header row: id, channel, author, text, at, replyTo, answeredAt')
    .requiredOption('--campaign <id>', 'the campaign the interactions belong to')
    .option('--source <name>', 'where they come from, e.g. weibo-export', 'import')
    .addOption(new Option('--format <format>', 'file format, when the extension does not say').choices(['csv', 'ndjson']))
    .action(async (file: string, opts: ImportOptions, cmd: Command) => {
      const text = await readInputFile(file, MAX_INTERACTION_IMPORT_BYTES, IMPORT_FILE);
      const report = await viaApi(
        cmd,
        (api) => api.importInteractions({ campaignId: opts.campaign, source: opts.source, format: opts.format ?? detectFormat(file, text), text }),
        () => withDatabase((pool) =>
          importInteractions({ pool }, {
            campaignId: opts.campaign, source: opts.source, fileName: file, text, ...(opts.format ? { format: opts.format } : {}),
          }).catch((err: unknown) => {
            throw asCampaignError(err);
          })),
      );
      output(cmd, report, () => summary(file, report));
      if (!globals(cmd).json && report.rejected.length > 0) process.stderr.write(`${rejections(file, report)}\n`);
      // Through the API the server tells the campaign; directly, this command does, as a note if it cannot.
      if (report.inserted > 0 && !apiClient(cmd)) {
        await withClient((client) => signalInteractionsArrived(client, opts.campaign, report.inserted)).catch((err: unknown) => {
          if (!globals(cmd).json) {
            process.stderr.write(`campaign: the items are imported, but the campaign could not be told now (${(err as Error).message}); it reads them at its next check.\n`);
          }
        });
      }
      process.exitCode = report.rejected.length > 0 ? 2 : 0;
    });
  return interactions;
}

function asCampaignError(err: unknown): unknown {
  if (err instanceof ApplicationFailure) return new CampaignError(err.message, exitCodeFor(err.type ?? undefined), err.type ?? undefined);
  // An undefined table means the records database predates the interactions.
  if ((err as { code?: unknown }).code === '42P01') {
    return new CampaignError('The records database needs migrating: start `campaign worker` once (it applies migrations), then import again.', 1);
  }
  return err;
}

function summary(file: string, report: InteractionsImportReport): string {
  const counts = `${report.inserted} new item(s), ${report.duplicates} already there`;
  const head = `Imported ${file} into campaign ${report.campaignId} (source "${report.source}", ${report.format}): ${counts}.`;
  if (report.rejected.length === 0) return head;
  const lines = new Set(report.rejected.map((r) => r.line)).size;
  return `${head}\n${lines} line(s) were rejected and not imported; every other item was imported. `
    + 'Fix the lines below and import the whole file again: items already imported are skipped.';
}

/** `file:line  field  message`, the form terminals and editors make clickable. */
function rejections(file: string, report: InteractionsImportReport): string {
  const shown = report.rejected.slice(0, SHOWN_REJECTIONS).map((r) => [`${file}:${r.line}`, r.field ?? '', r.message].filter(Boolean).join('  '));
  const more = report.rejected.length - shown.length;
  return more > 0 ? [...shown, `… and ${more} more (--json lists them all)`].join('\n') : shown.join('\n');
}
