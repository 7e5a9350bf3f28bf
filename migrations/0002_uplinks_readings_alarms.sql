-- Time series: raw uplinks (archive first, dead letters included), readings, alarms.
-- On TimescaleDB they are hypertables with compression and retention policies; on plain
-- PostgreSQL they are natively range-partitioned by year (plus a default partition), with the
-- same columns and keys, so the application's queries are the same on both engines.

-- Every uplink as it arrived, written before decoding. status says what became of it:
-- accepted, duplicate, unknown_device, decode_error, invalid, rejected (dead letters are all
-- but accepted and duplicate; `meterflow replay --from-archive` re-processes them).
CREATE TABLE raw_uplinks (
  received_at  timestamptz NOT NULL,
  dedup_key    text NOT NULL,
  transport    text NOT NULL,
  adapter      text NOT NULL,
  device_ref   text,
  -- the registered device it was resolved to, and the decoder that read it (null when it stopped before)
  device_id    text,
  decoder      text,
  topic        text,
  f_port       integer,
  f_cnt        bigint,
  payload      bytea NOT NULL,
  metadata     jsonb,
  status       text NOT NULL DEFAULT 'received'
               CHECK (status IN ('received', 'accepted', 'duplicate', 'unknown_device', 'decode_error', 'invalid', 'rejected')),
  error_code   text,
  reason       text,
  processed_at timestamptz
  -- No primary key: uplink_keys makes every dedup key unique (the writer claims the key in the
  -- same transaction), and an index on the long key would cost every insert for nothing.
  -- Dead letters are found through raw_uplinks_status_idx.
);

-- One row per distinct uplink, so that the same uplink arriving again on another day is still
-- recognised: the first 16 bytes of the SHA-256 of its dedup key (a short fixed-size key keeps
-- the index small and the writer fast). A BRIN index on received_at serves retention clean-up
-- (DELETE … WHERE received_at < …) at almost no cost to inserts.
CREATE TABLE uplink_keys (
  key_hash     bytea PRIMARY KEY CHECK (length(key_hash) = 16),
  received_at  timestamptz NOT NULL
);
CREATE INDEX uplink_keys_received_brin ON uplink_keys USING brin (received_at);

CREATE TABLE readings (
  meter_id                  text NOT NULL,
  -- when the value was measured (the meter's time where the payload has one, else received_at)
  time                      timestamptz NOT NULL,
  received_at               timestamptz NOT NULL,
  time_from_meter           boolean NOT NULL DEFAULT false,
  register_ml               bigint NOT NULL,
  billing_date_register_ml  bigint,
  billing_date              date,
  reverse_ml                bigint,
  flow_lph                  numeric(14, 3),
  max_flow_lph              numeric(14, 3),
  water_temperature_c       numeric(6, 2),
  battery_v                 numeric(6, 3),
  battery_percent           smallint,
  status_bits               bigint,
  valve                     text CHECK (valve IN ('open', 'closed', 'fault')),
  -- validation flags (bit set; names in README and gateway/validation/flags.ts)
  flags                     bigint NOT NULL DEFAULT 0,
  quality                   text NOT NULL DEFAULT 'actual' CHECK (quality IN ('actual', 'estimated', 'corrected')),
  -- how an estimate was made (linear, profile) or null
  estimate_method           text,
  decoder                   text,
  dedup_key                 text,
  PRIMARY KEY (meter_id, time)
);

CREATE TABLE alarms (
  meter_id     text NOT NULL,
  kind         text NOT NULL,
  raised_at    timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  cleared_at   timestamptz,
  state        text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'cleared')),
  -- which rule or meter bit raised it (backwards, spike, leak_bit, ...)
  source       text NOT NULL,
  severity     text NOT NULL DEFAULT 'warning' CHECK (severity IN ('info', 'warning', 'critical')),
  detail       jsonb,
  PRIMARY KEY (meter_id, kind, raised_at)
);

