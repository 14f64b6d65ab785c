-- Up Migration
-- What the audience said (P2.8–P2.10): comments, messages, questions and complaints imported from
-- the platforms, one row per item, idempotent by the platform's own item id within a campaign.
-- `score` is the sentiment at import (domain/interactions/sentiment.ts), so the crisis warning and
-- the report's sentiment over time read the same number. `at` and `answered_at` are plan time.
CREATE TABLE interactions (
  campaign_id text NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  item_id     text NOT NULL,
  channel_id  text NOT NULL,
  author      text NOT NULL,
  text        text NOT NULL,
  at          timestamptz NOT NULL,
  reply_to    text,
  answered_at timestamptz,
  score       real NOT NULL CHECK (score >= -1 AND score <= 1),
  source      text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, item_id)
);
CREATE INDEX interactions_campaign_at ON interactions (campaign_id, at);

-- Down Migration
DROP TABLE interactions;
