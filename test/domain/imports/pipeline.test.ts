import { describe, expect, it } from 'vitest';
import { parseSurveyFile } from '../../../domain/closing/survey.js';
import {
  MAX_LISTED_REJECTIONS, mergeRejections, reportedRejections, type RejectedLine,
} from '../../../domain/imports/pipeline.js';
import { parseInteractionsFile } from '../../../domain/interactions/import.js';
import { parseMetricsFile } from '../../../domain/metrics-import.js';

const campaign = { channelIds: ['douyin', 'weibo'], startDate: '2027-03-10' };
const rejected = (line: number, field: string | null = 'x'): RejectedLine => ({ line, field, message: `line ${line}` });

describe('one pipeline for every imported file', () => {
  it('matches NDJSON keys like CSV columns, without case and with the kind\'s aliases', () => {
    const metrics = parseMetricsFile({ format: 'ndjson', campaign, text: '{"Channel":"douyin","DAY":1,"Record_ID":"r1","Clicks":5}' });
    expect(metrics.rejected).toEqual([]);
    expect(metrics.rows[0]).toMatchObject({ channelId: 'douyin', day: 1, recordId: 'r1', clicks: 5 });

    const interactions = parseInteractionsFile({
      format: 'ndjson', channelIds: ['weibo'],
      text: '{"id":"c2","channel":"weibo","author":"a","text":"t","at":"2027-03-10T12:00:00Z","reply_to":"c1"}',
    });
    expect(interactions.rows[0]).toMatchObject({ id: 'c2', replyTo: 'c1' });
  });

  it('refuses a line that gives one field twice under two spellings', () => {
    const parsed = parseMetricsFile({ format: 'ndjson', campaign, text: '{"channel":"douyin","Channel":"weibo","day":1,"record_id":"r1"}' });
    expect(parsed.rows).toEqual([]);
    expect(parsed.rejected).toEqual([{ line: 1, field: 'Channel', message: '"channel" and "Channel" are the same field; give it once' }]);
  });

  it('checks a survey header like any other: unknown and missing columns refuse the file', () => {
    const unknown = parseSurveyFile('answer_id,question,scroe\na1,NPS,9\n', 'csv');
    expect(unknown.answers).toEqual([]);
    expect(unknown.rejected).toEqual([{ line: 1, field: 'scroe', message: 'unknown column "scroe"; did you mean "score"?' }]);
    expect(parseSurveyFile('answer_id,score\na1,9\n', 'csv').rejected)
      .toEqual([{ line: 1, field: 'question', message: 'the header has no "question" column' }]);
    expect(parseSurveyFile('{"answer_id":"a1","question":"NPS","score":9}\n[1]\n', 'ndjson').rejected[0]?.message)
      .toMatch(/^each line must be one JSON object, e\.g\. \{"answer_id"/);
  });

  it(`lists at most ${MAX_LISTED_REJECTIONS} rejected lines while reading, and counts the rest`, () => {
    const text = ['channel,day,record_id', ...Array.from({ length: MAX_LISTED_REJECTIONS + 10 }, (_, i) => `tiktok,1,r${i}`)].join('\n');
    const parsed = parseMetricsFile({ format: 'csv', campaign, text });
    expect(parsed.rejected).toHaveLength(MAX_LISTED_REJECTIONS);
    expect(parsed.rejected[0]?.line).toBe(2);
    expect(parsed.unlisted).toBe(10);
  });

  it('merges the rejections of reading and storing by line, keeping the cap, and says what it left out', () => {
    const reading = { listed: Array.from({ length: MAX_LISTED_REJECTIONS }, (_, i) => rejected(i * 2 + 2)), unlisted: 3 };
    const storing = { listed: [rejected(5, 'record_id')], unlisted: 0 };
    const merged = mergeRejections(reading, storing);
    expect(merged.listed).toHaveLength(MAX_LISTED_REJECTIONS);
    expect(merged.listed.slice(0, 3).map((r) => r.line)).toEqual([2, 4, 5]);
    expect(merged.unlisted).toBe(4);

    const report = reportedRejections(merged);
    expect(report).toHaveLength(MAX_LISTED_REJECTIONS + 1);
    expect(report.at(-1)).toEqual({
      line: merged.listed.at(-1)!.line, field: null,
      message: 'and 4 more problem(s) after these, not listed: fix the lines above and import the file again to see them',
    });
    expect(reportedRejections({ listed: [rejected(1)], unlisted: 0 })).toEqual([rejected(1)]);
  });
});
