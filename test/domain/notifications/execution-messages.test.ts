import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { crisisCommand, pilotCommand, stepCommand } from '../../../client/cli/execution-commands.js';
import { taskCommand } from '../../../client/cli/preparation-commands.js';
import type { CrisisAssessment } from '../../../domain/interactions/crisis.js';
import {
  crisisResolvedMessage, crisisStartedMessage, pilotDecisionMessage, postFailedMessage, slaBreachMessage, stepFailedMessage, taskStartedMessage,
} from '../../../domain/notifications/execution-messages.js';
import { renderNotification, statusCommand, type NoticeMessage, type NotificationLanguage } from '../../../domain/notifications/messages.js';
import { evaluatePilot } from '../../../domain/pilot.js';
import { CAMPAIGN_ID, teaPlan } from './fixtures.js';

const plan = teaPlan();
const about = { campaignId: CAMPAIGN_ID, plan, at: new Date('2027-03-05T02:00:00.000Z') };
const LANGUAGES: NotificationLanguage[] = ['en', 'zh-CN'];

const render = (message: NoticeMessage, language: NotificationLanguage) => renderNotification(message, { personId: 'li.na', language });

/** Splits a shell command line into words, honouring single and double quotes. */
function words(line: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (quote === '"' && ch === '\\') word += line[++i] ?? '';
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word ??= '';
    } else if (ch === '\\') {
      word = (word ?? '') + (line[++i] ?? '');
    } else if (/\s/.test(ch)) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (quote) throw new Error(`unbalanced quote in: ${line}`);
  if (word !== undefined) out.push(word);
  return out;
}

/**
 * Parses a command line as the real CLI would (its commander definitions, choices and options),
 * without running anything: returns the arguments and options the action would receive.
 */
async function parseCli(line: string): Promise<{ args: string[]; opts: Record<string, unknown> }> {
  const argv = words(line);
  expect(argv.slice(0, 2)).toEqual(['npx', 'campaign']);
  let captured: { args: string[]; opts: Record<string, unknown> } | undefined;
  const capture = (...params: unknown[]) => {
    const cmd = params[params.length - 1] as Command;
    captured = { args: cmd.processedArgs as string[], opts: cmd.opts() };
  };
  const root = new Command('campaign');
  const task = taskCommand();
  task.commands.find((c) => c.name() === 'done')!.action(capture);
  root.addCommand(task);
  root.addCommand(pilotCommand().action(capture));
  root.addCommand(crisisCommand().action(capture));
  root.addCommand(stepCommand().action(capture));
  const quiet = (cmd: Command): void => {
    cmd.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
    cmd.commands.forEach(quiet);
  };
  quiet(root);
  await root.parseAsync(argv.slice(2), { from: 'user' });
  if (!captured) throw new Error(`no action ran for: ${line}`);
  return captured;
}

function expectTitled(message: NoticeMessage): void {
  const en = render(message, 'en');
  const zh = render(message, 'zh-CN');
  expect(en.title.startsWith(`[${plan.name}] `)).toBe(true);
  expect(zh.title.startsWith(`【${plan.name}】`)).toBe(true);
  expect(en.title).not.toBe(zh.title);
  // Both languages carry the campaign line and every line of the message.
  expect(en.lines[0]).toContain(CAMPAIGN_ID);
  expect(zh.lines[0]).toContain(CAMPAIGN_ID);
  expect(en.lines).toHaveLength(message.lines.length + 1);
  expect(zh.lines).toHaveLength(message.lines.length + 1);
  for (const line of [...en.lines, ...zh.lines, en.title, zh.title]) expect(line.trim()).not.toBe('');
  // Commands are the same shell text in both languages; only labels differ.
  expect(en.commands.map((c) => c.text)).toEqual(zh.commands.map((c) => c.text));
}