-- @timescaledb
SELECT create_hypertable('raw_uplinks', by_range('received_at', INTERVAL '1 day'));
SELECT create_hypertable('readings', by_range('time', INTERVAL '7 days'));
SELECT create_hypertable('alarms', by_range('raised_at', INTERVAL '30 days'));
ALTER TABLE raw_uplinks SET (timescaledb.compress, timescaledb.compress_segmentby = 'transport', timescaledb.compress_orderby = 'received_at');
ALTER TABLE readings SET (timescaledb.compress, timescaledb.compress_segmentby = 'meter_id', timescaledb.compress_orderby = 'time');
SELECT add_compression_policy('raw_uplinks', INTERVAL '7 days');
SELECT add_compression_policy('readings', INTERVAL '90 days');
-- raw uplinks are evidence for disputes: kept 3 years; readings and alarms are billing records
SELECT add_retention_policy('raw_uplinks', INTERVAL '3 years');
SELECT add_retention_policy('readings', INTERVAL '10 years');
SELECT add_retention_policy('alarms', INTERVAL '10 years');
-- @postgresql
-- Re-create a table, with the same columns, keys and defaults, as a table range-partitioned by
-- year on `col`, with yearly partitions for [from_year, to_year] and a default partition for
-- anything outside. `SELECT meterflow_add_year_partitions(...)` adds years later.
CREATE FUNCTION meterflow_add_year_partitions(tbl text, from_year int, to_year int) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE y int;
BEGIN
  FOR y IN from_year .. to_year LOOP
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                   tbl || '_y' || y, tbl, make_date(y, 1, 1)::timestamp AT TIME ZONE 'UTC', make_date(y + 1, 1, 1)::timestamp AT TIME ZONE 'UTC');
  END LOOP;
END $fn$;

CREATE FUNCTION meterflow_partition_by_year(tbl text, col text, from_year int, to_year int) RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('ALTER TABLE %I RENAME TO %I', tbl, tbl || '_template');
  EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES) PARTITION BY RANGE (%I)',
                 tbl, tbl || '_template', col);
  EXECUTE format('DROP TABLE %I', tbl || '_template');
  EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', tbl || '_default', tbl);
  PERFORM meterflow_add_year_partitions(tbl, from_year, to_year);
END $fn$;

SELECT meterflow_partition_by_year('raw_uplinks', 'received_at', 2020, 2035);
SELECT meterflow_partition_by_year('readings', 'time', 2020, 2035);
SELECT meterflow_partition_by_year('alarms', 'raised_at', 2020, 2035);
-- @end

CREATE INDEX raw_uplinks_status_idx ON raw_uplinks (status, received_at) WHERE status NOT IN ('accepted', 'duplicate');
CREATE INDEX alarms_active_idx ON alarms (meter_id) WHERE state = 'active';

-- The last accepted state of each meter, read (FOR NO KEY UPDATE, in meter order) and written
-- inside the writer's transaction, so per-meter order holds even with several gateway instances.
-- A row with last_time NULL is a meter that has no accepted reading yet: the writer creates it
-- so that it has a row to lock for the meter's first reading.
CREATE TABLE meter_state (
  meter_id           text PRIMARY KEY,
  last_time          timestamptz,
  last_register_ml   bigint,
  last_received_at   timestamptz,
  last_flow_lph      numeric(14, 3),
  state              jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((last_time IS NULL) = (last_register_ml IS NULL))
);

-- Corrections: the old value is never lost. A correction is requested with a reason, approved
-- (or rejected) by a supervisor, and only then applied to the reading (quality 'corrected').
CREATE TABLE reading_corrections (
  correction_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meter_id          text NOT NULL,
  reading_time      timestamptz NOT NULL,
  old_register_ml   bigint,
  new_register_ml   bigint NOT NULL,
  reason            text NOT NULL CHECK (length(reason) > 0),
  requested_by      text NOT NULL,
  requested_at      timestamptz NOT NULL DEFAULT now(),
  status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by        text,
  decided_at        timestamptz,
  CHECK (decided_by IS NULL OR decided_by <> requested_by)
);
CREATE INDEX reading_corrections_reading_idx ON reading_corrections (meter_id, reading_time);
