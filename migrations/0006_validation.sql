-- Validation, estimation and editing (VEE). See docs/validation.md.

-- Every change of a stored reading's register or quality, with the old and new value: an actual
-- reading superseding an estimate (the writer's ON CONFLICT lets an actual replace an estimate)
-- or an approved correction. Rating re-rates the periods these fall in (rerated_at IS NULL) and
-- then marks them. Written by the trigger below, so no writer can forget it.
CREATE TABLE reading_revisions (
  revision_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meter_id         text NOT NULL,
  reading_time     timestamptz NOT NULL,
  old_register_ml  bigint,
  new_register_ml  bigint NOT NULL,
  old_quality      text,
  new_quality      text NOT NULL,
  -- superseded_estimate: an actual reading replaced an estimate; correction: an approved edit
  cause            text NOT NULL CHECK (cause IN ('superseded_estimate', 'correction', 'other')),
  revised_at       timestamptz NOT NULL DEFAULT now(),
  rerated_at       timestamptz
);
CREATE INDEX reading_revisions_pending_idx ON reading_revisions (revised_at) WHERE rerated_at IS NULL;
CREATE INDEX reading_revisions_reading_idx ON reading_revisions (meter_id, reading_time);

CREATE FUNCTION meterflow_log_reading_revision() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO reading_revisions (meter_id, reading_time, old_register_ml, new_register_ml, old_quality, new_quality, cause)
  VALUES (NEW.meter_id, NEW.time, OLD.register_ml, NEW.register_ml, OLD.quality, NEW.quality,
          CASE WHEN NEW.quality = 'corrected' THEN 'correction'
               WHEN OLD.quality = 'estimated' AND NEW.quality = 'actual' THEN 'superseded_estimate'
               ELSE 'other' END);
  RETURN NULL;
END $fn$;

-- Fires on updates only (inserts pay nothing); flag-only updates (`meterflow validate --apply`)
-- change neither column and are not logged.
CREATE TRIGGER readings_log_revision
  AFTER UPDATE ON readings
  FOR EACH ROW
  WHEN (OLD.register_ml IS DISTINCT FROM NEW.register_ml OR OLD.quality IS DISTINCT FROM NEW.quality)
  EXECUTE FUNCTION meterflow_log_reading_revision();

-- At most one pending correction per reading; a supervisor's decision may carry a note.
CREATE UNIQUE INDEX reading_corrections_one_pending_idx ON reading_corrections (meter_id, reading_time) WHERE status = 'pending';
ALTER TABLE reading_corrections ADD COLUMN decision_note text;

-- Alarm listings by time (`meterflow alarms --since`, GET /v1/alarms).
CREATE INDEX alarms_last_seen_idx ON alarms (last_seen_at);
