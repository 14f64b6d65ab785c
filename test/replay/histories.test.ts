import { readdir, readFile } from 'node:fs/promises';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';
import { HISTORIES_DIR } from '../helpers/histories.js';

const files = (await readdir(HISTORIES_DIR)).filter((f) => f.endsWith('.json')).sort();

describe('committed campaign histories', () => {
  it('are there to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s replays without a determinism violation', async (file) => {
    const history = JSON.parse(await readFile(new URL(file, HISTORIES_DIR), 'utf8')) as unknown;
    await expect(
      Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, history, `replay-${file}`),
    ).resolves.toBeUndefined();
  });
});
