/**
 * The case library: one case per closed campaign, searchable in Chinese and English through a
 * tsvector of our own tokens (domain/cases/search-tokens.ts) with the `simple` configuration.
 */
import { caseSearchTexts, type CaseRecord } from '../domain/cases/case-record.js';
import type { CaseHit, CaseSearch } from '../domain/cases/case-search.js';
import { searchQuery, textMatches, tsvectorLiteral } from '../domain/cases/search-tokens.js';
import { rehearsalOfRow, type RehearsalRow } from './campaigns.js';
import type { Queryable } from './db.js';

const MAX_HIGHLIGHTS = 3;

export interface CaseRecords {
  /** Files the case; an unchanged record leaves the row as it was. */
  file(record: CaseRecord): Promise<void>;
  /**
   * Cases whose words match every part of the search, best first (ts_rank over weighted lexemes:
   * title and strategy above what people wrote, above the plan's words), newest first on a tie.
   * Rehearsals only with `includeRehearsals`: their campaign row says which they are.
   */
  search(search: CaseSearch): Promise<CaseHit[]>;
  /** The case with `rehearsal` as its campaign row says (cases filed before the flag carry it too). */
  read(campaignId: string): Promise<CaseRecord | undefined>;
}

export function caseRecords(db: Queryable): CaseRecords {
  return {
    file: (record) => fileCase(db, record),

    async search(search) {
      const query = searchQuery(search.q);
      if (query === undefined) return [];
      const { rows } = await db.query<{
        campaign_id: string; title: string; strategy: string | null; channel_kinds: string[]; closed_at: Date; rank: number; record: CaseRecord;
        rehearsal: boolean;
      }>(
        `SELECT campaign_id, title, strategy, channel_kinds, closed_at, ts_rank(search, $1::tsquery)::float8 AS rank, record, c.rehearsal
           FROM cases JOIN campaigns c ON c.id = cases.campaign_id
          WHERE search @@ $1::tsquery
            AND ($7 OR NOT c.rehearsal)
            AND ($2::text IS NULL OR $2 = ANY(channel_kinds))
            AND ($3::text IS NULL OR strategy = $3)
            AND ($4::date IS NULL OR closed_at >= $4::date)
            AND ($5::date IS NULL OR closed_at < $5::date + 1)
          ORDER BY rank DESC, closed_at DESC, campaign_id
          LIMIT $6`,
        [query, search.kind ?? null, search.strategy ?? null, search.since ?? null, search.until ?? null, search.limit, search.includeRehearsals],
      );
      return rows.map((r) => ({
        campaignId: r.campaign_id,
        title: r.title,
        strategy: r.strategy,
        channelKinds: r.channel_kinds,
        closedAt: r.closed_at.toISOString(),
        rehearsal: r.rehearsal,
        rank: Math.round(r.rank * 10_000) / 10_000,
        highlights: highlights(r.record, search.q),
      }));
    },

    async read(campaignId) {
      const { rows } = await db.query<RehearsalRow & { record: CaseRecord }>(
        `SELECT record, c.rehearsal, c.time_scale, c.plan->'channels' AS channels
           FROM cases JOIN campaigns c ON c.id = cases.campaign_id WHERE campaign_id = $1`,
        [campaignId],
      );
      const row = rows[0];
      if (!row) return undefined;
      const { rehearsal: _filed, ...record } = row.record;
      const rehearsal = rehearsalOfRow(row);
      return rehearsal ? { ...record, rehearsal } : record;
    },
  };
}

/** Files the case on `db` (a transaction's client, when filed with the report). */
export async function fileCase(db: Queryable, record: CaseRecord): Promise<void> {
  await db.query(
    `INSERT INTO cases (campaign_id, title, plan, record, strategy, channel_kinds, started_at, closed_at, search)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::tsvector)
     ON CONFLICT (campaign_id) DO UPDATE SET
       title = EXCLUDED.title, plan = EXCLUDED.plan, record = EXCLUDED.record, strategy = EXCLUDED.strategy,
       channel_kinds = EXCLUDED.channel_kinds, started_at = EXCLUDED.started_at, closed_at = EXCLUDED.closed_at,
       search = EXCLUDED.search, updated_at = now()
     WHERE cases.record IS DISTINCT FROM EXCLUDED.record`,
    [
      record.campaignId, record.title, JSON.stringify(record.plan), JSON.stringify(record), record.strategy,
      record.channelKinds, record.startedAt, record.closedAt, tsvectorLiteral(caseSearchTexts(record)),
    ],
  );
}

/** What people wrote that matches: the lines to show beside a hit. */
function highlights(record: CaseRecord, q: string): string[] {
  const texts = record.retrospective.answers.flatMap((a) => [
    ...a.lessons.map((l) => l.text), ...a.worked, ...a.didNot.map((d) => `${d.what} — ${d.rootCause}`),
  ]);
  return texts.filter((t) => textMatches(t, q)).slice(0, MAX_HIGHLIGHTS);
}
