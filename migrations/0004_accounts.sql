-- Accounts are owned by the utility's customer system and imported (`meterflow accounts import`).
-- Every attribute that changes the bill has a history with the date it takes effect, so that a
-- billing period can be split into segments at each change.

CREATE TABLE accounts (
  account_id    text PRIMARY KEY,
  name          text,
  address       text,
  -- day of the month the meter is read; the billing period runs from one reading day to the next
  reading_day   integer NOT NULL DEFAULT 1 CHECK (reading_day BETWEEN 1 AND 28),
  time_zone     text NOT NULL DEFAULT 'Asia/Shanghai',
  opened_on     date NOT NULL,
  closed_on     date,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (closed_on IS NULL OR closed_on >= opened_on)
);

-- water-use category (residential, non_residential, special_industry, ...) from a date on
CREATE TABLE account_categories (
  account_id      text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  effective_from  date NOT NULL,
  category        text NOT NULL,
  PRIMARY KEY (account_id, effective_from)
);

-- registered household size (persons), which raises tier thresholds in many tariffs
CREATE TABLE account_household_sizes (
  account_id      text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  effective_from  date NOT NULL,
  persons         integer NOT NULL CHECK (persons > 0),
  PRIMARY KEY (account_id, effective_from)
);

-- which meter measured the account's water, when; an exchange is a removal of the old meter
-- (with its final register) and an installation of the new one (with its initial register)
CREATE TABLE meter_installations (
  account_id           text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  meter_id             text NOT NULL,
  installed_at         timestamptz NOT NULL,
  initial_register_ml  bigint NOT NULL DEFAULT 0 CHECK (initial_register_ml >= 0),
  removed_at           timestamptz,
  final_register_ml    bigint CHECK (final_register_ml >= 0),
  PRIMARY KEY (account_id, meter_id, installed_at),
  CHECK (removed_at IS NULL OR removed_at >= installed_at)
);
CREATE INDEX meter_installations_meter_idx ON meter_installations (meter_id, installed_at);
