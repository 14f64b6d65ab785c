/**
 * `npm run demo`: rehearses the spring-tea campaign end to end on embedded defaults, in about two
 * minutes: preparation, the pilot and its go/no-go, the warm-up, the paced rollout with its posts and
 * reviews, the retrospective and sign-off, and the stored closing report written to files. People
 * are played through the same Updates a person uses, as the right people — including one refusal
 * and one send-back, because that is what real gates look like.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { campaignResult, closeClient, connectClient, CampaignError, scheduleAt } from '../client/campaigns.js';
import { directOperations } from '../client/operations/direct.js';
import type { CampaignOperations } from '../client/operations/operations.js';
import { loadPlanFile, renderPlanIssues } from '../client/plan-file.js';
import { renderKpis } from '../client/render/status.js';
import { count, money } from '../client/render/format.js';
import { renderSchedule } from '../client/render/schedule.js';
import { renderTable } from '../client/render/table.js';
import type { ClosingSummary } from '../domain/closing.js';
import { DAY_MS, wholeDays } from '../domain/duration.js';
import type { PostState } from '../domain/execution/state.js';
import type { Plan } from '../domain/plan/schema.js';
import { padEnd } from '../domain/plan/text-width.js';
import { wallClock } from '../domain/publishing/zoned-time.js';
import type { ReportLanguage } from '../domain/report/format.js';
import type { CampaignStatus } from '../workflows/contract.js';
import { loadConfig } from '../platform/config.js';
import { localTemporalTarget } from '../platform/temporal-profile.js';
import { startDevStack } from './dev-stack.js';
import { playBudgetApprover, playExecution, playPreparation } from './rehearsal-team.js';
import { createLogger } from '../platform/logger.js';
import { DATA_DIR, DEV_KEYS_DIR, REPO_ROOT } from '../platform/paths.js';
import { signingSetup } from '../client/signing.js';

const PLAN_FILE = path.join(REPO_ROOT, 'examples', 'spring-tea.zh.yaml');
/** The wall-clock length of the pilot, warm-up and rollout together in the rehearsal. */
const EXECUTION_SECONDS = 90;
/** The stored report written to files at the end. */
const REPORT_LANGUAGE: ReportLanguage = 'zh-CN';
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
const executionDays = wholeDays(plan.rollout.duration)
  + (plan.pilot ? wholeDays(plan.pilot.duration) : 0) + (plan.warmup ? wholeDays(plan.warmup.duration) : 0);
const timeScale = Math.round((executionDays * DAY_MS) / (EXECUTION_SECONDS * 1000));
const campaignId = `${plan.id}-demo-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;

say(`Campaign rehearsal: ${plan.name} (${plan.id}), ${plan.channels.length} channels, budget ${money(plan.budget.total, plan.currency)}`);
say(`Time scale ${timeScale}: one campaign day lasts ${((DAY_MS / timeScale) / 1000).toFixed(1)} s.`);
say('Starting Temporal, PostgreSQL, the sandbox channel platform and a worker…');
const stack = await startDevStack({ config, log, dataDir: DATA_DIR, temporalPort: 7233, ui: true }).catch((err: unknown) => {
  say(`The rehearsal could not start: ${(err as Error).message}`);
  process.exit(1);
});
const client = await connectClient(localTemporalTarget(stack.temporalAddress, config.temporal.namespace));
// The demo operates the campaign as the CLI does without --api: the direct transport.
// Its campaign requires signed decisions; the simulated team signs with the stack's operator key.
const signing = await signingSetup({ signingKeyFile: stack.keys.operator, trustedKeysFile: stack.keys.keyring }, 'operator', DEV_KEYS_DIR);
const ops = directOperations({ client, pool: stack.pool, taskQueue: config.taskQueue, ...signing, origin: { path: 'rehearsal' } });
let exitCode = 0;
try {
  await ops.start({ plan, campaignId, timeScale });
  say(`Started ${campaignId}.`);
  // The watcher and the players stop when the campaign ends (or fails): their calls in flight are
  // cancelled then.
  const players = new AbortController();
  const watcher = watch(client, ops, campaignId, plan, players.signal);
  let rejectedOnce = false;
  const team = client.withAbortSignal(players.signal, async () => {
    await playTeam(client, ops, campaignId, plan);
    await Promise.all([
      playExecution({ client, pool: stack.pool, signer: signing.signer }, campaignId, plan, { pauseMs: 200, onAction: (text) => say(`  ✓ ${text}`), signal: players.signal }),
      playBudgetApprover({ client, pool: stack.pool, signer: signing.signer }, campaignId, {
        pauseMs: 300,
        onAction: (text) => say(`  ✓ ${text}`),
        // One rejection (the first proposal), so the rehearsal shows that a large move can be refused.
        reject: () => !rejectedOnce && (rejectedOnce = true),
        signal: players.signal,
      }),
    ]);
  });
  const outcome = campaignResult(client, campaignId);
  // A player that fails ends the rehearsal; one still looking when the campaign ends is let go.
  const summary = (await Promise.race([outcome, team.then(() => outcome)])) as ClosingSummary;
  players.abort();
  await team.catch(() => {});
  const last = await watcher.stop();
  printClosing(summary);
  printSchedule(last);
  await writeReports(ops, campaignId);
  say('');
  say('Where to look next:');
  say(`  npm run dev                      then the Temporal UI at ${stack.uiUrl ?? 'http://127.0.0.1:8233'} shows this campaign's history`);
  say(`  npx campaign status ${campaignId}   (while \`npm run dev\` runs)`);
  say(`  temporal workflow show --workflow-id campaign:${campaignId}   (its history, event by event)`);
} catch (err) {
  say(`The rehearsal failed: ${(err as Error).message}`);
  exitCode = 1;
} finally {
  await closeClient(client);
  await stack.stop();
}
process.exit(exitCode);

