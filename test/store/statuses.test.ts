/** The read model's store: a write older than the stored status never replaces it. */
import { describe, expect, it } from 'vitest';
import type { StatusPublication } from '../../store/index.js';
import { uniqueCampaignId } from '../helpers/plans.js';
import { recordsStoreForTests } from '../helpers/records-store.js';

const db = recordsStoreForTests();

function publication(campaignId: string, asOf: string, revision: number, phase: string, waitingOn: string[] = []): StatusPublication {
  return {
    campaignId, workflowId: `campaign:${campaignId}`, runId: `run-${asOf}`, taskQueue: 'statuses-test', asOf, revision, phase,
    status: { id: campaignId, phase, waitingOn, note: `${asOf}#${revision}` },
  };
}

describe('the read model', () => {
  it('keeps the newest status: later clock first, then the higher revision; an older or repeated write changes nothing', async () => {
    const id = uniqueCampaignId('status-order');
    expect(await db.store.statuses.read(id)).toBeUndefined();
    expect(await db.store.statuses.publish(publication(id, '2026-12-04T10:00:00.000Z', 1, 'preparation'))).toBe(true);
    expect(await db.store.statuses.publish(publication(id, '2026-12-04T10:00:00.000Z', 2, 'pilot'))).toBe(true);
    // A retried write of the first status, and one from the same instant with a lower revision: too old.
    expect(await db.store.statuses.publish(publication(id, '2026-12-04T10:00:00.000Z', 1, 'preparation'))).toBe(false);
    expect(await db.store.statuses.publish(publication(id, '2026-12-04T10:00:00.000Z', 2, 'preparation'))).toBe(false);
    expect(await db.store.statuses.publish(publication(id, '2026-12-04T09:59:59.999Z', 9, 'preparation'))).toBe(false);
    expect((await db.store.statuses.read(id))).toMatchObject({ phase: 'pilot', revision: 2, status: { note: '2026-12-04T10:00:00.000Z#2' } });
    // A continued run counts its revisions from 1 again; its clock is later.
    expect(await db.store.statuses.publish(publication(id, '2026-12-04T10:00:00.001Z', 1, 'rollout'))).toBe(true);
    const stored = await db.store.statuses.read(id);
    expect(stored).toMatchObject({ phase: 'rollout', revision: 1, asOf: '2026-12-04T10:00:00.001Z', runId: 'run-2026-12-04T10:00:00.001Z' });
    expect(Date.parse(stored!.publishedAt)).toBeGreaterThan(0);
  });

  it('finds the statuses waiting on a person, per task queue', async () => {
    const [a, b, c] = [uniqueCampaignId('wait-a'), uniqueCampaignId('wait-b'), uniqueCampaignId('wait-c')];
    await db.store.statuses.publish(publication(a, '2026-12-04T10:00:00.000Z', 1, 'preparation', ['li.na', 'wang.wei']));
    await db.store.statuses.publish(publication(b, '2026-12-04T10:00:00.000Z', 1, 'preparation', ['wang.wei']));
    await db.store.statuses.publish({ ...publication(c, '2026-12-04T10:00:00.000Z', 1, 'preparation', ['li.na']), taskQueue: 'elsewhere' });
    const ids = async (person: string, queue?: string) => (await db.store.statuses.waitingOn(person, queue)).map((s) => s.campaignId).filter((x) => [a, b, c].includes(x)).sort();
    expect(await ids('li.na', 'statuses-test')).toEqual([a]);
    expect(await ids('li.na')).toEqual([a, c].sort());
    expect(await ids('wang.wei', 'statuses-test')).toEqual([a, b].sort());
    expect(await ids('nobody')).toEqual([]);
    expect((await db.store.statuses.readMany([a, 'missing'])).map((s) => s.campaignId)).toEqual([a]);
  });
});
