/**
 * Qualitative results (P3.2): awareness and reputation as surveys, focus groups, social listening and
 * press summaries report them. They come from outside the campaign's data, as people write them.
 */

export interface SurveySummary {
  respondents?: number;
  /** How it was run: an online survey, three focus groups … */
  method?: string;
  summary: string;
  /** Headline scores, e.g. brand awareness 38 of 100. */
  scores?: Array<{ name: string; value: number; outOf?: number }>;
}

/** Mentions on one campaign day, by tone, as social listening counts them. */
export interface SentimentPoint {
  day: number;
  positive: number;
  neutral: number;
  negative: number;
}

export interface QualitativeInput {
  survey?: SurveySummary;
  sentiment?: readonly SentimentPoint[];
  /** Press summaries and focus-group notes, one finding each. */
  notes?: readonly string[];
}

export interface SentimentDay extends SentimentPoint {
  /** Negative mentions ÷ all mentions; null on a day without any. */
  negativeShare: number | null;
}

export interface QualitativeResults {
  survey: SurveySummary | null;
  sentiment: SentimentDay[];
  notes: string[];
}

export function qualitativeResults(input: QualitativeInput = {}): QualitativeResults {
  const sentiment = [...(input.sentiment ?? [])]
    .sort((a, b) => a.day - b.day)
    .map((p) => {
      const all = p.positive + p.neutral + p.negative;
      return { ...p, negativeShare: all > 0 ? Math.round((p.negative / all) * 10_000) / 10_000 : null };
    });
  return { survey: input.survey ?? null, sentiment, notes: [...(input.notes ?? [])] };
}
