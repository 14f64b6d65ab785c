/**
 * The closing from the command line (P3): `campaign report`, `campaign retro`, `campaign cases
 * search|show`, and the plan draft from a case (`campaign plan new --from-case`, wired in
 * plan-commands.ts); `campaign survey import` is with the other imports.
 */
import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { REPORT_FORMATS, type ReportFormat } from '../../domain/report/render.js';
import type { CaseRecord } from '../../domain/cases/case-record.js';
import { caseSearchSchema, type CaseHit } from '../../domain/cases/case-search.js';
import type { PlanSuggestion } from '../../domain/cases/plan-from-case.js';
import { ErrorType } from '../../domain/errors.js';
import { CHANNEL_KINDS, REPORT_LANGUAGES, STRATEGIES } from '../../domain/plan/schema.js';
import { rehearsalLine } from '../../domain/rehearsal.js';
import type { ReportLanguage } from '../../domain/report/format.js';
import { CampaignError } from '../campaigns.js';
import { renderTable } from '../render/table.js';
import { retrospectiveFrom } from '../retrospective-input.js';
import { actingAs, collect, globals, output, readInputFile, withOperations } from './context.js';

interface ReportOptions {
  lang?: ReportLanguage;
  format: ReportFormat;
  out?: string;
}

export function reportCommand(): Command {
  return new Command('report')
    .description('the closing report: the one stored at closing, or a live one built now before the campaign closes')
    .argument('<id>', 'campaign id')
    .addOption(new Option('--lang <lang>', 'report language (default the plan\'s first report language)').choices([...REPORT_LANGUAGES]))
    .addOption(new Option('--format <format>', 'Markdown, self-contained HTML, or the JSON model').choices([...REPORT_FORMATS]).default('md'))
    .option('--out <file>', 'write the report to this file instead of standard output')
    .action(async (id: string, opts: ReportOptions, cmd: Command) => {
      const raw = cmd.optsWithGlobals<{ lang?: string }>().lang;
      const lang: ReportLanguage | undefined = raw === undefined ? undefined : raw.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
      const got = await withOperations(cmd, (ops) => ops.report(id, { lang, format: opts.format }));
      if (!got.stored) {
        process.stderr.write(`campaign: ${id} has not closed; this is a live report built now from its records, not the stored one.\n`);
      }
      if (opts.out) await writeFile(opts.out, got.body);
      if (globals(cmd).json) {
        output(cmd, { ...got, ...(opts.out ? { out: opts.out, body: undefined } : {}) }, () => '');
      } else if (opts.out) {
        process.stdout.write(`Wrote the ${got.stored ? 'stored' : 'live'} report of ${id} (${got.lang}, ${got.format}) to ${opts.out}.\n`);
      } else {
        process.stdout.write(got.body.endsWith('\n') ? got.body : `${got.body}\n`);
      }
    });
}

interface RetroOptions {
  as?: string;
  worked: string[];
  didNot: string[];
  lesson: string[];
  analysis: string[];
  file?: string;
}

