/** The status read model as a person at a terminal wants to see it (the CLI, the demo), in their language. */
import type { GateState } from '../../domain/gates.js';
import type { CrisisState, PilotState } from '../../domain/execution/state.js';
import type { Lang } from '../../domain/plan/validate.js';
import { messagesFor, type Messages } from '../i18n/messages.js';
import type { KpiProgress } from '../../domain/closing.js';
import { rehearsalLine, type Rehearsal } from '../../domain/rehearsal.js';
import type { SigningSummary } from '../../domain/signing/keys.js';
import type { CampaignStatus } from '../../workflows/contract.js';
import type { StatusReading } from '../read-model.js';
import { wallClock } from '../../domain/publishing/zoned-time.js';
import { count, money, numberOrDash, percent } from './format.js';
import { renderTable } from './table.js';

export function renderStatus(s: CampaignStatus & { reading?: StatusReading; rehearsal?: Rehearsal | null }, lang: Lang = 'en'): string {
  const m = messagesFor(lang);
  const t = m.status;
  const day = s.phase === 'rollout' || s.phase === 'closing' || s.phase === 'closed' ? t.day(s.day, s.rolloutDays) : '';
  const ch = t.channelHeaders;
  const parts = [
    `${t.head(s.name, s.id, s.owner, s.phase)}${day}`,
    ...(s.reading ? readingLines(s.reading, m) : []),
    ...(s.rehearsal ? [rehearsalLine(s.rehearsal)[lang]] : []),
    t.waitingOn(s.waitingOn.length ? m.join(s.waitingOn) : m.nobody),
    ...(s.signing ? [signingLine(s.signing, m)] : []),
    ...launchLines(s, m),
    ...(s.execution?.pilot ? ['', ...pilotLines(s.execution.pilot, s, m)] : []),
    ...(s.execution?.crisis ? ['', ...crisisLines(s.execution.crisis, s, m)] : []),
    '',
    t.gates,
    renderTable(
      [{ header: t.gateHeaders.gate }, { header: t.gateHeaders.title }, { header: t.gateHeaders.accountable }, { header: t.gateHeaders.status }],
      s.gates.map((g) => [g.id, g.title, g.accountable, gateState(g, m)]),
    ),
    ...(s.tasks.length
      ? ['', t.tasks, renderTable(
          [{ header: t.taskHeaders.task }, { header: t.taskHeaders.name }, { header: t.taskHeaders.owner }, { header: t.taskHeaders.phase }, { header: t.taskHeaders.status }],
          s.tasks.map((task) => [task.id, task.name, task.owner, t.term(task.phase), task.status === 'done' ? t.taskDoneBy(task.doneBy ?? '') : t.term(task.status)]),
        )]
      : []),
    '',
    t.channels,
    renderTable(
      [{ header: ch.channel }, { header: ch.allocation, align: 'right' }, { header: ch.spend, align: 'right' },
        { header: ch.orders, align: 'right' }, { header: ch.revenue, align: 'right' }, { header: ch.status }],
      s.channels.map((c) => [
        c.name === c.id ? c.id : `${c.id} ${c.name}`, money(c.allocation, s.currency), money(c.spend, s.currency),
        count(c.orders), money(c.revenue, s.currency), t.term(c.status),
      ]),
    ),
    '',
    t.kpis,
    renderKpis(s.kpis, lang),
  ];
  const review = s.reviews[0];
  if (review) {
    parts.push('', t.lastReview(review.day, money(review.totals.spend, s.currency), count(review.totals.orders)));
    for (const note of review.notes) parts.push(`  ${note}`);
    for (const change of review.changes) parts.push(`  ${change.channelId}: ${money(change.from, s.currency)} → ${money(change.to, s.currency)} — ${change.reason}`);
  }
  // Statuses published before failed steps were kept have no `steps`.
  const waiting = (s.steps ?? []).filter((step) => step.status === 'waiting');
  if (waiting.length) {
    const sh = t.stepHeaders;
    parts.push('', t.failedSteps, renderTable(
      [{ header: sh.step }, { header: sh.what }, { header: sh.error }, { header: sh.since }, { header: sh.failures, align: 'right' }, { header: sh.options }],
      waiting.map((step) => [step.id, step.summary, step.error, step.failedAt, count(step.failures), t.stepOptions(step.skippable)]),
    ));
    parts.push(t.stepHelp(s.id, s.owner));
  }
  parts.push('', t.alerts(s.alerts.length === 0));
  for (const alert of s.alerts) parts.push(`  [${alert.severity}] ${alert.message}`);
  return parts.join('\n');
}

/** Whether decisions must be signed: an unsigned campaign takes anyone with Temporal access at their word. */
function signingLine(signing: SigningSummary, m: Messages): string {
  if (!signing.required) return m.status.unsigned;
  return m.status.signed(m.join(signing.keys.map((k) => `${k.keyId} (${k.persons === '*' ? m.status.anyPerson : m.join(k.persons)})`)));
}

