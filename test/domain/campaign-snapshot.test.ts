/**
 * The snapshot a campaign carries into its next run: versioned, and every shape an older run wrote
 * reads as the latest one (domain/campaign-snapshot.ts).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  SNAPSHOT_VERSION, SnapshotError, campaignSnapshot, migrateSnapshot, snapshotVersion, type UnversionedSnapshot,
} from '../../domain/campaign-snapshot.js';

/** The unversioned snapshot a committed continued run started from (its workflow input). */
async function carriedSnapshot(): Promise<UnversionedSnapshot> {
  const history = JSON.parse(await readFile(new URL('../histories/v6-continued-run-with-carried-approval.json', import.meta.url), 'utf8')) as {
    events: Array<{ workflowExecutionStartedEventAttributes?: { input: { payloads: Array<{ data: string }> } } }>;
  };
  const input = JSON.parse(Buffer.from(history.events[0]!.workflowExecutionStartedEventAttributes!.input.payloads[0]!.data, 'base64').toString('utf8'));
  return input.resume as UnversionedSnapshot;
}

describe('migrating a carried snapshot', () => {
  it('reads the unversioned shape as the latest version, without the fields the next run ignores', async () => {
    const raw = await carriedSnapshot();
    expect(snapshotVersion(raw)).toBe(0);
    const { executes: _executes, interactionImports: _imports, history, ...progress } = raw.state;

    const snapshot = migrateSnapshot(raw);

    expect(snapshot.version).toBe(SNAPSHOT_VERSION);
    expect(snapshot.history).toEqual(history);
    expect(snapshot.rollout).toEqual(raw.rollout);
    expect(snapshot.progress.budgetApproval?.status).toBe('waiting');
    // Every field of the old state is in the progress (absent ones are undefined), and nothing else;
    // it kept no failed steps.
    expect(JSON.parse(JSON.stringify(snapshot.progress))).toEqual({ ...progress, steps: [] });
    expect(Object.keys(snapshot.progress).sort()).toEqual([
      'acknowledged', 'alerts', 'budgetApproval', 'channels', 'closing', 'day', 'execution', 'gates', 'kpis', 'phase',
      'report', 'retrospective', 'reviews', 'rolloutDays', 'startedAt', 'steps', 'tasks',
    ]);
    expect(snapshot.progress.closing).toBeUndefined();
  });

  it('reads the latest version back as it was written', async () => {
    const latest = migrateSnapshot(await carriedSnapshot());
    const written = JSON.parse(JSON.stringify(campaignSnapshot(latest.progress, latest.history, latest.rollout))) as unknown;
    expect(snapshotVersion(written)).toBe(SNAPSHOT_VERSION);
    expect(JSON.parse(JSON.stringify(migrateSnapshot(written)))).toEqual(written);
  });

  it('refuses a run that did not execute its schedule, rather than start executing it half-way', async () => {
    const raw = await carriedSnapshot();
    expect(() => migrateSnapshot({ ...raw, state: { ...raw.state, executes: false } })).toThrow(/did not execute/);
  });

  it('refuses what it cannot read: a missing field, a newer version, something else', async () => {
    const raw = await carriedSnapshot();
    const { execution: _execution, ...withoutExecution } = raw.state;
    expect(() => migrateSnapshot({ ...raw, state: withoutExecution })).toThrow(SnapshotError);
    expect(() => migrateSnapshot({ ...raw, state: { ...raw.state, phase: 'launch' } })).toThrow(/phase/);
    expect(() => migrateSnapshot({ version: SNAPSHOT_VERSION + 1 })).toThrow(/run a newer worker/);
    expect(() => migrateSnapshot({ version: 'one' })).toThrow(SnapshotError);
    expect(() => migrateSnapshot(null)).toThrow(SnapshotError);
  });
});
