-- Accounts are owned by the utility's customer system and imported (`meterflow accounts import`,
-- docs/accounts.md). Every attribute that changes the bill has a history with the date it takes
-- effect, so that a billing period can be split into segments at each change. Dates are civil
-- dates in the account's time zone. Account ids use the "C" collation: byte order, the same on
-- every server, which keyset pagination and rating shards (ranges of account ids) rely on.

CREATE TABLE accounts (
  account_id      text COLLATE "C" PRIMARY KEY,
  name            text,
  address         text,
  -- day of the month the meter is read; the billing period runs from one reading day to the next
  reading_day     integer NOT NULL DEFAULT 1 CHECK (reading_day BETWEEN 1 AND 28),
  -- billing cycle length in months (1 monthly, 2 bi-monthly, ...) and a month a cycle starts in
  billing_months  integer NOT NULL DEFAULT 1 CHECK (billing_months BETWEEN 1 AND 12),
  first_month     integer NOT NULL DEFAULT 1 CHECK (first_month BETWEEN 1 AND 12),
  time_zone       text NOT NULL DEFAULT 'Asia/Shanghai',
  opened_on       date NOT NULL,
  closed_on       date,
  -- sha-256 of the imported record: a re-import of the same record changes nothing
  import_checksum text NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (closed_on IS NULL OR closed_on >= opened_on)
);

-- water-use category (residential, non_residential, special_industry, ...) from a date on
CREATE TABLE account_categories (
  account_id      text COLLATE "C" NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  effective_from  date NOT NULL,
  category        text NOT NULL,
  PRIMARY KEY (account_id, effective_from)
);

-- registered household size (persons), which raises tier thresholds in many tariffs
CREATE TABLE account_household_sizes (
  account_id      text COLLATE "C" NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  effective_from  date NOT NULL,
  persons         integer NOT NULL CHECK (persons > 0),
  PRIMARY KEY (account_id, effective_from)
);

-- contracted (planned) volume per month, for two-part and capacity charges
CREATE TABLE account_contracted_capacities (
  account_id      text COLLATE "C" NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  effective_from  date NOT NULL,
  m3_per_month    numeric(12, 3) NOT NULL CHECK (m3_per_month > 0),
  PRIMARY KEY (account_id, effective_from)
);

-- which meter measured the account's water, when; an exchange is a removal of the old meter
-- (with its final register) and an installation of the new one (with its initial register) on
-- the same day. installed_at / removed_at are the local midnight (in the account's time zone) of
-- the imported dates; removed_at is exclusive: the first day the meter no longer measures.
-- register_digits / diameter_mm: as imported; null falls back to the meters table.
CREATE TABLE meter_installations (
  account_id           text COLLATE "C" NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  meter_id             text NOT NULL,
  installed_at         timestamptz NOT NULL,
  initial_register_ml  bigint NOT NULL DEFAULT 0 CHECK (initial_register_ml >= 0),
  removed_at           timestamptz,
  final_register_ml    bigint CHECK (final_register_ml >= 0),
  register_digits      integer CHECK (register_digits BETWEEN 1 AND 12),
  diameter_mm          integer CHECK (diameter_mm > 0),
  PRIMARY KEY (account_id, meter_id, installed_at),
  CHECK (removed_at IS NULL OR removed_at > installed_at)
);
CREATE INDEX meter_installations_meter_idx ON meter_installations (meter_id, installed_at);

-- Overdue amounts from the customer system (`meterflow accounts arrears import`, docs/accounts.md),
-- for late fees: one row per account and bill reference (the customer system's invoice number, or
-- the billing period "2026-08"), with the day the lateness counts from (the due date, or the
-- payment notice date, as the tariff's late-fee rule says) and the payment day (null: unpaid).
-- Imported rows are upserted by (account_id, bill_ref); rating only reads them.
CREATE TABLE account_arrears (
  account_id   text COLLATE "C" NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  bill_ref     text COLLATE "C" NOT NULL,
  -- major units, exact (at most 2 decimals)
  amount       numeric(14, 2) NOT NULL CHECK (amount > 0),
  due_on       date,
  notice_on    date,
  paid_on      date,
  imported_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, bill_ref),
  CHECK (due_on IS NOT NULL OR notice_on IS NOT NULL)
);
