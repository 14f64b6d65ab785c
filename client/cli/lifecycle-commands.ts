/**
 * Commands that change a running campaign's course as a whole: `cancel` stops it (the owner, their
 * delegate or ops) and closes it with a short report. Signed like every person's Update.
 */
import { Command, Option } from 'commander';
import { CampaignError } from '../campaigns.js';
import { ErrorType } from '../../domain/errors.js';
import { actingAs, output } from './context.js';
import { say } from './language.js';

export function cancelCommand(): Command {
  return new Command('cancel')
    .description('cancel a running campaign: nothing more is published, no budget is moved, and it closes with a short report')
    .argument('<id>', 'campaign id')
    .option('--comment <text>', 'why (required): the team is told, and the audit trail keeps it')
    // `--comment` is the one "why" flag of the CLI; --reason is read too, as `crisis` reads it.
    .addOption(new Option('--reason <text>').hideHelp())
    .option('--as <person>', 'who cancels (the owner, their delegate, or ops); through the API, the token says')
    .action(async (id: string, opts: { comment?: string; reason?: string; as?: string }, cmd: Command) => {
      const reason = opts.comment ?? opts.reason;
      if (!reason?.trim()) throw new CampaignError(say().cancel.reasonRequired, 2, ErrorType.InvalidInput);
      const { by, result } = await actingAs(cmd, opts.as, (ops, person) => ops.cancel(id, { by: person, reason }));
      output(cmd, result, () => say().cancel.done(id, by));
    });
}