export function retroCommand(): Command {
  return new Command('retro')
    .description('send your retrospective during the closing: what worked, what did not and why, lessons; sending again replaces it')
    .argument('<id>', 'campaign id')
    .option('--as <person>', 'who you are (your team id); through the API, the token says')
    .option('--worked <text>', 'something that worked and is worth reusing (repeatable)', collect, [])
    .option('--did-not <text>', '"what did not work => root cause" (repeatable)', collect, [])
    .option('--lesson <text>', '"a lesson for next time #skill1 #skill2" (repeatable)', collect, [])
    .option('--analysis <text>', '"kpi:cause:text", cause one of strategy, execution, environment, target (repeatable)', collect, [])
    .option('--file <answers.yaml>', 'answers in a YAML or JSON file: worked, didNot [{what, rootCause}], lessons [{text, skills}], analyses')
    .action(async (id: string, opts: RetroOptions, cmd: Command) => {
      const file = opts.file ? { name: opts.file, text: await readInputFile(opts.file, 1024 * 1024, { what: 'an answers file' }) } : undefined;
      // Checked before anything is sent, so a mistake is named by its option without a round trip.
      const local = retrospectiveFrom(opts.as ?? 'api', { worked: opts.worked, didNot: opts.didNot, lesson: opts.lesson, analysis: opts.analysis }, file);
      if (!local.ok) throw new CampaignError(`The retrospective is not complete:\n  ${local.problems.join('\n  ')}`, 2, ErrorType.InvalidInput);
      const { by: _by, ...answer } = local.input;
      const { by, result } = await actingAs(cmd, opts.as, (ops, person) => ops.retrospect(id, { ...answer, by: person }));
      const counts = `${answer.worked.length} worked, ${answer.didNot.length} did not, ${answer.lessons.length} lesson(s), ${answer.analyses.length} analysis(es)`;
      output(cmd, result, () => `${by}'s retrospective for ${id} is recorded (${counts}).`);
    });
}

interface SearchOptions {
  kind?: string;
  strategy?: string;
  since?: string;
  until?: string;
  limit?: string;
  includeRehearsals?: boolean;
}

export function casesCommand(): Command {
  const cases = new Command('cases').description('the case library: every closed campaign, searchable in Chinese and English');
  cases.command('search')
    .description('cases whose plan, retrospective or report match every word, best first')
    .argument('<text...>', 'words to look for, e.g. 提前备货 or stock early')
    .addOption(new Option('--kind <kind>', 'only cases with a channel of this kind').choices([...CHANNEL_KINDS]))
    .addOption(new Option('--strategy <strategy>', 'only cases with this core strategy').choices([...STRATEGIES]))
    .option('--since <date>', 'closed on or after this date (YYYY-MM-DD)')
    .option('--until <date>', 'closed on or before this date (YYYY-MM-DD)')
    .option('--limit <n>', 'at most this many cases (default 20)')
    .option('--include-rehearsals', 'also rehearsals (time scale not 1, or sandbox channels): their results are simulated')
    .action(async (words: string[], opts: SearchOptions, cmd: Command) => {
      const parsed = caseSearchSchema.safeParse({
        q: words.join(' '),
        ...(opts.kind ? { kind: opts.kind } : {}),
        ...(opts.strategy ? { strategy: opts.strategy } : {}),
        ...(opts.since ? { since: opts.since } : {}),
        ...(opts.until ? { until: opts.until } : {}),
        ...(opts.limit ? { limit: opts.limit } : {}),
        includeRehearsals: opts.includeRehearsals === true,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const option = issue.path[0] === 'q' ? '<text>' : `--${String(issue.path[0])}`;
        throw new CampaignError(`${option}: ${issue.message}`, 2, ErrorType.InvalidInput);
      }
      const search = parsed.data;
      const hits = await withOperations(cmd, (ops) => ops.searchCases(search));
      output(cmd, { cases: hits }, () => hitsText(hits, search.q));
    });

  cases.command('show')
    .description('one case: plan, timeline, metrics, decisions and retrospective')
    .argument('<id>', 'the campaign id of the case')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const record = await withOperations(cmd, (ops) => ops.getCase(id));
      output(cmd, record, () => caseText(record));
    });
  return cases;
}

function hitsText(hits: readonly CaseHit[], q: string): string {
  if (hits.length === 0) return `No case matches "${q}".`;
  const table = renderTable(
    [{ header: 'case' }, { header: 'title' }, { header: 'strategy' }, { header: 'channels' }, { header: 'closed' }],
    hits.map((h) => [h.campaignId + (h.rehearsal ? ' (rehearsal)' : ''), h.title, h.strategy ?? '—', h.channelKinds.join(', '), h.closedAt.slice(0, 10)]),
  );
  const quotes = hits.flatMap((h) => h.highlights.map((line) => `  ${h.campaignId}: ${line}`));
  return quotes.length > 0 ? `${table}\n\n${quotes.join('\n')}` : table;
}

