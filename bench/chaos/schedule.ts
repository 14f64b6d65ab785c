/**
 * When to strike and with what, drawn from the trial's seed: the same seed always gives the same
 * faults at the same offsets from the campaign's start, so a failing trial can be run again.
 */
import { seededRandom } from '../../sandbox/prng.js';

export const FAULT_KINDS = ['worker', 'server', 'postgres', 'sandbox', 'refusal'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/**
 * What `npm run chaos` draws from without `--faults`: every kind. A refusal (4xx) is a failed step
 * that waits for its owner, whom the team plays (`resolveStep` retry once the refusals stop).
 */
export const DEFAULT_FAULT_KINDS: FaultKind[] = [...FAULT_KINDS];

export interface ScheduledFault {
  kind: FaultKind;
  /** Offset from the campaign's start. */
  atMs: number;
  /** How long the fault lasts (sandbox outage, server downtime); 0 for an instant kill. */
  forMs: number;
  /** Sandbox only: an outage (500s), slow answers past the adapter's timeout, or lost answers. */
  variant?: 'errors' | 'timeouts' | 'lost-answers';
}

export function faultSchedule(opts: {
  seed: string;
  kinds: readonly FaultKind[];
  count: number;
  /** Faults land within [0.05, 0.85] of this span (the fault-free twin's duration). */
  spanMs: number;
  /** Kinds that must appear at least once (the smoke test insists on a worker kill and sandbox faults). */
  require?: readonly FaultKind[];
}): ScheduledFault[] {
  const random = seededRandom(opts.seed, 'chaos-schedule');
  const kinds: FaultKind[] = [...(opts.require ?? [])];
  while (kinds.length < opts.count) kinds.push(opts.kinds[Math.floor(random() * opts.kinds.length)]!);
  const variants = ['errors', 'timeouts', 'lost-answers'] as const;
  return kinds
    .map((kind): ScheduledFault => {
      const atMs = Math.round(opts.spanMs * (0.05 + 0.8 * random()));
      switch (kind) {
        case 'sandbox':
          return { kind, atMs, forMs: 1_500 + Math.round(random() * 3_000), variant: variants[Math.floor(random() * variants.length)]! };
        case 'refusal':
          return { kind, atMs, forMs: 1_500 + Math.round(random() * 3_000) };
        case 'server':
          return { kind, atMs, forMs: 500 + Math.round(random() * 1_500) };
        default:
          return { kind, atMs, forMs: 0 };
      }
    })
    .sort((a, b) => a.atMs - b.atMs);
}
