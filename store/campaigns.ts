/**
 * The campaign row: written when the workflow registers a campaign, closed with its closing
 * summary, and read for what files and reports are checked against. The first write wins, so
 * retries and replays register a campaign exactly once.
 */
import type { ClosingSummary } from '../domain/closing.js';
import type { ImportCampaign } from '../domain/metrics-import.js';
import type { Plan } from '../domain/plan/schema.js';
import { rehearsalOf, type Rehearsal } from '../domain/rehearsal.js';
import type { Queryable } from './db.js';

export interface CampaignRegistration {
  campaignId: string;
  plan: Plan;
  timeScale: number;
}

export interface CampaignRecords {
  register(campaign: CampaignRegistration): Promise<void>;
  /** Marks the campaign closed and keeps its closing summary (the first one recorded). */
  close(campaignId: string, summary: ClosingSummary): Promise<void>;
  exists(campaignId: string): Promise<boolean>;
  /** Whether some campaign's plan names the person: as its owner, in its team, or on a gate. */
  namesPerson(person: string): Promise<boolean>;
  /** The plan's report languages; empty when the plan names none or there is no such campaign. */
  reportLanguages(campaignId: string): Promise<string[]>;
  /** The team and channels of every campaign not closed yet: what a starting worker checks its secrets against. */
  openTeamsAndChannels(): Promise<OpenCampaignPlan[]>;
  /**
   * Which of these campaigns are rehearsals, and why (domain/rehearsal.ts); null for a real one.
   * Campaigns not in the records are left out: they have not registered yet.
   */
  rehearsals(campaignIds: readonly string[]): Promise<Map<string, Rehearsal | null>>;
}

export interface OpenCampaignPlan {
  campaignId: string;
  plan: Pick<Plan, 'team' | 'channels'>;
}

export function campaignRecords(db: Queryable): CampaignRecords {
  return {
    async register({ campaignId, plan, timeScale }) {
      await db.query(
        `INSERT INTO campaigns (id, name, owner, plan, time_scale, rehearsal) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO NOTHING`,
        [campaignId, plan.name, plan.owner, JSON.stringify(plan), timeScale, rehearsalOf(plan, timeScale) !== undefined],
      );
    },

    async close(campaignId, summary) {
      await db.query(
        `WITH closed AS (UPDATE campaigns SET phase = 'closed', updated_at = now() WHERE id = $1)
         INSERT INTO closings (campaign_id, summary) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [campaignId, JSON.stringify(summary)],
      );
    },

    async exists(campaignId) {
      const { rowCount } = await db.query('SELECT 1 FROM campaigns WHERE id = $1', [campaignId]);
      return (rowCount ?? 0) > 0;
    },

    async namesPerson(person) {
      const { rows } = await db.query<{ named: boolean }>(
        `SELECT EXISTS (
           SELECT 1 FROM campaigns c
           WHERE c.owner = $1
              OR c.plan->'team' @> jsonb_build_array(jsonb_build_object('id', $1::text))
              OR EXISTS (
                SELECT 1 FROM jsonb_array_elements(coalesce(c.plan->'gates', '[]'::jsonb)) AS g
                WHERE g->>'accountable' = $1 OR g->'responsible' ? $1 OR g->'consulted' ? $1 OR g->'informed' ? $1
              )
         ) AS named`,
        [person],
      );
      return rows[0]?.named === true;
    },

    async reportLanguages(campaignId) {
      const { rows } = await db.query<{ langs: string[] | null }>(
        `SELECT ARRAY(SELECT jsonb_array_elements_text(plan->'closing'->'reportLanguages')) AS langs FROM campaigns WHERE id = $1`,
        [campaignId],
      );
      return rows[0]?.langs ?? [];
    },

    async openTeamsAndChannels() {
      const { rows } = await db.query<{ id: string; team: Plan['team'] | null; channels: Plan['channels'] | null }>(
        `SELECT id, plan->'team' AS team, plan->'channels' AS channels FROM campaigns WHERE phase <> 'closed' ORDER BY id`,
      );
      return rows.map((r) => ({ campaignId: r.id, plan: { team: r.team ?? [], channels: r.channels ?? [] } }));
    },

    async rehearsals(campaignIds) {
      if (campaignIds.length === 0) return new Map();
      const { rows } = await db.query<RehearsalRow & { id: string }>(
        `SELECT id, rehearsal, time_scale, plan->'channels' AS channels FROM campaigns WHERE id = ANY($1)`,
        [campaignIds],
      );
      return new Map(rows.map((r) => [r.id, rehearsalOfRow(r)]));
    },
  };
}

export interface RehearsalRow {
  rehearsal: boolean;
  time_scale: number;
  channels: Plan['channels'] | null;
}

/** The reasons, from the row's plan and time scale; the flag decided at registration says whether. */
export function rehearsalOfRow(row: RehearsalRow): Rehearsal | null {
  if (!row.rehearsal) return null;
  return rehearsalOf({ channels: row.channels ?? [] }, row.time_scale) ?? { sandboxChannels: [] };
}

/** The channel ids of the campaign's plan; undefined when there is no such campaign. */
export async function planChannelIds(db: Queryable, campaignId: string): Promise<string[] | undefined> {
  const { rows } = await db.query<{ channels: Array<{ id: string }> | null }>(
    `SELECT plan->'channels' AS channels FROM campaigns WHERE id = $1`,
    [campaignId],
  );
  const found = rows[0];
  return found ? (found.channels ?? []).map((c) => c.id) : undefined;
}

/**
 * The channels metrics rows may name, and the plan date that is campaign day 1 for rows that give
 * a date; undefined when there is no such campaign.
 */
export async function metricsImportCampaign(db: Queryable, campaignId: string): Promise<ImportCampaign | undefined> {
  const { rows } = await db.query<{ channels: Array<{ id: string }> | null; start_date: string }>(
    `SELECT plan->'channels' AS channels,
            to_char(started_at AT TIME ZONE COALESCE(plan->>'timezone', 'Asia/Shanghai'), 'YYYY-MM-DD') AS start_date
       FROM campaigns WHERE id = $1`,
    [campaignId],
  );
  const found = rows[0];
  return found ? { channelIds: (found.channels ?? []).map((c) => c.id), startDate: found.start_date } : undefined;
}

/** The stored plan as written (checked by the caller), when the campaign started, its time scale, whether it is a rehearsal. */
export async function storedCampaign(
  db: Queryable, campaignId: string,
): Promise<{ plan: unknown; startedAt: string; timeScale: number; rehearsal: Rehearsal | null } | undefined> {
  const { rows } = await db.query<RehearsalRow & { plan: unknown; started_at: Date }>(
    `SELECT plan, started_at, time_scale, rehearsal, plan->'channels' AS channels FROM campaigns WHERE id = $1`,
    [campaignId],
  );
  const row = rows[0];
  return row ? { plan: row.plan, startedAt: row.started_at.toISOString(), timeScale: row.time_scale, rehearsal: rehearsalOfRow(row) } : undefined;
}
