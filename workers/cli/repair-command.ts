/**
 * `campaign repair <id> [--dry-run]`: checks that a campaign's history replays on the workflow code
 * this checkout holds, and resets it past a workflow task replay rejects (workers/repair.ts).
 * An operator's tool: it bundles the workflow code and runs the replayer, so it talks to Temporal
 * directly, never through the API.
 */
import { Command } from 'commander';
import { config, output } from '../../client/cli/context.js';
import { asCampaignError, CampaignError, closeClient, connectClient } from '../../client/campaigns.js';
import { campaignWorkflowId } from '../../workflows/contract.js';
import { bundleWorkflows } from '../bundle.js';
import { createLogger, installTemporalRuntime } from '../../platform/logger.js';
import { NotRepairableError, repairCampaign, type RepairResult } from '../repair.js';
import { WORKFLOWS_PATH } from '../worker.js';

export function repairCommand(): Command {
  return new Command('repair')
    .description('check that a campaign\'s history still replays; if it does not, reset it past the task replay rejects')
    .argument('<id>', 'campaign id')
    .option('--dry-run', 'only check and say where the reset would go')
    .action(async (id: string, opts: { dryRun?: boolean }, cmd: Command) => {
      const cfg = config();
      const log = createLogger({ ...cfg, logLevel: 'warn' });
      const client = await connectClient({ address: cfg.temporalAddress, namespace: cfg.namespace });
      const result = await (async () => {
        // An unknown campaign is said before the workflow code is bundled.
        await client.workflow.getHandle(campaignWorkflowId(id)).describe();
        const code = await bundleWorkflows(WORKFLOWS_PATH, log);
        // The replay runs a worker on Temporal's native runtime, which shuts itself down after it.
        installTemporalRuntime(log);
        return repairCampaign(client, id, { workflowBundle: { code }, dryRun: Boolean(opts.dryRun) });
      })().catch((err: unknown) => {
        if (err instanceof NotRepairableError) throw new CampaignError(`${id}: ${err.message}`, 1);
        throw asCampaignError(err, id);
      }).finally(() => closeClient(client));
      output(cmd, result, () => describe(result));
    });
}

function describe(result: RepairResult): string {
  if (result.replays) return `${result.campaignId}: its history replays on this workflow code; nothing to repair.`;
  const { defect } = result;
  const where = `replay rejects event ${defect.event}; the task that recorded it completed at event ${defect.resetTo}`;
  const redo = result.redo.length
    ? [`Decisions made after that point (${result.redo.length}), to be made again:`, ...result.redo.map((d) => `  ${d.update} ${JSON.stringify(d.input)}`)]
    : ['No decision was made after that point.'];
  const head = result.reset === 'dry-run'
    ? `${result.campaignId}: ${where}. \`campaign repair ${result.campaignId}\` resets it there.`
    : `${result.campaignId}: ${where}. Reset there as run ${result.reset.runId}: the campaign runs on from that task and waits for the decisions below again (\`campaign inbox\` shows who).`;
  return [head, ...redo].join('\n');
}
