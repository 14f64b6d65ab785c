import { describe, expect, it } from 'vitest';
import { parseSurveyFile } from '../../../domain/closing/survey.js';
import { MAX_LISTED_REJECTIONS } from '../../../domain/imports/rejections.js';
import { parseInteractionsFile } from '../../../domain/interactions/import.js';
import { parseMetricsFile } from '../../../domain/metrics-import.js';

const campaign = { channelIds: ['douyin', 'weibo'], startDate: '2027-03-10' };

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

  it(`lists at most ${MAX_LISTED_REJECTIONS} rejected lines while reading, and counts the rest by field`, () => {
    const text = ['channel,day,record_id', ...Array.from({ length: MAX_LISTED_REJECTIONS + 10 }, (_, i) => `tiktok,1,r${i}`)].join('\n');
    const parsed = parseMetricsFile({ format: 'csv', campaign, text });
    expect(parsed.rejected).toHaveLength(MAX_LISTED_REJECTIONS);
    expect(parsed.rejected[0]?.line).toBe(2);
    expect(parsed).toMatchObject({ rejectedTotal: MAX_LISTED_REJECTIONS + 10, rejectedLines: MAX_LISTED_REJECTIONS + 10 });
    expect(parsed.rejectedReasons).toEqual([{
      kind: 'field', field: 'channel', count: MAX_LISTED_REJECTIONS + 10, firstLine: 2,
      example: 'unknown channel "tiktok" for this campaign; its channels are douyin, weibo',
    }]);
  });

  it('counts a field under its own name whatever spelling the file gives it, and unknown fields together', () => {
    const text = [
      '{"Channel":"tiktok","day":1,"record_id":"a"}',
      '{"channel":"nowhere","day":1,"record_id":"b","colour":"red"}',
      '{"channel":"douyin","day":1,"record_id":"c","size":3}',
      'not json',
    ].join('\n');
    const parsed = parseMetricsFile({ format: 'ndjson', campaign, text });
    expect(parsed).toMatchObject({ rejectedTotal: 5, rejectedLines: 4 });
    expect(parsed.rejectedReasons.map((r) => [r.kind, r.field, r.count, r.firstLine])).toEqual([
      ['field', 'channel', 2, 1], ['unknown-field', null, 2, 2], ['line', null, 1, 4],
    ]);
  });
});
