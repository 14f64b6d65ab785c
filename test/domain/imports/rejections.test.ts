/** What an import says about the lines it did not take stays small, however bad the file. */
import { describe, expect, it } from 'vitest';
import {
  MAX_FIELD_LENGTH, MAX_LISTED_REJECTIONS, MAX_MESSAGE_LENGTH, mergeRejections, RejectionTally, type RejectedLine,
} from '../../../domain/imports/rejections.js';
import { parseMetricsFile } from '../../../domain/metrics-import.js';

const campaign = { channelIds: ['douyin', 'weibo'], startDate: '2027-03-10' };
const problem = (line: number, field: string | null = 'day'): RejectedLine => ({ line, field, message: `line ${line}` });

function tally(...problems: RejectedLine[]) {
  const t = new RejectionTally();
  t.add(...problems);
  return t.report();
}

describe('a 10,000-line file of bad rows', () => {
  // Every line wrong in two ways; the first ones quote a 5,000-character value.
  const day = (i: number) => (i < 10 ? 'x'.repeat(5_000) : 'x');
  const text = Array.from({ length: 10_000 }, (_, i) => JSON.stringify({ channel: 'tiktok', day: day(i), record_id: `r${i}` })).join('\n');
  const parsed = parseMetricsFile({ format: 'ndjson', campaign, text });

  it('lists the first problems only, and counts every problem and line', () => {
    expect(parsed.rows).toEqual([]);
    expect(parsed.rejected).toHaveLength(MAX_LISTED_REJECTIONS);
    expect(parsed.rejected.map((r) => r.line).slice(0, 4)).toEqual([1, 1, 2, 2]);
    expect(parsed.rejectedTotal).toBe(20_000);
    expect(parsed.rejectedLines).toBe(10_000);
  });

  it('sums the problems up by field, with the first line and message of each', () => {
    expect(parsed.rejectedReasons.map((r) => [r.kind, r.field, r.count, r.firstLine])).toEqual([
      ['field', 'channel', 10_000, 1], ['field', 'day', 10_000, 1],
    ]);
    expect(parsed.rejectedReasons[0]!.example).toBe('unknown channel "tiktok" for this campaign; its channels are douyin, weibo');
  });

  it('cuts a message quoting a long value in the middle, keeping what is wrong and the fix', () => {
    const day = parsed.rejected.find((r) => r.field === 'day')!;
    expect(day.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(day.message).toMatch(/^day "x+ … x+" is not a number$/);
    // The whole answer is the size of its cap, not of the file.
    expect(JSON.stringify(parsed).length).toBeLessThan(MAX_LISTED_REJECTIONS * (MAX_MESSAGE_LENGTH + 100));
  });
});

describe('RejectionTally', () => {
  it('counts a line with several problems once among the lines', () => {
    expect(tally(problem(2, 'day'), problem(2, 'channel'), problem(5)))
      .toMatchObject({ rejectedTotal: 3, rejectedLines: 2, rejected: [problem(2, 'day'), problem(2, 'channel'), problem(5)] });
  });

  it('clips an unknown field name as long as its line', () => {
    const [shown] = tally({ line: 1, field: 'k'.repeat(50_000), message: 'unknown field' }).rejected;
    expect(shown!.field!.length).toBeLessThanOrEqual(MAX_FIELD_LENGTH);
  });

  it('never splits a Chinese character outside the basic plane when it clips', () => {
    const [shown] = tally({ line: 1, field: null, message: '𠀀'.repeat(1_000) }).rejected;
    expect(shown!.message).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });
});

describe('mergeRejections', () => {
  it('keeps the first problems of checking and storing by line, and adds up every count', () => {
    const checking = new RejectionTally();
    checking.add(...Array.from({ length: MAX_LISTED_REJECTIONS + 3 }, (_, i) => problem(i * 2 + 2)));
    const storing = tally(problem(5, 'record_id'));
    const merged = mergeRejections(checking.report(), storing);
    expect(merged.rejected).toHaveLength(MAX_LISTED_REJECTIONS);
    expect(merged.rejected.slice(0, 3).map((r) => r.line)).toEqual([2, 4, 5]);
    expect(merged).toMatchObject({ rejectedTotal: MAX_LISTED_REJECTIONS + 4, rejectedLines: MAX_LISTED_REJECTIONS + 4 });
    expect(merged.rejectedReasons.map((r) => [r.field, r.count, r.firstLine])).toEqual([['day', MAX_LISTED_REJECTIONS + 3, 2], ['record_id', 1, 5]]);
  });

  it('takes the example of a field from the step that met it first', () => {
    const merged = mergeRejections(tally({ line: 9, field: 'record_id', message: 'late' }), tally({ line: 3, field: 'record_id', message: 'early' }));
    expect(merged.rejectedReasons).toEqual([{ kind: 'field', field: 'record_id', count: 2, firstLine: 3, example: 'early' }]);
  });
});
