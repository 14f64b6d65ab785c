/** The error every client path reports a user's problem with. */
/**
 * A failure the user can act on, with the exit code the CLI reports (DESIGN.md §2). `detail` is
 * the sentence itself, what the API answers with; `hint` names the `campaign` command that helps,
 * for people at a terminal. The message is both.
 */
export class CampaignError extends Error {
  constructor(readonly detail: string, readonly exitCode: 1 | 2 | 3, readonly type?: string, readonly hint?: string) {
    super(hint ? `${detail} ${hint}` : detail);
    this.name = 'CampaignError';
  }
}

/** Where to look when a campaign id names nothing. */
export const LIST_HINT = '`campaign list` shows the campaigns there are.';
