-- Up Migration
-- Traffic, engagement and conversion besides clicks, UV and orders (P2.11): page views, likes,
-- comments, shares, saves, sign-ups and inquiries. Rows stored before read as zero, like a metric a
-- platform report or an imported file leaves out.
ALTER TABLE metric_observations
  ADD COLUMN pv        bigint NOT NULL DEFAULT 0 CHECK (pv >= 0),
  ADD COLUMN likes     bigint NOT NULL DEFAULT 0 CHECK (likes >= 0),
  ADD COLUMN comments  bigint NOT NULL DEFAULT 0 CHECK (comments >= 0),
  ADD COLUMN shares    bigint NOT NULL DEFAULT 0 CHECK (shares >= 0),
  ADD COLUMN saves     bigint NOT NULL DEFAULT 0 CHECK (saves >= 0),
  ADD COLUMN signups   bigint NOT NULL DEFAULT 0 CHECK (signups >= 0),
  ADD COLUMN inquiries bigint NOT NULL DEFAULT 0 CHECK (inquiries >= 0);

-- Down Migration
ALTER TABLE metric_observations
  DROP COLUMN inquiries,
  DROP COLUMN signups,
  DROP COLUMN saves,
  DROP COLUMN shares,
  DROP COLUMN comments,
  DROP COLUMN likes,
  DROP COLUMN pv;
