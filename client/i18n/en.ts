/**
 * What the `campaign` command says, in English. This object is the catalogue's shape: every other
 * language (zh-CN.ts) is typed against it, so a sentence added here without its translation fails
 * to compile.
 */
import type { WaitingKind } from '../../domain/preparation/waiting.js';

const WAITING_KINDS: Record<WaitingKind, string> = {
  decide: 'decide', prepare: 'prepare', consult: 'consult', acknowledge: 'acknowledge', task: 'task',
  pilot: 'pilot', crisis: 'crisis', retrospect: 'retrospective', step: 'failed step',
};

export const en = {
  /** Before every error sentence on stderr. */
  failure: (sentence: string) => `campaign: ${sentence}`,
  join: (items: readonly string[]) => items.join(', '),
  nobody: 'nobody',
  none: 'none',

  cancel: {
    reasonRequired: 'Say why with --comment "…": the team is told, and the audit trail keeps it.',
    done: (id: string, by: string) => `Campaign ${id}: cancelled by ${by}. It closes with a short report; \`campaign status ${id}\` shows when it has.`,
  },
  start: {
    started: (id: string, workflowId: string) => `Started campaign ${id} (workflow ${workflowId}).`,
    gatesWaitFor: (people: string) => `Gates wait for: ${people}.`,
    signed: (keys: string) => `Decisions must be signed, by keys: ${keys}.`,
    unsigned: 'Warning: decisions are NOT signed — anyone who can reach Temporal can decide as anyone. Set CAMPAIGN_TRUSTED_KEYS (docs/security.md).',
    rehearsalCases: 'The case library leaves it out unless asked.',
    follow: (id: string) => `Follow it with: campaign status ${id}`,
    badId: '--id: use lower-case letters, digits and dashes, e.g. spring-tea-2027-b',
  },

  campaigns: {
    empty: 'No campaigns.',
    headers: { campaign: 'campaign', phase: 'phase', workflow: 'workflow', owner: 'owner', waitingOn: 'waiting on', started: 'started' },
  },

  decisions: {
    approved: (gate: string, by: string) => `Gate ${gate} approved by ${by}.`,
    sentBack: (gate: string, by: string, round: number) => `Gate ${gate} sent back by ${by}; it waits for round ${round}.`,
  },

  preparation: {
    ready: (by: string, gate: string, stage: string) => `${by} marked gate ${gate} ready; it is now ${stage}.`,
    notReady: (by: string, gate: string, stage: string) => `${by} marked gate ${gate} not ready; it is now ${stage}.`,
    ticked: (n: number, gate: string, stage: string) => `Ticked ${n} item(s) of gate ${gate}; it is now ${stage}.`,
    unticked: (n: number, gate: string, stage: string) => `Unticked ${n} item(s) of gate ${gate}; it is now ${stage}.`,
    consulted: (gate: string, stage: string) => `Comment recorded on gate ${gate}; it is now ${stage}.`,
    acknowledged: (by: string) => `${by} acknowledged the strategy.`,
    taskDone: (task: string) => `Task ${task} done.`,
  },

  inbox: {
    empty: (person: string) => `Nothing waits on ${person}.`,
    unreadable: (ids: string) => `(could not read: ${ids})`,
    headers: { campaign: 'campaign', what: 'what', item: 'item', title: 'title', waiting: 'waiting' },
    kind: (kind: WaitingKind) => WAITING_KINDS[kind],
    waited: (days: number, hours: number, minutes: number) =>
      days > 0 ? `${days}d ${hours}h` : hours > 0 ? `${hours}h${minutes ? ` ${minutes}m` : ''}` : `${minutes}m`,
  },

  audit: {
    headers: { when: 'when', what: 'what', item: 'gate/task', who: 'who', detail: 'detail' },
  },

  pilot: {
    go: (id: string, by: string) => `Pilot of ${id}: go, by ${by}. The campaign moves on.`,
    extend: (id: string, by: string, extendBy: string) => `Pilot of ${id} extended by ${extendBy}, by ${by}.`,
    sendBack: (id: string, by: string) => `Pilot of ${id} sent back by ${by} for rework.`,
    cancel: (id: string, by: string) => `Campaign ${id} cancelled at the pilot, by ${by}.`,
  },

  crisis: {
    start: (id: string, by: string) => `Crisis started on ${id} by ${by}: posts and budget changes are held.`,
    statement: (id: string, by: string) => `Response statement for ${id} proposed by ${by}; it waits for approval.`,
    approve: (id: string, by: string) => `Response statement for ${id} approved by ${by}; the campaign resumes.`,
    end: (id: string, by: string) => `Crisis on ${id} ended by ${by}; the campaign resumes.`,
  },

  step: {
    retried: (step: string, id: string, by: string) =>
      `Step ${step} of ${id}: retried by ${by}. The campaign calls it again under the same key; \`campaign status ${id}\` shows how it went.`,
    skipped: (step: string, id: string, by: string) => `Step ${step} of ${id}: skipped by ${by}. The campaign goes on without it.`,
  },

  schedule: {
    noTasks: (id: string) => `Campaign ${id} has no tasks to schedule.`,
  },

  status: {
    head: (name: string, id: string, owner: string, phase: string) => `${name} (${id}) · owner ${owner} · phase ${phase}`,
    day: (day: number, of: number) => ` · day ${day}/${of}`,
    asOf: (at: string, ago: string, workflow: string) => `State as of ${at} UTC (published ${ago} ago) · workflow ${workflow}`,
    ago: (n: number, unit: 's' | 'min' | 'h' | 'days') => `${n} ${unit}`,
    problem: (problem: string) => `Problem: ${problem}`,
    launches: (at: string, zone: string) => `Launches: ${at} (${zone}) — the pilot, warm-up or rollout waits for it`,
    launchLate: (since: string) => `Launch date passed at ${since} with preparation still open: it launches as soon as the last gate is approved`,
    waitingOn: (people: string) => `Waiting on: ${people}`,
    unsigned: 'Decisions: NOT signed — anyone who can reach Temporal can decide as anyone (start with CAMPAIGN_TRUSTED_KEYS; docs/security.md)',
    signed: (keys: string) => `Decisions: signed, by keys ${keys}`,
    anyPerson: 'any person',
    gates: 'Gates',
    tasks: 'Tasks',
    channels: 'Channels',
    kpis: 'KPIs',
    gateHeaders: { gate: 'gate', title: 'title', accountable: 'accountable', status: 'status' },
    taskHeaders: { task: 'task', name: 'name', owner: 'owner', phase: 'phase', status: 'status' },
    channelHeaders: { channel: 'channel', allocation: 'allocation', spend: 'spend', orders: 'orders', revenue: 'revenue', status: 'status' },
    kpiHeaders: { kpi: 'kpi', name: 'name', target: 'target', actual: 'actual', attainment: 'attainment' },
    taskDoneBy: (by: string) => `done by ${by}`,
    /** A phase or a task's or channel's state, as the status document names it. */
    term: (value: string): string => value,
    lastReview: (day: number, spend: string, orders: string) => `Last review: day ${day} · spend ${spend} · orders ${orders}`,
    failedSteps: 'Failed steps waiting',
    stepHeaders: { step: 'step', what: 'what', error: 'error', since: 'since', failures: 'failures', options: 'options' },
    stepOptions: (skippable: boolean): string => (skippable ? 'retry, skip' : 'retry'),
    stepHelp: (id: string, owner: string) => `  campaign step retry|skip ${id} <step> --as ${owner}`,
    alerts: (none: boolean) => `Alerts: ${none ? 'none' : ''}`,
    gate: {
      approved: (by: string, forWhom: string | undefined) => `approved by ${by}${forWhom ? ` for ${forWhom}` : ''}`,
      blocked: (by: string) => `blocked by ${by}`,
      preparing: (who: string | undefined) => `preparing: ${who ?? 'acknowledgements'} to mark ready`,
      consulting: (who: string) => `consulting ${who}`,
      deciding: (who: string) => `waiting for ${who}`,
      sentBack: (comment: string) => ` (sent back: ${comment})`,
      checklist: (ticked: number, of: number) => ` · checklist ${ticked}/${of}`,
      round: (n: number) => ` · round ${n}`,
    },
    pilot: {
      line: (status: string, day: number, of: number) => `Pilot: ${status} · day ${day}/${of}`,
      status: { running: 'running', deciding: 'waiting for the go/no-go', go: 'go', 'sent-back': 'sent back', cancelled: 'cancelled' },
      criteria: (recommendation: 'go' | 'no-go', met: number, of: number) =>
        `  Criteria: ${met}/${of} met — recommends ${recommendation === 'go' ? 'go' : 'no-go'}`,
      criterion: (name: string, actual: string, pass: boolean) => `    ${pass ? '✓' : '✗'} ${name}: ${actual}`,
      unknown: 'not measured',
      waiting: (person: string, since: string) => `  Decision waits on ${person} since ${since} UTC: campaign pilot go|extend|send-back|cancel <id> --as ${person}`,
      decided: (decision: string, by: string, at: string) => `  Last decision: ${decision} by ${by} at ${at} UTC`,
    },
    crisis: {
      active: (since: string, by: string, reason: string) => `Crisis: ACTIVE since ${since} UTC (started by ${by}: ${reason}) — posts and budget changes are held`,
      auto: 'the warning rule',
      statement: (by: string, text: string) => `  Response statement proposed by ${by}: ${text}`,
      noStatement: '  No response statement yet: campaign crisis statement <id> --statement "…"',
      approver: (person: string) => `  Approves the statement: ${person}`,
      resolved: (at: string, by: string, since: string) => `Crisis: resolved at ${at} UTC by ${by} (began ${since} UTC)`,
      held: (n: number) => `  Held while active: ${n} post(s) or budget change(s)`,
    },
  },

  /** Why an option's or argument's value cannot be used, and what to give instead. */
  values: {
    positiveNumber: 'give a positive number, e.g. 1440 (a day per minute)',
    apiUrl: 'give the API\'s base URL, e.g. http://127.0.0.1:8080',
    columns: (min: number) => `give a whole number of columns, at least ${min}, e.g. 100`,
    days: 'give a whole number of days, e.g. 30',
    keyId: 'use lowercase letters, digits, ".", "_" or "-", e.g. api-2027',
    persons: 'name the people it signs for, e.g. li.na,wang.wei — or "*" for a service such as the API',
    port: 'give a port from 0 to 65535 (0: any free port)',
    perMinute: 'give a whole number of requests per minute, e.g. 120',
  },

  errors: {
    noCampaign: (id: string) => `There is no campaign "${id}". \`campaign list\` shows the campaigns there are.`,
    campaignExists: (id: string) => `A campaign with id "${id}" already exists. Start this plan with --id <new-id>.`,
    apiTokenNeeded: (url: string) =>
      `Going through the API at ${url} needs your API token in CAMPAIGN_API_TOKEN; an admin issues one with \`campaign tokens create\`.`,
    asRequired: '--as <person> is required: say who you are (your team id), e.g. --as li.na.',
    tokenBelongs: (owner: string, as: string) =>
      `The API token belongs to ${owner}, not ${as}: drop --as, or use ${as}'s own token in CAMPAIGN_API_TOKEN.`,
    noWorkerAnswer: (id: string, detail: string) => `Temporal could not get an answer for campaign "${id}" (${detail}). Is a campaign worker running?`,
    notPublished: (id: string, why: string) => `Campaign "${id}" has not published its status yet. ${why}`,
    noWorkerYet: 'No campaign worker has run it since it started: is `campaign worker` running?',
    temporalAnswered: (detail: string) => `Temporal answered: ${detail}`,
    temporalUnreachable: (address: string, detail: string) =>
      `Cannot reach Temporal at ${address} (${detail}). Is \`campaign dev\` running? Set TEMPORAL_ADDRESS to point elsewhere.`,
    temporalRefused: (address: string, cause: string) => `Cannot reach Temporal at ${address}: ${cause}.`,
    /** A refusal from the campaign itself is the campaign's own sentence, shown as it came. */
    refused: (_type: string, sentence: string) => sentence,
    usage: {
      missingArgument: (name: string) => `missing the argument <${name}>.`,
      missingOptionValue: (flag: string) => `option ${flag} needs a value.`,
      missingMandatoryOption: (flag: string) => `option ${flag} is required.`,
      unknownOption: (flag: string) => `there is no option ${flag}.`,
      unknownCommand: (name: string) => `there is no command "${name}".`,
      excessArguments: (expected: number, got: number) => `too many arguments: expected ${expected}, got ${got}.`,
      invalidValue: (what: string, value: string, why: string) => `${what} "${value}" is invalid. ${why}`,
      notAllowed: (allowed: string) => `Allowed choices are ${allowed}.`,
      didYouMean: (names: string) => `(Did you mean ${names}?)`,
      help: '(add --help for how to use it)',
    },
  },
};

export type Messages = typeof en;
