import { describe, expect, it } from 'vitest';
import { detectFormat, parseMetricsFile, type ImportCampaign } from '../../domain/metrics-import.js';

const campaign: ImportCampaign = { channelIds: ['douyin', 'xiaohongshu', 'wechat'], startDate: '2027-03-10' };

function csv(text: string) {
  return parseMetricsFile({ text, format: 'csv', campaign });
}

function ndjson(lines: readonly unknown[]) {
  return parseMetricsFile({ text: lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'), format: 'ndjson', campaign });
}

describe('metrics files', () => {
  it('reads CSV with a BOM, CRLF, quoted fields and case-insensitive headers; missing metrics are 0', () => {
    const parsed = csv('\uFEFFChannel,Day,Record_ID,Clicks,Spend,note\r\ndouyin,1,r1,120,"1234.5","首发, 直播间"\r\nwechat,2,r2,,0.126,\r\n');
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows).toHaveLength(2);
    expect(parsed.rows[0]).toMatchObject({ line: 2, channelId: 'douyin', day: 1, recordId: 'r1', clicks: 120, spend: 1234.5, orders: 0, pv: 0 });
    expect(parsed.rows[1]).toMatchObject({ line: 3, channelId: 'wechat', day: 2, clicks: 0, spend: 0.13 });
  });

  it('turns dates into campaign days counted from the first day', () => {
    const parsed = csv('channel,date,record_id\ndouyin,2027-03-10,a\ndouyin,2027-04-01,b\ndouyin,2027-03-09,c\ndouyin,2027-02-30,d\n');
    expect(parsed.rows.map((r) => [r.recordId, r.day])).toEqual([['a', 1], ['b', 23]]);
    expect(parsed.rejected).toEqual([
      { line: 4, field: 'date', message: "date 2027-03-09 is before the campaign's first day (2027-03-10)" },
      { line: 5, field: 'date', message: 'date "2027-02-30" is not a date; write it as YYYY-MM-DD, e.g. 2027-03-01' },
    ]);
  });

  it('rejects bad rows with their line and field, keeping the good ones whole', () => {
    const parsed = csv([
      'channel,day,record_id,clicks,orders,spend,note',
      'douyin,1,m-1,100,3,50.5,ok',
      'douyn,2,m-2,100,3,50,typo',
      'douyin,3,,100,3,50,no id',
      'xiaohongshu,4,m-4,12a,3,50,bad number',
      'xiaohongshu,5,m-5,100,-3,50,negative',
      'wechat,6,m-6,100,2,20,"a note',
      'over two lines"',
      'douyin,x,m-9,1,1,"1,200",bad day and thousands',
      'douyin,7,m-10,5,1.5,30.25,half an order',
      'douyin,8,m-11,5,1',
      'douyin,,m-12,5,1,1,no day',
      'douyin,20270301,m-13,5,1,1,a date as a day',
    ].join('\n'));
    expect(parsed.rows.map((r) => r.recordId)).toEqual(['m-1', 'm-6']);
    expect(parsed.rejected.map((r) => [r.line, r.field])).toEqual([
      [3, 'channel'], [4, 'record_id'], [5, 'clicks'], [6, 'orders'], [9, 'day'], [9, 'spend'], [10, 'orders'], [11, null],
      [12, 'day'], [13, 'day'],
    ]);
    const messages = parsed.rejected.map((r) => r.message);
    expect(messages[0]).toBe('unknown channel "douyn" for this campaign; did you mean "douyin"?');
    expect(messages[2]).toBe('clicks "12a" is not a number');
    expect(messages[3]).toBe('orders -3 must not be negative');
    expect(messages[5]).toBe('spend "1,200" must be written without thousands separators');
    expect(messages[6]).toBe('orders 1.5 must be a whole number');
    expect(messages[7]).toBe('has 5 values but the header on line 1 names 7 columns');
    expect(messages[9]).toMatch(/use the "date" column/);
  });

  it('refuses the whole file when the header has an unknown or missing column', () => {
    const misspelt = csv('channel,day,record_id,clikcs\ndouyin,1,a,5\n');
    expect(misspelt.rows).toEqual([]);
    expect(misspelt.rejected).toEqual([{ line: 1, field: 'clikcs', message: 'unknown column "clikcs"; did you mean "clicks"?' }]);
    expect(csv('channel,record_id,clicks\ndouyin,a,5\n').rejected[0]).toMatchObject({ line: 1, field: 'day' });
    expect(csv('channel;day;record_id\ndouyin;1;a\n').rejected[0]?.message).toMatch(/separated by commas/);
    expect(csv('渠道,day,record_id\n').rejected[0]?.message).toMatch(/^unknown column "渠道"; known columns: channel, day/);
  });

  it('reports a quote that is never closed', () => {
    const parsed = csv('channel,day,record_id,note\ndouyin,1,a,ok\ndouyin,2,b,"never closed\ndouyin,3,c,x\n');
    expect(parsed.rows.map((r) => r.recordId)).toEqual(['a']);
    expect(parsed.rejected).toEqual([{ line: 3, field: null, message: expect.stringMatching(/never closed/) }]);
  });

  it('reads NDJSON with numbers or numeric strings and rejects lines it cannot use', () => {
    const parsed = ndjson([
      { channel: 'douyin', day: 1, record_id: 'n1', likes: 5, spend: '12.50' },
      '',
      '{"channel": "douyin", "day": 2,',
      '[1, 2]',
      { channel: 'douyin', day: 3, record_id: 12345, clikcs: 3, orders: 2 },
      // Beyond 2^53: JSON.parse has already changed the id by the time anyone sees it.
      '{"channel": "douyin", "day": 4, "record_id": 9007199254740993}',
      { channel: 'douyin', day: 5, date: '2027-03-14', record_id: 'n7' },
      { channel: 'douyin', day: 6, date: '2027-03-14', record_id: 'n8' },
      { channel: 'douyin', record_id: 'n9', orders: true },
    ]);
    expect(parsed.rows.map((r) => [r.line, r.recordId, r.day])).toEqual([[1, 'n1', 1], [7, 'n7', 5]]);
    expect(parsed.rows[0]).toMatchObject({ likes: 5, spend: 12.5 });
    expect(parsed.rejected.map((r) => [r.line, r.field])).toEqual([
      [3, null], [4, null], [5, 'clikcs'], [6, 'record_id'], [8, 'date'], [9, 'orders'], [9, 'day'],
    ]);
    expect(parsed.rejected[2]?.message).toBe('unknown field "clikcs"; did you mean "clicks"?');
    expect(parsed.rejected[4]?.message).toBe('day 6 and date 2027-03-14 (day 5) disagree; give one of them');
  });

  it('counts a row repeated within the file once, and rejects a repeat with other numbers', () => {
    const parsed = csv('channel,day,record_id,clicks\ndouyin,1,a,5\ndouyin,1,a,5\ndouyin,1,a,6\n');
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.repeated).toBe(1);
    expect(parsed.rejected).toEqual([
      { line: 4, field: 'record_id', message: 'record_id "a" is already on line 2 with different values (clicks 5 → 6)' },
    ]);
  });

  it('tells CSV from NDJSON by extension, then by content', () => {
    expect(detectFormat('export.CSV', '{')).toBe('csv');
    expect(detectFormat('rows.jsonl', 'channel')).toBe('ndjson');
    expect(detectFormat('rows.txt', '\uFEFF  {"channel":"douyin"}')).toBe('ndjson');
    expect(detectFormat('-', 'channel,day')).toBe('csv');
  });
});
