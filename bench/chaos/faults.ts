/**
 * Carries out one scheduled fault against the running system. Each kind hits a different promise
 * the engine makes:
 *   worker   — SIGKILL of the worker process mid-activity; a new one replays from history;
 *   server   — SIGKILL of the Temporal dev server, restarted on the same SQLite file and port;
 *   postgres — the worker's PostgreSQL connections terminated from the server side;
 *   sandbox  — the channel platform fails (500s), hangs past the adapter's timeout, or applies a
 *              change and loses the answer, for a while (its /v1/faults API);
 *   refusal  — for a while the platform refuses budget changes and posts (422): the step waits
 *              for its owner, who retries it once the platform serves again.
 */
import type { SandboxPlatform, FaultPlan } from '../../sandbox/platform.js';
import { terminateEngineConnections } from '../../store/databases.js';
import type { TemporalServer } from '../stack.js';
import type { ScheduledFault } from './schedule.js';
import type { WorkerSupervisor } from './supervisor.js';

/** A little longer than the sandbox adapter's request timeout (10 s): the call times out. */
const HANG_MS = 10_500;

export interface FaultTargets {
  supervisor: WorkerSupervisor;
  temporal: TemporalServer;
  sandbox: SandboxPlatform;
  /** An admin connection to the trial's PostgreSQL server. */
  adminUrl: string;
  databaseName: string;
  /** Told when a refusal window opens (true) and closes (false). */
  onRefusal?: (refusing: boolean) => void;
}

/** Injects the fault and resolves once it is over (the system is whole again, not yet recovered). */
export async function inject(fault: ScheduledFault, targets: FaultTargets): Promise<{ detail: string }> {
  switch (fault.kind) {
    case 'worker':
      await targets.supervisor.killAndReplace();
      return { detail: 'worker SIGKILLed and replaced' };
    case 'server':
      await targets.temporal.kill();
      await sleep(fault.forMs);
      await targets.temporal.restart();
      return { detail: `server SIGKILLed, down ${fault.forMs} ms, restarted on the same file` };
    case 'postgres': {
      const terminated = await terminateWorkerConnections(targets.adminUrl, targets.databaseName);
      return { detail: `${terminated} worker connection(s) terminated` };
    }
    case 'sandbox': {
      const plans: Record<NonNullable<ScheduledFault['variant']>, FaultPlan> = {
        errors: { status: 500 },
        timeouts: { delayMs: HANG_MS, status: 504 },
        'lost-answers': { loseResponse: true, status: 502 },
      };
      targets.sandbox.setFaults(plans[fault.variant ?? 'errors']);
      await sleep(fault.forMs);
      targets.sandbox.setFaults({});
      return { detail: `sandbox ${fault.variant} for ${fault.forMs} ms` };
    }
    case 'refusal': {
      targets.onRefusal?.(true);
      targets.sandbox.setFaults({ status: 422, routes: ['budget', 'posts'] });
      await sleep(fault.forMs);
      targets.sandbox.setFaults({});
      targets.onRefusal?.(false);
      return { detail: `sandbox refused budgets and posts (422) for ${fault.forMs} ms` };
    }
  }
}

/** The worker's pool names itself 'campaign-engine'; the harness's own connection does not. */
function terminateWorkerConnections(adminUrl: string, databaseName: string): Promise<number> {
  return terminateEngineConnections(adminUrl, databaseName, 'chaos-harness');
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
