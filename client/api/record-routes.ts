/**
 * What lives in the records database rather than in the workflow: a campaign's audit trail (read
 * by everyone) and channel metrics imported from files (ops).
 */
import { MAX_IMPORT_BYTES } from '../../domain/metrics-import.js';
import { defineRoute, type AnyRoute, type RouteDeps } from './route.js';
import { AuditTrailSchema, CampaignParams, MetricsFile, MetricsImportReportSchema, MetricsQuery } from './schemas.js';
import { ROLES } from './tokens.js';

export function auditRoute({ ops }: RouteDeps): AnyRoute {
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
    handle: async ({ params }) => ({ campaignId: params.id, entries: await ops.auditTrail(params.id) }),
  });
}

export function metricsImportRoute({ ops, importLimitBytes }: RouteDeps): AnyRoute {
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
    bodyLimitBytes: importLimitBytes ?? MAX_IMPORT_BYTES,
    success: { status: 200, schema: MetricsImportReportSchema, description: 'Imported; `rejected` lists the lines that were not.' },
    problems: ['malformed-body', 'campaign-not-found', 'unsupported-media-type', 'payload-too-large'],
    handle: ({ params, query, body }) => ops.importMetrics({
      campaignId: params.id, source: query.source, fileName: `upload.${body.format}`, text: body.text, format: body.format,
    }),
  });
}
