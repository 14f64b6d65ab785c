/**
 * What validation found, before it is put into words. Rules and the schema translator produce
 * `RuleIssue`s (a rule id, where, and the facts); `messages.ts` turns them into sentences in the
 * reader's language. Keeping facts apart from wording lets one finding read well in both languages.
 */
import type { FormulaError } from '../kpi/formula.js';
import type { ContentIssueRule } from './rules/content.js';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export type Lang = 'en' | 'zh-CN';

/** What a marketer reads: where (path and position in the file), what is wrong, how to fix it. */
export interface PlanIssue {
  rule: string;
  /** e.g. `gates[2].accountable`; empty for problems with the file as a whole. */
  path: string;
  line?: number;
  column?: number;
  message: string;
  fix?: string;
}

interface Suggested {
  id: string;
  suggestion?: string | undefined;
}

/** What the content lint found for one channel, already in both languages (domain/content/lint.ts). */
export interface ContentFinding {
  channel: string;
  message: Record<Lang, string>;
  fix?: Record<Lang, string> | undefined;
}

type ContentRuleParams = { [K in ContentIssueRule]: ContentFinding };

/** The facts each rule reports. A rule's sentence may use only these (and where the issue is). */
export interface RuleParams extends ContentRuleParams {
  // The file as a whole
  'file-not-found': { file: string };
  'file-unreadable': { file: string };
  'not-utf8': Record<string, never>;
  'too-large': { bytes: number; limit: number };
  'too-deep': { limit: number };
  'yaml-syntax': { code: string; detail: string; format: 'YAML' | 'JSON' };
  'duplicate-key': { key: string };
  'fullwidth-colon': { key: string };
  'not-a-plan': { received: string };
  'internal-error': { detail: string };
  // The shape of the plan (translated from the schema)
  'unknown-key': { key: string; suggestion?: string | undefined };
  'missing-key': { key: string; example?: string | undefined };
  'wrong-type': { key: string; expected: string; received: string };
  'not-an-option': { key: string; value: string; options: string[]; suggestion?: string | undefined };
  'empty-value': { key: string };
  'list-too-short': { key: string; minimum: number };
  'list-too-long': { key: string; maximum: number };
  'text-too-long': { key: string; maximum: number };
  'number-too-small': { key: string; minimum: number; inclusive: boolean };
  'number-too-big': { key: string; maximum: number; inclusive: boolean };
  'number-not-finite': { key: string; value: string };
  'not-whole-number': { key: string; value: string };
  'id-format': { key: string; value: string; suggestion?: string | undefined; fullwidthComma: boolean };
  'plan-id-format': { value: string; suggestion?: string | undefined };
  'date-format': { key: string; value: string };
  'start-format': { value: string };
  'time-range-format': { key: string; value: string };
  'currency-format': { value: string };
  'duration-format': { key: string; value: string };
  'url-format': { key: string; value: string };
  'email-format': { key: string; value: string };
  'invalid-value': { key: string; detail: string };
  'gate-accountable-count': { count: number };
  // Notify targets and channel credentials: the plan names them, the worker holds their secrets
  'notify-inline-secret': { kind: string; field: 'url' | 'secret'; name: string };
  'notify-old-form': { kind: string; value?: string | undefined };
  'notify-one-target': { count: number };
  'notify-target-name': { kind: string; value: string };
  'channel-inline-secret': { key: string; channel: string };
  // Cross-references
  'unknown-person': Suggested;
  'unknown-channel': Suggested;
  'pilot-unknown-channel': Suggested;
  'unknown-kpi': Suggested;
  'unknown-task': Suggested;
  'unknown-gate-or-task': Suggested;
  'dependency-cycle': { kind: 'task' | 'gate'; cycle: string[] };
  'dependency-later-phase': { id: string; phase: string; dependsOnPhase: string };
  'duplicate-id': { id: string; firstPath: Path };
  'gate-task-id-clash': { id: string; taskPath: Path };
  'delegate-self': { id: string };
  // Warnings: the plan runs, but may not do what its author meant
  'unknown-role': { value: string; suggestion?: string | undefined };
  // Budget
  'channel-min-above-max': { min: number; max: number };
  'channel-initial-outside-range': { initial: number; min: number; max: number };
  'budget-over-total': { channels: number; items: number; reserve: number; total: number; currency: string };
  'pilot-budget-over-channels': { budget: number; available: number; channels: string[]; currency: string };
  'channel-webhook-url': Record<string, never>;
  'roi-threshold-not-positive': { value: number };
  // KPIs
  'formula-syntax': { formula: string; position: number; problem: FormulaProblem };
  'formula-unknown-kpi': Suggested & { split?: string | undefined };
  'formula-divides-by-zero': { formula: string };
  'formula-cycle': { cycle: string[] };
  'kpi-no-measure': Record<string, never>;
  'kpi-metric-and-formula': Record<string, never>;
  'kpi-no-owner': Record<string, never>;
  'pilot-criterion-without-bound': { kpi: string };
  'pilot-criterion-impossible': { kpi: string; atLeast: number; atMost: number };
  'kpi-target-not-positive': { target: number };
  // Durations
  'duration-zero': { key: string; value: string };
  'reminder-too-frequent': { key: string; value: string; minimum: string };
  'duration-too-long': { key: string; value: string; maximum: string; days: number };
  // Execution
  'content-no-channels': Record<string, never>;
  'peak-hours-empty': { value: string };
  'crisis-share-zero': Record<string, never>;
  'report-languages-empty': Record<string, never>;
  'content-review-gates': { id: string; first: string };
  // Dates and phases
  'goal-due-invalid': { value: string; suggestion?: string | undefined };
  'phase-not-in-plan': { phase: string };
  'date-not-real': { value: string };
  'goal-due-outside-campaign': { value: string; start: string; end: string };
  'rollout-ends-after-end-by': { endBy: string; start: string; lastDay: string; latestStart: string };
  'end-by-needs-start': { endBy: string; latestStart: string };
}

export type RuleId = keyof RuleParams;

export type FormulaProblem = FormulaError['problem'];

/** A place in the file, both 1-based. */
export interface Position {
  line: number;
  column: number;
}

/**
 * One finding: which rule, where in the plan, and the facts its sentence needs. `at` is set only
 * when the place in the file is known without a path (a YAML syntax error).
 */
export type RuleIssue = { [K in RuleId]: { rule: K; path: Path; params: RuleParams[K]; at?: Position } }[RuleId];

export function issue<K extends RuleId>(rule: K, path: Path, params: RuleParams[K], at?: Position): RuleIssue {
  return (at ? { rule, path, params, at } : { rule, path, params }) as RuleIssue;
}

/** `['gates', 2, 'accountable']` → `gates[2].accountable`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}
