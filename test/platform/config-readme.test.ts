/**
 * Every setting the one reader of the environment (platform/config.ts) takes is named in the
 * README, so nobody has to read the code to find out what a deployment can set.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The keys of `envSchema`, and any variable read beside it (`env.X`). */
function settingsRead(source: string): string[] {
  const schema = /const envSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(source)?.[1];
  if (!schema) throw new Error('platform/config.ts has no `const envSchema = z.object({ … });` to read the settings from');
  const keys = [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!);
  const reads = [...source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)].map((m) => m[1]!);
  return [...new Set([...keys, ...reads])].sort();
}

describe('the README names every setting', () => {
  it('lists each variable platform/config.ts reads', () => {
    const settings = settingsRead(read('platform/config.ts'));
    // A parse that found next to nothing means the schema's shape changed, not that all is well.
    expect(settings).toEqual(expect.arrayContaining(['DATABASE_URL', 'SANDBOX_URL', 'TEMPORAL_ADDRESS', 'CI']));
    const readme = read('README.md');
    const missing = settings.filter((name) => !new RegExp(`\`${name}\``).test(readme));
    expect(missing, `add a line for each to the README's settings: ${missing.join(', ')}`).toEqual([]);
  });
});
