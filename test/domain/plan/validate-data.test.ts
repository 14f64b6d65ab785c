/** A plan sent as an object (the API's JSON body) meets the same rules as a plan file, without lines. */
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { MAX_NESTING, validatePlanData, validatePlanText } from '../../../domain/plan/validate.js';
import { EXAMPLES, invalidFixtures, readRepoFile } from './plan-fixtures.js';

const TEXTUAL = new Set(['duplicate-key', 'fullwidth-colon', 'yaml-syntax', 'too-deep']);

describe('validatePlanData', () => {
  it('accepts the examples as the text validation reads them', () => {
    for (const file of EXAMPLES) {
      const text = validatePlanText(readRepoFile(file), { lang: 'en' });
      const data = validatePlanData(parse(readRepoFile(file)), { lang: 'en' });
      // Warnings from text carry their line and column; from data they cannot.
      const placeless = text.ok ? { ...text, warnings: text.warnings.map(({ line: _line, column: _column, ...rest }) => rest) } : text;
      expect(data).toEqual(placeless);
    }
  });

  it('finds the issues of every invalid fixture that parses, by rule and path, with no line', () => {
    let compared = 0;
    for (const fixture of invalidFixtures()) {
      let data: unknown;
      try {
        data = parse(fixture.text);
      } catch {
        continue;
      }
      const fromText = validatePlanText(fixture.text, { lang: 'zh-CN' });
      const fromData = validatePlanData(data, { lang: 'zh-CN' });
      // Syntax findings (duplicate keys, full-width colons) exist only in text.
      const issuesOf = (v: typeof fromText) => (v.ok ? [] : v.issues).filter((i) => !TEXTUAL.has(i.rule));
      expect(issuesOf(fromData).map((i) => `${i.rule} ${i.path}`).sort(), fixture.name)
        .toEqual(issuesOf(fromText).map((i) => `${i.rule} ${i.path}`).sort());
      compared += 1;
      for (const issue of issuesOf(fromData)) expect(issue, fixture.name).not.toHaveProperty('line');
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('bounds nesting and says so for anything that is not a plan', () => {
    let deep: unknown = {};
    for (let i = 0; i <= MAX_NESTING; i++) deep = { nested: deep };
    const tooDeep = validatePlanData({ id: 'x', extra: deep }, { lang: 'en' });
    expect(tooDeep.ok).toBe(false);
    if (!tooDeep.ok) expect(tooDeep.issues[0]).toMatchObject({ rule: 'too-deep' });

    const notAPlan = validatePlanData([1, 2], { lang: 'en' });
    expect(notAPlan.ok).toBe(false);
    if (!notAPlan.ok) expect(notAPlan.issues[0]).toMatchObject({ rule: 'not-a-plan' });
  });
});