function caseText(r: CaseRecord): string {
  const money = (n: number) => `${n.toLocaleString('en')} ${r.metrics.currency}`;
  const lines = [
    `case:${r.campaignId}  ${r.title}`,
    ...(r.rehearsal ? [rehearsalLine(r.rehearsal).en] : []),
    `strategy ${r.strategy ?? '—'} · channels ${r.channelKinds.join(', ')} · ${r.startedAt?.slice(0, 10) ?? '?'} → ${r.closedAt.slice(0, 10)}`,
    `input ${money(r.metrics.input)} · return ${money(r.metrics.return)} · ROI ${r.metrics.roi ?? '—'} · net ${money(r.metrics.net)}`,
    '',
    renderTable([{ header: 'KPI' }, { header: 'target', align: 'right' }, { header: 'actual', align: 'right' }, { header: 'attainment', align: 'right' }, { header: 'verdict' }], r.metrics.kpis.map((k) => [
      k.name, String(k.target), k.actual === null ? '—' : String(k.actual), k.attainment === null ? '—' : `${Math.round(k.attainment * 100)}%`, k.verdict,
    ])),
    '',
    renderTable([{ header: 'channel' }, { header: 'kind' }, { header: 'spend', align: 'right' }, { header: 'return', align: 'right' }, { header: 'ROI', align: 'right' }], r.metrics.channels.map((c) => [
      c.name, c.kind, money(c.spend), money(c.return), c.roi === null ? '—' : String(c.roi),
    ])),
  ];
  const lessons = r.retrospective.answers.flatMap((a) => a.lessons.map((l) => `  - ${l.text}${l.skills.length ? ` (${l.skills.join(', ')})` : ''} — ${a.person}`));
  if (lessons.length > 0) lines.push('', 'Lessons:', ...lessons);
  lines.push('', `Report: campaign report ${r.campaignId} --format html --out report.html · next plan: campaign plan new --from-case ${r.campaignId} --out next.yaml`);
  return lines.join('\n');
}

export interface PlanDraftOptions {
  fromCase: string;
  out?: string;
  id?: string;
  lang: ReportLanguage;
  includeRehearsals?: boolean;
}

/** `campaign plan new --from-case <id>`: the draft YAML to a file or standard output. */
export async function writePlanDraft(cmd: Command, opts: PlanDraftOptions): Promise<void> {
  const draft = await withOperations(cmd, (ops) => ops.planDraft(opts.fromCase, { lang: opts.lang, id: opts.id, includeRehearsals: opts.includeRehearsals }));
  if (opts.out) await writeFile(opts.out, draft.yaml);
  if (globals(cmd).json) {
    output(cmd, { ...draft, ...(opts.out ? { out: opts.out } : {}) }, () => '');
    return;
  }
  if (!opts.out) {
    process.stdout.write(draft.yaml);
    return;
  }
  process.stdout.write(`${draftSummary(opts, draft.suggestions)}\n`);
}

function draftSummary(opts: PlanDraftOptions, suggestions: readonly PlanSuggestion[]): string {
  const zh = opts.lang === 'zh-CN';
  const head = zh
    ? `已根据案例 ${opts.fromCase} 写出计划草稿 ${opts.out}，共 ${suggestions.length} 条建议(见文件中的注释)：`
    : `Wrote the plan draft ${opts.out} from case ${opts.fromCase}, with ${suggestions.length} suggestion(s) (comments in the file):`;
  const tail = zh ? `检查后运行：campaign plan validate ${opts.out}` : `Review it, then: campaign plan validate ${opts.out}`;
  return [head, ...suggestions.map((s) => `  ${s.path}: ${s.message[opts.lang]}`), tail].join('\n');
}
