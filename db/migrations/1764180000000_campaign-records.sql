-- Up Migration
-- Records people read outside Temporal. Every write is keyed by the campaign and a logical step
-- decided in the workflow, so a retried activity can never record the same thing twice.

CREATE TABLE campaigns (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  owner       text NOT NULL,
  plan        jsonb NOT NULL,
  time_scale  double precision NOT NULL DEFAULT 1,
  phase       text NOT NULL DEFAULT 'preparation',
  started_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Audit trail of gate decisions: one row per decision round of a gate.
CREATE TABLE gate_decisions (
  campaign_id text NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  gate_id     text NOT NULL,
  round       integer NOT NULL,
  decision    text NOT NULL CHECK (decision IN ('approve', 'send-back')),
  decided_by  text NOT NULL,
  comment     text,
  decided_at  timestamptz NOT NULL,
  PRIMARY KEY (campaign_id, gate_id, round)
);

-- Effects applied to channel platforms (budgets, posts), keyed by the workflow's step id.
CREATE TABLE channel_effects (
  campaign_id text NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  effect_key  text NOT NULL,
  channel_id  text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('budget', 'post')),
  payload     jsonb NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, effect_key)
);

-- Raw analytics, one row per channel and campaign day, idempotent by the source's record id.
CREATE TABLE metric_observations (
  campaign_id text NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  channel_id  text NOT NULL,
  day         integer NOT NULL CHECK (day >= 0),
  source      text NOT NULL,
  record_id   text NOT NULL,
  impressions bigint NOT NULL DEFAULT 0 CHECK (impressions >= 0),
  clicks      bigint NOT NULL DEFAULT 0 CHECK (clicks >= 0),
  uv          bigint NOT NULL DEFAULT 0 CHECK (uv >= 0),
  orders      bigint NOT NULL DEFAULT 0 CHECK (orders >= 0),
  spend       numeric(14, 2) NOT NULL DEFAULT 0 CHECK (spend >= 0),
  revenue     numeric(14, 2) NOT NULL DEFAULT 0 CHECK (revenue >= 0),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, record_id)
);
CREATE INDEX metric_observations_campaign_day ON metric_observations (campaign_id, day);

-- Periodic reviews: what the numbers were and what was decided, with reasons.
CREATE TABLE reviews (
  campaign_id text NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  review_key  text NOT NULL,
  period      text NOT NULL,
  day         integer NOT NULL,
  summary     jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, review_key)
);

-- The closing summary: attainment per KPI and spend per channel.
CREATE TABLE closings (
  campaign_id text PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
  summary     jsonb NOT NULL,
  closed_at   timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE closings;
DROP TABLE reviews;
DROP TABLE metric_observations;
DROP TABLE channel_effects;
DROP TABLE gate_decisions;
DROP TABLE campaigns;
