/**
 * The sandbox platform's memory: one account per campaign and channel, holding its budget history,
 * its posts by idempotency key and the daily reports already issued. No I/O, so the rules of the
 * platform (what applies once, what freezes, what gets refused) can be read in one place.
 */
import type { DailyReport } from '../activities/channels/adapter.js';
import { publishingRefusal } from './publishing-rules.js';
import { simulateChannelDay, type ChannelKind } from './response-model.js';

export interface ChannelRef {
  campaignId: string;
  channelId: string;
}

export interface BudgetInstruction {
  amount: number;
  dailyBudget: number;
  currency: string;
  idempotencyKey: string;
  /** First campaign day the budget governs; without it, every day not yet reported. */
  effectiveFromDay?: number;
}

export interface PostSubmission {
  contentId: string;
  title: string;
  body: string;
  idempotencyKey: string;
  /** Campaign day the post belongs to; without it, the next day reported after it was made. */
  day?: number;
}

/** What the platform counted, for the whole ledger or one channel. */
export interface LedgerCounts {
  budgetsApplied: number;
  budgetRepeats: number;
  postsCreated: number;
  postRepeats: number;
  reportsServed: number;
  reportsIssued: number;
}

const COUNTS = ['budgetsApplied', 'budgetRepeats', 'postsCreated', 'postRepeats', 'reportsServed', 'reportsIssued'] as const;

function noCounts(): LedgerCounts {
  return Object.fromEntries(COUNTS.map((count) => [count, 0])) as unknown as LedgerCounts;
}

export interface ChannelStats extends LedgerCounts {
  kind: ChannelKind;
  /** The daily budget of the latest budget applied, or null before any. */
  dailyBudget: number | null;
  /** Sum of spend over the reports issued so far. */
  spendReported: number;
}

export interface LedgerStats extends LedgerCounts {
  /** Keyed `<campaignId>/<channelId>`. */
  perChannel: Record<string, ChannelStats>;
}

/** A request the platform understood but will not carry out (answered 422). */
export class PlatformRefusal extends Error {
  constructor(message: string, readonly field?: string) {
    super(message);
    this.name = 'PlatformRefusal';
  }
}

interface BudgetRecord extends BudgetInstruction {
  /** Order of application: a later budget supersedes an earlier one for the days both govern. */
  sequence: number;
}

interface PostRecord extends PostSubmission {
  postId: string;
  /** For undated posts: the latest day already reported when the post arrived. */
  after: number;
  /** The day whose report counted this post, once one did. */
  countedOn?: number;
}

interface IssuedReport {
  report: DailyReport;
  budgetSequence: number | undefined;
}

interface Account {
  ref: ChannelRef;
  kind: ChannelKind | undefined;
  currency: string | undefined;
  budgets: BudgetRecord[];
  budgetKeys: Map<string, BudgetRecord>;
  posts: Map<string, PostRecord>;
  reports: Map<number, IssuedReport>;
  stats: Omit<ChannelStats, 'kind' | 'dailyBudget'>;
}

export class ChannelLedger {
  private readonly accounts = new Map<string, Account>();
  private budgetSequence = 0;

  constructor(private readonly seed: string) {}

  applyBudget(ref: ChannelRef, kind: ChannelKind | undefined, instruction: BudgetInstruction): { applied: boolean } {
    const account = this.account(ref, kind);
    const earlier = account.budgetKeys.get(instruction.idempotencyKey);
    if (earlier) {
      if (earlier.amount !== instruction.amount || earlier.dailyBudget !== instruction.dailyBudget
        || earlier.currency !== instruction.currency) {
        throw new PlatformRefusal(`idempotencyKey ${instruction.idempotencyKey} was already used for a different budget`, 'idempotencyKey');
      }
      account.stats.budgetRepeats++;
      return { applied: false };
    }
    if (account.currency !== undefined && account.currency !== instruction.currency) {
      throw new PlatformRefusal(`this account is billed in ${account.currency}, not ${instruction.currency}`, 'currency');
    }
    account.currency = instruction.currency;
    const record: BudgetRecord = { ...instruction, sequence: ++this.budgetSequence };
    account.budgets.push(record);
    account.budgetKeys.set(record.idempotencyKey, record);
    account.stats.budgetsApplied++;
    return { applied: true };
  }

