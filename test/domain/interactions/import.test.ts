import { describe, expect, it } from 'vitest';
import { detectFormat, parseInteractionsFile } from '../../../domain/interactions/import.js';

const channelIds = ['weibo', 'xiaohongshu', 'douyin'];

const ndjson = (...lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');

describe('parseInteractionsFile', () => {
  it('reads NDJSON with Chinese text and normalises instants to UTC', () => {
    const parsed = parseInteractionsFile({
      format: 'ndjson', channelIds,
      text: ndjson(
        { id: 'c1', channel: 'weibo', author: '茶友小王', text: '太好喝了！强烈推荐👍', at: '2027-03-10T20:15:00+08:00' },
        { id: 'c2', channel: 'weibo', author: '官方账号', text: '谢谢支持', at: '2027-03-10T12:20:00Z', replyTo: 'c1' },
        { id: 7, channel: 'douyin', author: 'x', text: '包装破损', at: '2027-03-10T13:00:00Z', answeredAt: '2027-03-10T14:00:00Z' },
      ),
    });
    expect(parsed.rejected).toEqual([]);
    expect(parsed.repeated).toBe(0);
    expect(parsed.rows).toEqual([
      { line: 1, id: 'c1', channelId: 'weibo', author: '茶友小王', text: '太好喝了！强烈推荐👍', at: '2027-03-10T12:15:00.000Z' },
      { line: 2, id: 'c2', channelId: 'weibo', author: '官方账号', text: '谢谢支持', at: '2027-03-10T12:20:00.000Z', replyTo: 'c1' },
      { line: 3, id: '7', channelId: 'douyin', author: 'x', text: '包装破损', at: '2027-03-10T13:00:00.000Z', answeredAt: '2027-03-10T14:00:00.000Z' },
    ]);
  });

  it('reads CSV with a BOM, quoted commas and snake_case columns, empty cells left out', () => {
    const text = '\ufeffid,channel,author,text,at,reply_to,answered_at\n'
      + 'c1,xiaohongshu,小红薯,"好喝, 但是有点贵",2027-03-10T20:15:00+08:00,,\n'
      + 'c2,xiaohongshu,品牌号,"多谢反馈\n会转告",2027-03-10T20:30:00+08:00,c1,\n';
    const parsed = parseInteractionsFile({ format: 'csv', channelIds, text });
    expect(parsed.rejected).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 2, id: 'c1', channelId: 'xiaohongshu', author: '小红薯', text: '好喝, 但是有点贵', at: '2027-03-10T12:15:00.000Z' },
      { line: 3, id: 'c2', channelId: 'xiaohongshu', author: '品牌号', text: '多谢反馈\n会转告', at: '2027-03-10T12:30:00.000Z', replyTo: 'c1' },
    ]);
  });

  it('rejects lines with their number, the field and the fix, and keeps the good ones', () => {
    const parsed = parseInteractionsFile({
      format: 'ndjson', channelIds,
      text: ndjson(
        { id: 'ok', channel: 'weibo', author: 'a', text: '不错', at: '2027-03-10T12:00:00Z' },
        { id: 'c2', channel: 'weibu', author: 'a', text: '不错', at: '2027-03-10T12:00:00Z' },
        { id: 'c3', channel: 'weibo', author: 'a', text: '不错', at: '2027-03-10' },
        '{not json',
        { channel: 'weibo', author: 'a', text: 't', at: '2027-03-10T12:00:00Z' },
        { id: 'c6', channel: 'weibo', author: 'a', text: 't', at: '2027-03-10T12:00:00Z', answeredAt: '2027-03-10T11:00:00Z' },
        { id: 'c7', channel: 'weibo', author: 'a', txt: 't', at: '2027-03-10T12:00:00Z' },
        [1, 2],
        { id: 'c9', channel: 'weibo', author: 'a', text: 't', at: '2027-03-10T12:00:00Z', replyTo: 'c9' },
      ),
    });
    expect(parsed.rows.map((r) => r.id)).toEqual(['ok']);
    const byLine = (line: number) => parsed.rejected.filter((r) => r.line === line);
    expect(byLine(2)).toEqual([{ line: 2, field: 'channel', message: 'unknown channel "weibu" for this campaign; did you mean "weibo"?' }]);
    expect(byLine(3)).toEqual([{ line: 3, field: 'at', message: expect.stringContaining('is not an ISO instant; write date, time and offset, e.g. 2027-03-10T20:15:00+08:00') }]);
    expect(byLine(4)).toEqual([{ line: 4, field: null, message: expect.stringContaining('not valid JSON') }]);
    expect(byLine(5)).toEqual([{ line: 5, field: 'id', message: expect.stringContaining('id is missing') }]);
    expect(byLine(6)).toEqual([{ line: 6, field: 'answeredAt', message: expect.stringContaining('is before the item arrived') }]);
    expect(byLine(7).map((r) => [r.field, r.message])).toEqual(expect.arrayContaining([
      ['txt', 'unknown field "txt"; did you mean "text"?'],
      ['text', 'text is missing: give what the person wrote'],
    ]));
    expect(byLine(8)).toEqual([{ line: 8, field: null, message: expect.stringContaining('each line must be one JSON object') }]);
    expect(byLine(9)).toEqual([{ line: 9, field: 'replyTo', message: expect.stringContaining('names the item itself') }]);
    expect(parsed.rejected.map((r) => r.line)).toEqual([...parsed.rejected.map((r) => r.line)].sort((a, b) => a - b));
  });

  it('counts an id repeated with the same content, and rejects one repeated with other content', () => {
    const item = { id: 'c1', channel: 'weibo', author: 'a', text: '好喝', at: '2027-03-10T20:15:00+08:00' };
    const parsed = parseInteractionsFile({
      format: 'ndjson', channelIds,
      text: ndjson(item, { ...item, at: '2027-03-10T12:15:00Z' }, { ...item, text: '难喝' }),
    });
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.repeated).toBe(1);
    expect(parsed.rejected).toEqual([{ line: 3, field: 'id', message: 'id "c1" is already on line 1 with different content; keep one of them' }]);
  });

  it('refuses a CSV header it cannot trust, naming each column', () => {
    const parsed = parseInteractionsFile({ format: 'csv', channelIds, text: 'id,channel,auther,text\nc1,weibo,a,t\n' });
    expect(parsed.rows).toEqual([]);
    expect(parsed.rejected).toEqual([
      { line: 1, field: 'auther', message: 'unknown column "auther"; did you mean "author"?' },
      { line: 1, field: 'author', message: 'the header has no "author" column' },
      { line: 1, field: 'at', message: 'the header has no "at" column' },
    ]);
    const semicolons = parseInteractionsFile({ format: 'csv', channelIds, text: 'id;channel;author;text;at\n' });
    expect(semicolons.rejected[0]?.message).toContain('separated by commas');
  });

  it('rejects a CSV row with the wrong number of values', () => {
    const parsed = parseInteractionsFile({
      format: 'csv', channelIds, text: 'id,channel,author,text,at\nc1,weibo,a,好喝,但是贵,2027-03-10T12:00:00Z\n',
    });
    expect(parsed.rejected).toEqual([{ line: 2, field: null, message: expect.stringContaining('has 6 values but the header on line 1 names 5 columns') }]);
  });

  it('tells the format by extension, else by the first character', () => {
    expect(detectFormat('comments.csv', '{')).toBe('csv');
    expect(detectFormat('comments.jsonl', 'id')).toBe('ndjson');
    expect(detectFormat('export', '\ufeff{"id":1}')).toBe('ndjson');
    expect(detectFormat('export', 'id,channel')).toBe('csv');
  });
});