/** When a campaign with a launch date launches, in the plan's timezone, while it has not yet. */
function launchLines(s: CampaignStatus, m: Messages): string[] {
  const launchAt = s.execution?.launchAt;
  if (!launchAt || s.phase !== 'preparation') return [];
  const zone = s.timezone ?? 'UTC';
  const local = wallClock(Date.parse(launchAt), zone);
  const at = `${local.date} ${String(Math.floor(local.minute / 60)).padStart(2, '0')}:${String(local.minute % 60).padStart(2, '0')}`;
  const late = s.execution?.launchLate;
  return [m.status.launches(at, zone), ...(late ? [m.status.launchLate(late.slice(0, 16).replace('T', ' '))] : [])];
}

/** How fresh the status is, and what is wrong with the workflow when something is. */
function readingLines(r: StatusReading, m: Messages): string[] {
  const lines = [m.status.asOf(r.asOf.slice(0, 19).replace('T', ' '), ago(r.ageMs, m), r.workflow.status.toLowerCase())];
  if (r.workflow.problem) lines.push(m.status.problem(r.workflow.problem));
  return lines;
}

function instant(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

function ago(ms: number, m: Messages): string {
  if (ms < 60_000) return m.status.ago(Math.round(ms / 1000), 's');
  if (ms < 3_600_000) return m.status.ago(Math.round(ms / 60_000), 'min');
  if (ms < 172_800_000) return m.status.ago(Math.round(ms / 3_600_000), 'h');
  return m.status.ago(Math.round(ms / 86_400_000), 'days');
}

/** Who the campaign waits on for a kind of decision (the pilot's go/no-go, a crisis statement). */
function waitingFor(s: CampaignStatus, kind: 'pilot' | 'crisis') {
  return s.waiting.find((w) => w.kind === kind);
}

/** The pilot: where it is, what its criteria say, and whose go/no-go it waits for. */
function pilotLines(pilot: PilotState, s: CampaignStatus, m: Messages): string[] {
  const p = m.status.pilot;
  const lines = [p.line(p.status[pilot.status], pilot.days, pilot.plannedDays)];
  const evaluation = pilot.evaluation;
  if (evaluation) {
    lines.push(p.criteria(evaluation.recommendation, evaluation.criteria.filter((c) => c.pass).length, evaluation.criteria.length));
    for (const c of evaluation.criteria) lines.push(p.criterion(c.name, c.actual === 'unknown' ? p.unknown : numberOrDash(c.actual, 4), c.pass));
  }
  const waiting = waitingFor(s, 'pilot');
  if (waiting) lines.push(p.waiting(waiting.person, instant(waiting.since)));
  const last = pilot.decisions[pilot.decisions.length - 1];
  if (last) lines.push(p.decided(last.decision, last.by, instant(last.at)));
  return lines;
}

/** A crisis: active (since when, why, the statement and who approves it) or resolved. */
function crisisLines(crisis: CrisisState, s: CampaignStatus, m: Messages): string[] {
  const c = m.status.crisis;
  const by = crisis.startedBy === 'auto' ? c.auto : crisis.startedBy;
  if (crisis.status === 'resolved') {
    return [c.resolved(instant(crisis.resolvedAt ?? crisis.startedAt), crisis.resolvedBy ?? '', instant(crisis.startedAt)), ...(crisis.held ? [c.held(crisis.held)] : [])];
  }
  const lines = [c.active(instant(crisis.startedAt), by, crisis.reason)];
  lines.push(crisis.statement ? c.statement(crisis.statement.by, crisis.statement.text) : c.noStatement);
  const approver = waitingFor(s, 'crisis');
  if (approver) lines.push(c.approver(approver.person));
  if (crisis.held) lines.push(c.held(crisis.held));
  return lines;
}

export function renderKpis(kpis: readonly KpiProgress[], lang: Lang = 'en'): string {
  const h = messagesFor(lang).status.kpiHeaders;
  return renderTable(
    [{ header: h.kpi }, { header: h.name }, { header: h.target, align: 'right' }, { header: h.actual, align: 'right' }, { header: h.attainment, align: 'right' }],
    kpis.map((k) => [k.id, k.name, numberOrDash(k.target, 4), numberOrDash(k.actual, 4), percent(k.attainment)]),
  );
}

function gateState(g: GateState, m: Messages): string {
  const t = m.status.gate;
  const last = g.rounds[g.rounds.length - 1];
  const ticks = g.checklist.length ? t.checklist(g.checklist.filter((c) => c.ticked).length, g.checklist.length) : '';
  const round = g.round > 1 ? t.round(g.round) : '';
  switch (g.stage) {
    case 'approved':
      return `${t.approved(last?.by ?? '', last?.onBehalfOf)}${round}`;
    case 'blocked':
      return t.blocked(m.join(g.dependsOn));
    case 'preparing': {
      const unready = g.readiness.filter((r) => !r.ready).map((r) => r.person);
      return `${t.preparing(unready.length ? m.join(unready) : undefined)}${ticks}${round}`;
    }
    case 'consulting':
      return `${t.consulting(m.join(g.consultations.filter((c) => c.comment === undefined).map((c) => c.person)))}${ticks}${round}`;
    case 'deciding':
      return `${t.deciding(g.accountable)}${ticks}${round}${last?.decision === 'send-back' ? t.sentBack(last.comment ?? '') : ''}`;
  }
}
