-- Tariffs (versioned documents, see docs/tariffs.md), billing periods, bills and bill lines.

CREATE TABLE tariffs (
  tariff_id    text PRIMARY KEY,
  name         text NOT NULL,
  currency     text NOT NULL DEFAULT 'CNY',
  -- the whole validated tariff document (all versions), as imported
  document     jsonb NOT NULL,
  checksum     text NOT NULL,
  imported_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tariff_versions (
  tariff_id       text NOT NULL REFERENCES tariffs (tariff_id) ON DELETE CASCADE,
  version         text NOT NULL,
  -- a version effective on day E applies to days >= E (in the tariff's time zone)
  effective_from  date NOT NULL,
  PRIMARY KEY (tariff_id, version),
  UNIQUE (tariff_id, effective_from)
);

-- which tariff rates which water-use category
CREATE TABLE category_tariffs (
  category   text PRIMARY KEY,
  tariff_id  text NOT NULL REFERENCES tariffs (tariff_id)
);

CREATE TABLE billing_periods (
  period_id     text PRIMARY KEY,               -- e.g. 2026-10
  starts_on     date NOT NULL,
  ends_on       date NOT NULL,                  -- half-open: [starts_on, ends_on)
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
  rated_at      timestamptz,
  finalised_at  timestamptz,
  CHECK (ends_on > starts_on)
);

CREATE TABLE bills (
  bill_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  period_id     text NOT NULL REFERENCES billing_periods (period_id),
  account_id    text NOT NULL,
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
  currency      text NOT NULL DEFAULT 'CNY',
  total         numeric(14, 2) NOT NULL,
  volume_ml     bigint NOT NULL,
  -- what the rating carries to the next period (tier-year-to-date volume, volume remainder)
  carry         jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- actual / estimated / corrected boundary registers the bill was computed from
  basis         jsonb NOT NULL DEFAULT '{}'::jsonb,
  rated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (period_id, account_id)
);
CREATE INDEX bills_account_idx ON bills (account_id, period_id);

CREATE TABLE bill_lines (
  bill_id         bigint NOT NULL REFERENCES bills (bill_id) ON DELETE CASCADE,
  line_no         integer NOT NULL,
  component       text NOT NULL,              -- water, sewage, resource_fee, basic_charge, late_fee, adjustment, ...
  tier            integer,
  segment_start   date,
  segment_end     date,
  volume_ml       bigint,
  unit_price      numeric(18, 6),
  amount          numeric(14, 2) NOT NULL,
  readings_used   jsonb,
  explanation     text,
  PRIMARY KEY (bill_id, line_no)
);

-- shards of a period that rating processes claim with FOR UPDATE SKIP LOCKED
CREATE TABLE rating_shards (
  period_id    text NOT NULL REFERENCES billing_periods (period_id),
  shard        integer NOT NULL,
  shard_count  integer NOT NULL CHECK (shard_count > 0),
  claimed_by   text,
  claimed_at   timestamptz,
  done_at      timestamptz,
  accounts     integer,
  PRIMARY KEY (period_id, shard, shard_count)
);
