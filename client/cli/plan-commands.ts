/**
 * `campaign plan validate <files...>` and `campaign plan schema`: check plans before starting them,
 * and give editors the format. Exit code 2 when any plan is invalid (DESIGN.md §2).
 */
import { Command, Option } from 'commander';
import { planJsonSchemaText } from '../../domain/plan/json-schema.js';
import { summarizePlan } from '../../domain/plan/summary.js';
import type { Lang } from '../../domain/plan/validate.js';
import { languageFrom, loadPlanFile, renderPlanIssues, type LoadedPlan } from '../plan-file.js';
import { writePlanDraft } from './closing-commands.js';

export interface PlanCommandContext {
  /** The reader's language when no --lang is given (from the global option or the locale). */
  lang: () => Lang;
}

interface ValidateOptions {
  json?: boolean;
  lang?: string;
}

export function planCommand(ctx: PlanCommandContext): Command {
  const plan = new Command('plan').description('check plan files and show the plan format');

  plan.command('validate')
    .description('validate plans and print what the system understood, or every problem found')
    .argument('<files...>', 'plan files (YAML or JSON)')
    .option('--json', 'print [{ file, ok, plan | issues }] as JSON')
    .addOption(new Option('--lang <lang>', 'language of messages and summaries').choices(['zh-CN', 'en']))
    .showHelpAfterError()
    .exitOverride()
    .action(async (files: string[], _opts: ValidateOptions, cmd: Command) => {
      await guarded(() => validateFiles(files, cmd.optsWithGlobals<ValidateOptions>(), ctx));
    });

  plan.command('new')
    .description('write a new plan draft from a past case: its team, gates, tasks as they took, and a channel split from its results')
    .requiredOption('--from-case <id>', 'the case (a closed campaign\'s id) to start from')
    .option('--out <file>', 'write the draft to this file (default: standard output)')
    .option('--id <id>', 'the new plan\'s id (default the case\'s plan id with -next)')
    .option('--include-rehearsals', 'allow a rehearsal\'s case as the source (its results are simulated; the draft says so)')
    .addOption(new Option('--lang <lang>', 'language of the comments in the draft').choices(['zh-CN', 'en']))
    .exitOverride()
    .action(async (opts: { fromCase: string; out?: string; id?: string; includeRehearsals?: boolean }, cmd: Command) => {
      const explicit = cmd.optsWithGlobals<ValidateOptions>().lang;
      const lang = (explicit === undefined ? undefined : languageFrom(explicit)) ?? ctx.lang();
      await writePlanDraft(cmd, {
        fromCase: opts.fromCase, lang, includeRehearsals: opts.includeRehearsals === true,
        ...(opts.out ? { out: opts.out } : {}), ...(opts.id ? { id: opts.id } : {}),
      });
    });

  plan.command('schema')
    .description('print the plan format as JSON Schema (for editors: docs/plan.schema.json)')
    .exitOverride()
    .action(async () => {
      await guarded(async () => { process.stdout.write(planJsonSchemaText()); });
    });

  return plan;
}

async function validateFiles(files: readonly string[], opts: ValidateOptions, ctx: PlanCommandContext): Promise<void> {
  const explicit = opts.lang === undefined ? undefined : languageFrom(opts.lang);
  const lang = explicit ?? ctx.lang();
  const loaded: LoadedPlan[] = [];
  for (const file of files) loaded.push(await loadPlanFile(file, lang));

  if (opts.json) {
    const results = loaded.map((one) => (one.ok
      ? { file: one.fileName, ok: true, plan: one.plan }
      : { file: one.fileName, ok: false, issues: one.issues }));
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    // Summaries are results (stdout); problems are diagnostics (stderr), as compilers print them.
    loaded.forEach((one, i) => {
      const gap = i > 0 ? '\n' : '';
      if (one.ok) process.stdout.write(`${gap}${okLine(one.fileName, lang)}\n\n${summarizePlan(one.plan, explicit)}\n`);
      else process.stderr.write(`${gap}${renderPlanIssues(one.issues, lang, one.fileName)}\n`);
    });
  }
  process.exitCode = loaded.every((one) => one.ok) ? 0 : 2;
}

function okLine(fileName: string, lang: Lang): string {
  return lang === 'zh-CN' ? `✓ ${fileName}: 计划有效。` : `✓ ${fileName}: the plan is valid.`;
}

/** Unexpected failures become one sentence and exit code 1, never a stack trace. */
async function guarded(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    process.stderr.write(`campaign plan: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
