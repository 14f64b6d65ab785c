/**
 * Plan files on disk: read one (a missing or unreadable file is an issue like any other, not a
 * crash), print its issues the way compilers do so editors and terminals can jump to them, and pick
 * the language people read them in.
 */
import { readFile, stat } from 'node:fs/promises';
import { MAX_PLAN_BYTES, validatePlanText, type Lang, type PlanIssue, type PlanValidation } from '../domain/plan/validate.js';
import { sentenceFor } from '../domain/plan/messages.js';
import type { RuleIssue } from '../domain/plan/issues.js';

export type LoadedPlan = PlanValidation & { fileName: string };

export async function loadPlanFile(path: string, lang: Lang): Promise<LoadedPlan> {
  const fileName = path;
  const fail = (found: RuleIssue): LoadedPlan => ({ ok: false, issues: [fileIssue(found, lang)], fileName });

  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return fail({ rule: 'file-unreadable', path: [], params: { file: path } });
    size = info.size;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR';
    return fail(missing ? { rule: 'file-not-found', path: [], params: { file: path } } : { rule: 'file-unreadable', path: [], params: { file: path } });
  }
  // Checked before reading, so a huge file is never loaded into memory.
  if (size > MAX_PLAN_BYTES) return fail({ rule: 'too-large', path: [], params: { bytes: size, limit: MAX_PLAN_BYTES } });

  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return fail({ rule: 'file-unreadable', path: [], params: { file: path } });
  }
  let text: string;
  try {
    // Plans saved by Chinese Windows editors are often GBK; decoding them loosely would turn every
    // name into mojibake and report nonsense further down.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail({ rule: 'not-utf8', path: [], params: {} });
  }
  return { ...validatePlanText(text, { lang, fileName }), fileName };
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
