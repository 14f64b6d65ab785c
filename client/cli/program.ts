/**
 * The `campaign` command line: the commands people use on campaigns. The processes (`worker`,
 * `dev`, `repair`) are added by the entry in workers/cli/main.ts. Exit codes: 0 ok · 1 operational
 * failure · 2 invalid input · 3 refused (DESIGN.md §2).
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
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
  if (!/^https?:\/\/[^\s/]+/.test(value) || !URL.canParse(value)) throw new InvalidArgumentError('give the API\'s base URL, e.g. http://127.0.0.1:8080');
  return value;
}

/** `campaign` with its global options and no commands yet. */
export function createProgram(): Command {
  return new Command('campaign')
    .description('Run marketing campaign plans durably on Temporal: gates, rollout, reviews, closing.')
    .option('--json', 'machine-readable output')
    .option('--lang <lang>', 'language for messages: zh-CN or en (default from LANG)')
    .option('--api <url>', 'go through the HTTP API at this URL (default CAMPAIGN_API_URL) with the token in CAMPAIGN_API_TOKEN', apiUrl)
    .showHelpAfterError()
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

/** Parses and runs; failures become a sentence and an exit code, never a stack trace. */
export async function runProgram(program: Command, argv: readonly string[]): Promise<void> {
  for (const cmd of program.commands) {
    cmd.exitOverride();
    for (const sub of cmd.commands) sub.exitOverride();
  }
  try {
    await program.parseAsync([...argv]);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not failures; usage mistakes are invalid input.
      process.exitCode = err.exitCode === 0 ? 0 : 2;
    } else {
      process.exitCode = reportFailure(err, Boolean(program.opts<{ json?: boolean }>().json));
    }
  }
}
