/**
 * The campaign operations over the HTTP API (docs/api.md), for people with a token but no Temporal
 * or database access: the CLI with --api or CAMPAIGN_API_URL. The token says who acts, so the `by`
 * of an input is not sent (the CLI has checked it is the token's person). Refusals come back as
 * the same CampaignErrors, with the same exit codes and failure types, as directly.
 */
import type { MetricsImportReport, InteractionsImportReport, SurveyImportReport } from '../../store/index.js';
import type { CaseRecord } from '../../domain/cases/case-record.js';
import type { CaseHit } from '../../domain/cases/case-search.js';
import { detectFormat, type ImportFormat } from '../../domain/metrics-import.js';
import type { ProgressReport } from '../../domain/execution/task-progress.js';
import type { ActionResult, CampaignStatus } from '../../workflows/contract.js';
import { failureOfProblem, type ProblemBody } from '../api/problems.js';
import type { Caller, IssuedToken, TokenAdministration, TokenAuditEntry, TokenRecord } from '../api/tokens.js';
import type { AuditEntry } from '../../store/index.js';
import { CampaignError, type CampaignListing, type CampaignReading } from '../campaigns.js';
import type { Inbox } from '../inbox.js';
import type { CampaignOperations, CampaignReport, FileImport, PlanDraft, StartedCampaign } from './operations.js';

export interface ApiTarget {
  /** The API's base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  token: string;
}

interface Request {
  query?: Record<string, string | undefined>;
  json?: unknown;
  text?: { body: string; contentType: string };
}

/** Imports are the slow requests: a 50 MiB file is parsed and written in one transaction. */
const DEFAULT_TIMEOUT_MS = 60_000;
const IMPORT_TIMEOUT_MS = 600_000;

const MEDIA_TYPES: Record<ImportFormat, string> = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson; charset=utf-8' };

export class HttpOperations implements CampaignOperations, TokenAdministration {
  readonly #base: URL;
  readonly #token: string;

  constructor(target: ApiTarget) {
    this.#base = new URL(target.url.endsWith('/') ? target.url : `${target.url}/`);
    this.#token = target.token;
  }

  caller(): Promise<Caller> {
    return this.#call('GET', 'v1/me');
  }

