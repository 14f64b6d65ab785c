/**
 * The read model: each campaign's status as its workflow last published it. A write carries the
 * workflow's clock at the change and a revision counted within its run; one older than the stored
 * status changes nothing, so a retried or late write never hides a newer one. The status itself is
 * the workflow's document (workflows/contract.ts `CampaignStatus`); the store keeps it as written.
 */
import type { Queryable } from './db.js';

export interface StatusPublication {
  campaignId: string;
  workflowId: string;
  runId: string;
  taskQueue: string;
  /** The workflow's clock when the status was taken (ISO). */
  asOf: string;
  /** Counts up within a run; orders publications with the same `asOf`. */
  revision: number;
  phase: string;
  status: unknown;
}

export interface PublishedStatus extends Omit<StatusPublication, 'status'> {
  status: unknown;
  /** When the database received it. */
  publishedAt: string;
}

export interface StatusRecords {
  /** Stores the status unless a newer one is stored; says whether it was. */
  publish(publication: StatusPublication): Promise<boolean>;
  read(campaignId: string): Promise<PublishedStatus | undefined>;
  /** The task queue the campaign's workflow last published from; undefined before its first status. */
  taskQueueOf(campaignId: string): Promise<string | undefined>;
  /** Several campaigns' statuses in one statement; ids without one are left out. */
  readMany(campaignIds: string[]): Promise<PublishedStatus[]>;
  /** The statuses that wait on a person (their `waitingOn`), optionally of one environment's task queue. */
  waitingOn(person: string, taskQueue?: string): Promise<PublishedStatus[]>;
}

interface StatusRow {
  campaign_id: string; workflow_id: string; run_id: string; task_queue: string;
  as_of: Date; revision: number; phase: string; status: unknown; published_at: Date;
}

const COLUMNS = 'campaign_id, workflow_id, run_id, task_queue, as_of, revision, phase, status, published_at';

export function statusRecords(db: Queryable): StatusRecords {
  return {
    async publish(p) {
      // Millisecond precision on both sides: the workflow clock is in milliseconds.
      const { rowCount } = await db.query(
        `INSERT INTO campaign_status (campaign_id, workflow_id, run_id, task_queue, as_of, revision, phase, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (campaign_id) DO UPDATE SET
           workflow_id = EXCLUDED.workflow_id, run_id = EXCLUDED.run_id, task_queue = EXCLUDED.task_queue,
           as_of = EXCLUDED.as_of, revision = EXCLUDED.revision, phase = EXCLUDED.phase, status = EXCLUDED.status,
           published_at = now()
         WHERE (campaign_status.as_of, campaign_status.revision) < (EXCLUDED.as_of, EXCLUDED.revision)`,
        [p.campaignId, p.workflowId, p.runId, p.taskQueue, p.asOf, p.revision, p.phase, JSON.stringify(p.status)],
      );
      return (rowCount ?? 0) > 0;
    },

    async read(campaignId) {
      const { rows } = await db.query<StatusRow>(`SELECT ${COLUMNS} FROM campaign_status WHERE campaign_id = $1`, [campaignId]);
      return rows[0] ? fromRow(rows[0]) : undefined;
    },

    async taskQueueOf(campaignId) {
      const { rows } = await db.query<{ task_queue: string }>('SELECT task_queue FROM campaign_status WHERE campaign_id = $1', [campaignId]);
      return rows[0]?.task_queue;
    },

    async readMany(campaignIds) {
      if (campaignIds.length === 0) return [];
      const { rows } = await db.query<StatusRow>(`SELECT ${COLUMNS} FROM campaign_status WHERE campaign_id = ANY($1)`, [campaignIds]);
      return rows.map(fromRow);
    },

    async waitingOn(person, taskQueue) {
      const { rows } = await db.query<StatusRow>(
        `SELECT ${COLUMNS} FROM campaign_status WHERE status->'waitingOn' ? $1 AND ($2::text IS NULL OR task_queue = $2)`,
        [person, taskQueue ?? null],
      );
      return rows.map(fromRow);
    },
  };
}

function fromRow(row: StatusRow): PublishedStatus {
  return {
    campaignId: row.campaign_id, workflowId: row.workflow_id, runId: row.run_id, taskQueue: row.task_queue,
    asOf: row.as_of.toISOString(), revision: row.revision, phase: row.phase, status: row.status,
    publishedAt: row.published_at.toISOString(),
  };
}
