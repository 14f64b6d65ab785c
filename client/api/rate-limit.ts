/**
 * Per-token rate limit: a token bucket per key, refilled continuously. A full bucket allows a
 * burst of one minute's worth; then requests pass at the steady rate. In memory: each API process
 * counts on its own, which is enough to stop a runaway script from starving everyone else.
 */

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string): RateDecision;
}

export function tokenBucketLimiter(opts: { perMinute: number; now?: () => number }): RateLimiter {
  const capacity = opts.perMinute;
  const perMs = opts.perMinute / 60_000;
  const now = opts.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
      const tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * perMs);
      if (tokens >= 1) {
        buckets.set(key, { tokens: tokens - 1, at: t });
        return { ok: true };
      }
      buckets.set(key, { tokens, at: t });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
    },
  };
}
