/**
 * The campaign operations of client/campaigns.ts (and the inbox, audit trail and metrics import)
 * over the HTTP API (docs/api.md), for people with a token but no Temporal or database access.
 * The person acting is the token's, so no operation takes a `by`. Refusals come back as the same
 * CampaignErrors, with the same exit codes and failure types, as over Temporal.
 */
import type { InteractionsImportReport, MetricsImportReport, SurveyImportReport } from '../store/index.js';
import type { CrisisActionInput, PilotDecisionInput } from '../domain/execution/actions.js';
import type { ProgressReport } from '../domain/execution/task-progress.js';
import type { CaseRecord } from '../domain/cases/case-record.js';
import type { CaseHit } from '../domain/cases/case-search.js';
import type { PlanSuggestion } from '../domain/cases/plan-from-case.js';
import type { RetrospectiveInput } from '../domain/closing/retrospective.js';
import type {
  ConsultationInput, DecisionInput, DecisionResult, PreparationInput, TaskDoneInput,
} from '../domain/gates.js';
import type { ImportFormat } from '../domain/metrics-import.js';
import type { Plan } from '../domain/plan/schema.js';
import type { ActionResult, CampaignStatus } from '../workflows/contract.js';
import { failureOfProblem, type ProblemBody } from './api/problems.js';
import type { Caller } from './api/tokens.js';
import type { AuditEntry } from './audit.js';
import { CampaignError, type CampaignListing, type CampaignSchedule } from './campaigns.js';
import type { Inbox } from './inbox.js';

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

export class ApiCampaignClient {
  readonly #base: URL;
  readonly #token: string;

  constructor(target: ApiTarget) {
    this.#base = new URL(target.url.endsWith('/') ? target.url : `${target.url}/`);
    this.#token = target.token;
  }

  whoAmI(): Promise<Caller> {
    return this.#call('GET', 'v1/me');
  }

