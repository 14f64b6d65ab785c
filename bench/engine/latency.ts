/**
 * Round trips people feel: a `decide` (the Update is sent → the decision shows in `status`) and a
 * `status` query, each against the same message on the trivial workflow, with the open campaigns
 * from the start measurement still cached in the worker.
 */
import type { Client } from '@temporalio/client';
import { campaignStatus, prepare } from '../../client/campaigns.js';
import { campaignWorkflowId, decideUpdate, decisionUpdateId, statusQuery } from '../../workflows/contract.js';
import { trivialDecideUpdate, trivialStatusQuery } from '../workflows/index.js';
import { driveStep, TeamMemory } from '../drive.js';
import { elapsedMs } from '../stats.js';

/** Query latency over `samples` queries spread round-robin over the given workflows, one at a time. */
export async function statusLatencies(client: Client, workflowIds: string[], samples: number, trivial: boolean): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const handle = client.workflow.getHandle(workflowIds[(i * 7919) % workflowIds.length]!);
    const t0 = performance.now();
    if (trivial) await handle.query(trivialStatusQuery);
    else await handle.query(statusQuery);
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
export async function campaignDecideLatencies(client: Client, campaignIds: string[]): Promise<DecideSample[]> {
  const out: DecideSample[] = [];
  for (const id of campaignIds) {
    const handle = client.workflow.getHandle(campaignWorkflowId(id));
    const team = new TeamMemory();
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`${id}: preparation did not finish while timing decisions`);
      const status = await campaignStatus(client, id);
      if (status.phase !== 'preparation') break;
      const item = status.waiting.find((w) => w.kind === 'decide' && w.gate);
      const gate = item && status.gates.find((g) => g.id === item.gate);
      if (!item || !gate) {
        await driveStep(client, status, team);
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
        const after = await handle.query(statusQuery);
        if ((after.gates.find((g) => g.id === gate.id)?.rounds.length ?? 0) > decided) break;
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
