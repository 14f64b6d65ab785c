/**
 * Files of rows into a campaign's records (ops): channel metrics, audience interactions and survey
 * answers, each sent as the file itself — CSV with a header row as `text/csv`, or NDJSON as
 * `application/x-ndjson`, in UTF-8. Lines that do not check out are listed in `rejected` and every
 * other row is imported: the answer is still 200.
 */
import type { z } from 'zod';
import { MAX_INTERACTION_IMPORT_BYTES } from '../../domain/interactions/import.js';
import { MAX_IMPORT_BYTES } from '../../domain/metrics-import.js';
import type { CampaignOperations, FileImport } from '../operations/operations.js';
import { SurveyImportResponse, SurveyQuery } from './closing-schemas.js';
import { defineRoute, type AnyRoute, type RouteDeps } from './route.js';
import {
  CampaignParams, ImportFile, InteractionsImportReportSchema, InteractionsQuery, MetricsImportReportSchema, MetricsQuery,
} from './schemas.js';

interface ImportRoute {
  /** The last segment of `/v1/campaigns/:id/<path>`. */
  path: string;
  operationId: string;
  summary: string;
  description: string;
  query: z.ZodType<{ source: string }>;
  /** What the file is, in the document. */
  file: string;
  bodyLimitBytes: number;
  report: z.ZodType;
  run(ops: CampaignOperations, file: FileImport): Promise<unknown>;
}

function importRoute(ops: CampaignOperations, spec: ImportRoute): AnyRoute {
  return defineRoute({
    method: 'POST',
    url: `/v1/campaigns/:id/${spec.path}`,
    operationId: spec.operationId,
    summary: spec.summary,
    description: spec.description,
    roles: ['ops'],
    params: CampaignParams,
    query: spec.query,
    body: ImportFile,
    accepts: ['text/csv', 'application/x-ndjson'],
    text: {
      description: spec.file,
      toBody: (text, _query, mediaType) => ({ text, format: mediaType === 'text/csv' ? 'csv' : 'ndjson' }),
    },
    bodyLimitBytes: spec.bodyLimitBytes,
    success: { status: 200, schema: spec.report, description: 'Imported; `rejected` lists the lines that were not.' },
    problems: ['malformed-body', 'campaign-not-found', 'unsupported-media-type', 'payload-too-large'],
    handle: ({ params, query, body }) => spec.run(ops, {
      campaignId: params.id, source: query.source, fileName: `upload.${body.format}`, text: body.text, format: body.format,
    }),
  });
}

export function importRoutes({ ops, importLimitBytes }: RouteDeps): AnyRoute[] {
  return [
    importRoute(ops, {
      path: 'metrics',
      operationId: 'importMetrics',
      summary: 'Import daily channel metrics from a file',
      description:
        'Send a CSV export with a header row as `text/csv`, or NDJSON (one JSON object per line) as `application/x-ndjson`, ' +
        'in UTF-8; the columns are those of `campaign metrics import` (docs/metrics.md). Lines that do not check out are ' +
        'listed in `rejected` and every other row is imported; sending the same rows again adds nothing.',
      query: MetricsQuery,
      file: 'The metrics file.',
      bodyLimitBytes: importLimitBytes ?? MAX_IMPORT_BYTES,
      report: MetricsImportReportSchema,
      run: (o, file) => o.importMetrics(file),
    }),
    importRoute(ops, {
      path: 'interactions',
      operationId: 'importInteractions',
      summary: 'Import audience interactions from a file',
      description:
        'Send NDJSON (one JSON object per line) as `application/x-ndjson`, or a CSV export with a header row as `text/csv`, in ' +
        'UTF-8, with the fields id, channel, author, text, at (ISO instant with offset), replyTo and answeredAt (optional); see ' +
        'docs/execution.md. Each item is scored for sentiment, and the campaign is told, so it checks them now. Lines that do ' +
        'not check out are listed in `rejected` and every other item is imported; sending the same items again adds nothing.',
      query: InteractionsQuery,
      file: 'The interactions file.',
      bodyLimitBytes: importLimitBytes ?? MAX_INTERACTION_IMPORT_BYTES,
      report: InteractionsImportReportSchema,
      run: (o, file) => o.importInteractions(file),
    }),
    importRoute(ops, {
      path: 'survey',
      operationId: 'importSurvey',
      summary: 'Import survey answers',
      description:
        'Send a CSV with a header row as `text/csv`, or NDJSON as `application/x-ndjson`, in UTF-8: one answer per row with ' +
        '`answer_id`, `question`, `score` and/or `text`, optionally `respondent` and `out_of`. The report\'s qualitative section ' +
        'summarises them. An answer sent again under its id replaces the earlier one; lines that do not check out are listed in `rejected`.',
      query: SurveyQuery,
      file: 'The survey file.',
      bodyLimitBytes: MAX_IMPORT_BYTES,
      report: SurveyImportResponse,
      run: (o, file) => o.importSurvey(file),
    }),
  ];
}
