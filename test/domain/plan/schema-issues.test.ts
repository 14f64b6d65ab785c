/** zod's findings become rule issues with the plan's own words; no zod message reaches a reader. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { translateSchemaIssues } from '../../../domain/plan/schema-issues.js';
import { validatePlanText } from '../../../domain/plan/validate.js';
import { MINIMAL, readRepoFile } from './plan-fixtures.js';

type ZodIssue = z.core.$ZodIssue;

describe('translateSchemaIssues', () => {
  it('turns a list that is too long into list-too-long with the maximum', () => {
    const issue = { code: 'too_big', origin: 'array', maximum: 3, inclusive: true, path: ['tasks'], message: 'Too big', input: [] } as unknown as ZodIssue;
    expect(translateSchemaIssues([issue], { tasks: [1, 2, 3, 4] })).toEqual([
      { rule: 'list-too-long', path: ['tasks'], params: { key: 'tasks', maximum: 3 } },
    ]);
  });

  it('keeps a check it has no sentence for as invalid-value, with the key it concerns', () => {
    const issue = { code: 'custom', path: ['budget', 'total'], message: 'must be even', input: 3 } as unknown as ZodIssue;
    expect(translateSchemaIssues([issue], { budget: { total: 3 } })).toEqual([
      { rule: 'invalid-value', path: ['budget', 'total'], params: { key: 'total', detail: 'must be even' } },
    ]);
  });

  it('reads a number where a duration belongs as a duration without its unit', () => {
    const result = validatePlanText(readRepoFile(MINIMAL).replace('warmup: { duration: 3d }', 'warmup: { duration: 3 }'), { lang: 'en' });
    expect(result.ok ? [] : result.issues.map((i) => [i.rule, i.path])).toEqual([['duration-format', 'warmup.duration']]);
  });

  it('reports text longer than allowed as text-too-long', () => {
    const result = validatePlanText(readRepoFile(MINIMAL).replace('name: Tea test', `name: ${'茶'.repeat(20_001)}`), { lang: 'en' });
    expect(result.ok ? [] : result.issues.map((i) => [i.rule, i.path, i.line])).toEqual([['text-too-long', 'name', 3]]);
  });

  it('drops "missing title" when a misspelt "titel" already explains it', () => {
    const result = validatePlanText(readRepoFile(MINIMAL).replace('{ id: goals, title: Goals agreed', '{ id: goals, titel: Goals agreed'), { lang: 'en' });
    expect(result.ok ? [] : result.issues.map((i) => [i.rule, i.path])).toEqual([['unknown-key', 'gates[0].titel']]);
  });

  it('never passes zod wording through', () => {
    const broken = readRepoFile(MINIMAL)
      .replace('total: 100000', 'total: [1]').replace('kind: douyin', 'kind: 7').replace('target: 2000', 'target: "many"')
      .replace('warmup: { duration: 3d }', 'warmup: 3d').replace('closing:\n  accountable: li.na', 'closing: yes');
    const result = validatePlanText(broken, { lang: 'en' });
    expect(result.ok).toBe(false);
    for (const issue of result.ok ? [] : result.issues) {
      expect(issue.message).not.toMatch(/Invalid input|expected (string|number|object|array)|received/i);
    }
  });
});
