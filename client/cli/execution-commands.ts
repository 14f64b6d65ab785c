/**
 * Execution at the terminal (P2.1–P2.10): `campaign pilot`, `campaign crisis`, `campaign step`
 * and `campaign schedule` (`campaign interactions import` is with the other imports). Like every
 * command, the verb comes before the campaign id (`pilot go <id>`); the old order is still
 * accepted (legacy-forms.ts).
 */
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { CRISIS_ACTIONS, PILOT_DECISIONS, type CrisisAction, type PilotDecision } from '../../domain/execution/actions.js';
import { STEP_ACTIONS, type StepAction } from '../../domain/execution/steps.js';
import { languageFrom } from '../plan-file.js';
import { renderSchedule } from '../render/schedule.js';
import { actingAs, config, globals, output, withOperations } from './context.js';
import { say } from './language.js';

const MIN_GANTT_WIDTH = 40;

export function pilotCommand(): Command {
  return new Command('pilot')
    .description('decide the pilot: go, extend it, send it back, or cancel the campaign')
    .addArgument(new Argument('<decision>', 'the decision').choices(PILOT_DECISIONS))
    .argument('<id>', 'campaign id')
    .option('--as <person>', 'who decides (pilot.decidedBy, or their delegate); through the API, the token says')
    .option('--comment <text>', 'why; required for every decision but go')
    .option('--extend-by <duration>', 'how much longer the pilot runs, for extend, e.g. 3d')
    .action(async (decision: PilotDecision, id: string, opts: { as?: string; comment?: string; extendBy?: string }, cmd: Command) => {
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
  const m = say().pilot;
  switch (decision) {
    case 'go': return m.go(id, by);
    case 'extend': return m.extend(id, by, extendBy ?? '');
    case 'send-back': return m.sendBack(id, by);
    case 'cancel': return m.cancel(id, by);
  }
}

export function crisisCommand(): Command {
  return new Command('crisis')
    .description('start a crisis by hand, propose or approve the response statement, or end it')
    .addArgument(new Argument('<action>', 'what to do').choices(CRISIS_ACTIONS))
    .argument('<id>', 'campaign id')
    .option('--as <person>', 'who acts (your team id); through the API, the token says')
    .option('--comment <text>', 'why, for start and end: it goes into the audit trail')
    // Earlier releases called it --reason; scripts may still say so.
    .addOption(new Option('--reason <text>').hideHelp())
    .option('--statement <text>', 'the response statement, for statement')
    .action(async (action: CrisisAction, id: string, opts: { as?: string; comment?: string; reason?: string; statement?: string }, cmd: Command) => {
      const reason = opts.comment ?? opts.reason;
      const input = {
        action,
        ...(reason !== undefined ? { reason } : {}),
        ...(opts.statement !== undefined ? { statement: opts.statement } : {}),
      };
      const { by, result } = await actingAs(cmd, opts.as, (ops, person) => ops.crisisAction(id, { ...input, by: person }));
      output(cmd, result, () => crisisSentence(id, action, by));
    });
}

function crisisSentence(id: string, action: CrisisAction, by: string): string {
  return say().crisis[action](id, by);
}

export function stepCommand(): Command {
  return new Command('step')
    .description('retry a failed step (an effect or record the campaign could not carry out), or skip it')
    .addArgument(new Argument('<action>', 'what to do').choices(STEP_ACTIONS))
    .argument('<id>', 'campaign id')
    .argument('<step>', 'the failed step, as `campaign status` lists it, e.g. budget:initial:douyin')
    .option('--as <person>', 'who decides (the owner, the channel\'s responsible person, or ops); through the API, the token says')
    .option('--comment <text>', 'why, for the audit trail')
    .action(async (action: StepAction, id: string, step: string, opts: { as?: string; comment?: string }, cmd: Command) => {
      const input = { step, action, ...(opts.comment !== undefined ? { comment: opts.comment } : {}) };
      const { by, result } = await actingAs(cmd, opts.as, (ops, person) => ops.resolveStep(id, { ...input, by: person }));
      output(cmd, result, () => say().step[action === 'retry' ? 'retried' : 'skipped'](step, id, by));
    });
}

function ganttWidth(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < MIN_GANTT_WIDTH) throw new InvalidArgumentError(say().values.columns(MIN_GANTT_WIDTH));
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
          return say().schedule.noTasks(id);
        }
        const width = opts.width ?? Math.max(MIN_GANTT_WIDTH, Math.min(120, process.stdout.columns ?? 80));
        return renderSchedule(schedule, { width, lang, now });
      });
    });
}