describe('taskStartedMessage', () => {
  const message = taskStartedMessage(about, { id: 'shoot', name: '拍摄抖音视频', owner: 'wang.wei', deliverable: '3 条 15 秒视频' });

  it('names the task in the title in both languages, with the deliverable', () => {
    expectTitled(message);
    expect(render(message, 'en').title).toContain('拍摄抖音视频');
    expect(render(message, 'zh-CN').title).toContain('拍摄抖音视频');
    expect(render(message, 'en').lines.join('\n')).toContain('3 条 15 秒视频');
    expect(render(message, 'zh-CN').lines.join('\n')).toContain('3 条 15 秒视频');
  });

  it('offers the exact command that marks it done as its owner', async () => {
    for (const language of LANGUAGES) {
      expect(render(message, language).commands.map((c) => c.text)).toEqual([`npx campaign task done ${CAMPAIGN_ID} shoot --as wang.wei`]);
    }
    const parsed = await parseCli(render(message, 'en').commands[0]!.text);
    expect(parsed.args).toEqual([CAMPAIGN_ID, 'shoot']);
    expect(parsed.opts).toMatchObject({ as: 'wang.wei' });
  });

  it('leaves out the deliverable line when the task has none', () => {
    const bare = taskStartedMessage(about, { id: 'script', name: '视频脚本', owner: 'wang.wei' });
    expect(bare.lines.length).toBe(message.lines.length - 1);
  });
});

describe('stepFailedMessage', () => {
  const step = { id: 'budget:initial:douyin', summary: 'Set the budget of 抖音 to 120000 CNY', error: 'the platform answered 422', skippable: true };

  it('says what failed and why, in both languages', () => {
    const message = stepFailedMessage(about, step, 'li.na');
    expectTitled(message);
    for (const language of LANGUAGES) {
      expect(render(message, language).title).toContain(step.summary);
      expect(render(message, language).lines.join('\n')).toContain('the platform answered 422');
    }
  });

  it('offers retry and skip as the owner, each accepted by the CLI; only retry where skipping cannot be', async () => {
    const commands = render(stepFailedMessage(about, step, 'li.na'), 'en').commands.map((c) => c.text);
    const parsed = await Promise.all(commands.map(parseCli));
    expect(parsed.map((p) => p.args)).toEqual([['retry', CAMPAIGN_ID, step.id], ['skip', CAMPAIGN_ID, step.id]]);
    for (const p of parsed) expect(p.opts).toMatchObject({ as: 'li.na' });
    const retryOnly = render(stepFailedMessage(about, { ...step, id: 'register', skippable: false }, 'li.na'), 'en').commands;
    expect(retryOnly.map((c) => c.text)).toEqual([`npx campaign step retry ${CAMPAIGN_ID} register --as li.na`]);
  });
});

describe('pilotDecisionMessage', () => {
  const evaluation = evaluatePilot({
    goals: plan.goals, successCriteria: [{ kpi: 'orders', atLeast: 100 }], metrics: { orders: 60 },
  });
  const message = pilotDecisionMessage(about, evaluation, 'zhao.lei');

  it('shows the evaluation and each criterion in both languages', () => {
    expectTitled(message);
    for (const language of LANGUAGES) {
      const lines = render(message, language).lines;
      expect(lines).toContain(evaluation.message[language]);
      expect(lines).toContain(evaluation.criteria[0]!.message[language]);
    }
  });

  it('offers go, extend, send-back and cancel as the decider, each accepted by the CLI', async () => {
    const commands = render(message, 'en').commands.map((c) => c.text);
    expect(commands).toHaveLength(4);
    const decisions = [];
    for (const text of commands) {
      const parsed = await parseCli(text);
      expect(parsed.args[1]).toBe(CAMPAIGN_ID);
      expect(parsed.opts).toMatchObject({ as: 'zhao.lei' });
      decisions.push(parsed.args[0]);
      // Every decision but go needs a comment; extend needs a duration.
      if (parsed.args[0] !== 'go') expect(parsed.opts.comment).toBeTruthy();
      if (parsed.args[0] === 'extend') expect(parsed.opts.extendBy).toMatch(/^\d+[dhw]$/);
    }
    expect(decisions).toEqual(['go', 'extend', 'send-back', 'cancel']);
  });
});

describe('postFailedMessage', () => {
  const message = postFailedMessage(about, { contentId: 'launch-story', channel: '抖音', error: 'video missing' });

  it('names the channel, the content and the platform\'s reason, and points at the status', () => {
    expectTitled(message);
    for (const language of LANGUAGES) {
      const rendered = render(message, language);
      expect(rendered.title).toContain('抖音');
      expect(rendered.title).toContain('launch-story');
      expect(rendered.lines.join('\n')).toContain('video missing');
      expect(rendered.commands).toEqual([{ label: expect.any(String), text: statusCommand(CAMPAIGN_ID) }]);
    }
  });
});

