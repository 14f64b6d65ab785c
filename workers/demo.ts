/**
 * `npm run demo`: rehearses the spring-tea campaign end to end on embedded defaults, in about two
 * minutes. Approvers are played through the same `decide` Update a person uses, as the right
 * people — including one refusal and one send-back, because that is what real gates look like.
 */
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { campaignResult, campaignStatus, closeClient, connectClient, decide, CampaignError, startCampaign } from '../client/campaigns.js';
import { loadPlanFile, renderPlanIssues } from '../client/plan-file.js';
import { renderKpis } from '../client/cli/render-status.js';
import { count, money } from '../client/cli/format.js';
import { renderTable } from '../client/cli/text-table.js';
import type { ClosingSummary } from '../domain/closing.js';
import { DAY_MS, wholeDays } from '../domain/duration.js';
import type { Plan } from '../domain/plan/schema.js';
import type { CampaignStatus } from '../workflows/contract.js';
import { loadConfig } from './config.js';
import { startDevStack } from './dev-stack.js';
import { playBudgetApprover, playPreparation } from './rehearsal-team.js';
import { createLogger } from './logger.js';
import { DATA_DIR, REPO_ROOT } from './paths.js';

const PLAN_FILE = path.join(REPO_ROOT, 'examples', 'spring-tea.zh.yaml');
/** The rollout's wall-clock length in the rehearsal. */
const ROLLOUT_SECONDS = 75;
const say = (line = '') => process.stdout.write(`${line}\n`);

const config = loadConfig();
// The demo's own narration is the output; logs only speak up for problems.
const log = createLogger({ ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });

const loaded = await loadPlanFile(PLAN_FILE, 'en');
if (!loaded.ok) {
  say(renderPlanIssues(loaded.issues, 'en', loaded.fileName));
  process.exit(2);
}
const plan = loaded.plan;
const timeScale = Math.round((wholeDays(plan.rollout.duration) * DAY_MS) / (ROLLOUT_SECONDS * 1000));
const campaignId = `${plan.id}-demo-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;

say(`Campaign rehearsal: ${plan.name} (${plan.id}), ${plan.channels.length} channels, budget ${money(plan.budget.total, plan.currency)}`);
say(`Time scale ${timeScale}: one campaign day lasts ${((DAY_MS / timeScale) / 1000).toFixed(1)} s.`);
say('Starting Temporal, PostgreSQL, the sandbox channel platform and a worker…');
const stack = await startDevStack({ config, log, dataDir: DATA_DIR, temporalPort: 7233, ui: true }).catch((err: unknown) => {
  say(`The rehearsal could not start: ${(err as Error).message}`);
  process.exit(1);
});
const client = await connectClient({ address: stack.temporalAddress, namespace: config.namespace });
let exitCode = 0;
try {
  await startCampaign(client, { plan, campaignId, timeScale, taskQueue: config.taskQueue });
  say(`Started ${campaignId}.`);
  const watcher = watch(client, campaignId, plan);
  await playTeam(client, campaignId, plan);
  await playBudgetApprover(client, campaignId, {
    pauseMs: 300,
    onAction: (text) => say(`  ✓ ${text}`),
    // One rejection, so the rehearsal shows that a large move can be refused.
    reject: (day) => day === 3,
  });
  const summary = (await campaignResult(client, campaignId)) as ClosingSummary;
  await watcher.stop();
  printClosing(summary);
  say('');
  say('Where to look next:');
  say(`  npm run dev                      then the Temporal UI at ${stack.uiUrl ?? 'http://127.0.0.1:8233'} shows this campaign's history`);
  say(`  npx campaign status ${campaignId}   (while \`npm run dev\` runs)`);
  say(`  temporal workflow query --workflow-id campaign:${campaignId} --type status`);
} catch (err) {
  say(`The rehearsal failed: ${(err as Error).message}`);
  exitCode = 1;
} finally {
  await closeClient(client);
  await stack.stop();
}
process.exit(exitCode);

/** One refusal first (nobody may decide for someone else), then the team does its part. */
async function playTeam(client: Client, id: string, plan: Plan): Promise<void> {
  const first = plan.gates[0];
  const outsider = plan.team.find((m) => first && m.id !== first.accountable && !plan.team.some((o) => o.delegate?.to === m.id));
  if (first && outsider) {
    try {
      await decide(client, id, { gate: first.id, decision: 'approve', by: outsider.id });
    } catch (err) {
      if (!(err instanceof CampaignError)) throw err;
      say(`  ✗ ${outsider.id} tried to approve "${first.title}" and was refused: ${err.message}`);
    }
  }
  const sendBackGate = plan.gates.find((g) => g.responsible.length > 0);
  await playPreparation(client, id, {
    pauseMs: 400,
    onAction: (text) => say(`  ✓ ${text}`),
    ...(sendBackGate ? { sendBack: { gate: sendBackGate.id, comment: '海报尺寸不符合小红书规范, 请重做后再提交' } } : {}),
  });
}

/** Prints what changes, as it changes: phases and each day's review. */
function watch(client: Client, id: string, plan: Plan) {
  let phase = '';
  const shown = new Set<string>();
  let running = true;
  const names = new Map(plan.channels.map((c) => [c.id, c.name ?? c.id]));
  const poll = async (): Promise<void> => {
    const status: CampaignStatus | undefined = await campaignStatus(client, id).catch(() => undefined);
    if (!status) return;
    // Reviews first: the last day's review lands in the same poll as the closing phase.
    for (const review of [...status.reviews].reverse().filter((r) => !shown.has(r.key))) {
      shown.add(review.key);
      const perChannel = review.lines
        .map((l) => `${names.get(l.channelId)} ${money(l.period.spend, plan.currency)}/${count(l.period.orders)}单`)
        .join(' · ');
      const label = review.period === 'daily'
        ? `day ${String(review.day).padStart(2)} review`
        : `${review.period} review ${review.key.split(':')[1]} (days ${review.fromDay}–${review.day})`;
      say(`  ${label}: ${perChannel} · total ${money(review.totals.spend, plan.currency)}, ${count(review.totals.orders)} orders`);
    }
    if (status.phase !== phase) {
      phase = status.phase;
      say(`── phase: ${phase}${phase === 'preparation' ? ` · waiting on ${status.waitingOn.join(', ')}` : ''}`);
    }
  };
  const loop = (async () => {
    while (running) {
      await poll();
      await new Promise((r) => setTimeout(r, 300));
    }
  })();
  return {
    /** Stops watching after one last look, so the final review is shown too. */
    async stop() {
      running = false;
      await loop;
      await poll();
    },
  };
}

function printClosing(summary: ClosingSummary): void {
  say('');
  say('Closing summary');
  say(renderKpis(summary.kpis));
  say('');
  say(renderTable(
    [{ header: 'channel' }, { header: 'spend', align: 'right' }, { header: 'orders', align: 'right' }, { header: 'revenue', align: 'right' }, { header: 'ROI', align: 'right' }],
    summary.channels.map((c) => [c.channelId, money(c.spend, summary.currency), count(c.orders), money(c.revenue, summary.currency), c.roi === null ? '—' : c.roi.toFixed(2)]),
  ));
  say(`  total spend ${money(summary.totals.spend, summary.currency)} of ${money(summary.totals.budget, summary.currency)} · revenue ${money(summary.totals.revenue, summary.currency)} · ROI ${summary.totals.roi ?? '—'}`);
}
