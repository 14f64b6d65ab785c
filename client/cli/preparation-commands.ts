/**
 * What responsible, consulted and other team members type during preparation, plus the
 * per-person inbox and the audit trail.
 */
import { Command } from 'commander';
import { acknowledge, CampaignError, completeTask, consult, prepare } from '../campaigns.js';
import { auditTrail, campaignExists } from '../audit.js';
import { inbox } from '../inbox.js';
import { output, withClient, withDatabase } from './context.js';
import { renderTable } from './text-table.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** A link when it looks like one, otherwise a note. */
function evidence(values: string[]) {
  return values.map((value) => ({ kind: /^https?:\/\//.test(value) ? ('link' as const) : ('note' as const), value }));
}

export function readyCommand(): Command {
  return new Command('ready')
    .description('mark your deliverables for a gate ready (responsible people), with evidence')
    .argument('<id>', 'campaign id')
    .argument('<gate>', 'gate id')
    .requiredOption('--as <person>', 'who you are (your team id)')
    .option('--evidence <link-or-note>', 'a link or a note showing the work (repeatable)', collect, [])
    .option('--not-ready', 'take a ready mark back')
    .action(async (id: string, gate: string, opts: { as: string; evidence: string[]; notReady?: boolean }, cmd: Command) => {
      const result = await withClient((client) =>
        prepare(client, id, { gate, by: opts.as, ready: !opts.notReady, evidence: evidence(opts.evidence) }),
      );
      output(cmd, result, () => `${opts.as} marked gate ${gate} ${opts.notReady ? 'not ready' : 'ready'}; it is now ${result.stage}.`);
    });
}

export function tickCommand(): Command {
  return new Command('tick')
    .description('tick checklist items of a gate, by text or number (responsible or accountable people)')
    .argument('<id>', 'campaign id')
    .argument('<gate>', 'gate id')
    .argument('<items...>', 'checklist items, e.g. 1 2 or "KPI 定义与口径已确认"')
    .requiredOption('--as <person>', 'who you are (your team id)')
    .option('--untick', 'untick them instead')
    .action(async (id: string, gate: string, items: string[], opts: { as: string; untick?: boolean }, cmd: Command) => {
      const result = await withClient((client) =>
        prepare(client, id, { gate, by: opts.as, ...(opts.untick ? { untick: items } : { tick: items }) }),
      );
      output(cmd, result, () => `${opts.untick ? 'Unticked' : 'Ticked'} ${items.length} item(s) of gate ${gate}; it is now ${result.stage}.`);
    });
}

export function consultCommand(): Command {
  return new Command('consult')
    .description('record your comment on a gate you are consulted on')
    .argument('<id>', 'campaign id')
    .argument('<gate>', 'gate id')
    .requiredOption('--as <person>', 'who you are (your team id)')
    .requiredOption('--comment <text>', 'your comment')
    .action(async (id: string, gate: string, opts: { as: string; comment: string }, cmd: Command) => {
      const result = await withClient((client) => consult(client, id, { gate, by: opts.as, comment: opts.comment }));
      output(cmd, result, () => `Comment recorded on gate ${gate}; it is now ${result.stage}.`);
    });
}

export function acknowledgeCommand(): Command {
  return new Command('acknowledge')
    .description("acknowledge the campaign's strategy (P1.2)")
    .argument('<id>', 'campaign id')
    .requiredOption('--as <person>', 'who you are (your team id)')
    .action(async (id: string, opts: { as: string }, cmd: Command) => {
      const result = await withClient((client) => acknowledge(client, id, { by: opts.as }));
      output(cmd, result, () => `${opts.as} acknowledged the strategy.`);
    });
}

export function taskCommand(): Command {
  const task = new Command('task').description('plan tasks');
  task
    .command('done')
    .description('mark a task you own done')
    .argument('<id>', 'campaign id')
    .argument('<task>', 'task id')
    .requiredOption('--as <person>', 'who you are (your team id)')
    .action(async (id: string, taskId: string, opts: { as: string }, cmd: Command) => {
      const result = await withClient((client) => completeTask(client, id, { task: taskId, by: opts.as }));
      output(cmd, result, () => `Task ${taskId} done.`);
    });
  return task;
}

function waited(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours}h${minutes % 60 ? ` ${minutes % 60}m` : ''}` : `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

export function inboxCommand(): Command {
  return new Command('inbox')
    .description('everything waiting on a person, across all campaigns, longest-waiting first')
    .requiredOption('--as <person>', 'whose inbox (a team id)')
    .action(async (opts: { as: string }, cmd: Command) => {
      const box = await withClient((client, cfg) => inbox(client, opts.as, { taskQueue: cfg.taskQueue }));
      output(cmd, box, () => {
        if (box.items.length === 0) return `Nothing waits on ${opts.as}.`;
        const table = renderTable(
          [{ header: 'campaign' }, { header: 'what' }, { header: 'item' }, { header: 'title' }, { header: 'waiting', align: 'right' }],
          box.items.map((i) => [i.campaignId, i.kind, i.gate ?? i.task ?? '', i.title, waited(i.waitedMs)]),
          '',
        );
        const note = box.unavailable.length ? `\n(could not read: ${box.unavailable.join(', ')})` : '';
        return table + note;
      });
    });
}

export function auditCommand(): Command {
  return new Command('audit')
    .description("a campaign's audit trail: decisions, readiness, comments, acknowledgements, reminders, escalations")
    .argument('<id>', 'campaign id')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const entries = await withDatabase(async (pool) => {
        if (!(await campaignExists(pool, id))) throw new CampaignError(`There is no campaign "${id}" in the records database.`, 2);
        return auditTrail(pool, id);
      });
      output(cmd, entries, () =>
        renderTable(
          [{ header: 'when' }, { header: 'what' }, { header: 'gate/task' }, { header: 'who' }, { header: 'detail' }],
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
