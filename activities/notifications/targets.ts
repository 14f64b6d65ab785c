/**
 * Where a delivery really goes. The workflow names robot and webhook targets; their addresses and
 * signing secrets live with the worker (its secrets file) and are looked up here, at send time, so
 * they never enter a campaign's history. Inline targets come from campaigns started before targets
 * were named and are delivered as they are.
 */
import type { EmailTarget, NotifyTarget, RobotKind } from '../../domain/notifications/targets.js';
import { NotificationRejectedError } from './errors.js';

/** A robot's or webhook's address and secret, as the worker's secrets file defines them. */
export interface RobotEndpoint {
  kind: RobotKind;
  url: string;
  secret?: string | undefined;
}

/** The worker's notify targets by name (`notify:` in its secrets file). */
export type NotifyDirectory = ReadonlyMap<string, RobotEndpoint>;

export type ResolvedTarget = RobotEndpoint | EmailTarget;

/** Throws NotificationRejectedError (not retried: only the worker's settings can fix it). */
export function resolveTarget(target: NotifyTarget, directory: NotifyDirectory): ResolvedTarget {
  if (target.kind === 'email' || 'url' in target) return target;
  const found = directory.get(target.name);
  if (!found) {
    throw new NotificationRejectedError(
      `notify target "${target.name}" (${target.kind}) is not defined on this worker: add ${target.name} with kind: ${target.kind} `
        + 'and its url under notify: in the worker\'s secrets file (CAMPAIGN_SECRETS_FILE, docs/notifications.md)',
    );
  }
  if (found.kind !== target.kind) {
    throw new NotificationRejectedError(
      `notify target "${target.name}" is a ${found.kind} target in the worker's secrets file, but the plan sends to it as ${target.kind}: `
        + 'correct the kind in one of them',
    );
  }
  return found;
}
