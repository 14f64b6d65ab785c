/**
 * The token audit's `used` rows: at most one per token per minute. A busy token makes a request
 * every half second; a row each would bury the issues and refusals an audit is read for. One row
 * per minute still says when a token was in use (was it used after it leaked at 10:05?), and
 * `last_used_at` moves with it. This process remembers when it last wrote for each token, so the
 * other requests of that minute cost no query; the database's row lock keeps it to one row per
 * minute across several API processes.
 */
import type { RecordsStore } from '../../store/index.js';
import { ApiProblem } from './problems.js';
import type { Caller } from './tokens.js';

export const USE_RECORD_INTERVAL_MS = 60_000;

export type TokenUseRecorder = (caller: Caller, detail: { operationId: string }) => Promise<void>;

export function tokenUseRecorder(store: RecordsStore, now: () => number = Date.now): TokenUseRecorder {
  const lastWritten = new Map<string, number>();
  return async (caller, detail) => {
    const t = now();
    const last = lastWritten.get(caller.tokenId);
    if (last !== undefined && t - last < USE_RECORD_INTERVAL_MS) return;
    lastWritten.set(caller.tokenId, t);
    try {
      await store.tokenAudit.used(caller.tokenId, caller.person, detail);
    } catch {
      lastWritten.delete(caller.tokenId);
      // An unaudited use is not served: the audit is complete or the request waits.
      throw new ApiProblem('service-unavailable', 'The token store is not answering; try again shortly.', { headers: { 'retry-after': '5' } });
    }
  };
}
