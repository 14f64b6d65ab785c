/**
 * Plan files on disk: read one (a missing or unreadable file is an issue like any other, not a
 * crash), print its issues the way compilers do so editors and terminals can jump to them, and pick
 * the language people read them in.
 */
import { MAX_PLAN_BYTES, validatePlanText, type Lang, type PlanIssue, type PlanValidation } from '../domain/plan/validate.js';
import { sentenceFor } from '../domain/plan/messages.js';
import type { RuleIssue } from '../domain/plan/issues.js';
import { readTextFile, type FileProblem } from './files.js';

export type LoadedPlan = PlanValidation & { fileName: string };

export async function loadPlanFile(path: string, lang: Lang): Promise<LoadedPlan> {
  const read = await readTextFile(path, MAX_PLAN_BYTES);
  if (read.ok) return { ...validatePlanText(read.text, { lang, fileName: path }), fileName: path };
  return { ok: false, issues: [fileIssue(planFileIssue(path, read.problem), lang)], fileName: path };
}

function planFileIssue(file: string, problem: FileProblem): RuleIssue {
  switch (problem.kind) {
    case 'missing': return { rule: 'file-not-found', path: [], params: { file } };
    case 'too-large': return { rule: 'too-large', path: [], params: { bytes: problem.bytes, limit: problem.limit } };
    case 'not-utf8': return { rule: 'not-utf8', path: [], params: {} };
    default: return { rule: 'file-unreadable', path: [], params: { file } };
  }
}

function fileIssue(found: RuleIssue, lang: Lang): PlanIssue {
  const sentence = sentenceFor(found, lang, { subject: '', role: '', lineOf: () => undefined });
  return { rule: found.rule, path: '', message: sentence.message, ...(sentence.fix ? { fix: sentence.fix } : {}) };
}

/**
 * `spring-tea.zh.yaml:23:5  gates[1].accountable  <sentence>` and the fix on the next line, then a
 * count; the `file:line:col` prefix is what terminals and editors make clickable.
 */
export function renderPlanIssues(issues: readonly PlanIssue[], lang: Lang, fileName: string): string {
  const lines = issues.map((found) => {
    const where = found.line !== undefined ? `${fileName}:${found.line}:${found.column ?? 1}` : fileName;
    const head = [where, found.path, found.message].filter((part) => part !== '').join('  ');
    return found.fix ? `${head}\n    → ${found.fix}` : head;
  });
  const count = issues.length;
  lines.push(lang === 'zh-CN'
    ? `${fileName}: 发现 ${count} 个问题。`
    : `${fileName}: ${count} ${count === 1 ? 'problem' : 'problems'} found.`);
  return lines.join('\n');
}

/** Warnings beside a valid plan, in the same `file:line:col  path  sentence` form, with a count. */
export function renderPlanWarnings(warnings: readonly PlanIssue[], lang: Lang, fileName: string): string {
  const lines = warnings.map((found) => {
    const where = found.line !== undefined ? `${fileName}:${found.line}:${found.column ?? 1}` : fileName;
    const head = [where, found.path, lang === 'zh-CN' ? `提醒: ${found.message}` : `warning: ${found.message}`].filter((part) => part !== '').join('  ');
    return found.fix ? `${head}\n    → ${found.fix}` : head;
  });
  const count = warnings.length;
  lines.push(lang === 'zh-CN'
    ? `${fileName}: ${count} 个提醒(计划仍然有效)。`
    : `${fileName}: ${count} ${count === 1 ? 'warning' : 'warnings'} (the plan is still valid).`);
  return lines.join('\n');
}

/**
 * The reader's language: an explicit choice (`--lang`) first, else the locale string (LANG-style,
 * e.g. `zh_CN.UTF-8`, or LANGUAGE-style `zh_CN:en`); Chinese in any region reads zh-CN, all else en.
 */
export function languageFrom(langOpt?: string, envLang?: string): Lang {
  for (const candidate of [langOpt, envLang]) {
    const first = candidate?.split(':')[0]?.trim().toLowerCase();
    if (!first || first === 'c' || first === 'posix' || first.startsWith('c.')) continue;
    return first.startsWith('zh') ? 'zh-CN' : 'en';
  }
  return 'en';
}
