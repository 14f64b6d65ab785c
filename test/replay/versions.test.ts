/**
 * workflows/campaign/versions.ts is the list of patches: every patch the workflow code calls is in
 * it at the stage its call says, and every patch marker in a committed history is one it lists
 * (a marker whose call is gone would make that history fail to replay).
 */
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PATCHES, type PatchStage } from '../../workflows/campaign/versions.js';
import { HISTORIES_DIR } from '../helpers/histories.js';

const WORKFLOWS_DIR = new URL('../../workflows/', import.meta.url);

async function patchCalls(): Promise<Array<{ id: string; stage: PatchStage; file: string }>> {
  const files = (await readdir(WORKFLOWS_DIR, { recursive: true })).filter((f) => f.endsWith('.ts'));
  const calls = [];
  for (const file of files) {
    // Calls, not comments that name the procedure.
    const source = (await readFile(new URL(file, WORKFLOWS_DIR), 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    for (const m of source.matchAll(/\b(patched|deprecatePatch)\(\s*'([^']+)'\s*\)/g)) {
      calls.push({ id: m[2]!, stage: (m[1] === 'patched' ? 'patched' : 'deprecated') as PatchStage, file });
    }
  }
  return calls;
}

interface MarkerEvent {
  markerRecordedEventAttributes?: { markerName?: string; details?: Record<string, { payloads?: Array<{ data?: string }> }> };
}

async function historyMarkers(): Promise<Array<{ id: string; deprecated: boolean; file: string }>> {
  const files = (await readdir(HISTORIES_DIR)).filter((f) => f.endsWith('.json'));
  const markers = [];
  for (const file of files) {
    const history = JSON.parse(await readFile(new URL(file, HISTORIES_DIR), 'utf8')) as { events: MarkerEvent[] };
    for (const event of history.events) {
      const marker = event.markerRecordedEventAttributes;
      if (marker?.markerName !== 'core_patch') continue;
      const data = marker.details?.['patch-data']?.payloads?.[0]?.data;
      const { id, deprecated } = JSON.parse(Buffer.from(data ?? '', 'base64').toString('utf8')) as { id: string; deprecated: boolean };
      markers.push({ id, deprecated, file });
    }
  }
  return markers;
}

describe('the patch list', () => {
  it('holds every patch the workflow code calls, once each, at the stage of its call', async () => {
    const calls = await patchCalls();
    expect(calls.map((c) => c.id).sort()).toEqual(Object.keys(PATCHES).sort());
    for (const call of calls) expect({ id: call.id, stage: PATCHES[call.id as keyof typeof PATCHES].stage }).toEqual({ id: call.id, stage: call.stage });
  });

  it('holds every patch whose marker a committed history carries', async () => {
    const markers = await historyMarkers();
    expect(markers.length).toBeGreaterThan(0);
    const unknown = markers.filter((m) => !(m.id in PATCHES));
    expect(unknown).toEqual([]);
  });
});
