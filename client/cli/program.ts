/**
 * The `campaign` command line: the commands people use on campaigns. The processes (`worker`,
 * `dev`, `repair`) are added by the entry in workers/cli/main.ts. Exit codes: 0 ok · 1 operational
 * failure · 2 invalid input · 3 refused (DESIGN.md §2).
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ErrorType } from '../../domain/errors.js';
import { en } from '../i18n/en.js';
import { commandTree, localizeHelp } from '../i18n/help.js';
import { chooseLanguage, say } from './language.js';
import { currentForm } from './legacy-forms.js';
import { usageSentence } from './usage-errors.js';
import { planCommand } from './plan-commands.js';
import { approveCommand, listCommand, sendBackCommand, startCommand, statusCommand } from './campaign-commands.js';
import { apiCommand } from './api-command.js';
import { tokensCommand } from './token-commands.js';
import { keysCommand } from './key-commands.js';
import { interactionsCommand, metricsCommand, surveyCommand } from './import-commands.js';
import { crisisCommand, pilotCommand, scheduleCommand, stepCommand } from './execution-commands.js';
import { casesCommand, reportCommand, retroCommand } from './closing-commands.js';
import { cancelCommand } from './lifecycle-commands.js';
import {
  acknowledgeCommand, auditCommand, consultCommand, inboxCommand, readyCommand, taskCommand, tickCommand,
} from './preparation-commands.js';
import { config, reportFailure } from './context.js';
import { languageFrom } from '../plan-file.js';

function apiUrl(value: string): string {
  if (!/^https?:\/\/[^\s/]+/.test(value) || !URL.canParse(value)) throw new InvalidArgumentError(say().values.apiUrl);
  return value;
}

/** `campaign` with its global options and no commands yet. */
export function createProgram(): Command {
  return new Command('campaign')
    .description('Run marketing campaign plans durably on Temporal: gates, rollout, reviews, closing.')
    .option('--json', 'machine-readable output (errors too)')
    .option('--lang <lang>', 'language for messages: zh-CN or en (default from LANG)')
    .option('--api <url>', 'go through the HTTP API at this URL (default CAMPAIGN_API_URL) with the token in CAMPAIGN_API_TOKEN', apiUrl)
    .exitOverride();
}

/** Adds every command a person uses on campaigns, plans, tokens and the API server. */
export function registerCommands(program: Command): Command {
  program.addCommand(planCommand({ lang: () => languageFrom(program.opts<{ lang?: string }>().lang, config().lang) }));
  for (const make of [
    startCommand, statusCommand, listCommand, inboxCommand, approveCommand, sendBackCommand, readyCommand, tickCommand,
    consultCommand, acknowledgeCommand, taskCommand, auditCommand, metricsCommand, pilotCommand, crisisCommand, stepCommand, scheduleCommand,
    interactionsCommand, tokensCommand, keysCommand, apiCommand, reportCommand, retroCommand, casesCommand, surveyCommand,
    cancelCommand,
  ]) {
    program.addCommand(make());
  }
  return program;
}

/**
 * Parses and runs; failures become a sentence and an exit code, never a stack trace. The language
 * (--lang, else LANG) is chosen before parsing, so help and usage errors speak it too; usage
 * errors are invalid input (exit 2), reported like every other failure, as JSON with --json.
 */
export async function runProgram(program: Command, argv: readonly string[]): Promise<void> {
  const json = argv.slice(2).includes('--json');
  localizeHelp(program, chooseLanguage(argv));
  for (const cmd of commandTree(program)) {
    cmd.exitOverride();
    // Reported below, in the reader's language; the hint replaces the full help after an error.
    cmd.configureOutput({ outputError: () => undefined });
    cmd.showHelpAfterError(false);
  }
  try {
    await program.parseAsync(currentForm(argv));
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not failures; usage mistakes are invalid input.
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      if (err.exitCode !== 0 && err.code !== 'commander.help') reportUsageError(err, json);
    } else {
      process.exitCode = reportFailure(err, json || Boolean(program.opts<{ json?: boolean }>().json));
    }
  }
}

function reportUsageError(err: CommanderError, json: boolean): void {
  const m = say();
  if (json) {
    // Scripts read English, as in every other JSON error.
    process.stdout.write(`${JSON.stringify({ error: { message: usageSentence(err, en), exitCode: 2, type: ErrorType.InvalidInput } })}\n`);
  } else {
    process.stderr.write(`${m.failure(usageSentence(err, m))} ${m.errors.usage.help}\n`);
  }
}
