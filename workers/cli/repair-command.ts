/**
 * `campaign repair <id> [--dry-run]`: checks that a campaign's history replays on the workflow code
 * this checkout holds, resets it past a workflow task replay rejects, and sends again the decisions
 * recorded after that point (workers/repair.ts). An operator's tool: it bundles the workflow code
 * and runs the replayer, so it talks to Temporal directly, never through the API. It takes the same
 * lock on the campaign as the workers' self-healing, so the two never repair one campaign at once.
 */
import { Command } from 'commander';
import { config, output } from '../../client/cli/context.js';
import { asCampaignError, CampaignError, closeClient, connectClient } from '../../client/campaigns.js';
import { createPool } from '../../platform/database.js';
import { DATA_DIR } from '../../platform/paths.js';
import { resolveRecordsDatabase } from '../../store/databases.js';
import { createStore } from '../../store/index.js';
import { campaignWorkflowId } from '../../workflows/contract.js';
import { bundleWorkflows } from '../bundle.js';
import { createLogger, installTemporalRuntime } from '../../platform/logger.js';
import { NotRepairableError, repairCampaign, type RepairResult } from '../repair.js';
import { loadWorkerSecrets } from '../secrets.js';
import { WORKFLOWS_PATH } from '../worker.js';

export function repairCommand(): Command {
  return new Command('repair')
    .description('check that a campaign\'s history still replays; if it does not, take it back to the last point that replays and send its later decisions again')
    .argument('<id>', 'campaign id')
    .option('--dry-run', 'only check and say where the reset would go and what would be sent again')
    .action(async (id: string, opts: { dryRun?: boolean }, cmd: Command) => {
      const cfg = config();
      const log = createLogger({ ...cfg, logLevel: 'warn' });
      const client = await connectClient(cfg.temporal);
      let pool: ReturnType<typeof createPool> | undefined;
      const result = await (async () => {
        // An unknown campaign is said before the workflow code is bundled.
        await client.workflow.getHandle(campaignWorkflowId(id)).describe();
        const code = await bundleWorkflows(WORKFLOWS_PATH, log);
        // The replay runs a worker on Temporal's native runtime, which shuts itself down after it.
        installTemporalRuntime(log);
        const workflowBundle = { code };
        if (opts.dryRun) return repairCampaign(client, id, { workflowBundle, dryRun: true });
        const database = await resolveRecordsDatabase({ dataDir: DATA_DIR, log, ...(cfg.databaseUrl ? { databaseUrl: cfg.databaseUrl } : {}) });
        // One connection holds the lock, the other writes the audit trail and the notice.
        pool = createPool(database.url, { log, max: 2 });
        const store = createStore(pool);
        const locked = await store.locks.withCampaignLock(id, 'repair', () => repairCampaign(client, id, {
          workflowBundle, reason: 'campaign repair', announce: { store, log, smtp: cfg.smtp, notifyTargets: loadWorkerSecrets(cfg, log).notify, by: 'campaign repair' },
        }));
        if (!locked.locked) throw new CampaignError(`${id}: a worker is repairing this campaign right now; look again in a minute (\`campaign audit ${id}\`).`, 3);
        return locked.value;
      })().catch((err: unknown) => {
        if (err instanceof NotRepairableError) throw new CampaignError(`${id}: ${err.message}`, 1);
        if (err instanceof CampaignError) throw err;
        throw asCampaignError(err, id);
      }).finally(async () => {
        await pool?.end();
        await closeClient(client);
      });
      output(cmd, result, () => describe(result));
    });
}

function describe(result: RepairResult): string {
  if (result.replays) return `${result.campaignId}: its history replays on this workflow code; nothing to repair.`;
  const { defect } = result;
  const where = `replay rejects event ${defect.event}; the task that recorded it completed at event ${defect.resetTo}`;
  const show = (d: { update: string; input: unknown }) => `  ${d.update} ${JSON.stringify(d.input)}`;
  if (result.reset === 'dry-run') {
    const redo = result.redo.length
      ? [`Decisions made after that point (${result.redo.length}), to be sent again after the reset:`, ...result.redo.map(show)]
      : ['No decision was made after that point.'];
    return [`${result.campaignId}: ${where}. \`campaign repair ${result.campaignId}\` resets it there.`, ...redo].join('\n');
  }
  const lines = [
    `${result.campaignId}: ${where}. Reset there as run ${result.reset.runId}; the campaign runs on from that task.`,
    result.reapplied.length ? `Decisions sent again (${result.reapplied.length}):` : 'No decision was made after that point.',
    ...result.reapplied.map((d) => `${show(d)}${d.outcome === 'already-done' ? '  (already done)' : ''}`),
  ];
  if (result.notReapplied.length) {
    lines.push(`Not re-applied (${result.notReapplied.length}); their people decide again (\`campaign inbox\`):`);
    lines.push(...result.notReapplied.map((d) => `${show(d)}  — ${d.reason}`));
  }
  return lines.join('\n');
}