describe('crisisStartedMessage', () => {
  it('says who started it and why when it was started by hand, and offers the statement and approval', async () => {
    const message = crisisStartedMessage(about, { by: 'chen.jing', reason: 'complaints about a fake discount' }, 'li.na');
    expectTitled(message);
    for (const language of LANGUAGES) {
      const lines = render(message, language).lines.join('\n');
      expect(lines).toContain('chen.jing');
      expect(lines).toContain('complaints about a fake discount');
    }
    const [statement, approve] = render(message, 'en').commands.map((c) => c.text);
    const approval = await parseCli(approve!);
    expect(approval.args).toEqual(['approve', CAMPAIGN_ID]);
    expect(approval.opts).toMatchObject({ as: 'li.na' });
    // The statement is written by whoever reads it: the placeholder stands for them.
    expect(statement).toContain('<you>');
    const proposal = await parseCli(statement!.replace('<you>', 'wang.wei'));
    expect(proposal.args).toEqual(['statement', CAMPAIGN_ID]);
    expect(proposal.opts.statement).toBeTruthy();
  });

  it('shows the warning rule\'s assessment when the crisis started automatically', () => {
    const assessment = {
      triggered: true, reason: 'negative-share', window: { from: '2027-03-04T20:00:00.000Z', to: '2027-03-05T02:00:00.000Z' },
      volume: 40, negatives: 20, share: 0.5, topChannels: [],
      message: { en: '20 of 40 interactions were negative', 'zh-CN': '40 条互动中 20 条为负面' },
    } satisfies CrisisAssessment;
    const message = crisisStartedMessage(about, { by: 'auto', reason: 'negative share', assessment }, 'li.na');
    expect(render(message, 'en').lines).toContain('20 of 40 interactions were negative');
    expect(render(message, 'zh-CN').lines).toContain('40 条互动中 20 条为负面');
  });
});

describe('crisisResolvedMessage', () => {
  it('says who resolved it and how much was held back', () => {
    const message = crisisResolvedMessage(about, 'li.na', 7);
    expectTitled(message);
    for (const language of LANGUAGES) {
      const lines = render(message, language).lines.join('\n');
      expect(lines).toContain('li.na');
      expect(lines).toMatch(/\b7\b/);
      expect(render(message, language).commands).toEqual([{ label: expect.any(String), text: statusCommand(CAMPAIGN_ID) }]);
    }
  });
});

describe('slaBreachMessage', () => {
  it('counts the overdue answers in the title and shows the oldest when given', () => {
    const oldest = { en: 'Oldest: a question on 抖音, 5 hours ago', 'zh-CN': '最早: 抖音上的提问, 5 小时前' };
    const message = slaBreachMessage(about, 12, oldest);
    expectTitled(message);
    expect(render(message, 'en').title).toContain('12');
    expect(render(message, 'zh-CN').title).toContain('12');
    expect(render(message, 'en').lines).toContain(oldest.en);
    expect(render(message, 'zh-CN').lines).toContain(oldest['zh-CN']);
    expect(slaBreachMessage(about, 3, undefined).lines).toEqual([]);
  });
});

describe('the command check itself', () => {
  it('refuses what the CLI refuses', async () => {
    await expect(parseCli('npx campaign pilot x maybe --as li.na')).rejects.toThrow();
    await expect(parseCli('npx campaign task finish x shoot --as li.na')).rejects.toThrow();
    await expect(parseCli('npx campaign crisis x approve --by li.na')).rejects.toThrow();
  });
});

describe('every execution notice', () => {
  it('is stamped with the campaign and the time of the event', () => {
    const messages = [
      taskStartedMessage(about, { id: 'shoot', name: 'x', owner: 'wang.wei' }),
      postFailedMessage(about, { contentId: 'c', channel: 'douyin', error: 'e' }),
      crisisResolvedMessage(about, 'li.na', 0),
      slaBreachMessage(about, 1, undefined),
    ];
    for (const message of messages) {
      expect(message.kind).toBe('notice');
      expect(message.campaign).toEqual({ id: CAMPAIGN_ID, name: plan.name, timezone: plan.timezone });
      expect(message.at).toBe(about.at.toISOString());
    }
    expect(new Set(messages.map((m) => m.topic)).size).toBe(messages.length);
  });

  it('quotes a campaign id the shell would split', async () => {
    const odd = taskStartedMessage({ ...about, campaignId: "tea 2027's" }, { id: 'shoot', name: 'x', owner: 'wang.wei' });
    const parsed = await parseCli(render(odd, 'en').commands[0]!.text);
    expect(parsed.args).toEqual(["tea 2027's", 'shoot']);
  });
});
