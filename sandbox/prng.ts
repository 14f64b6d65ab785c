/**
 * Seeded randomness for the sandbox platform. Every draw derives from a string key, so the same
 * seed, campaign, channel and day always give the same numbers, in any process, in any order of
 * requests.
 */

export type Random = () => number;

/** FNV-1a over UTF-16 code units, finished with murmur3's mixer so near keys land far apart. */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: tiny, fast, and good enough for simulated noise (not for secrets). */
export function mulberry32(state: number): Random {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random stream keyed by its parts; '|' separates them so ('a','bc') and ('ab','c') differ. */
export function seededRandom(...parts: Array<string | number>): Random {
  return mulberry32(hashKey(parts.map(String).join('|')));
}

/** Standard normal draw (Box–Muller); always consumes exactly two uniforms. */
export function gaussian(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
