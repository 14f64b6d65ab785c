/**
 * Everything a person does with a campaign, in one interface: the CLI's commands and the API's
 * routes are each a thin layer over it. Two transports implement it: direct.ts (Temporal and the
 * records database, used by the API server, the CLI without --api, and the rehearsals) and http.ts
 * (the HTTP API, used by the CLI with --api or CAMPAIGN_API_URL). Inputs carry the person acting
 * (`by`); over HTTP the token says who acts, and the CLI checks that both agree before calling.
 * Failures are CampaignErrors whose exit code and type say the same on both transports.
 */
import type { MetricsImportReport, InteractionsImportReport, SurveyImportReport } from '../../store/index.js';
import type { ReportFormat } from '../../domain/report/render.js';
import type { CaseRecord } from '../../domain/cases/case-record.js';
import type { CaseHit, CaseSearch } from '../../domain/cases/case-search.js';
import type { PlanSuggestion } from '../../domain/cases/plan-from-case.js';
import type { RetrospectiveInput } from '../../domain/closing/retrospective.js';
import type { CrisisActionInput, PilotDecisionInput } from '../../domain/execution/actions.js';
import type { StepResolutionInput } from '../../domain/execution/steps.js';
import type { CancellationInput } from '../../domain/execution/cancellation.js';
import type {
  AcknowledgementInput, ConsultationInput, DecisionInput, DecisionResult, PreparationInput, TaskDoneInput,
} from '../../domain/gates.js';
import type { ImportFormat } from '../../domain/metrics-import.js';
import type { Plan } from '../../domain/plan/schema.js';
import type { Rehearsal } from '../../domain/rehearsal.js';
import type { ReportLanguage } from '../../domain/report/format.js';
import type { ActionResult } from '../../workflows/contract.js';
import type { Origin } from '../../domain/signing/envelope.js';

/** The path a person's action came by, recorded with it in the audit trail (domain/signing/envelope.ts). */
export type { Origin };
import type { AuditEntry } from '../../store/index.js';
import type { CampaignListing, CampaignReading, CampaignSchedule } from '../campaigns.js';
import type { Inbox } from '../inbox.js';

export interface StartRequest {
  /** A plan that has passed validation (domain/plan). */
  plan: Plan;
  /** Default: the plan id. One id names one campaign for good. */
  campaignId?: string | undefined;
  timeScale: number;
  /**
   * The person says a start at time scale 1 with sandbox channels is a rehearsal at full length;
   * without it such a start is refused (domain/rehearsal.ts `sandboxLaunchRefusal`).
   */
  sandbox?: boolean | undefined;
  /** Rollout days per workflow run (rehearsals and tests shorten it to see continue-as-new). */
  continueAsNewEveryDays?: number | undefined;
}

export interface StartedCampaign {
  campaignId: string;
  workflowId: string;
  runId: string;
  /** Why it is a rehearsal; null for a real campaign. Absent from older APIs. */
  rehearsal?: Rehearsal | null;
  /** The keys its decisions must be signed with; none: it takes the caller's word. Absent from older APIs. */
  trustedKeys?: string[];
}

export interface ListFilters {
  phase?: string | undefined;
  waitingOn?: string | undefined;
}

export interface ReportRequest {
  /** Default: the plan's first report language. */
  lang?: ReportLanguage | undefined;
  format: ReportFormat;
}

export interface CampaignReport {
  campaignId: string;
  lang: ReportLanguage;
  format: ReportFormat;
  /** True for the report stored at closing; false for a live one built now. */
  stored: boolean;
  storedAt: string | null;
  body: string;
}

export interface PlanDraftRequest {
  lang: ReportLanguage;
  /** A rehearsal's case is refused as a source unless this is true; the draft then says so loudly. */
  includeRehearsals?: boolean | undefined;
  /** Default: the case's plan id with -next. */
  id?: string | undefined;
}

export interface PlanDraft {
  caseId: string;
  yaml: string;
  suggestions: PlanSuggestion[];
}

/** A file of rows (metrics, interactions, survey answers) for one campaign. */
export interface FileImport {
  campaignId: string;
  /** Where the rows come from; record ids are unique per source. */
  source: string;
  /** Tells CSV from NDJSON by its extension when `format` is not given. */
  fileName: string;
  text: string;
  format?: ImportFormat | undefined;
}

export interface CampaignOperations {
  /** Who the transport itself says is acting (an API token's person); undefined when the caller says. */
  caller(): Promise<{ person: string } | undefined>;

  /** Refused (SandboxLaunch) at time scale 1 with sandbox channels unless `sandbox` is said. */
  start(request: StartRequest): Promise<StartedCampaign>;
  status(id: string): Promise<CampaignReading>;
  /** Newest first; only the campaigns of this environment (its task queue); rehearsals marked. */
  list(filters?: ListFilters): Promise<CampaignListing[]>;
  /** What waits for the person, longest waiting first. */
  inbox(person: string): Promise<Inbox>;
  schedule(id: string): Promise<CampaignSchedule>;
  auditTrail(id: string): Promise<AuditEntry[]>;

  decide(id: string, input: DecisionInput, origin?: Origin): Promise<DecisionResult>;
  prepare(id: string, input: PreparationInput, origin?: Origin): Promise<ActionResult>;
  consult(id: string, input: ConsultationInput, origin?: Origin): Promise<ActionResult>;
  acknowledge(id: string, input: AcknowledgementInput, origin?: Origin): Promise<ActionResult>;
  completeTask(id: string, input: TaskDoneInput, origin?: Origin): Promise<ActionResult>;
  decidePilot(id: string, input: PilotDecisionInput, origin?: Origin): Promise<ActionResult>;
  crisisAction(id: string, input: CrisisActionInput, origin?: Origin): Promise<ActionResult>;
  retrospect(id: string, input: RetrospectiveInput, origin?: Origin): Promise<ActionResult>;
  /** A failed step (an effect or record the campaign could not carry out) retried or skipped. */
  resolveStep(id: string, input: StepResolutionInput, origin?: Origin): Promise<ActionResult>;
  /** The owner (or their delegate) or ops stop the campaign; it closes with a short report. */
  cancel(id: string, input: CancellationInput, origin?: Origin): Promise<ActionResult>;

  /** The report stored at closing, or before the campaign closes a live one (`stored: false`). */
  report(id: string, request: ReportRequest): Promise<CampaignReport>;
  searchCases(search: CaseSearch): Promise<CaseHit[]>;
  getCase(id: string): Promise<CaseRecord>;
  planDraft(caseId: string, request: PlanDraftRequest): Promise<PlanDraft>;

  importMetrics(file: FileImport): Promise<MetricsImportReport>;
  /** Imported interactions also tell the running campaign, so it checks them now. */
  importInteractions(file: FileImport): Promise<InteractionsImportReport>;
  importSurvey(file: FileImport): Promise<SurveyImportReport>;
}
