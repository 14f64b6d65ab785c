/**
 * Round trips people feel: a `decide` (the Update is sent → the decision shows in the status people
 * read, the read model) and a status read (the read model and the workflow's description, as
 * `campaign status` does), each against the same message on the trivial workflow (a query), with
 * the open campaigns from the start measurement still cached in the worker.
 */
import type { Client } from '@temporalio/client';
import { campaignStatus, prepare } from '../../client/campaigns.js';
import { campaignWorkflowId, decideUpdate, decisionUpdateId, type CampaignStatus } from '../../workflows/contract.js';
import { trivialDecideUpdate, trivialStatusQuery } from '../workflows/index.js';
import { driveStep, TeamMemory, type DriveSource } from '../drive.js';
import { elapsedMs } from '../stats.js';

/** Campaign status reads over `samples` reads spread round-robin over the given campaigns, one at a time. */
export async function statusLatencies(source: DriveSource, campaignIds: string[], samples: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await campaignStatus(source, campaignIds[(i * 7919) % campaignIds.length]!);
    out.push(elapsedMs(t0));
  }
  return out;
}

/** Query latency of the trivial workflow: the baseline a status read is measured against. */
export async function trivialStatusLatencies(client: Client, workflowIds: string[], samples: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const handle = client.workflow.getHandle(workflowIds[(i * 7919) % workflowIds.length]!);
    const t0 = performance.now();
    await handle.query(trivialStatusQuery);
    out.push(elapsedMs(t0));
  }
  return out;
}

export interface DecideSample {
  /** Update sent → completed (accepted, handled, answered). */
  updateMs: number;
  /** Update sent → the decision visible in a `status` query. */
  visibleMs: number;
}

/**
 * Drives each campaign through its preparation and times every gate decision on the way. The
 * other answers (readiness, consultations, ticks) are given by the driver and not timed.
 */
export async function campaignDecideLatencies(source: DriveSource, campaignIds: string[]): Promise<DecideSample[]> {
  const { client } = source;
  const out: DecideSample[] = [];
  for (const id of campaignIds) {
    const handle = client.workflow.getHandle(campaignWorkflowId(id));
    const team = new TeamMemory();
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`${id}: preparation did not finish while timing decisions`);
      const status = await campaignStatus(source, id);
      if (status.phase !== 'preparation') break;
      const item = status.waiting.find((w) => w.kind === 'decide' && w.gate);
      const gate = item && status.gates.find((g) => g.id === item.gate);
      if (!item || !gate) {
        await driveStep(source, status, team);
        continue;
      }
      const unticked = gate.checklist.filter((c) => !c.ticked).map((c) => c.item);
      if (unticked.length) await prepare(client, id, { gate: gate.id, by: item.person, tick: unticked });
      const decided = gate.rounds.length;
      const t0 = performance.now();
      await handle.executeUpdate(decideUpdate, {
        args: [{ gate: gate.id, decision: 'approve', by: item.person }],
        updateId: decisionUpdateId(gate.id, gate.round, 'approve', item.person),
      });
      const updateMs = elapsedMs(t0);
      for (;;) {
        const after = (await source.store.statuses.read(id))?.status as CampaignStatus | undefined;
        if ((after?.gates.find((g) => g.id === gate.id)?.rounds.length ?? 0) > decided) break;
      }
      out.push({ updateMs, visibleMs: elapsedMs(t0) });
    }
  }
  return out;
}

export async function trivialDecideLatencies(client: Client, workflowIds: string[], samples: number): Promise<DecideSample[]> {
  const out: DecideSample[] = [];
  for (let i = 0; i < samples; i++) {
    const handle = client.workflow.getHandle(workflowIds[(i * 7919) % workflowIds.length]!);
    const before = (await handle.query(trivialStatusQuery)).decisions;
    const t0 = performance.now();
    await handle.executeUpdate(trivialDecideUpdate, { args: [{ gate: 'bench', decision: 'approve', by: 'bench' }] });
    const updateMs = elapsedMs(t0);
    while ((await handle.query(trivialStatusQuery)).decisions <= before) { /* visible on the next answer */ }
    out.push({ updateMs, visibleMs: elapsedMs(t0) });
  }
  return out;
}
