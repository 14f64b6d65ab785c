/**
 * Execution at the terminal (P2.1–P2.10): `campaign pilot`, `campaign crisis`, `campaign step`
 * and `campaign schedule` (`campaign interactions import` is with the other imports).
 */
import { Argument, Command, InvalidArgumentError } from 'commander';
import { CRISIS_ACTIONS, PILOT_DECISIONS, type CrisisAction, type PilotDecision } from '../../domain/execution/actions.js';
import { STEP_ACTIONS, type StepAction } from '../../domain/execution/steps.js';
import { languageFrom } from '../plan-file.js';
import { renderSchedule } from '../render/schedule.js';
import { actingAs, config, globals, output, withOperations } from './context.js';

const MIN_GANTT_WIDTH = 40;

export function pilotCommand(): Command {
  return new Command('pilot')
    .description('decide the pilot: go, extend it, send it back, or cancel the campaign')
    .argument('<id>', 'campaign id')
    .addArgument(new Argument('<decision>', PILOT_DECISIONS.join(' | ')).choices(PILOT_DECISIONS))
    .option('--as <person>', 'who decides (pilot.decidedBy, or their delegate); through the API, the token says')
    .option('--comment <text>', 'why; required for every decision but go')
    .option('--extend-by <duration>', 'how much longer the pilot runs, for extend, e.g. 3d')
    .action(async (id: string, decision: PilotDecision, opts: { as?: string; comment?: string; extendBy?: string }, cmd: Command) => {
      const input = {
        decision,
        ...(opts.comment !== undefined ? { comment: opts.comment } : {}),
        ...(opts.extendBy !== undefined ? { extendBy: opts.extendBy } : {}),
      };
      const { by, result } = await actingAs(cmd, opts.as, (ops, person) => ops.decidePilot(id, { ...input, by: person }));
      output(cmd, result, () => pilotSentence(id, decision, by, opts.extendBy));
    });
}

function pilotSentence(id: string, decision: PilotDecision, by: string, extendBy: string | undefined): string {
  switch (decision) {
    case 'go': return `Pilot of ${id}: go, by ${by}. The campaign moves on.`;
    case 'extend': return `Pilot of ${id} extended by ${extendBy ?? ''}, by ${by}.`;
    case 'send-back': return `Pilot of ${id} sent back by ${by} for rework.`;
    case 'cancel': return `Campaign ${id} cancelled at the pilot, by ${by}.`;
  }
}

export function crisisCommand(): Command {
  return new Command('crisis')
    .description('start a crisis by hand, propose or approve the response statement, or end it')
    .argument('<id>', 'campaign id')
    .addArgument(new Argument('<action>', CRISIS_ACTIONS.join(' | ')).choices(CRISIS_ACTIONS))
    .option('--as <person>', 'who acts (your team id); through the API, the token says')
    .option('--reason <text>', 'why, for start and end: it goes into the audit trail')
    .option('--statement <text>', 'the response statement, for statement')
    .action(async (id: string, action: CrisisAction, opts: { as?: string; reason?: string; statement?: string }, cmd: Command) => {
      const input = {
        action,
        ...(opts.reason !== undefined ? { reason: opts.reason } : {}),
        ...(opts.statement !== undefined ? { statement: opts.statement } : {}),
      };
      const { by, result } = await actingAs(cmd, opts.as, (ops, person) => ops.crisisAction(id, { ...input, by: person }));
      output(cmd, result, () => crisisSentence(id, action, by));
    });
}

function crisisSentence(id: string, action: CrisisAction, by: string): string {
  switch (action) {
    case 'start': return `Crisis started on ${id} by ${by}: posts and budget changes are held.`;
    case 'statement': return `Response statement for ${id} proposed by ${by}; it waits for approval.`;
    case 'approve': return `Response statement for ${id} approved by ${by}; the campaign resumes.`;
    case 'end': return `Crisis on ${id} ended by ${by}; the campaign resumes.`;
  }
}

export function stepCommand(): Command {
  return new Command('step')
    .description('retry a failed step (an effect or record the campaign could not carry out), or skip it')
    .argument('<id>', 'campaign id')
    .argument('<step>', 'the failed step, as `campaign status` lists it, e.g. budget:initial:douyin')
    .addArgument(new Argument('<action>', STEP_ACTIONS.join(' | ')).choices(STEP_ACTIONS))
    .option('--as <person>', 'who decides (the owner, the channel\'s responsible person, or ops); through the API, the token says')
    .option('--comment <text>', 'why, for the audit trail')
    .action(async (id: string, step: string, action: StepAction, opts: { as?: string; comment?: string }, cmd: Command) => {
      const input = { step, action, ...(opts.comment !== undefined ? { comment: opts.comment } : {}) };
      const { by, result } = await actingAs(cmd, opts.as, (ops, person) => ops.resolveStep(id, { ...input, by: person }));
      output(cmd, result, () => (action === 'retry'
        ? `Step ${step} of ${id}: retried by ${by}. The campaign calls it again under the same key; \`campaign status ${id}\` shows how it went.`
        : `Step ${step} of ${id}: skipped by ${by}. The campaign goes on without it.`));
    });
}

function ganttWidth(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < MIN_GANTT_WIDTH) throw new InvalidArgumentError(`give a whole number of columns, at least ${MIN_GANTT_WIDTH}, e.g. 100`);
  return n;
}

export function scheduleCommand(): Command {
  return new Command('schedule')
    .description('the task schedule as a Gantt chart: planned against actual, the rest forecast, the critical path')
    .argument('<id>', 'campaign id')
    .option('--width <n>', 'columns per line (default: the terminal\'s, at most 120)', ganttWidth)
    .action(async (id: string, opts: { width?: number }, cmd: Command) => {
      const lang = languageFrom(globals(cmd).lang, config().lang);
      const { schedule, now } = await withOperations(cmd, (ops) => ops.schedule(id));
      output(cmd, schedule ?? null, () => {
        if (!schedule || schedule.tasks.length === 0) {
          return lang === 'zh-CN' ? `活动 ${id} 没有任务排期。` : `Campaign ${id} has no tasks to schedule.`;
        }
        const width = opts.width ?? Math.max(MIN_GANTT_WIDTH, Math.min(120, process.stdout.columns ?? 80));
        return renderSchedule(schedule, { width, lang, now });
      });
    });
}
