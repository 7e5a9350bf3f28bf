/** Test support: fleet options with sensible defaults that each test overrides. */
import { buildFleet } from '../meters/fleet.js';
import type { Fleet, FleetOptions } from '../meters/types.js';
import { DEFAULT_NETWORK, parseStart } from '../options.js';

/** 2026-10-01 00:00 in Asia/Shanghai. */
export const OCTOBER_2026 = (() => {
  const start = parseStart('--start', '2026-10-01', 'Asia/Shanghai');
  if (!start.ok) throw new Error(start.error.message);
  return start.value;
})();

export function fleetOptions(overrides: Partial<FleetOptions> = {}): FleetOptions {
  return {
    meters: 20,
    seed: 'test',
    startMs: OCTOBER_2026,
    days: 2,
    intervalS: 3600,
    timeZone: 'Asia/Shanghai',
    mix: { wmbus: 0.3, chirpstack: 0.3, tts: 0.1, coap: 0.2, mqtt: 0.1 },
    faultRates: {},
    injections: [],
    wmbusAesShare: 0.5,
    chirpstackProtobufShare: 0.5,
    commercialShare: 0.1,
    network: DEFAULT_NETWORK,
    ...overrides,
  };
}

export function testFleet(overrides: Partial<FleetOptions> = {}): Fleet {
  const built = buildFleet(fleetOptions(overrides));
  if (!built.ok) throw new Error(`${built.error.code}: ${built.error.message}`);
  return built.value;
}
