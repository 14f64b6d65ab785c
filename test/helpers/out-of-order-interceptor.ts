/**
 * Workflow interceptor for a worker whose code differs from the campaign's at one task: the first
 * `decide` Update's handler waits one short timer before it runs. The history such a worker records
 * has a TimerStarted the campaign code does not issue, in the task that accepted the decision — the
 * shape of the Temporal defect (a task recorded in an order replay rejects), made on purpose so that
 * a test can rely on it (test/helpers/unreplayable.ts).
 */
import { sleep, type WorkflowInterceptorsFactory } from '@temporalio/workflow';

let delayed = false;

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      async handleUpdate(input, next) {
        if (input.name === 'decide' && !delayed) {
          delayed = true;
          await sleep(1);
        }
        return next(input);
      },
    },
  ],
});
