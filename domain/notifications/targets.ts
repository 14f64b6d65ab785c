/**
 * Where a notification goes, as the workflow hands it to the notification activity: a robot or
 * webhook by its name (the worker looks up its URL and secret when it sends), or an e-mail address.
 * Nothing here is a secret, so nothing secret enters a campaign's history.
 */
import { ROBOT_KINDS, type NotifyEntry } from '../plan/schema.js';

export type RobotKind = (typeof ROBOT_KINDS)[number];

/** A target defined in the worker's secrets file under `notify.<name>`. */
export interface NamedTarget {
  kind: RobotKind;
  name: string;
}

export interface EmailTarget {
  kind: 'email';
  address: string;
}

/**
 * How campaigns started before targets were named carry them, in their start input and
 * continue-as-new snapshots: with the URL and secret inline. Still delivered, so that no running
 * campaign loses its notifications; plans can no longer be written this way.
 */
export interface InlineTarget {
  kind: RobotKind;
  url: string;
  secret?: string | undefined;
}

export type NotifyTarget = NamedTarget | EmailTarget | InlineTarget;

/** A plan's notify entry, or an inline target from a campaign started before targets were named. */
export type WrittenTarget = NotifyEntry | InlineTarget | EmailTarget;

export function notifyTargetOf(entry: WrittenTarget): NotifyTarget {
  if ('kind' in entry) return entry;
  if (entry.email !== undefined) return { kind: 'email', address: entry.email };
  const kind = ROBOT_KINDS.find((k) => entry[k] !== undefined)!;
  return { kind, name: entry[kind]! };
}

/** Whether an entry is written the current way (a name or an address, no URL or secret). */
export function isNamedEntry(entry: WrittenTarget): entry is NotifyEntry {
  return !('kind' in entry);
}
