/**
 * What a campaign writes into Temporal's history: events and bytes per run, per rollout day and
 * per campaign-week, and where the bytes go (which event types, which activities' inputs and
 * results). A long rehearsal (90 days at a high time scale) shows the largest run a real campaign
 * would have, since continue-as-new caps a run at 30 rollout days.
 *
 * Sizes are the protobuf encoding of the history (`History.encode`, what the server stores and
 * sends) and, for comparison, the JSON length of `historyToJSON` (what `temporal workflow show
 * --output json` and test/histories/ hold).
 */
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import proto from '@temporalio/proto';
import type { temporal as T } from '@temporalio/proto';

// A CommonJS module: its namespace is a property of the default export under Node's ESM loader.
const { temporal } = proto;
import { campaignWorkflowId } from '../../workflows/contract.js';

type History = T.api.history.v1.IHistory;
const { EventType } = temporal.api.enums.v1;
const HistoryProto = temporal.api.history.v1.History;
const EventProto = temporal.api.history.v1.HistoryEvent;

export interface RunHistory {
  runId: string;
  history: History;
  events: number;
  protoBytes: number;
  jsonBytes: number;
}

/** Every run of a campaign, first to last, following continue-as-new. */
export async function campaignRuns(client: Client, campaignId: string): Promise<RunHistory[]> {
  const workflowId = campaignWorkflowId(campaignId);
  const first = await client.workflow.getHandle(workflowId).describe();
  let runId: string | undefined = first.raw.workflowExecutionInfo?.firstRunId ?? first.runId;
  const runs: RunHistory[] = [];
  while (runId) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.push(measureHistory(runId, history));
    const last = history.events?.at(-1);
    runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}

export function measureHistory(runId: string, history: History): RunHistory {
  return {
    runId, history,
    events: history.events?.length ?? 0,
    protoBytes: HistoryProto.encode(history).finish().length,
    jsonBytes: Buffer.byteLength(historyToJSON(history as T.api.history.v1.History)),
  };
}

export interface HistoryBreakdown {
  /** Encoded bytes and count per event type, largest first. */
  byEventType: Array<{ type: string; events: number; bytes: number }>;
  /** Per activity type: calls, input bytes (scheduled event) and result bytes (completed event). */
  byActivity: Array<{ activity: string; calls: number; inputBytes: number; resultBytes: number }>;
}

/** Where a history's bytes go. Payload sizes are the encoded payloads' data lengths. */
export function breakdown(history: History): HistoryBreakdown {
  const types = new Map<string, { events: number; bytes: number }>();
  const activities = new Map<string, { calls: number; inputBytes: number; resultBytes: number }>();
  const scheduled = new Map<string, string>();
  for (const event of history.events ?? []) {
    const type = (EventType[event.eventType ?? 0] ?? String(event.eventType)).replace(/^EVENT_TYPE_/, '');
    const t = types.get(type) ?? { events: 0, bytes: 0 };
    t.events++;
    t.bytes += EventProto.encode(event).finish().length;
    types.set(type, t);
    const sched = event.activityTaskScheduledEventAttributes;
    if (sched) {
      const name = sched.activityType?.name ?? '?';
      scheduled.set(String(event.eventId), name);
      const a = activities.get(name) ?? { calls: 0, inputBytes: 0, resultBytes: 0 };
      a.calls++;
      a.inputBytes += payloadBytes(sched.input?.payloads);
      activities.set(name, a);
    }
    const done = event.activityTaskCompletedEventAttributes;
    if (done) {
      const name = scheduled.get(String(done.scheduledEventId)) ?? '?';
      const a = activities.get(name) ?? { calls: 0, inputBytes: 0, resultBytes: 0 };
      a.resultBytes += payloadBytes(done.result?.payloads);
      activities.set(name, a);
    }
  }
  return {
    byEventType: [...types].map(([type, v]) => ({ type, ...v })).sort((a, b) => b.bytes - a.bytes),
    byActivity: [...activities].map(([activity, v]) => ({ activity, ...v })).sort((a, b) => b.inputBytes + b.resultBytes - a.inputBytes - a.resultBytes),
  };
}

function payloadBytes(payloads: T.api.common.v1.IPayload[] | null | undefined): number {
  return (payloads ?? []).reduce((sum, p) => sum + (p.data?.length ?? 0), 0);
}

/** Bytes of the workflow's input (the start event: the whole plan and, after continue-as-new, the snapshot). */
export function inputBytes(history: History): number {
  return payloadBytes(history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads);
}

export interface ReadModelCost {
  /** Status publications (local-activity markers) in the run. */
  publications: number;
  /** Their markers' encoded bytes: what the read model adds to the history. */
  markerBytes: number;
}

/** What publishing the status costs a run's history: one local-activity marker per publication. */
export function readModelCost(history: History): ReadModelCost {
  let publications = 0;
  let markerBytes = 0;
  for (const event of history.events ?? []) {
    const marker = event.markerRecordedEventAttributes;
    if (!marker || marker.markerName !== 'core_local_activity') continue;
    publications++;
    markerBytes += EventProto.encode(event).finish().length;
  }
  return { publications, markerBytes };
}
