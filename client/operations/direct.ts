/**
 * The campaign operations against Temporal and the records database: the one place where the
 * client reaches data (client/campaigns.ts for Temporal; the records' reads and imports). The API
 * server serves its routes with it, the CLI uses it without --api, the rehearsals play teams on it.
 * Every failure is a CampaignError, so the CLI and the API report it alike.
 */
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import { planFromCase } from '../../domain/cases/plan-from-case.js';
import { ErrorType, exitCodeFor } from '../../domain/errors.js';
import { detectFormat } from '../../domain/metrics-import.js';
import { rehearsalLine, rehearsalOf, sandboxLaunchRefusal } from '../../domain/rehearsal.js';
import type { ReportLanguage } from '../../domain/report/format.js';
import { renderReport } from '../../domain/report/render.js';
import { createStore, type RecordsStore } from '../../store/index.js';
import {
  acknowledge, CampaignError, campaignSchedule, campaignStatus, completeTask, consult, crisisAction, decide, decidePilot, resolveStep, cancelCampaign,
  LIST_HINT, listCampaigns, prepare, retrospect, signalInteractionsArrived, startCampaign,
} from '../campaigns.js';
import { inbox } from '../inbox.js';
import type { CampaignSource } from '../read-model.js';
import type { Origin } from '../../domain/signing/envelope.js';
import type { VerifyingKey } from '../../domain/signing/keys.js';
import type { SendOptions, Signer } from '../signing.js';
import type { CampaignOperations, CampaignReport } from './operations.js';

export interface DirectDeps {
  /** Temporal: a connected client, or how to connect one when an operation first needs it. */
  client: Client | (() => Promise<Client>);
  /** The records database, or how to open it when first needed; without it only Temporal operations work. */
  pool?: Pool | (() => Promise<Pool>);
  /** The environment's task queue: campaigns start on it, lists and inboxes show only its campaigns. */
  taskQueue?: string | undefined;
  now?: () => Date;
  /** Told of what could not be done beside an operation that itself succeeded. */
  note?: (sentence: string) => void;
  /** Signs every person's Update (the API's service key, a CLI user's own key). */
  signer?: Signer | undefined;
  /** The keys a campaign started here must be signed with (the keyring); none: it takes the caller's word. */
  trustedKeys?: readonly VerifyingKey[] | undefined;
  /** The path actions come by when the caller does not say (the CLI, a rehearsal). */
  origin?: Origin | undefined;
}