/** One refusal first (nobody may decide for someone else), then the team does its part. */
async function playTeam(client: Client, ops: CampaignOperations, id: string, plan: Plan): Promise<void> {
  const first = plan.gates[0];
  const outsider = plan.team.find((m) => first && m.id !== first.accountable && !plan.team.some((o) => o.delegate?.to === m.id));
  if (first && outsider) {
    try {
      await ops.decide(id, { gate: first.id, decision: 'approve', by: outsider.id });
    } catch (err) {
      if (!(err instanceof CampaignError)) throw err;
      say(`  ✗ ${outsider.id} tried to approve "${first.title}" and was refused: ${err.message}`);
    }
  }
  const sendBackGate = plan.gates.find((g) => g.responsible.length > 0);
  await playPreparation({ client, pool: stack.pool, signer: signing.signer }, id, {
    pauseMs: 400,
    onAction: (text) => say(`  ✓ ${text}`),
    ...(sendBackGate ? { sendBack: { gate: sendBackGate.id, comment: '海报尺寸不符合小红书规范, 请重做后再提交' } } : {}),
  });
}

/**
 * Prints what changes, as it changes: phases (with what each begins with), each post as it goes out
 * (or fails, or is held by a crisis), each review, and critical alerts.
 */
function watch(client: Client, ops: CampaignOperations, id: string, plan: Plan, signal: AbortSignal) {
  let phase = '';
  const shown = new Set<string>();
  const postsShown = new Map<string, PostState['status']>();
  const alertsShown = new Set<string>();
  let running = true;
  let latest: { status: CampaignStatus; at: Date } | undefined;
  const names = new Map(plan.channels.map((c) => [c.id, c.name ?? c.id]));
  const poll = async (): Promise<void> => {
    const at = new Date();
    const status: CampaignStatus | undefined = await ops.status(id).catch(() => undefined);
    if (!status) return;
    latest = { status, at };
    // Posts and reviews first: the last day's review lands in the same poll as the closing phase.
    const posts = [...(status.execution?.posts ?? [])].sort((a, b) => a.at.localeCompare(b.at));
    for (const post of posts) {
      if (post.status === 'scheduled' || postsShown.get(post.key) === post.status) continue;
      postsShown.set(post.key, post.status);
      const mark = post.status === 'published' ? '▸' : '✗';
      const why = post.status === 'failed' ? ` — failed: ${post.error ?? 'refused'}` : post.status === 'held' ? ' — held back by the crisis' : '';
      say(`  ${mark} ${localTime(post.at, plan.timezone)} ${padName(names.get(post.channelId) ?? post.channelId)} ${post.contentId}${why}`);
    }
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
    for (const alert of status.alerts.filter((a) => a.severity === 'critical')) {
      const key = `${alert.at}|${alert.message}`;
      if (alertsShown.has(key)) continue;
      alertsShown.add(key);
      say(`  ! ${alert.message}`);
    }
    if (status.phase !== phase) {
      phase = status.phase;
      say(`── phase: ${phase}${phaseDetail(status, plan)}`);
    }
  };
  const loop = client.withAbortSignal(signal, async () => {
    while (running && !signal.aborted) {
      await poll();
      await new Promise((r) => setTimeout(r, 300));
    }
  });
  return {
    /**
     * Stops watching once the campaign has ended and returns the last status seen (the closing's
     * status was seen while the team answered the retrospective).
     */
    async stop(): Promise<{ status: CampaignStatus; at: Date } | undefined> {
      running = false;
      await loop;
      if (phase !== 'closed') say('── phase: closed');
      return latest;
    },
  };
}

