/**
 * Plan validation as a marketer meets it: give it the text of a plan file, get back either the plan
 * or every problem in it at once — each with its place in the file, a sentence in the reader's
 * language and, where obvious, how to fix it. It never throws, whatever the input. Warnings are
 * findings that do not stop the plan (a role the campaign does not know): reported beside the plan.
 */
import { formatPath, issue, type Lang, type PlanIssue, type RuleIssue } from './issues.js';
import { sentenceFor } from './messages.js';
import { contentWarnings } from './rules/content.js';
import { ABOUT_KEYS, PLAN_RULES, REFERENCE_TARGETS, type PlanSection } from './rules/index.js';
import { normaliseRoles } from './roles.js';
import { originalIssue, pathKey, salvagePlan, writtenIds, type SalvagedPlan } from './salvage.js';
import { planSchema, type Plan } from './schema.js';
import { kindOf, translateSchemaIssues } from './schema-issues.js';
import { readPlanData, readPlanSource, type Locate, type PlanSource } from './source.js';
import { roleLabel, subjectLabel, subjectOf } from './where.js';

export type { Lang, PlanIssue } from './issues.js';
export { MAX_NESTING, MAX_PLAN_BYTES } from './source.js';

/**
 * `warnings` are what a reader should look at without it being wrong: content the builder had to cut
 * or adapt for a channel. They never make a plan invalid.
 */
export type PlanValidation = { ok: true; plan: Plan; warnings: PlanIssue[] } | { ok: false; issues: PlanIssue[]; warnings?: PlanIssue[] };

export interface ValidateOptions {
  lang: Lang;
  /** A `.json` name makes syntax errors speak of JSON rather than YAML (both are read the same way). */
  fileName?: string;
}

export function validatePlanText(text: string, opts: ValidateOptions): PlanValidation {
  const lang: Lang = opts.lang === 'zh-CN' ? 'zh-CN' : 'en';
  return guarded(lang, () => {
    if (typeof text !== 'string') {
      return { ok: false, issues: localize([{ rule: 'not-a-plan', path: [], params: { received: kindOf(text) } }], lang, undefined, () => undefined) };
    }
    return validate(readPlanSource(text, formatOf(text, opts.fileName)), lang);
  });
}

/**
 * A plan already read into data (the object of a JSON request): the same rules and sentences as
 * for a file, without lines and columns, since there is no text they could point into.
 */
export function validatePlanData(data: unknown, opts: Pick<ValidateOptions, 'lang'>): PlanValidation {
  const lang: Lang = opts.lang === 'zh-CN' ? 'zh-CN' : 'en';
  return guarded(lang, () => validate(readPlanData(data), lang));
}

function guarded(lang: Lang, run: () => PlanValidation): PlanValidation {
  try {
    return run();
  } catch (error) {
    // Every input is meant to end in issues, never here; if it does, the user still gets a sentence.
    const detail = error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
    return { ok: false, issues: localize([{ rule: 'internal-error', path: [], params: { detail } }], lang, undefined, () => undefined) };
  }
}

function formatOf(text: string, fileName: string | undefined): 'YAML' | 'JSON' {
  if (fileName !== undefined) return /\.json$/i.test(fileName) ? 'JSON' : 'YAML';
  return typeof text === 'string' && text.trimStart().startsWith('{') ? 'JSON' : 'YAML';
}

