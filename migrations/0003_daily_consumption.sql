-- Daily consumption per meter. daily_registers holds, per meter and UTC day, the first and last
-- register of the day and the number of readings; on TimescaleDB it is a real-time continuous
-- aggregate, on plain PostgreSQL an ordinary view with the same columns. daily_consumption
-- derives each day's volume from consecutive days' last registers, on both engines alike.

-- @timescaledb
CREATE MATERIALIZED VIEW daily_registers
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT meter_id,
       time_bucket(INTERVAL '1 day', time) AS day,
       first(register_ml, time) AS first_register_ml,
       last(register_ml, time) AS last_register_ml,
       max(time) AS last_time,
       count(*) AS reading_count
FROM readings
GROUP BY meter_id, time_bucket(INTERVAL '1 day', time)
WITH NO DATA;
SELECT add_continuous_aggregate_policy('daily_registers',
  start_offset => INTERVAL '7 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '1 hour');
-- @postgresql
CREATE VIEW daily_registers AS
SELECT meter_id,
       date_trunc('day', time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day,
       (array_agg(register_ml ORDER BY time ASC))[1] AS first_register_ml,
       (array_agg(register_ml ORDER BY time DESC))[1] AS last_register_ml,
       max(time) AS last_time,
       count(*) AS reading_count
FROM readings
GROUP BY meter_id, date_trunc('day', time AT TIME ZONE 'UTC');
-- @end

-- consumption_ml: the day's last register minus the previous day-with-readings' last register
-- (the first day of a meter: last minus first of that day). Rollovers and exchanges are the
-- rating engine's business; this view is for engineers and dashboards.
CREATE VIEW daily_consumption AS
SELECT meter_id,
       day,
       last_register_ml,
       reading_count,
       last_register_ml - coalesce(lag(last_register_ml) OVER (PARTITION BY meter_id ORDER BY day), first_register_ml) AS consumption_ml
FROM daily_registers;