  publish(ref: ChannelRef, kind: ChannelKind | undefined, submission: PostSubmission): { postId: string; created: boolean } {
    const account = this.account(ref, kind);
    const earlier = account.posts.get(submission.idempotencyKey);
    if (earlier) {
      if (earlier.contentId !== submission.contentId || earlier.title !== submission.title || earlier.body !== submission.body) {
        throw new PlatformRefusal(`idempotencyKey ${submission.idempotencyKey} was already used for a different post`, 'idempotencyKey');
      }
      account.stats.postRepeats++;
      return { postId: earlier.postId, created: false };
    }
    const refusal = publishingRefusal(kindOf(account), submission);
    if (refusal) throw new PlatformRefusal(refusal);
    const postId = `sbx-post-${ref.campaignId}-${ref.channelId}-${account.posts.size + 1}`;
    account.posts.set(submission.idempotencyKey, { ...submission, postId, after: latestReportedDay(account) });
    account.stats.postsCreated++;
    return { postId, created: true };
  }

  /**
   * The report for one campaign day. The first request computes it from the budget and posts of
   * that day; from then on it is frozen, as a platform's closed day is: later budgets, posts or
   * requests never change it.
   */
  dailyReport(ref: ChannelRef, kind: ChannelKind | undefined, day: number): DailyReport {
    const account = this.account(ref, kind);
    account.stats.reportsServed++;
    const issued = account.reports.get(day);
    if (issued) return { ...issued.report };

    const budget = budgetInForce(account, day);
    const results = simulateChannelDay({
      seed: this.seed,
      campaignId: ref.campaignId,
      channelId: ref.channelId,
      kind: kindOf(account),
      day,
      dailyBudget: budget ? Math.min(budget.dailyBudget, remainingAmount(account, budget)) : 0,
      posts: countPosts(account, day),
    });
    const report: DailyReport = {
      campaignId: ref.campaignId,
      channelId: ref.channelId,
      day,
      recordId: `sbx-${ref.campaignId}-${ref.channelId}-d${day}`,
      ...results,
    };
    account.reports.set(day, { report, budgetSequence: budget?.sequence });
    account.stats.reportsIssued++;
    account.stats.spendReported = Math.round((account.stats.spendReported + report.spend) * 100) / 100;
    return { ...report };
  }

  stats(): LedgerStats {
    const totals: LedgerStats = { ...noCounts(), perChannel: {} };
    for (const [key, account] of this.accounts) {
      const latest = account.budgets.at(-1);
      totals.perChannel[key] = {
        kind: kindOf(account),
        ...account.stats,
        dailyBudget: latest ? latest.dailyBudget : null,
      };
      for (const count of COUNTS) totals[count] += account.stats[count];
    }
    return totals;
  }

  /** The channel's account, opened on first contact; its kind is fixed by the first call naming one. */
  private account(ref: ChannelRef, kind: ChannelKind | undefined): Account {
    const key = `${ref.campaignId}/${ref.channelId}`;
    let account = this.accounts.get(key);
    if (!account) {
      account = {
        ref, kind: undefined, currency: undefined, budgets: [], budgetKeys: new Map(), posts: new Map(), reports: new Map(),
        stats: { ...noCounts(), spendReported: 0 },
      };
      this.accounts.set(key, account);
    }
    if (kind !== undefined) {
      if (account.kind !== undefined && account.kind !== kind) {
        throw new PlatformRefusal(`channel ${ref.channelId} is a ${account.kind} channel, not ${kind}`, 'channelKind');
      }
      account.kind = kind;
    }
    return account;
  }
}

function kindOf(account: Account): ChannelKind {
  return account.kind ?? 'custom';
}

/** The latest budget applied that governs this day (undated budgets govern every day not yet reported). */
function budgetInForce(account: Account, day: number): BudgetRecord | undefined {
  let chosen: BudgetRecord | undefined;
  for (const budget of account.budgets) {
    if (budget.effectiveFromDay === undefined || budget.effectiveFromDay <= day) chosen = budget;
  }
  return chosen;
}

/** What is left of a budget's total after the days it already paid for: an account runs dry. */
function remainingAmount(account: Account, budget: BudgetRecord): number {
  let spent = 0;
  for (const issued of account.reports.values()) {
    if (issued.budgetSequence === budget.sequence) spent += issued.report.spend;
  }
  return Math.max(0, budget.amount - spent);
}

/** Posts dated this day, plus undated posts made after the last reported day and not yet counted. */
function countPosts(account: Account, day: number): number {
  let count = 0;
  for (const post of account.posts.values()) {
    if (post.day === day) {
      count++;
    } else if (post.day === undefined && post.countedOn === undefined && post.after < day) {
      post.countedOn = day;
      count++;
    }
  }
  return count;
}

function latestReportedDay(account: Account): number {
  let latest = -Infinity;
  for (const day of account.reports.keys()) latest = Math.max(latest, day);
  return latest;
}
