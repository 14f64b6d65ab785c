-- Up Migration
-- The closing report as rendered (one row per language and format), the case library (every closed
-- campaign, searchable in Chinese and English) and survey answers for the report's qualitative part.
-- Writes are upserts keyed by the campaign, so a retried closing stores the same rows again.

CREATE TABLE campaign_reports (
  campaign_id text NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  lang        text NOT NULL CHECK (lang IN ('zh-CN', 'en')),
  format      text NOT NULL CHECK (format IN ('md', 'html', 'json')),
  body        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, lang, format)
);

-- Search: stock PostgreSQL has no Chinese parser (zhparser is not in contrib), so our code splits
-- text into CJK bigrams and single characters plus lower-cased Latin words (domain/cases/search-tokens.ts)
-- and stores them as a tsvector literal; no PostgreSQL text-search parser or dictionary is involved.
-- Queries are built by the same code as a tsquery literal. docs/report.md says why.
CREATE TABLE cases (
  campaign_id   text PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
  title         text NOT NULL,
  plan          jsonb NOT NULL,
  record        jsonb NOT NULL,
  strategy      text,
  channel_kinds text[] NOT NULL DEFAULT '{}',
  started_at    timestamptz,
  closed_at     timestamptz NOT NULL,
  search        tsvector NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_search ON cases USING gin (search);
CREATE INDEX cases_channel_kinds ON cases USING gin (channel_kinds);
CREATE INDEX cases_closed_at ON cases (closed_at);

CREATE TABLE survey_answers (
  campaign_id text NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  answer_id   text NOT NULL,
  respondent  text,
  question    text NOT NULL,
  score       double precision,
  out_of      double precision,
  text        text,
  source      text NOT NULL DEFAULT 'import',
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, answer_id)
);

-- Down Migration
DROP TABLE survey_answers;
DROP TABLE cases;
DROP TABLE campaign_reports;