  start: CampaignOperations['start'] = ({ plan, campaignId, timeScale, sandbox }) => this.#call<StartedCampaign>('POST', 'v1/campaigns', {
    json: { plan, timeScale, ...(campaignId !== undefined ? { id: campaignId } : {}), ...(sandbox ? { sandbox } : {}) },
  });

  status: CampaignOperations['status'] = async (id) => {
    const status = await this.#call<Omit<CampaignReading, 'closing'> & { closing: CampaignStatus['closing'] | null }>('GET', campaign(id));
    return { ...status, closing: status.closing ?? undefined };
  };

  list: CampaignOperations['list'] = async (filters = {}) => {
    type Wire = Omit<CampaignListing, 'phase' | 'owner'> & { phase: string | null; owner: string | null };
    const { campaigns } = await this.#call<{ campaigns: Wire[] }>('GET', 'v1/campaigns', { query: { phase: filters.phase, waitingOn: filters.waitingOn } });
    return campaigns.map((c) => ({ ...c, phase: c.phase ?? undefined, owner: c.owner ?? undefined }));
  };

  /** The token's person's inbox: nobody sees someone else's. */
  inbox: CampaignOperations['inbox'] = () => this.#call<Inbox>('GET', 'v1/inbox');

  schedule: CampaignOperations['schedule'] = async (id) => {
    const { schedule, now } = await this.#call<{ schedule: ProgressReport | null; now: number | null }>('GET', `${campaign(id)}/schedule`);
    return { schedule: schedule ?? undefined, now: now ?? undefined };
  };

  auditTrail: CampaignOperations['auditTrail'] = async (id) => (await this.#call<{ entries: AuditEntry[] }>('GET', `${campaign(id)}/audit`)).entries;

  decide: CampaignOperations['decide'] = (id, { gate, by: _by, ...body }) => this.#call('POST', `${campaign(id)}/gates/${segment(gate)}/decisions`, { json: body });
  prepare: CampaignOperations['prepare'] = (id, { gate, by: _by, ...body }) => this.#act(`${campaign(id)}/gates/${segment(gate)}/readiness`, body);
  consult: CampaignOperations['consult'] = (id, { gate, by: _by, ...body }) => this.#act(`${campaign(id)}/gates/${segment(gate)}/consultations`, body);
  acknowledge: CampaignOperations['acknowledge'] = (id) => this.#act(`${campaign(id)}/acknowledgements`, {});
  completeTask: CampaignOperations['completeTask'] = (id, { task }) => this.#act(`${campaign(id)}/tasks/${segment(task)}/completion`, {});
  decidePilot: CampaignOperations['decidePilot'] = (id, { by: _by, ...body }) => this.#act(`${campaign(id)}/pilot-decisions`, body);
  crisisAction: CampaignOperations['crisisAction'] = (id, { by: _by, ...body }) => this.#act(`${campaign(id)}/crisis-actions`, body);
  retrospect: CampaignOperations['retrospect'] = (id, { by: _by, ...body }) => this.#act(`${campaign(id)}/retrospective`, body);
  resolveStep: CampaignOperations['resolveStep'] = (id, { step, by: _by, ...body }) => this.#act(`${campaign(id)}/steps/${segment(step)}`, body);
  cancel: CampaignOperations['cancel'] = (id, { by: _by, ...body }) => this.#act(`${campaign(id)}/cancellation`, body);

  report: CampaignOperations['report'] = (id, { lang, format }) => this.#call<CampaignReport>('GET', `${campaign(id)}/report`, { query: { lang, format } });

  searchCases: CampaignOperations['searchCases'] = async ({ q, kind, strategy, since, until, limit, includeRehearsals }) => {
    const query = { q, kind, strategy, since, until, limit: String(limit), includeRehearsals: String(includeRehearsals) };
    return (await this.#call<{ cases: CaseHit[] }>('GET', 'v1/cases', { query })).cases;
  };

  getCase: CampaignOperations['getCase'] = (id) => this.#call<CaseRecord>('GET', `v1/cases/${segment(id)}`);
  planDraft: CampaignOperations['planDraft'] = (caseId, { lang, id, includeRehearsals }) => this.#call<PlanDraft>('GET', `v1/cases/${segment(caseId)}/plan-draft`, {
    query: { lang, id, ...(includeRehearsals ? { includeRehearsals: 'true' } : {}) },
  });

  importMetrics: CampaignOperations['importMetrics'] = (file) => this.#import<MetricsImportReport>('metrics', file);
  /** The server tells the campaign. */
  importInteractions: CampaignOperations['importInteractions'] = (file) => this.#import<InteractionsImportReport>('interactions', file);
  importSurvey: CampaignOperations['importSurvey'] = (file) => this.#import<SurveyImportReport>('survey', file);

  issueToken: TokenAdministration['issueToken'] = ({ person, role, label, ttlDays }) => this.#call<IssuedToken>('POST', 'v1/tokens', {
    json: { person, role, ...(label !== undefined ? { label } : {}), ...(ttlDays !== undefined ? { ttlDays } : {}) },
  });

  listTokens: TokenAdministration['listTokens'] = async () => (await this.#call<{ tokens: TokenRecord[] }>('GET', 'v1/tokens')).tokens;

  revokeToken: TokenAdministration['revokeToken'] = async (id) =>
    (await this.#call<{ outcome: 'revoked' | 'already-revoked' }>('POST', `v1/tokens/${segment(id)}/revoke`)).outcome;

  tokenAudit: TokenAdministration['tokenAudit'] = async (id) =>
    (await this.#call<{ entries: TokenAuditEntry[] }>('GET', `v1/tokens/${segment(id)}/audit`)).entries;

  #act(path: string, body: object): Promise<ActionResult> {
    return this.#call('POST', path, { json: body });
  }

  /** The API reads the format from the media type, so it is settled here as a direct import would. */
  #import<R>(what: 'metrics' | 'interactions' | 'survey', file: FileImport): Promise<R> {
    const format = file.format ?? detectFormat(file.fileName, file.text);
    return this.#call('POST', `${campaign(file.campaignId)}/${what}`, {
      query: { source: file.source },
      text: { body: file.text, contentType: MEDIA_TYPES[format] },
    }, IMPORT_TIMEOUT_MS);
  }

  async #call<T>(method: 'GET' | 'POST', path: string, request: Request = {}, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    const url = new URL(path, this.#base);
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    const headers: Record<string, string> = { authorization: `Bearer ${this.#token}`, accept: 'application/json' };
    let body: string | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.text) {
      headers['content-type'] = request.text.contentType;
      body = request.text.body;
    }
    let response: Response;
    try {
      response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}), signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new CampaignError(`Cannot reach the campaign API at ${this.#base.origin} (${reason(err, timeoutMs)}). Is \`campaign api\` running there? Set CAMPAIGN_API_URL or --api to point elsewhere.`, 1);
    }
    const text = await response.text().catch(() => '');
    if (response.ok) {
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new CampaignError(`The campaign API at ${this.#base.origin} answered ${method} ${url.pathname} with something other than JSON.`, 1);
      }
    }
    throw failure(response, text);
  }
}

function segment(value: string): string {
  return encodeURIComponent(value);
}

function campaign(id: string): string {
  return `v1/campaigns/${segment(id)}`;
}

function reason(err: unknown, timeoutMs: number): string {
  if ((err as Error).name === 'TimeoutError') return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}

/** A problem+json answer as the sentence and exit code the CLI reports; anything else by its status. */
function failure(response: Response, text: string): CampaignError {
  const problem = problemBody(response, text);
  if (!problem) {
    const { exitCode } = failureOfProblem('', response.status);
    return new CampaignError(`The campaign API answered ${response.status} ${response.statusText}.`, exitCode);
  }
  const { exitCode, type } = failureOfProblem(problem.type, problem.status);
  const details = (problem.errors ?? []).map((e) => `\n  ${[e.path, e.message].filter(Boolean).join(': ')}${e.fix ? ` (${e.fix})` : ''}`);
  return new CampaignError(`${problem.detail}${details.join('')}`, exitCode, type);
}

function problemBody(response: Response, text: string): ProblemBody | undefined {
  if (!(response.headers.get('content-type') ?? '').startsWith('application/problem+json')) return undefined;
  try {
    const body = JSON.parse(text) as Partial<ProblemBody>;
    return typeof body.type === 'string' && typeof body.detail === 'string'
      ? { ...body, type: body.type, detail: body.detail, title: body.title ?? '', status: body.status ?? response.status }
      : undefined;
  } catch {
    return undefined;
  }
}
