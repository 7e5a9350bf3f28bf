-- Meters (the measuring instrument a utility installs at an account) and devices (what talks to
-- us: an NB-IoT module, a LoRaWAN end device, a wM-Bus radio, an MQTT client). A device reports
-- for one meter; the meter's class and register size drive validation and rollover detection.

CREATE TABLE meters (
  meter_id             text PRIMARY KEY,
  serial_number        text,
  manufacturer         text,
  model                text,
  -- nominal diameter DN in millimetres (15, 20, 25, ...): fixed charges and flow limits depend on it
  diameter_mm          integer CHECK (diameter_mm > 0),
  -- register capacity: the register wraps to 0 after 10^register_digits m³ (5 digits: 99999.999 m³)
  register_digits      integer NOT NULL DEFAULT 5 CHECK (register_digits BETWEEN 1 AND 12),
  -- validation thresholds are configured per class (see README, validation rules)
  meter_class          text NOT NULL DEFAULT 'residential',
  -- permanent (Q3) and overload (Q4) flow rate in litres per hour, ISO 4064 / OIML R49
  q3_lph               integer CHECK (q3_lph > 0),
  q4_lph               integer CHECK (q4_lph > 0),
  -- how often the meter is expected to report, seconds (gap detection)
  expected_interval_s  integer NOT NULL DEFAULT 86400 CHECK (expected_interval_s > 0),
  created_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE devices (
  device_id      text PRIMARY KEY,
  -- how the device reaches us: mqtt (direct), coap (NB-IoT), chirpstack, tts, http (webhooks)
  transport      text NOT NULL CHECK (transport IN ('mqtt', 'coap', 'chirpstack', 'tts', 'onenet', 'ctwing', 'http', 'any')),
  -- decoder id (decoders/index.ts) or a model (vendor/model) the registry maps to one
  decoder        text,
  model          text,
  meter_id       text REFERENCES meters (meter_id),
  -- AES-128 key (hex) for encrypted payloads; never logged, never returned by list commands
  aes_key        text CHECK (aes_key IS NULL OR aes_key ~ '^[0-9A-Fa-f]{16}([0-9A-Fa-f]{16})?$'),
  -- scrypt hash of the device's MQTT/CoAP secret ('scrypt$N$r$p$salt$hash'); null: no direct login
  secret_hash    text,
  -- volume per pulse (integer mL) for pulse counters, and the IANA time zone of the meter's clock
  -- for payloads that carry local time; both handed to the decoder
  pulse_volume_ml integer CHECK (pulse_volume_ml > 0),
  meter_time_zone text,
  enabled        boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX devices_meter_idx ON devices (meter_id);
