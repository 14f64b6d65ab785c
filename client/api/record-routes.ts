/**
 * What lives in the records database rather than in the workflow: a campaign's audit trail (read
 * by everyone) and channel metrics imported from files (ops).
 */
import { ApplicationFailure } from '@temporalio/common';
import type pg from 'pg';
import { exitCodeFor } from '../../domain/errors.js';
import { MAX_IMPORT_BYTES } from '../../domain/metrics-import.js';
import { createStore } from '../../store/index.js';
import { auditTrail, campaignExists } from '../audit.js';
import { CampaignError } from '../campaigns.js';
import { ApiProblem, problemFromCampaignError } from './problems.js';
import { defineRoute, type AnyRoute } from './route.js';
import { AuditTrailSchema, CampaignParams, MetricsFile, MetricsImportReportSchema, MetricsQuery } from './schemas.js';
import { ROLES } from './tokens.js';

export interface RecordRouteDeps {
  pool: pg.Pool;
  /** Largest metrics file taken in one request; default what `campaign metrics import` takes. */
  importLimitBytes?: number;
}

/** The workflow writes the campaign's row a moment after it starts; until then it has no records. */
async function requireRecords(pool: pg.Pool, campaignId: string): Promise<void> {
  if (await campaignExists(pool, campaignId)) return;
  throw new ApiProblem('campaign-not-found', `There is no campaign "${campaignId}" in the records (a campaign appears there a moment after it starts).`);
}

export function auditRoute(deps: RecordRouteDeps): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: '/v1/campaigns/:id/audit',
    operationId: 'auditTrail',
    summary: 'A campaign\'s audit trail',
    description: 'Decisions, readiness, checklist ticks, consultations, acknowledgements, tasks, reminders and escalations, oldest first.',
    roles: ROLES,
    params: CampaignParams,
    success: { status: 200, schema: AuditTrailSchema, description: 'The trail.' },
    problems: ['campaign-not-found'],
    async handle({ params }) {
      await requireRecords(deps.pool, params.id);
      return { campaignId: params.id, entries: await auditTrail(deps.pool, params.id) };
    },
  });
}

export function metricsImportRoute(deps: RecordRouteDeps): AnyRoute {
  return defineRoute({
    method: 'POST',
    url: '/v1/campaigns/:id/metrics',
    operationId: 'importMetrics',
    summary: 'Import daily channel metrics from a file',
    description:
      'Send a CSV export with a header row as `text/csv`, or NDJSON (one JSON object per line) as `application/x-ndjson`, ' +
      'in UTF-8; the columns are those of `campaign metrics import` (docs/metrics.md). Lines that do not check out are ' +
      'listed in `rejected` and every other row is imported; sending the same rows again adds nothing.',
    roles: ['ops'],
    params: CampaignParams,
    query: MetricsQuery,
    body: MetricsFile,
    accepts: ['text/csv', 'application/x-ndjson'],
    text: {
      description: 'The metrics file.',
      toBody: (text, _query, mediaType) => ({ text, format: mediaType === 'text/csv' ? 'csv' : 'ndjson' }),
    },
    bodyLimitBytes: deps.importLimitBytes ?? MAX_IMPORT_BYTES,
    success: { status: 200, schema: MetricsImportReportSchema, description: 'Imported; `rejected` lists the lines that were not.' },
    problems: ['malformed-body', 'campaign-not-found', 'unsupported-media-type', 'payload-too-large'],
    async handle({ params, query, body }) {
      await requireRecords(deps.pool, params.id);
      try {
        return await createStore(deps.pool).metrics.importFile({
          campaignId: params.id, source: query.source, fileName: `upload.${body.format}`, text: body.text, format: body.format,
        });
      } catch (err) {
        if (!(err instanceof ApplicationFailure)) throw err;
        const type = err.type ?? undefined;
        throw problemFromCampaignError(new CampaignError(err.message, exitCodeFor(type), type), params.id);
      }
    },
  });
}
