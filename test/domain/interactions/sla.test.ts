import { describe, expect, it } from 'vitest';
import { nextSlaDeadline, slaBreaches, slaSummary, type Interaction } from '../../../domain/interactions/sla.js';

const t = (hhmm: string) => `2027-03-10T${hhmm}:00+08:00`;
const item = (id: string, author: string, at: string, extra: Partial<Interaction> = {}): Interaction =>
  ({ id, channelId: 'xiaohongshu', author, text: '…', at: t(at), ...extra });

const thread: Interaction[] = [
  item('q1', 'tea.lover', '09:00'),
  item('a1', 'brand', '09:40', { replyTo: 'q1' }),
  item('q2', 'xiao.wang', '09:30'),
  item('q3', 'mei', '10:00', { answeredAt: t('13:00') }),
  item('q4', 'li.lei', '11:00'),
  item('q5', 'zhang.san', '12:45'),
  item('a5', 'other.user', '12:50', { replyTo: 'q5' }),
];
const names = { xiaohongshu: '小红书' };

describe('response SLA', () => {
  it('lists audience items unanswered past the limit, the longest overdue first', () => {
    const breaches = slaBreaches(thread, { responseSla: '2h', now: t('13:30'), staff: ['brand'], channelNames: names });
    expect(breaches.map((b) => [b.id, b.dueAt, b.overdueMs / 60_000])).toEqual([
      ['q2', '2027-03-10T03:30:00.000Z', 120],
      ['q4', '2027-03-10T05:00:00.000Z', 30],
    ]);
    expect(breaches[0]!.message.en).toBe('xiao.wang on 小红书 has waited 4 hours for an answer; the limit is 2 hours.');
    expect(breaches[0]!.message['zh-CN']).toBe('小红书 上 xiao.wang 的留言已等待 4小时 未回复, 时限为 2小时。');
  });

  it('counts answers in time, late answers and items still within the limit', () => {
    const summary = slaSummary(thread, { responseSla: '2h', now: t('13:30'), staff: ['brand'] });
    expect(summary).toMatchObject({ received: 6, answeredInTime: 1, answeredLate: 1, waiting: 2 });
    expect(summary.breaches.map((b) => b.id)).toEqual(['q2', 'q4']);
  });

  it('does not count answers or items from after the instant asked about', () => {
    const early = slaBreaches(thread, { responseSla: '30m', now: t('09:35'), staff: ['brand'] });
    expect(early.map((b) => b.id)).toEqual(['q1']);
  });

  it('without a staff list, takes any reply from someone else as an answer and replies as conversation', () => {
    const breaches = slaBreaches(thread, { responseSla: 7_200_000, now: t('15:00') });
    expect(breaches.map((b) => b.id)).toEqual(['q2', 'q4']);
    const selfReply = [item('q', 'a', '09:00'), item('r', 'a', '09:05', { replyTo: 'q' })];
    expect(slaBreaches(selfReply, { responseSla: '1h', now: t('12:00') }).map((b) => b.id)).toEqual(['q']);
  });

  it('is not breached at exactly the limit', () => {
    expect(slaBreaches([item('q', 'a', '09:00')], { responseSla: '2h', now: t('11:00') })).toEqual([]);
    expect(slaBreaches([item('q', 'a', '09:00')], { responseSla: '2h', now: t('11:01') })).toHaveLength(1);
  });

  it('tells when to look again: the next deadline of an unanswered item', () => {
    expect(nextSlaDeadline(thread, { responseSla: '2h', now: t('12:00'), staff: ['brand'] })).toBe('2027-03-10T04:00:00.000Z');
    expect(nextSlaDeadline(thread, { responseSla: '2h', now: t('12:10'), staff: ['brand'] })).toBe('2027-03-10T05:00:00.000Z');
    expect(nextSlaDeadline(thread, { responseSla: '2h', now: t('16:00'), staff: ['brand'] })).toBeUndefined();
  });

  it('refuses a limit or instant it cannot read', () => {
    expect(() => slaBreaches(thread, { responseSla: 'two hours', now: t('12:00') })).toThrow(/duration/);
    expect(() => slaBreaches(thread, { responseSla: '2h', now: 'noon' })).toThrow(/ISO instant/);
  });
});
