/**
 * Commands that change a running campaign's course as a whole: `cancel` stops it (the owner, their
 * delegate or ops) and closes it with a short report. Signed like every person's Update.
 */
import { Command } from 'commander';
import { actingAs, output } from './context.js';

export function cancelCommand(): Command {
  return new Command('cancel')
    .description('cancel a running campaign: nothing more is published, no budget is moved, and it closes with a short report')
    .argument('<id>', 'campaign id')
    .requiredOption('--reason <text>', 'why: the team is told, and the audit trail keeps it')
    .option('--as <person>', 'who cancels (the owner, their delegate, or ops); through the API, the token says')
    .action(async (id: string, opts: { reason: string; as?: string }, cmd: Command) => {
      const { by, result } = await actingAs(cmd, opts.as, (ops, person) => ops.cancel(id, { by: person, reason: opts.reason }));
      output(cmd, result, () => `Campaign ${id}: cancelled by ${by}. It closes with a short report; \`campaign status ${id}\` shows when it has.`);
    });
}
