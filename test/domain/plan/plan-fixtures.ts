/** Reading the plan fixtures and examples the plan tests share. */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validatePlanText } from '../../../domain/plan/validate.js';
import type { Plan } from '../../../domain/plan/schema.js';

export const repoFile = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
export const readRepoFile = (path: string): string => readFileSync(repoFile(path), 'utf8');

export const EXAMPLES = ['examples/spring-tea.zh.yaml', 'examples/b2b-webinar.en.yaml'] as const;
export const MINIMAL = 'test/fixtures/plans/valid/minimal.yaml';

export interface Expectation {
  rule: string;
  path: string;
  line: number | undefined;
}

/** Invalid fixtures name the issues they must produce in `# expect: <rule> <path|-> [line <n>]` lines. */
export function invalidFixtures(): { name: string; text: string; expected: Expectation[] }[] {
  const dir = 'test/fixtures/plans/invalid';
  return readdirSync(repoFile(dir)).filter((name) => name.endsWith('.yaml')).sort().map((name) => {
    const text = readRepoFile(`${dir}/${name}`);
    const expected = [...text.matchAll(/^# expect: (\S+) (\S+)(?: line (\d+))?$/gm)].map((m) => ({
      rule: m[1]!,
      path: m[2] === '-' ? '' : m[2]!,
      line: m[3] === undefined ? undefined : Number(m[3]),
    }));
    return { name, text, expected };
  });
}

/** A valid plan to modify in unit tests. */
export function minimalPlan(): Plan {
  const result = validatePlanText(readRepoFile(MINIMAL), { lang: 'en' });
  if (!result.ok) throw new Error(`the minimal fixture must be valid: ${JSON.stringify(result.issues)}`);
  return structuredClone(result.plan);
}
