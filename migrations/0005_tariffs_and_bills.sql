-- Tariffs (versioned documents, see docs/tariffs.md), billing periods, bills and bill lines, and
-- the bookkeeping of rating jobs (shards, failures, adjustments). See docs/rating-batch.md.

CREATE TABLE tariffs (
  tariff_id    text PRIMARY KEY,
  name         text NOT NULL,
  currency     text NOT NULL DEFAULT 'CNY',
  -- the whole validated tariff document (all versions, defaults filled in)
  document     jsonb NOT NULL,
  -- sha-256 of the document: importing the same document again changes nothing
  checksum     text NOT NULL,
  imported_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tariff_versions (
  tariff_id       text NOT NULL REFERENCES tariffs (tariff_id) ON DELETE CASCADE,
  -- a version effective on day E applies to days >= E (in the tariff's time zone)
  effective_from  date NOT NULL,
  label           text,
  categories      text[] NOT NULL,
  PRIMARY KEY (tariff_id, effective_from)
);

-- which tariff rates which water-use category
CREATE TABLE category_tariffs (
  category   text PRIMARY KEY,
  tariff_id  text NOT NULL REFERENCES tariffs (tariff_id)
);

-- A billing period is named by its month (2026-10). Each account's own period runs from its
-- reading day in that month to its reading day one billing cycle later, in its time zone; the
-- bill records those dates. starts_on/ends_on here are the calendar month.
CREATE TABLE billing_periods (
  period_id     text PRIMARY KEY CHECK (period_id ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  starts_on     date NOT NULL,
  ends_on       date NOT NULL,
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
  rated_at      timestamptz,
  finalised_at  timestamptz,
  CHECK (ends_on > starts_on)
);

-- No foreign key to billing_periods: the rating job creates the period before it writes a bill,
-- and a per-row foreign-key check would cost a sixth of the COPY of the bills.
CREATE TABLE bills (
  period_id          text NOT NULL,
  account_id         text COLLATE "C" NOT NULL,
  status             text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
  currency           text NOT NULL,
  tariff_id          text NOT NULL,
  -- the account's own period, half-open [period_start, period_end)
  period_start       date NOT NULL,
  period_end         date NOT NULL,
  total              numeric(14, 2) NOT NULL,
  billed_volume_ml   bigint NOT NULL,
  metered_volume_ml  bigint NOT NULL,
  -- what the rating carries to the next period: { tierYearToDate, volumeRemainderMl }
  carry              jsonb NOT NULL,
  -- per meter: boundary registers, actual/estimated/corrected, the readings used
  meters             jsonb NOT NULL,
  -- the segments the period was split into (meter, category, household size, tariff version)
  segments           jsonb NOT NULL,
  warnings           jsonb NOT NULL,
  rated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (period_id, account_id)
);
CREATE INDEX bills_account_idx ON bills (account_id, period_id);

-- No foreign key to bills: a rating job writes a bill and its lines in one transaction, and a
-- per-row foreign-key check would cost more than the COPY itself. Lines are deleted with their
-- bill by the same job (draft re-runs).
CREATE TABLE bill_lines (
  period_id       text NOT NULL,
  account_id      text COLLATE "C" NOT NULL,
  line_no         integer NOT NULL,
  component       text NOT NULL,              -- water_supply, sewage, basic_charge, late_fee, rounding, adjustment, ...
  kind            text NOT NULL,              -- tiered, flat, sewage, fixed, twoPartBasic, ..., adjustment
  tier            integer,
  category        text,
  segment_start   date NOT NULL,
  segment_end     date NOT NULL,              -- exclusive
  volume_ml       bigint,
  volume_factor   numeric,
  unit_price      numeric,
  amount          numeric(14, 2) NOT NULL,
  exact_amount    text NOT NULL,
  -- json, not jsonb: an array of reading ids, stored as written (no parsing into jsonb on COPY)
  readings_used   json NOT NULL,
  explanation     text NOT NULL,
  -- on an adjustment line: the adjustment it carries (bill_adjustments)
  adjustment_id   bigint,
  PRIMARY KEY (period_id, account_id, line_no)
);

-- Accounts a rating job could not rate, with the coded error (docs/rating-errors.md).
CREATE TABLE rating_failures (
  period_id   text NOT NULL REFERENCES billing_periods (period_id),
  account_id  text COLLATE "C" NOT NULL,
  code        text NOT NULL,
  kind        text NOT NULL,
  message     text NOT NULL,
  details     jsonb,
  failed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (period_id, account_id)
);

-- Re-rating a final period never edits its bills: the difference per account is recorded here
-- and charged (or credited) as an adjustment line on the account's next draft bill.
-- applied_period is set when that bill is finalised.
CREATE TABLE bill_adjustments (
  adjustment_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id      text COLLATE "C" NOT NULL,
  from_period     text NOT NULL REFERENCES billing_periods (period_id),
  currency        text NOT NULL,
  final_total     numeric(14, 2) NOT NULL,
  rerated_total   numeric(14, 2) NOT NULL,
  amount          numeric(14, 2) NOT NULL,
  rerated_at      timestamptz NOT NULL DEFAULT now(),
  applied_period  text REFERENCES billing_periods (period_id)
);
CREATE INDEX bill_adjustments_account_idx ON bill_adjustments (account_id, from_period);

-- Shards of a period: ranges of account ids [from_account, to_account) (null: unbounded) that
-- rating processes claim (SELECT ... FOR UPDATE SKIP LOCKED) so that several processes or
-- machines rate one period. One layout per shard count, fixed when first used.
CREATE TABLE rating_shards (
  period_id     text NOT NULL REFERENCES billing_periods (period_id),
  shard_count   integer NOT NULL CHECK (shard_count > 0),
  shard         integer NOT NULL CHECK (shard >= 1 AND shard <= shard_count),
  from_account  text COLLATE "C",
  to_account    text COLLATE "C",
  claimed_by    text,
  claimed_at    timestamptz,
  done_at       timestamptz,
  accounts      integer,
  failures      integer,
  PRIMARY KEY (period_id, shard_count, shard)
);

-- A final period's bills and lines are immutable: any UPDATE or DELETE touching one is refused.
-- Statement-level triggers with a transition table: one check per statement, not per row.
CREATE FUNCTION meterflow_refuse_final_bill_change() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF EXISTS (SELECT 1 FROM changed_rows c JOIN billing_periods p ON p.period_id = c.period_id WHERE p.status = 'final') THEN
    RAISE EXCEPTION 'RATING_PERIOD_FINAL: % of a final billing period cannot be changed', TG_TABLE_NAME
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $fn$;

CREATE TRIGGER bills_final_update AFTER UPDATE ON bills REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION meterflow_refuse_final_bill_change();
CREATE TRIGGER bills_final_delete AFTER DELETE ON bills REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION meterflow_refuse_final_bill_change();
CREATE TRIGGER bill_lines_final_update AFTER UPDATE ON bill_lines REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION meterflow_refuse_final_bill_change();
CREATE TRIGGER bill_lines_final_delete AFTER DELETE ON bill_lines REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION meterflow_refuse_final_bill_change();
