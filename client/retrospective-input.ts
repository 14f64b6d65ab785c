/**
 * A retrospective as people type it on the command line or write it in a file, turned into the
 * input of the `retrospect` Update, with mistakes named by the option that holds them.
 *
 *   --worked "小红书 KOC 种草"                          what worked
 *   --did-not "抖音素材不足 => 拍摄排期太晚"            what did not => its root cause
 *   --lesson "下次要提前两周备货 #供应链 #排期"          a lesson, #skills it calls for
 *   --analysis "orders:execution:douyin 素材晚了一周"   kpi:cause:text (cause optional)
 */
import { parse } from 'yaml';
import { CAUSE_KINDS, type CauseKind } from '../domain/closing/attainment.js';
import { retrospectiveInputSchema, type RetrospectiveSubmission } from '../domain/closing/retrospective.js';

export interface RetroFlags {
  worked: string[];
  didNot: string[];
  lesson: string[];
  analysis: string[];
}

export type RetroParse = { ok: true; input: RetrospectiveSubmission } | { ok: false; problems: string[] };

const OPTION_OF: Record<string, string> = { worked: '--worked', didNot: '--did-not', lessons: '--lesson', analyses: '--analysis', by: '--as' };
const ARROW = /\s*(?:=>|⇒|→)\s*/;
const SKILL = /[#＃]([^\s#＃]+)/gu;

export function parseDidNot(text: string): { what: string; rootCause: string } {
  const [what = '', ...rest] = text.split(ARROW);
  return { what: what.trim(), rootCause: rest.join(' => ').trim() };
}

export function parseLesson(text: string): { text: string; skills: string[] } {
  const skills = [...text.matchAll(SKILL)].map((m) => m[1]!);
  return { text: text.replace(SKILL, '').replace(/\s+/g, ' ').trim(), skills };
}

export function parseAnalysis(text: string): { kpi: string; cause?: CauseKind; text: string } {
  const parts = text.split(/[:：]/);
  const kpi = (parts.shift() ?? '').trim();
  const maybeCause = (parts[0] ?? '').trim().toLowerCase();
  if (parts.length > 1 && ((CAUSE_KINDS as readonly string[]).includes(maybeCause) || maybeCause === '')) {
    parts.shift();
    return { kpi, ...(maybeCause ? { cause: maybeCause as CauseKind } : {}), text: parts.join(':').trim() };
  }
  return { kpi, text: parts.join(':').trim() };
}

/** The flags (and an answers file's content, already read) as one validated answer. */
export function retrospectiveFrom(by: string, flags: RetroFlags, fileText?: { name: string; text: string }): RetroParse {
  const problems: string[] = [];
  let fromFile: Record<string, unknown> = {};
  if (fileText) {
    let data: unknown;
    try {
      data = parse(fileText.text);
    } catch (err) {
      return { ok: false, problems: [`--file ${fileText.name}: not valid YAML or JSON (${(err as Error).message.split('\n')[0]})`] };
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      return { ok: false, problems: [`--file ${fileText.name}: write a map with worked, didNot, lessons and analyses`] };
    }
    fromFile = data as Record<string, unknown>;
    if (fromFile.by !== undefined && fromFile.by !== by) {
      problems.push(`--file ${fileText.name}: it answers as "${String(fromFile.by)}" but --as says ${by}; drop "by" from the file`);
    }
    delete fromFile.by;
  }
  flags.didNot.forEach((d, i) => {
    if (!ARROW.test(d)) problems.push(`--did-not (${ordinal(i)}): write it as "what did not work => root cause"`);
  });
  flags.analysis.forEach((a, i) => {
    if (!/[:：]/.test(a)) problems.push(`--analysis (${ordinal(i)}): write it as "kpi:cause:text", e.g. "orders:execution:素材晚了一周" (cause: ${CAUSE_KINDS.join(', ')})`);
  });
  if (problems.length > 0) return { ok: false, problems };

  const list = (key: string): unknown[] => (Array.isArray(fromFile[key]) ? (fromFile[key] as unknown[]) : fromFile[key] === undefined ? [] : [fromFile[key]]);
  const candidate = {
    ...fromFile,
    by,
    worked: [...list('worked'), ...flags.worked],
    didNot: [...list('didNot'), ...flags.didNot.map(parseDidNot)],
    lessons: [...list('lessons'), ...flags.lesson.map(parseLesson)],
    analyses: [...list('analyses'), ...flags.analysis.map(parseAnalysis)],
  };
  const parsed = retrospectiveInputSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, input: parsed.data };
  const fileCounts = { worked: list('worked').length, didNot: list('didNot').length, lessons: list('lessons').length, analyses: list('analyses').length };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => {
      const [key, index, field] = issue.path;
      const option = OPTION_OF[String(key)] ?? (key === undefined ? 'the answer' : String(key));
      if (typeof index === 'number') {
        const fromFileCount = fileCounts[key as keyof typeof fileCounts] ?? 0;
        const where = index < fromFileCount ? `--file ${String(key)}[${index}]` : `${option} (${ordinal(index - fromFileCount)})`;
        return `${where}${field !== undefined ? ` ${String(field)}` : ''}: ${issue.message}`;
      }
      return `${option}: ${issue.message}`;
    }),
  };
}

function ordinal(i: number): string {
  const n = i + 1;
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}
