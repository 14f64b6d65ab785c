/**
 * Every action an API route takes on a campaign says it came through the API, with the caller's
 * token, so the audit can tell an API decision from one made on the command line. The routes are
 * run over an operations object that notes what it is asked (the campaign operations interface
 * itself; Temporal and the database are not involved in what a route passes on).
 */
import type { Pool } from 'pg';
import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../../client/api/server.js';
import type { Caller } from '../../client/api/tokens.js';
import type { CampaignOperations } from '../../client/operations/operations.js';

const ACTIONS = ['decide', 'prepare', 'consult', 'acknowledge', 'completeTask', 'decidePilot', 'crisisAction', 'retrospect', 'resolveStep', 'cancel'];

/** A valid body for each campaign route that takes one, by operation. */
const BODIES: Record<string, unknown> = {
  decideGate: { decision: 'approve' },
  prepareGate: { ready: true },
  consultOnGate: { comment: '同意' },
  acknowledgeStrategy: {},
  completeTask: {},
  decidePilot: { decision: 'go' },
  crisisAction: { action: 'statement', statement: '我们正在核实' },
  resolveStep: { action: 'retry' },
  retrospect: { worked: ['短视频'] },
  cancelCampaign: { reason: '平台政策变化' },
};

function notingOperations(calls: Array<{ operation: string; args: unknown[] }>): CampaignOperations {
  return new Proxy({} as CampaignOperations, {
    get: (_target, operation) => async (...args: unknown[]) => {
      calls.push({ operation: String(operation), args });
      return { accepted: true };
    },
  });
}

describe('actions through the API', () => {
  it('pass their origin, the API with the caller\'s token, to every action operation', async () => {
    const calls: Array<{ operation: string; args: unknown[] }> = [];
    const routes = apiRoutes({ ops: notingOperations(calls) }, undefined as unknown as Pool);
    const caller: Caller = { person: 'zhao.lei', role: 'ops', tokenId: '7bbc3301-34e1-4d58-8b89-a959a5829d65' };
    const acting = routes.filter((r) => r.method === 'POST' && r.url.startsWith('/v1/campaigns/:id') && !r.accepts);
    expect(acting.map((r) => r.operationId).sort()).toEqual(Object.keys(BODIES).sort());
    for (const route of acting) {
      const before = calls.length;
      await route.handle({
        params: { id: 'spring-tea', gate: 'goals', task: 'script', step: 'budget:initial:douyin' },
        query: undefined, body: route.body!.parse(BODIES[route.operationId]), caller, mediaType: 'application/json', lang: 'en',
        reply: undefined as never,
      } as never);
      const made = calls.slice(before);
      expect(made.map((c) => c.operation), route.operationId).toEqual([expect.toBeOneOf(ACTIONS)]);
      expect(made[0]!.args[2], route.operationId).toEqual({ path: 'api', tokenId: caller.tokenId });
    }
    expect(new Set(calls.map((c) => c.operation))).toEqual(new Set(ACTIONS));
  });
});