/** What a phase begins with, in a few words. */
function phaseDetail(status: CampaignStatus, plan: Plan): string {
  const names = (ids: readonly string[]) => ids.map((c) => plan.channels.find((x) => x.id === c)?.name ?? c).join(', ');
  const scheduled = (phase: PostState['phase']) => status.execution?.posts.filter((p) => p.phase === phase).length ?? 0;
  switch (status.phase) {
    case 'preparation':
      return ` · waiting on ${status.waitingOn.join(', ')}`;
    case 'pilot': {
      const pilot = status.execution?.pilot;
      return pilot
        ? ` · ${pilot.plannedDays} days on ${names(pilot.channels)} with ${money(pilot.budget, plan.currency)}, decided by ${plan.pilot?.decidedBy ?? '?'}`
        : '';
    }
    case 'warmup':
      return ` · ${plan.warmup?.duration ?? ''} warm-up starts: ${scheduled('warmup')} teaser post(s) scheduled`
        + `, tasks started: ${status.tasks.filter((t) => t.phase === 'warmup' && t.startedAt).map((t) => t.name).join(', ') || 'none'}`;
    case 'rollout':
      return ` · ${status.rolloutDays} days, ${scheduled('rollout')} post(s) scheduled on ${plan.channels.length} channels`;
    case 'closing':
      return ' · KPI summary, then the team retrospective and the sign-off';
    default:
      return '';
  }
}

/** A plan-time instant as `MM-DD HH:MM` on the plan's clock. */
function localTime(at: string, timeZone: string): string {
  const clock = wallClock(Date.parse(at), timeZone);
  const hh = String(Math.floor(clock.minute / 60)).padStart(2, '0');
  const mm = String(clock.minute % 60).padStart(2, '0');
  return `${clock.date.slice(5)} ${hh}:${mm}`;
}

/** Channel names padded to one width (CJK characters take two columns). */
function padName(name: string): string {
  return padEnd(name, 8);
}

/** `campaign schedule` as it stood when the status was last read. */
function printSchedule(last: { status: CampaignStatus; at: Date } | undefined): void {
  if (!last) return;
  const { schedule, now } = scheduleAt(last.status, last.at);
  if (!schedule || schedule.tasks.length === 0) return;
  say('');
  say('Task schedule (campaign schedule)');
  say(renderSchedule(schedule, { width: 100, lang: 'zh-CN', now }));
}

/** The stored closing report (what `campaign report` serves) written to files, their paths printed. */
async function writeReports(ops: CampaignOperations, id: string): Promise<void> {
  const dir = path.join(DATA_DIR, 'reports');
  await mkdir(dir, { recursive: true });
  say('');
  for (const format of ['html', 'md'] as const) {
    const stored = await ops.report(id, { lang: REPORT_LANGUAGE, format });
    if (!stored.stored) throw new Error(`the closing report of ${id} (${REPORT_LANGUAGE}, ${format}) was not stored`);
    const file = path.resolve(dir, `${id}.${REPORT_LANGUAGE}.${format}`);
    await writeFile(file, stored.body);
    say(`Closing report (${format}, stored ${stored.storedAt}): ${file}`);
  }
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
