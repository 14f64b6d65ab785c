/** The error every client path reports a user's problem with. */
import { ErrorType } from '../domain/errors.js';
import { en, type Messages } from './i18n/en.js';

/** A sentence from the message catalogue, said in whichever language the reader reads. */
export type Sentence = (m: Messages) => string;

/**
 * A failure the user can act on, with the exit code the CLI reports (DESIGN.md §2). `detail` is
 * the sentence itself, what the API answers with; `hint` names the `campaign` command that helps,
 * for people at a terminal. The message is both. `sentence`, when the failure is one the catalogue
 * knows, says the message in the reader's language.
 */
export class CampaignError extends Error {
  sentence?: Sentence;

  constructor(readonly detail: string, readonly exitCode: 1 | 2 | 3, readonly type?: string, readonly hint?: string) {
    super(hint ? `${detail} ${hint}` : detail);
    this.name = 'CampaignError';
  }

  /** A failure whose message comes from the catalogue: English for the API, the reader's language at a terminal. */
  static saying(sentence: Sentence, exitCode: 1 | 2 | 3, type?: string): CampaignError {
    const error = new CampaignError(sentence(en), exitCode, type);
    error.sentence = sentence;
    return error;
  }
}

/** Where to look when a campaign id names nothing. */
export const LIST_HINT = '`campaign list` shows the campaigns there are.';

/** "There is no campaign …", with the hint for the API and the whole sentence for a terminal. */
export function noCampaign(id: string, detail = `There is no campaign "${id}".`): CampaignError {
  const error = new CampaignError(detail, 2, ErrorType.CampaignNotFound, LIST_HINT);
  error.sentence = (m) => m.errors.noCampaign(id);
  return error;
}