  startCampaign(opts: { plan: Plan; campaignId?: string | undefined; timeScale: number }): Promise<{ campaignId: string; workflowId: string; runId: string }> {
    return this.#call('POST', 'v1/campaigns', {
      json: { plan: opts.plan, timeScale: opts.timeScale, ...(opts.campaignId !== undefined ? { id: opts.campaignId } : {}) },
    });
  }

  async campaignStatus(id: string): Promise<CampaignStatus> {
    const status = await this.#call<Omit<CampaignStatus, 'closing'> & { closing: CampaignStatus['closing'] | null }>('GET', `v1/campaigns/${segment(id)}`);
    return { ...status, closing: status.closing ?? undefined };
  }

  async listCampaigns(filters: { phase?: string | undefined; waitingOn?: string | undefined } = {}): Promise<CampaignListing[]> {
    type Wire = Omit<CampaignListing, 'phase' | 'owner'> & { phase: string | null; owner: string | null };
    const { campaigns } = await this.#call<{ campaigns: Wire[] }>('GET', 'v1/campaigns', { query: { phase: filters.phase, waitingOn: filters.waitingOn } });
    return campaigns.map((c) => ({ ...c, phase: c.phase ?? undefined, owner: c.owner ?? undefined }));
  }

  decide(id: string, input: Omit<DecisionInput, 'by'>): Promise<DecisionResult> {
    const { gate, ...body } = input;
    return this.#call('POST', `v1/campaigns/${segment(id)}/gates/${segment(gate)}/decisions`, { json: body });
  }

  prepare(id: string, input: Omit<PreparationInput, 'by'>): Promise<ActionResult> {
    const { gate, ...body } = input;
    return this.#call('POST', `v1/campaigns/${segment(id)}/gates/${segment(gate)}/readiness`, { json: body });
  }

  consult(id: string, input: Omit<ConsultationInput, 'by'>): Promise<ActionResult> {
    const { gate, ...body } = input;
    return this.#call('POST', `v1/campaigns/${segment(id)}/gates/${segment(gate)}/consultations`, { json: body });
  }

  acknowledge(id: string): Promise<ActionResult> {
    return this.#call('POST', `v1/campaigns/${segment(id)}/acknowledgements`, { json: {} });
  }

  completeTask(id: string, input: Omit<TaskDoneInput, 'by'>): Promise<ActionResult> {
    return this.#call('POST', `v1/campaigns/${segment(id)}/tasks/${segment(input.task)}/completion`, { json: {} });
  }

  /** What waits for the token's person. */
  inbox(): Promise<Inbox> {
    return this.#call('GET', 'v1/inbox');
  }

  async auditTrail(id: string): Promise<AuditEntry[]> {
    return (await this.#call<{ entries: AuditEntry[] }>('GET', `v1/campaigns/${segment(id)}/audit`)).entries;
  }

  importMetrics(input: { campaignId: string; source: string; format: ImportFormat; text: string }): Promise<MetricsImportReport> {
    return this.#call('POST', `v1/campaigns/${segment(input.campaignId)}/metrics`, {
      query: { source: input.source },
      text: { body: input.text, contentType: MEDIA_TYPES[input.format] },
    }, IMPORT_TIMEOUT_MS);
  }

  /** The closing report: stored, or live before the campaign closes (`stored: false`). */
  report(id: string, opts: { lang?: string | undefined; format: string }): Promise<{ campaignId: string; lang: string; format: string; stored: boolean; storedAt: string | null; body: string }> {
    return this.#call('GET', `v1/campaigns/${segment(id)}/report`, { query: { lang: opts.lang, format: opts.format } });
  }

  retrospect(id: string, input: Omit<RetrospectiveInput, 'by'>): Promise<ActionResult> {
    return this.#call('POST', `v1/campaigns/${segment(id)}/retrospective`, { json: input });
  }

  async searchCases(search: { q: string; kind?: string | undefined; strategy?: string | undefined; since?: string | undefined; until?: string | undefined }): Promise<CaseHit[]> {
    return (await this.#call<{ cases: CaseHit[] }>('GET', 'v1/cases', { query: search })).cases;
  }

  getCase(id: string): Promise<CaseRecord> {
    return this.#call('GET', `v1/cases/${segment(id)}`);
  }

  planDraft(id: string, opts: { lang: string; id?: string | undefined }): Promise<{ caseId: string; yaml: string; suggestions: PlanSuggestion[] }> {
    return this.#call('GET', `v1/cases/${segment(id)}/plan-draft`, { query: { lang: opts.lang, id: opts.id } });
  }

  importSurvey(input: { campaignId: string; source: string; format: ImportFormat; text: string }): Promise<SurveyImportReport> {
    return this.#call('POST', `v1/campaigns/${segment(input.campaignId)}/survey`, {
      query: { source: input.source },
      text: { body: input.text, contentType: MEDIA_TYPES[input.format] },
    }, IMPORT_TIMEOUT_MS);
  }

  decidePilot(id: string, input: Omit<PilotDecisionInput, 'by'>): Promise<ActionResult> {
    return this.#call('POST', `v1/campaigns/${segment(id)}/pilot-decisions`, { json: input });
  }

  crisisAction(id: string, input: Omit<CrisisActionInput, 'by'>): Promise<ActionResult> {
    return this.#call('POST', `v1/campaigns/${segment(id)}/crisis-actions`, { json: input });
  }

  /** The task schedule as it runs (planned, actual, forecast), and where now falls on it. */
  async schedule(id: string): Promise<CampaignSchedule> {
    const { schedule, now } = await this.#call<{ schedule: ProgressReport | null; now: number | null }>('GET', `v1/campaigns/${segment(id)}/schedule`);
    return { schedule: schedule ?? undefined, now: now ?? undefined };
  }

  importInteractions(input: { campaignId: string; source: string; format: ImportFormat; text: string }): Promise<InteractionsImportReport> {
    return this.#call('POST', `v1/campaigns/${segment(input.campaignId)}/interactions`, {
      query: { source: input.source },
      text: { body: input.text, contentType: MEDIA_TYPES[input.format] },
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
