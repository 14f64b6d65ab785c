/**
 * `campaign plan validate <files...>`, `campaign plan new` and `campaign plan schema`: check plans
 * before starting them, start one from a template or a past case, and give editors the format.
 * Exit code 2 when any plan is invalid (DESIGN.md §2).
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { planJsonSchemaText } from '../../domain/plan/json-schema.js';
import { planTemplate } from '../../domain/plan/template.js';
import { previewPlan } from '../../domain/plan/preview.js';
import { summarizePlan } from '../../domain/plan/summary.js';
import type { Lang } from '../../domain/plan/validate.js';
import { languageFrom, loadPlanFile, renderPlanIssues, renderPlanWarnings, type LoadedPlan } from '../plan-file.js';
import { renderPlanPreview } from '../render/plan-preview.js';
import { REPO_ROOT } from '../../platform/paths.js';
import { CampaignError } from '../campaigns.js';
import { writePlanDraft } from './closing-commands.js';
import { output } from './context.js';

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

  plan.command('preview')
    .description('show what a plan will do before it starts: phase dates, pilot, crisis rule, content per channel, publishing calendar')
    .argument('<file>', 'plan file (YAML or JSON)')
    .option('--json', 'print the preview as JSON')
    .addOption(new Option('--lang <lang>', 'language of the preview').choices(['zh-CN', 'en']))
    .showHelpAfterError()
    .exitOverride()
    .action(async (file: string, _opts: ValidateOptions, cmd: Command) => {
      await guarded(() => previewFile(file, cmd.optsWithGlobals<ValidateOptions>(), ctx));
    });

  plan.command('new')
    .description('write a commented plan template that validates as it is, or with --from-case a draft from a past case: its team, gates, tasks as they took, and a channel split from its results')
    .option('--from-case <id>', 'the case (a closed campaign\'s id) to start from')
    .option('--out <file>', 'write the plan to this file, which must not exist yet for a template (default: standard output)')
    .option('--id <id>', 'the new plan\'s id (default for a case: its plan id with -next)')
    .option('--include-rehearsals', 'allow a rehearsal\'s case as the source (its results are simulated; the draft says so)')
    .addOption(new Option('--lang <lang>', 'language of the comments and placeholders').choices(['zh-CN', 'en']))
    .exitOverride()
    .action(async (opts: { fromCase?: string; out?: string; id?: string; includeRehearsals?: boolean }, cmd: Command) => {
      const explicit = cmd.optsWithGlobals<ValidateOptions>().lang;
      const lang = (explicit === undefined ? undefined : languageFrom(explicit)) ?? ctx.lang();
      const out = opts.out ? { out: opts.out } : {};
      const id = opts.id ? { id: opts.id } : {};
      if (opts.fromCase) await writePlanDraft(cmd, { fromCase: opts.fromCase, lang, includeRehearsals: opts.includeRehearsals === true, ...out, ...id });
      else await writeTemplate(cmd, { lang, ...out, ...id });
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
      ? { file: one.fileName, ok: true, plan: one.plan, warnings: one.warnings }
      : { file: one.fileName, ok: false, issues: one.issues }));
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    // Summaries are results (stdout); problems are diagnostics (stderr), as compilers print them.
    loaded.forEach((one, i) => {
      const gap = i > 0 ? '\n' : '';
      if (one.ok) {
        process.stdout.write(`${gap}${okLine(one.fileName, lang)}\n\n${summarizePlan(one.plan, lang)}\n`);
        if (one.warnings.length > 0) process.stderr.write(`${renderPlanWarnings(one.warnings, lang, one.fileName)}\n`);
      } else process.stderr.write(`${gap}${renderPlanIssues(one.issues, lang, one.fileName)}\n`);
    });
  }
  process.exitCode = loaded.every((one) => one.ok) ? 0 : 2;
}

const SCHEMA_FILE = join(REPO_ROOT, 'docs', 'plan.schema.json');

/**
 * The template, pointing the editor at the schema: relative for a file inside the repository (so
 * it keeps working when the repository is checked out elsewhere), else absolute. A file that
 * exists is never overwritten by a blank template.
 */
async function writeTemplate(cmd: Command, opts: { lang: Lang; out?: string; id?: string }): Promise<void> {
  const inRepository = opts.out !== undefined && !relative(REPO_ROOT, resolve(opts.out)).startsWith('..');
  const schemaRef = opts.out && inRepository ? relative(dirname(resolve(opts.out)), SCHEMA_FILE) : SCHEMA_FILE;
  const yaml = planTemplate({ lang: opts.lang, schemaRef, id: opts.id });
  if (!opts.out) {
    output(cmd, { yaml }, () => yaml.trimEnd());
    return;
  }
  try {
    await writeFile(opts.out, yaml, { flag: 'wx' });
  } catch (error) {
    const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
    const zh = opts.lang === 'zh-CN';
    throw new CampaignError(exists
      ? (zh ? `${opts.out} 已存在, 模板不会覆盖它: 请用 --out 指定一个新文件名。` : `${opts.out} already exists and a template never overwrites it: give --out a new file name.`)
      : (zh ? `无法写入 ${opts.out}: ${(error as Error).message}` : `Cannot write ${opts.out}: ${(error as Error).message}`), exists ? 2 : 1);
  }
  output(cmd, { out: opts.out, yaml }, () => (opts.lang === 'zh-CN'
    ? `已写出计划模板 ${opts.out}。把占位内容改成你的, 然后运行: campaign plan validate ${opts.out}`
    : `Wrote the plan template ${opts.out}. Replace the placeholders, then: campaign plan validate ${opts.out}`));
}

/** An invalid plan has no preview: its problems instead, exit code 2, as `plan validate` does. */
async function previewFile(file: string, opts: ValidateOptions, ctx: PlanCommandContext): Promise<void> {
  const lang = (opts.lang === undefined ? undefined : languageFrom(opts.lang)) ?? ctx.lang();
  const loaded = await loadPlanFile(file, lang);
  if (!loaded.ok) {
    process.stderr.write(`${renderPlanIssues(loaded.issues, lang, loaded.fileName)}\n`);
    process.exitCode = 2;
    return;
  }
  const preview = previewPlan(loaded.plan);
  process.stdout.write(opts.json ? `${JSON.stringify(preview, null, 2)}\n` : `${renderPlanPreview(preview, lang)}\n`);
  process.exitCode = 0;
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
