/**
 * Whatever a plan file contains, validation answers with the plan or with issues that each say
 * where and what — it never throws, and never falls back to its internal-error sentence.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { validatePlanText, type PlanValidation } from '../../../domain/plan/validate.js';
import { EXAMPLES, MINIMAL, readRepoFile } from './plan-fixtures.js';

const SOURCES = [MINIMAL, ...EXAMPLES].map((file) => readRepoFile(file));

type Json = unknown;
type Container = Record<string, Json> | Json[];

/** Every object or list in the data with the key or index of each of its entries. */
function slots(data: Json): { parent: Container; key: string | number }[] {
  const found: { parent: Container; key: string | number }[] = [];
  const stack: Json[] = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) value.forEach((item, i) => { found.push({ parent: value, key: i }); stack.push(item); });
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) { found.push({ parent: value as Record<string, Json>, key }); stack.push(item); }
    }
  }
  return found;
}

const replacement = fc.oneof(
  fc.constant(null), fc.boolean(), fc.string(), fc.integer(), fc.double(),
  fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53, 0.5, 1.5, Number.NaN, Infinity),
  fc.constantFrom('li.na', 'wang.wei', 'xiaohongshu', 'douyin', 'cvr', 'orders / uv', 'orders / 0', '3d', '2 days', 'end', '2027-02-30', '李娜', '王伟'),
  fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.integer(), { maxKeys: 3 }),
);

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), at: fc.nat(), value: replacement }),
  fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), suffix: fc.string({ minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('scale' as const), at: fc.nat(), factor: fc.constantFrom(-1, 0, 1e9, 1e-9, 1.5) }),
  fc.record({ kind: fc.constant('nest' as const), at: fc.nat(), depth: fc.integer({ min: 1, max: 120 }) }),
  fc.record({ kind: fc.constant('huge' as const), at: fc.nat(), size: fc.constantFrom(1_000, 30_000, 400_000) }),
);

interface Change { kind: string; at: number; value?: Json; suffix?: string; factor?: number; depth?: number; size?: number }

function apply(data: Json, change: Change): void {
  const all = slots(data);
  if (all.length === 0) return;
  const { parent, key } = all[change.at % all.length]!;
  const get = (): Json => (parent as Record<string | number, Json>)[key];
  const set = (value: Json): void => { (parent as Record<string | number, Json>)[key] = value; };
  switch (change.kind) {
    case 'drop':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(get()));
      else set([get(), structuredClone(get())]);
      break;
    case 'retype':
      set(change.value);
      break;
    case 'rename':
      if (!Array.isArray(parent)) { parent[`${key as string}${change.suffix}`] = get(); delete parent[key as string]; }
      break;
    case 'scale':
      if (typeof get() === 'number') set((get() as number) * change.factor!);
      break;
    case 'nest': {
      let value = get();
      for (let i = 0; i < change.depth!; i++) value = i % 2 === 0 ? [value] : { deeper: value };
      set(value);
      break;
    }
    case 'huge':
      set('长'.repeat(change.size!));
      break;
  }
}

function wellFormed(result: PlanValidation): boolean {
  if (result.ok) return typeof result.plan.id === 'string';
  return result.issues.length > 0 && result.issues.every((issue) =>
    (issue.path !== '' || issue.rule !== '') && issue.message.trim() !== '' && issue.rule !== 'internal-error'
    && (issue.line === undefined || (Number.isInteger(issue.line) && issue.line >= 1)));
}

describe('validatePlanText on mutated plans', () => {
  it('answers every structurally mutated plan with the plan or with located issues', () => {
    fc.assert(fc.property(
      fc.nat(SOURCES.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.constantFrom('en', 'zh-CN'),
      (source, changes, asJson, lang: 'en' | 'zh-CN') => {
        const data = parse(SOURCES[source]!) as Json;
        for (const change of changes) apply(data, change);
        const text = asJson ? JSON.stringify(data) ?? 'null' : stringify(data);
        expect(wellFormed(validatePlanText(text, { lang }))).toBe(true);
      },
    ), { numRuns: 150 });
  }, 30_000);

  it('answers every textually mangled plan with the plan or with located issues', () => {
    fc.assert(fc.property(
      fc.nat(SOURCES.length - 1), fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('cut', 'insert', 'swap'),
      (source, a, b, inserted, how) => {
        const text = SOURCES[source]!;
        const [from, to] = [a % text.length, b % text.length].sort((x, y) => x - y) as [number, number];
        const mangled = how === 'cut' ? text.slice(0, from) + text.slice(to)
          : how === 'insert' ? text.slice(0, from) + inserted + text.slice(from)
            : text.slice(to) + text.slice(0, to);
        expect(wellFormed(validatePlanText(mangled, { lang: 'en' }))).toBe(true);
      },
    ), { numRuns: 150 });
  }, 30_000);

  it('never throws on input that is not text at all', () => {
    for (const input of [undefined, null, 42, {}, []]) {
      expect(wellFormed(validatePlanText(input as unknown as string, { lang: 'en' }))).toBe(true);
    }
  });
});
