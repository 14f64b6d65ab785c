import { describe, expect, it } from 'vitest';
import { rehearsalLine, rehearsalOf, sandboxLaunchRefusal } from '../../domain/rehearsal.js';
import { closingPlan } from './report/closing-fixture.js';

const sandboxPlan = closingPlan();
const ids = sandboxPlan.channels.map((c) => c.id);
const webhookPlan = { ...sandboxPlan, channels: sandboxPlan.channels.map((c) => ({ ...c, adapter: 'webhook' as const, url: 'https://bridge.example.com/c' })) };
const mixedPlan = { ...sandboxPlan, channels: [webhookPlan.channels[0]!, ...sandboxPlan.channels.slice(1)] };

describe('what makes a rehearsal', () => {
  it('is a time scale other than 1, or any channel on the sandbox', () => {
    expect(rehearsalOf(webhookPlan, 1)).toBeUndefined();
    expect(rehearsalOf(webhookPlan, 1440)).toEqual({ timeScale: 1440, sandboxChannels: [] });
    expect(rehearsalOf(sandboxPlan, 1)).toEqual({ sandboxChannels: ids });
    // One simulated channel is enough: the campaign's totals include its numbers.
    expect(rehearsalOf(mixedPlan, 1)).toEqual({ sandboxChannels: ids.slice(1) });
    expect(rehearsalLine({ timeScale: 60, sandboxChannels: ['douyin', 'wechat'] })).toEqual({
      en: 'Rehearsal (time scale 60; simulated channels douyin, wechat): its numbers are not a real campaign\'s.',
      'zh-CN': '演练(时间倍率 60；模拟渠道 douyin、wechat)：数据不是真实投放的结果。',
    });
  });

  it('refuses time scale 1 on sandbox channels unless the person says it is a rehearsal', () => {
    expect(sandboxLaunchRefusal({ plan: sandboxPlan, timeScale: 1 })).toContain(`Channels ${ids.join(', ')} have adapter: sandbox`);
    expect(sandboxLaunchRefusal({ plan: mixedPlan, timeScale: 1 })).toContain(`Channels ${ids.slice(1).join(', ')} have`);
    expect(sandboxLaunchRefusal({ plan: sandboxPlan, timeScale: 1, sandbox: true })).toBeUndefined();
    expect(sandboxLaunchRefusal({ plan: sandboxPlan, timeScale: 2880 })).toBeUndefined();
    expect(sandboxLaunchRefusal({ plan: webhookPlan, timeScale: 1 })).toBeUndefined();
  });
});
