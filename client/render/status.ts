/** The status read model as a person at a terminal wants to see it (the CLI, the demo). */
import type { GateState } from '../../domain/gates.js';
import type { KpiProgress } from '../../domain/closing.js';
import { rehearsalLine, type Rehearsal } from '../../domain/rehearsal.js';
import type { SigningSummary } from '../../domain/signing/keys.js';
import type { CampaignStatus } from '../../workflows/contract.js';
import type { StatusReading } from '../read-model.js';
import { count, money, numberOrDash, percent } from './format.js';
import { renderTable } from './table.js';

export function renderStatus(s: CampaignStatus & { reading?: StatusReading; rehearsal?: Rehearsal | null }): string {
  const day = s.phase === 'rollout' || s.phase === 'closing' || s.phase === 'closed' ? ` · day ${s.day}/${s.rolloutDays}` : '';
  const parts = [
    `${s.name} (${s.id}) · owner ${s.owner} · phase ${s.phase}${day}`,
    ...(s.reading ? readingLines(s.reading) : []),
    ...(s.rehearsal ? [rehearsalLine(s.rehearsal).en] : []),
    `Waiting on: ${s.waitingOn.length ? s.waitingOn.join(', ') : 'nobody'}`,
    ...(s.signing ? [signingLine(s.signing)] : []),
    '',
    'Gates',
    renderTable(
      [{ header: 'gate' }, { header: 'title' }, { header: 'accountable' }, { header: 'status' }],
      s.gates.map((g) => [g.id, g.title, g.accountable, gateState(g)]),
    ),
    ...(s.tasks.length
      ? ['', 'Tasks', renderTable(
          [{ header: 'task' }, { header: 'name' }, { header: 'owner' }, { header: 'phase' }, { header: 'status' }],
          s.tasks.map((t) => [t.id, t.name, t.owner, t.phase, t.status === 'done' ? `done by ${t.doneBy}` : t.status]),
        )]
      : []),
    '',
    'Channels',
    renderTable(
      [{ header: 'channel' }, { header: 'allocation', align: 'right' }, { header: 'spend', align: 'right' },
        { header: 'orders', align: 'right' }, { header: 'revenue', align: 'right' }, { header: 'status' }],
      s.channels.map((c) => [
        c.name === c.id ? c.id : `${c.id} ${c.name}`, money(c.allocation, s.currency), money(c.spend, s.currency),
        count(c.orders), money(c.revenue, s.currency), c.status,
      ]),
    ),
    '',
    'KPIs',
    renderKpis(s.kpis),
  ];
  const review = s.reviews[0];
  if (review) {
    parts.push('', `Last review: day ${review.day} · spend ${money(review.totals.spend, s.currency)} · orders ${count(review.totals.orders)}`);
    for (const note of review.notes) parts.push(`  ${note}`);
    for (const change of review.changes) parts.push(`  ${change.channelId}: ${money(change.from, s.currency)} → ${money(change.to, s.currency)} — ${change.reason}`);
  }
  // Statuses published before failed steps were kept have no `steps`.
  const waiting = (s.steps ?? []).filter((step) => step.status === 'waiting');
  if (waiting.length) {
    parts.push('', 'Failed steps waiting', renderTable(
      [{ header: 'step' }, { header: 'what' }, { header: 'error' }, { header: 'since' }, { header: 'failures', align: 'right' }, { header: 'options' }],
      waiting.map((step) => [step.id, step.summary, step.error, step.failedAt, count(step.failures), step.skippable ? 'retry, skip' : 'retry']),
    ));
    parts.push(`  campaign step ${s.id} <step> retry|skip --as ${s.owner}`);
  }
  parts.push('', `Alerts: ${s.alerts.length ? '' : 'none'}`);
  for (const alert of s.alerts) parts.push(`  [${alert.severity}] ${alert.message}`);
  return parts.join('\n');
}

/** Whether decisions must be signed: an unsigned campaign takes anyone with Temporal access at their word. */
function signingLine(signing: SigningSummary): string {
  if (!signing.required) return 'Decisions: NOT signed — anyone who can reach Temporal can decide as anyone (start with CAMPAIGN_TRUSTED_KEYS; docs/security.md)';
  return `Decisions: signed, by keys ${signing.keys.map((k) => `${k.keyId} (${k.persons === '*' ? 'any person' : k.persons.join(', ')})`).join(', ')}`;
}

/** How fresh the status is, and what is wrong with the workflow when something is. */
function readingLines(r: StatusReading): string[] {
  const lines = [`State as of ${r.asOf.slice(0, 19).replace('T', ' ')} UTC (published ${ago(r.ageMs)} ago) · workflow ${r.workflow.status.toLowerCase()}`];
  if (r.workflow.problem) lines.push(`Problem: ${r.workflow.problem}`);
  return lines;
}

function ago(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 172_800_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}

export function renderKpis(kpis: readonly KpiProgress[]): string {
  return renderTable(
    [{ header: 'kpi' }, { header: 'name' }, { header: 'target', align: 'right' }, { header: 'actual', align: 'right' }, { header: 'attainment', align: 'right' }],
    kpis.map((k) => [k.id, k.name, numberOrDash(k.target, 4), numberOrDash(k.actual, 4), percent(k.attainment)]),
  );
}

function gateState(g: GateState): string {
  const last = g.rounds[g.rounds.length - 1];
  const ticks = g.checklist.length ? ` · checklist ${g.checklist.filter((c) => c.ticked).length}/${g.checklist.length}` : '';
  const round = g.round > 1 ? ` · round ${g.round}` : '';
  switch (g.stage) {
    case 'approved':
      return `approved by ${last?.by}${last?.onBehalfOf ? ` for ${last.onBehalfOf}` : ''}${round}`;
    case 'blocked':
      return `blocked by ${g.dependsOn.join(', ')}`;
    case 'preparing':
      return `preparing: ${g.readiness.filter((r) => !r.ready).map((r) => r.person).join(', ') || 'acknowledgements'} to mark ready${ticks}${round}`;
    case 'consulting':
      return `consulting ${g.consultations.filter((c) => c.comment === undefined).map((c) => c.person).join(', ')}${ticks}${round}`;
    case 'deciding':
      return `waiting for ${g.accountable}${ticks}${round}${last?.decision === 'send-back' ? ` (sent back: ${last.comment ?? ''})` : ''}`;
  }
}
