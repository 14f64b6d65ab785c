/**
 * Rate limits: a token bucket per key (a token's id; a client address for requests without a
 * valid token), refilled continuously. A full bucket allows a burst of one minute's worth; then
 * requests pass at the steady rate. In memory: each API process counts on its own, which is enough
 * to stop a runaway script from starving everyone else, and a guesser from trying tokens quickly.
 */

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Takes one request from the key's bucket, or says when there will be room. */
  take(key: string): RateDecision;
  /** Whether `take` would pass now, without taking anything. */
  peek(key: string): RateDecision;
}

/** Past this many keys, buckets that have refilled are forgotten: a full bucket is the default anyway. */
const SWEEP_ABOVE = 10_000;

export function tokenBucketLimiter(opts: { perMinute: number; now?: () => number }): RateLimiter {
  const capacity = opts.perMinute;
  const perMs = opts.perMinute / 60_000;
  const now = opts.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const level = (key: string, t: number) => {
    const bucket = buckets.get(key);
    return bucket ? Math.min(capacity, bucket.tokens + (t - bucket.at) * perMs) : capacity;
  };
  const decision = (tokens: number): RateDecision =>
    tokens >= 1 ? { ok: true } : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
  const sweep = (t: number) => {
    for (const key of buckets.keys()) if (level(key, t) >= capacity) buckets.delete(key);
  };
  return {
    take(key) {
      const t = now();
      const tokens = level(key, t);
      const taken = decision(tokens);
      buckets.set(key, { tokens: taken.ok ? tokens - 1 : tokens, at: t });
      if (buckets.size > SWEEP_ABOVE) sweep(t);
      return taken;
    },
    peek: (key) => decision(level(key, now())),
  };
}
