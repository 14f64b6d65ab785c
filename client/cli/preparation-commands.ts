/**
 * What responsible, consulted and other team members type during preparation, plus the
 * per-person inbox and the audit trail.
 */
import { Command } from 'commander';
import { actingAs, collect, output, withOperations } from './context.js';
import { renderTable } from '../render/table.js';
import { say } from './language.js';

const AS = 'who you are (your team id); through the API, the token says';

/** A link when it looks like one, otherwise a note. */
function evidence(values: string[]) {
  return values.map((value) => ({ kind: /^https?:\/\//.test(value) ? ('link' as const) : ('note' as const), value }));
}

export function readyCommand(): Command {
  return new Command('ready')
    .description('mark your deliverables for a gate ready (responsible people), with evidence')
    .argument('<id>', 'campaign id')
    .argument('<gate>', 'gate id')
    .option('--as <person>', AS)
    .option('--evidence <link-or-note>', 'a link or a note showing the work (repeatable)', collect, [])
    .option('--not-ready', 'take a ready mark back')
    .action(async (id: string, gate: string, opts: { as?: string; evidence: string[]; notReady?: boolean }, cmd: Command) => {
      const input = { gate, ready: !opts.notReady, evidence: evidence(opts.evidence) };
      const { by, result } = await actingAs(cmd, opts.as, (ops, person) => ops.prepare(id, { ...input, by: person }));
      output(cmd, result, () => say().preparation[opts.notReady ? 'notReady' : 'ready'](by, gate, result.stage ?? ''));
    });
}

export function tickCommand(): Command {
  return new Command('tick')
    .description('tick checklist items of a gate, by text or number (responsible or accountable people)')
    .argument('<id>', 'campaign id')
    .argument('<gate>', 'gate id')
    .argument('<items...>', 'checklist items, e.g. 1 2 or "KPI 定义与口径已确认"')
    .option('--as <person>', AS)
    .option('--untick', 'untick them instead')
    .action(async (id: string, gate: string, items: string[], opts: { as?: string; untick?: boolean }, cmd: Command) => {
      const input = { gate, ...(opts.untick ? { untick: items } : { tick: items }) };
      const { result } = await actingAs(cmd, opts.as, (ops, by) => ops.prepare(id, { ...input, by }));
      output(cmd, result, () => say().preparation[opts.untick ? 'unticked' : 'ticked'](items.length, gate, result.stage ?? ''));
    });
}

export function consultCommand(): Command {
  return new Command('consult')
    .description('record your comment on a gate you are consulted on')
    .argument('<id>', 'campaign id')
    .argument('<gate>', 'gate id')
    .option('--as <person>', AS)
    .requiredOption('--comment <text>', 'your comment')
    .action(async (id: string, gate: string, opts: { as?: string; comment: string }, cmd: Command) => {
      const { result } = await actingAs(cmd, opts.as, (ops, by) => ops.consult(id, { gate, comment: opts.comment, by }));
      output(cmd, result, () => say().preparation.consulted(gate, result.stage ?? ''));
    });
}

export function acknowledgeCommand(): Command {
  return new Command('acknowledge')
    .description("acknowledge the campaign's strategy")
    .argument('<id>', 'campaign id')
    .option('--as <person>', AS)
    .action(async (id: string, opts: { as?: string }, cmd: Command) => {
      const { by, result } = await actingAs(cmd, opts.as, (ops, person) => ops.acknowledge(id, { by: person }));
      output(cmd, result, () => say().preparation.acknowledged(by));
    });
}

export function taskCommand(): Command {
  const task = new Command('task').description('plan tasks');
  task
    .command('done')
    .description('mark a task you own done')
    .argument('<id>', 'campaign id')
    .argument('<task>', 'task id')
    .option('--as <person>', AS)
    .action(async (id: string, taskId: string, opts: { as?: string }, cmd: Command) => {
      const { result } = await actingAs(cmd, opts.as, (ops, by) => ops.completeTask(id, { task: taskId, by }));
      output(cmd, result, () => say().preparation.taskDone(taskId));
    });
  return task;
}

/** Minutes under an hour, hours and minutes under two days, then days and hours. */
function waited(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  if (hours >= 48) return say().inbox.waited(Math.floor(hours / 24), hours % 24, 0);
  return say().inbox.waited(0, hours, minutes % 60);
}

export function inboxCommand(): Command {
  return new Command('inbox')
    .description('everything waiting on a person, across all campaigns, longest-waiting first')
    .option('--as <person>', 'whose inbox (a team id); through the API, the token\'s own')
    .action(async (opts: { as?: string }, cmd: Command) => {
      const { result: box } = await actingAs(cmd, opts.as, (ops, person) => ops.inbox(person));
      const m = say().inbox;
      output(cmd, box, () => {
        if (box.items.length === 0) return m.empty(box.person);
        const h = m.headers;
        const table = renderTable(
          [{ header: h.campaign }, { header: h.what }, { header: h.item }, { header: h.title }, { header: h.waiting, align: 'right' }],
          box.items.map((i) => [i.campaignId, m.kind(i.kind), i.gate ?? i.task ?? i.step ?? '', i.title, waited(i.waitedMs)]),
          '',
        );
        const note = box.unavailable.length ? `\n${m.unreadable(say().join(box.unavailable))}` : '';
        return table + note;
      });
    });
}

export function auditCommand(): Command {
  return new Command('audit')
    .description("a campaign's audit trail: decisions, readiness, comments, acknowledgements, reminders, escalations")
    .argument('<id>', 'campaign id')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const entries = await withOperations(cmd, (ops) => ops.auditTrail(id));
      const h = say().audit.headers;
      output(cmd, entries, () =>
        renderTable(
          [{ header: h.when }, { header: h.what }, { header: h.item }, { header: h.who }, { header: h.detail }],
          entries.map((e) => [e.at.replace('T', ' ').slice(0, 19), e.kind, e.gate ?? e.task ?? '', e.actor ?? '', describe(e.detail)]),
          '',
        ),
      );
    });
}

function describe(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
}
