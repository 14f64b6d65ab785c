/** Columns in a terminal: Chinese characters take two. */
import { describe, expect, it } from 'vitest';
import { displayWidth, hasChinese, padEnd, renderTable } from '../../../domain/plan/text-width.js';

describe('displayWidth', () => {
  it('counts wide characters twice and combining marks not at all', () => {
    expect(displayWidth('li.na')).toBe(5);
    expect(displayWidth('李娜')).toBe(4);
    expect(displayWidth('KPI 定义')).toBe(8);
    expect(displayWidth('（全角）')).toBe(8);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('😀')).toBe(2);
  });

  it('pads to a column, not to a character count', () => {
    expect(padEnd('李娜', 6)).toBe('李娜  ');
    expect(padEnd('li.na', 6)).toBe('li.na ');
  });
});

describe('renderTable', () => {
  it('lines up the column after mixed Chinese and Latin cells', () => {
    const table = renderTable([['name', 'role'], ['李娜', 'pm'], ['Emma Li', 'pm'], ['目标与KPI确认', 'gate']]);
    const columns = table.split('\n').map((line) => displayWidth(line.slice(0, line.search(/\S+$/))));
    expect(new Set(columns).size).toBe(1);
  });

  it('right-aligns number columns', () => {
    expect(renderTable([['a', '5'], ['b', '500']], { indent: '', right: [1] })).toBe('a    5\nb  500');
  });
});

describe('hasChinese', () => {
  it('recognises Chinese names', () => {
    expect(hasChinese('春季新茶上市')).toBe(true);
    expect(hasChinese('Cloud cost control: live webinar')).toBe(false);
  });
});
