/** KPI formulas: parsed without eval, evaluated without NaN, Infinity or throwing. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dividesByConstantZero, evaluateFormula, formatFormula, formulaReferences, parseFormula, type FormulaAst,
} from '../../../domain/kpi/formula.js';

const ast = (src: string): FormulaAst => {
  const parsed = parseFormula(src);
  if (!parsed.ok) throw new Error(`${src}: ${parsed.error.message}`);
  return parsed.ast;
};
const values = (map: Record<string, number>) => (id: string): number | undefined => map[id];

describe('parseFormula', () => {
  it('applies the usual precedence and left-to-right order', () => {
    expect(evaluateFormula(ast('2 + 3 * 4'), values({}))).toBe(14);
    expect(evaluateFormula(ast('(2 + 3) * 4'), values({}))).toBe(20);
    expect(evaluateFormula(ast('20 / 4 / 5'), values({}))).toBe(1);
    expect(evaluateFormula(ast('10 - 4 - 3'), values({}))).toBe(3);
  });

  it('reads × and ÷, full-width parentheses, unary minus and decimals', () => {
    expect(evaluateFormula(ast('（orders － 0) ÷ uv × 100'.replace('－', '-')), values({ orders: 50, uv: 1000 }))).toBe(5);
    expect(evaluateFormula(ast('-uv + --3 + .5'), values({ uv: 2 }))).toBe(1.5);
  });

  it('reads KPI ids with dots, dashes, underscores and leading digits as one id each', () => {
    expect(formulaReferences(ast('li.na + sql-edm + leads_sem + 7day-retention + li.na'))).toEqual(['li.na', 'sql-edm', 'leads_sem', '7day-retention']);
  });

  it.each([
    ['', 'empty', 0],
    ['orders / ', 'unexpected-end', 9],
    ['orders / (uv', 'unclosed-parenthesis', 9],
    ['orders uv', 'unexpected-token', 7],
    ['orders ^ 2', 'unexpected-character', 7],
    ['orders)', 'unexpected-token', 6],
    ['eval("1")', 'unexpected-character', 5],
  ])('rejects %j: %s at %i', (src, problem, position) => {
    const parsed = parseFormula(src);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatchObject({ problem, position });
  });

  it('refuses nesting deep enough to exhaust the stack', () => {
    const parsed = parseFormula(`${'('.repeat(500)}1${')'.repeat(500)}`);
    expect(parsed.ok ? 'parsed' : parsed.error.problem).toBe('too-deep');
  });
});

describe('evaluateFormula', () => {
  it('is unknown when a KPI has no value yet', () => {
    expect(evaluateFormula(ast('orders / uv'), values({ orders: 10 }))).toBe('unknown');
  });

  it('is unknown, not Infinity, when dividing by a zero value', () => {
    expect(evaluateFormula(ast('orders / uv'), values({ orders: 10, uv: 0 }))).toBe('unknown');
  });

  it('is unknown, not Infinity, when the result overflows', () => {
    expect(evaluateFormula(ast('a * a'), values({ a: 1e200 }))).toBe('unknown');
  });

  it('never returns NaN or Infinity, whatever the values', () => {
    const formula = ast('(a - b) / (c * d) + a / -b');
    fc.assert(fc.property(fc.record({ a: fc.double(), b: fc.double(), c: fc.double(), d: fc.double() }), (map) => {
      const result = evaluateFormula(formula, values(map));
      return result === 'unknown' || Number.isFinite(result);
    }), { numRuns: 300 });
  });
});

describe('dividesByConstantZero', () => {
  it.each([
    ['orders / 0', true],
    ['orders / (2 - 2)', true],
    ['orders / (3 × 0)', true],
    ['orders / -0', true],
    ['(orders / 0) + 1', true],
    ['orders / uv', false],
    ['orders / (uv - uv)', false],
    ['0 / orders', false],
    ['orders / 0.5', false],
  ])('%s → %s', (src, expected) => {
    expect(dividesByConstantZero(ast(src))).toBe(expected);
  });
});

describe('formatFormula', () => {
  const leaf = fc.oneof(
    fc.integer({ min: 0, max: 1000 }).map((value): FormulaAst => ({ kind: 'number', value, position: 0 })),
    fc.constantFrom('uv', 'orders', 'li.na', 'sql-edm').map((id): FormulaAst => ({ kind: 'kpi', id, position: 0 })),
  );
  const tree = fc.letrec<{ node: FormulaAst }>((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true },
      leaf,
      tie('node').map((operand): FormulaAst => ({ kind: 'negate', operand, position: 0 })),
      fc.record({ op: fc.constantFrom('+', '-', '*', '/'), left: tie('node'), right: tie('node') })
        .map(({ op, left, right }): FormulaAst => ({ kind: 'binary', op: op as '+', left, right, position: 0 }))),
  })).node;

  it('writes a formula that parses back to the same value', () => {
    const kpis = values({ uv: 3, orders: 7, 'li.na': 11, 'sql-edm': 13 });
    fc.assert(fc.property(tree, (formula) => {
      const reparsed = parseFormula(formatFormula(formula));
      return reparsed.ok && Object.is(evaluateFormula(reparsed.ast, kpis), evaluateFormula(formula, kpis));
    }), { numRuns: 300 });
  });
});
