/** start, status, list, approve, send-back: what ops, approvers and managers type. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { CAMPAIGN_PHASES } from '../../domain/campaign-snapshot.js';
import { loadPlanFile, renderPlanIssues, languageFrom } from '../plan-file.js';
import { rehearsalLine } from '../../domain/rehearsal.js';
import { CampaignError } from '../campaigns.js';
import { renderTable } from '../render/table.js';
import { renderStatus } from '../render/status.js';
import { actingAs, config, globals, output, withOperations } from './context.js';
import { cliLanguage, say } from './language.js';

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(say().values.positiveNumber);
  return n;
}

export function startCommand(): Command {
  return new Command('start')
    .description('validate a plan and start its campaign')
    .argument('<plan>', 'plan file (YAML or JSON)')
    .option('--id <id>', 'campaign id (default: the plan id); one id names one campaign for good')
    .option('--time-scale <n>', 'divide every plan duration by n (rehearsals)', positiveNumber, 1)
    .option('--sandbox', 'a rehearsal at full length: allow time scale 1 with channels on the sandbox simulator')
    .action(async (file: string, opts: { id?: string; timeScale: number; sandbox?: boolean }, cmd: Command) => {
      const lang = languageFrom(globals(cmd).lang, config().lang);
      const loaded = await loadPlanFile(file, lang);
      if (!loaded.ok) {
        if (globals(cmd).json) output(cmd, { file, ok: false, issues: loaded.issues }, () => '');
        else process.stderr.write(`${renderPlanIssues(loaded.issues, lang, loaded.fileName)}\n`);
        process.exitCode = 2;
        return;
      }
      if (opts.id !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(opts.id)) {
        throw CampaignError.saying((m) => m.start.badId, 2);
      }
      // Validated here, with lines and columns; sent on as the plan itself, not as text to read again.
      const started = await withOperations(cmd, (ops) => ops.start({ plan: loaded.plan, campaignId: opts.id, timeScale: opts.timeScale, sandbox: opts.sandbox }));
      const m = say();
      const deciders = [...new Set(loaded.plan.gates.map((g) => g.accountable))];
      output(cmd, started, () =>
        [
          m.start.started(started.campaignId, started.workflowId),
          ...(started.rehearsal ? [`${rehearsalLine(started.rehearsal)[cliLanguage()]} ${m.start.rehearsalCases}`] : []),
          m.start.gatesWaitFor(deciders.length ? m.join(deciders) : m.nobody),
          started.trustedKeys?.length ? m.start.signed(m.join(started.trustedKeys)) : m.start.unsigned,
          m.start.follow(started.campaignId),
        ].join('\n'),
      );
    });
}

export function statusCommand(): Command {
  return new Command('status')
    .description('where a campaign stands: phase, gates, pilot, crisis, channels, KPIs, last review, alerts')
    .argument('<id>', 'campaign id')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const status = await withOperations(cmd, (ops) => ops.status(id));
      output(cmd, status, () => renderStatus(status, cliLanguage()));
    });
}

export function listCommand(): Command {
  return new Command('list')
    .description('campaigns, newest first')
    .addOption(new Option('--phase <phase>', 'only campaigns in this phase').choices(CAMPAIGN_PHASES))
    .option('--waiting-on <person>', 'only campaigns waiting for this person')
    .action(async (opts: { phase?: string; waitingOn?: string }, cmd: Command) => {
      const listings = await withOperations(cmd, (ops) => ops.list(opts));
      const { empty, headers: h } = say().campaigns;
      output(cmd, listings, () =>
        listings.length === 0
          ? empty
          : [
              renderTable(
                [{ header: h.campaign }, { header: h.phase }, { header: h.workflow }, { header: h.owner }, { header: h.waitingOn }, { header: h.started }],
                listings.map((l) => [
                  l.campaignId + (l.rehearsal ? ' (rehearsal)' : ''), l.phase ?? '', l.status.toLowerCase() + (l.problem ? ' (!)' : ''), l.owner ?? '', l.waitingOn.join(', '),
                  l.startTime.slice(0, 16).replace('T', ' '),
                ]),
                '',
              ),
              ...listings.filter((l) => l.problem).map((l) => `(!) ${l.campaignId}: ${l.problem}`),
            ].join('\n'),
      );
    });
}

function decisionCommand(name: 'approve' | 'send-back'): Command {
  const cmd = new Command(name)
    .argument('<id>', 'campaign id')
    .argument('<gate>', 'gate id')
    .option('--as <person>', 'who decides (your team id); through the API, the token says');
  if (name === 'send-back') {
    cmd.description('send a gate back for rework, saying what to change').requiredOption('--comment <text>', 'what to rework');
  } else {
    cmd.description('approve a gate you are accountable for').option('--comment <text>', 'a note kept with the decision');
  }
  return cmd.action(async (id: string, gate: string, opts: { as?: string; comment?: string }, self: Command) => {
    const comment = opts.comment !== undefined ? { comment: opts.comment } : {};
    const { by, result } = await actingAs(self, opts.as, (ops, person) => ops.decide(id, { gate, decision: name, by: person, ...comment }));
    const m = say();
    output(self, result, () =>
      result.status === 'approved' ? m.decisions.approved(gate, by) : m.decisions.sentBack(gate, by, result.round + 1),
    );
  });
}

export const approveCommand = () => decisionCommand('approve');
export const sendBackCommand = () => decisionCommand('send-back');