export function directOperations(deps: DirectDeps): CampaignOperations {
  const temporal = lazy(deps.client);
  const pool = deps.pool ? lazy(deps.pool) : () => Promise.reject(new Error('these campaign operations have no records database'));
  let store: Promise<RecordsStore> | undefined;
  const records = () => (store ??= pool().then(createStore));
  const { taskQueue } = deps;
  const now = deps.now ?? (() => new Date());
  const send = (origin: Origin | undefined): SendOptions => ({ signer: deps.signer, origin: origin ?? deps.origin });
  /** Reads: the read model in the records store, Temporal for how the workflow is doing. */
  const source = async (): Promise<CampaignSource> => ({ client: temporal, store: await records().catch((err: unknown) => { throw recordsFailure(err); }) });
  /** A records operation on a campaign the records know, with their failures in the user's terms. */
  const onRecords = async <T>(campaignId: string, run: (store: RecordsStore) => Promise<T>): Promise<T> => {
    const store = await records();
    try {
      if (!(await store.campaigns.exists(campaignId))) throw notInRecords(campaignId);
      return await run(store);
    } catch (err) {
      throw recordsFailure(err);
    }
  };
  const onCases = async <T>(run: (store: RecordsStore) => Promise<T>): Promise<T> => {
    const store = await records();
    return run(store).catch((err: unknown) => { throw recordsFailure(err); });
  };
  const caseOf = (caseId: string) => onCases(async (store) => {
    const record = await store.cases.read(caseId);
    if (!record) {
      throw new CampaignError(`There is no case "${caseId}": a campaign becomes a case when it closes.`, 2, ErrorType.NotFound,
        '`campaign cases search <text>` finds cases.');
    }
    return record;
  });

  return {
    caller: async () => undefined,

    start: async ({ sandbox, ...request }) => {
      // Decided here, so the CLI and the API (both on these operations) refuse alike.
      const refusal = sandboxLaunchRefusal({ ...request, sandbox });
      if (refusal) throw new CampaignError(refusal, 3, ErrorType.SandboxLaunch);
      const started = await startCampaign(await temporal(), { ...request, trustedKeys: deps.trustedKeys, ...(taskQueue ? { taskQueue } : {}) });
      return { ...started, rehearsal: rehearsalOf(request.plan, request.timeScale) ?? null };
    },
    status: async (id) => campaignStatus(await source(), id, now()),
    list: async (filters = {}) => {
      const listings = await listCampaigns(await temporal(), { ...filters, taskQueue });
      // Which are rehearsals is the records' to say; without them the list still answers, unmarked.
      const rehearsals = await records().then((store) => store.campaigns.rehearsals(listings.map((l) => l.campaignId))).catch((err: unknown) => {
        deps.note?.(`rehearsals are not marked: the records database did not answer (${(err as Error).message}).`);
        return undefined;
      });
      return rehearsals ? listings.map((l) => (rehearsals.has(l.campaignId) ? { ...l, rehearsal: rehearsals.get(l.campaignId) !== null } : l)) : listings;
    },
    inbox: async (person) => inbox(await source(), person, { taskQueue, now: now() }).catch((err: unknown) => { throw recordsFailure(err); }),
    schedule: async (id) => campaignSchedule(await source(), id, now()),
    auditTrail: (id) => onRecords(id, (store) => store.audit.trail(id)),

    decide: async (id, input, origin) => decide(await source(), id, input, send(origin)),
    prepare: async (id, input, origin) => prepare(await temporal(), id, input, send(origin)),
    consult: async (id, input, origin) => consult(await temporal(), id, input, send(origin)),
    acknowledge: async (id, input, origin) => acknowledge(await temporal(), id, input, send(origin)),
    completeTask: async (id, input, origin) => completeTask(await temporal(), id, input, send(origin)),
    decidePilot: async (id, input, origin) => decidePilot(await temporal(), id, input, send(origin)),
    crisisAction: async (id, input, origin) => crisisAction(await temporal(), id, input, send(origin)),
    retrospect: async (id, input, origin) => retrospect(await temporal(), id, input, send(origin)),
    resolveStep: async (id, input, origin) => resolveStep(await temporal(), id, input, send(origin)),
    cancel: async (id, input, origin) => cancelCampaign(await temporal(), id, input, send(origin)),

    report: (id, { lang, format }) => onRecords(id, async (store): Promise<CampaignReport> => {
      const langs = (await store.campaigns.reportLanguages(id)) as ReportLanguage[];
      const chosen: ReportLanguage = lang ?? langs[0] ?? 'zh-CN';
      const stored = await store.reports.read(id, chosen, format);
      if (stored) return { campaignId: id, lang: chosen, format, stored: true, storedAt: stored.storedAt, body: stored.body };
      if (langs[0] && (await store.reports.read(id, langs[0], format))) {
        throw new CampaignError(`The report of "${id}" was stored in ${langs.join(', ')} only; ask for one of those.`, 2, ErrorType.NotFound);
      }
      const built = await store.reports.build(id, await campaignStatus({ client: temporal, store }, id, now()));
      return { campaignId: id, lang: chosen, format, stored: false, storedAt: null, body: renderReport(built.report, chosen, format) };
    }),
    searchCases: (search) => onCases((store) => store.cases.search(search)),
    getCase: caseOf,
    planDraft: async (caseId, { lang, id, includeRehearsals }) => {
      const record = await caseOf(caseId);
      if (record.rehearsal && !includeRehearsals) {
        throw new CampaignError(
          `Case "${caseId}" is a rehearsal: ${rehearsalLine(record.rehearsal).en} A plan drafted from it would copy simulated results.`,
          3, ErrorType.RehearsalCase, 'Draft from a real case, or say --include-rehearsals to start from it anyway.',
        );
      }
      const draft = planFromCase(record, { lang, ...(id ? { id } : {}) });
      return { caseId, yaml: draft.yaml, suggestions: draft.suggestions };
    },

    importMetrics: (file) => onRecords(file.campaignId, (store) => store.metrics.importFile(file)),
    importInteractions: (file) => onRecords(file.campaignId, async (store) => {
      const report = await store.interactions.importFile(file);
      // Best effort: the items are stored; a campaign that misses the signal reads them at its next check.
      if (report.inserted > 0) {
        await temporal().then((client) => signalInteractionsArrived(client, file.campaignId, report.inserted)).catch((err: unknown) => {
          deps.note?.(`the items are imported, but the campaign could not be told now (${(err as Error).message}); it reads them at its next check.`);
        });
      }
      return report;
    }),
    importSurvey: (file) => onRecords(file.campaignId, (store) => store.surveys.importFile({
      campaignId: file.campaignId, text: file.text, source: file.source, format: file.format ?? detectFormat(file.fileName, file.text),
    })),
  };
}

/** The value, or what the getter gives on first use (then kept). */
function lazy<T extends object>(source: T | (() => Promise<T>)): () => Promise<T> {
  if (typeof source !== 'function') return async () => source;
  let made: Promise<T> | undefined;
  return () => (made ??= (source as () => Promise<T>)());
}

/** The workflow writes the campaign's row a moment after it starts; until then it has no records. */
function notInRecords(campaignId: string): CampaignError {
  return new CampaignError(
    `There is no campaign "${campaignId}" in the records (a campaign appears there a moment after it starts).`, 2, ErrorType.CampaignNotFound, LIST_HINT,
  );
}

function recordsFailure(err: unknown): unknown {
  if (err instanceof ApplicationFailure) return new CampaignError(err.message, exitCodeFor(err.type ?? undefined), err.type ?? undefined);
  // An undefined table or column: the records database predates this part of the schema.
  const code = (err as { code?: unknown }).code;
  if (code === '42P01' || code === '42703') {
    return new CampaignError('The records database needs migrating: start `campaign worker` once (it applies migrations), then try again.', 1);
  }
  return err;
}
