/**
 * Watches a campaign's status and remembers when it last moved (phase, day, a gate's stage or
 * round, a new review, who it waits on). Recovery time after a fault is the time until the next
 * move — which includes, honestly, any wait the campaign would have had anyway (at most a day of
 * the trial's compressed clock).
 */
import type { DriveSource } from '../drive.js';
import { campaignStatus } from '../../client/campaigns.js';
import type { CampaignStatus } from '../../workflows/contract.js';

const POLL_MS = 100;

function progressKey(s: CampaignStatus): string {
  return JSON.stringify([
    s.phase, s.day, s.gates.map((g) => `${g.id}:${g.stage}:${g.round}:${g.rounds.length}`), s.reviews[0]?.key, s.reviews.length,
    s.waiting.map((w) => `${w.person}:${w.kind}:${w.gate ?? w.task ?? ''}`),
  ]);
}

export class ProgressWatcher {
  /** performance.now() of each observed move. */
  readonly moves: number[] = [];
  /** performance.now() of the last status that answered at all. */
  lastAnswerAt = performance.now();
  private last: string | undefined;
  private running = true;
  private loop: Promise<void>;

  constructor(source: DriveSource, campaignId: string) {
    this.loop = (async () => {
      while (this.running) {
        try {
          const key = progressKey(await campaignStatus(source, campaignId));
          this.lastAnswerAt = performance.now();
          if (key !== this.last) {
            this.last = key;
            this.moves.push(performance.now());
          }
        } catch {
          // Unreachable for now: that is what a fault looks like from outside.
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    })();
  }

  /** Milliseconds from `since` to the first move after it, or undefined if none yet. */
  nextMoveAfter(since: number): number | undefined {
    const at = this.moves.find((m) => m > since);
    return at === undefined ? undefined : at - since;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}