function validate(source: PlanSource, lang: Lang): PlanValidation {
  if (!source.ok) return { ok: false, issues: localize(source.issues, lang, undefined, () => undefined) };
  const { data, locate, warnings } = source;

  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const found: RuleIssue = { rule: 'not-a-plan', path: [], params: { received: kindOf(data) } };
    return { ok: false, issues: localize([...warnings, found], lang, data, locate) };
  }

  const record = data as Record<string, unknown>;
  const parsed = planSchema.safeParse(record);
  if (parsed.success) {
    const found = [...warnings, ...runRules(parsed.data)];
    const notes = localize(contentWarnings(parsed.data), lang, data, locate);
    if (found.length > 0) return { ok: false, issues: localize(found, lang, data, locate), warnings: notes };
    // Roles are read as the vocabulary's keys, so that `渠道运营` holds the powers of channel-ops.
    const roles = normaliseRoles(parsed.data);
    const unknownRoles = roles.unknown.map((role) => issue('unknown-role', ['team', role.member, 'roles', role.role], { value: role.value, suggestion: role.suggestion }));
    return { ok: true, plan: roles.plan, warnings: [...localize(unknownRoles, lang, data, locate), ...notes] };
  }
  const shapeIssues = translateSchemaIssues(parsed.error.issues, record);
  const ruleIssues = rulesOnReadableParts(salvagePlan(record), record);
  return { ok: false, issues: localize([...warnings, ...shapeIssues, ...ruleIssues], lang, data, locate) };
}

function runRules(plan: Plan, skip: ReadonlySet<PlanSection> = new Set()): RuleIssue[] {
  return PLAN_RULES.filter((rule) => !rule.needs.some((section) => skip.has(section))).flatMap((rule) => rule.check(plan));
}

/**
 * Findings on a partly readable plan, minus those that only stem from the unreadable parts: a
 * placeholder section, or a reference to an entry that exists in the file but could not be read.
 */
function rulesOnReadableParts(salvaged: SalvagedPlan, data: Readonly<Record<string, unknown>>): RuleIssue[] {
  const idsWritten = new Map<PlanSection, Set<string>>();
  const written = (section: PlanSection): Set<string> => {
    let ids = idsWritten.get(section);
    if (!ids) idsWritten.set(section, (ids = writtenIds(data, section)));
    return ids;
  };
  return runRules(salvaged.plan, salvaged.incomplete)
    .map((found) => originalIssue(found, salvaged.originalPath))
    .filter((found) => !salvaged.broken.has(found.path[0] as PlanSection))
    .filter((found) => !aboutRemovedKey(found, salvaged))
    .filter((found) => {
      const targets = REFERENCE_TARGETS[found.rule];
      if (!targets || !('id' in found.params)) return true;
      const id = found.params.id;
      return !targets.some((section) => salvaged.broken.has(section) || (salvaged.incomplete.has(section) && written(section).has(id)));
    });
}

/**
 * Whether a "missing key" finding may only be missing because it was written unreadably: the key
 * was cut here or above (owners are inherited), or an unknown key was cut right here (`atleast:`).
 */
function aboutRemovedKey(found: RuleIssue, salvaged: SalvagedPlan): boolean {
  const keys = ABOUT_KEYS[found.rule];
  if (!keys) return false;
  const here = pathKey(found.path);
  for (const removed of salvaged.removedKeys) {
    const path = JSON.parse(removed) as RuleIssue['path'];
    const parent = path.slice(0, -1);
    const isAbove = parent.length <= found.path.length && parent.every((segment, i) => segment === found.path[i]);
    if (isAbove && (keys.includes(String(path.at(-1))) || pathKey(parent) === here)) return true;
  }
  return false;
}

function localize(found: readonly RuleIssue[], lang: Lang, data: unknown, locate: Locate): PlanIssue[] {
  const lineOf = (path: RuleIssue['path']): number | undefined => locate(path)?.line;
  const seen = new Set<string>();
  const issues: PlanIssue[] = [];
  for (const one of found) {
    const at = one.at ?? (one.path.length > 0 ? locate(one.path) : undefined);
    const where = { subject: subjectLabel(subjectOf(one.path, data), lang), role: roleLabel(one.path, lang), lineOf };
    const sentence = sentenceFor(one, lang, where);
    const path = formatPath(one.path);
    const key = `${one.rule}|${path}|${at?.line}|${sentence.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({
      rule: one.rule,
      path,
      ...(at ? { line: at.line, column: at.column } : {}),
      message: sentence.message,
      ...(sentence.fix ? { fix: sentence.fix } : {}),
    });
  }
  // Top to bottom, as the reader goes through the file; problems with the whole file first.
  return issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
