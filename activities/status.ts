/**
 * Publishes the campaign's status to the read model. The workflow runs it as a local activity in
 * the workflow task that changed the status, so a decision's reply reaches its sender only once
 * what it changed can be read.
 */
import type { StatusPublication } from '../store/index.js';
import type { ActivityDeps } from './deps.js';

export type PublishStatusInput = StatusPublication;

export function statusActivities({ store }: Pick<ActivityDeps, 'store'>) {
  return {
    async publishStatus(input: PublishStatusInput): Promise<void> {
      await store.statuses.publish(input);
    },
  };
}
