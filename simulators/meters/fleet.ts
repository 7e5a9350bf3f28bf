/**
 * Builds a fleet from its options: how many meters take each path (largest remainder of the mix),
 * each meter's premises, format, identities and keys, and the faults drawn at their rates or
 * asked for by --inject. Every meter draws from its own seeded stream, so adding a fault or
 * changing one meter never changes another meter's traffic.
 */
import { SimulatorErrorCode, badOption, fail, ok, type Result } from '../errors.js';
import { GATEWAYS } from '../lns/gateways.js';
import { rngFor, type Rng } from '../random.js';
import { DAY_MS } from './calendar.js';
import { ineligibility, planFault, rolloverInitialRegisterMl, type RunFrame } from './faults.js';
import {
  MAX_FLEET_SIZE,
  accountIdOf,
  cjt188AddressOf,
  devEuiOf,
  imeiOf,
  meterIdOf,
  meterNumberOf,
  wmbusIdOf,
} from './ids.js';
import { modelOf } from './models/index.js';
import { HOUSEHOLD_SIZE_WEIGHTS, householdDailyLitres, q3ForDiameter } from './profiles.js';
import {
  METER_FAULTS,
  PATH_KINDS,
  type Fleet,
  type FleetOptions,
  type MeterSpec,
  type ModelId,
  type PathKind,
} from './types.js';

/** Share of LoRa meters that are Axioma ultrasonic meters; the rest are Dragino pulse sensors. */
const AXIOMA_SHARE = 0.7;

/** Meters per path: the mix's shares of `n`, rounded by largest remainder (they add up to n). */
export function pathCounts(mix: Record<PathKind, number>, n: number): Record<PathKind, number> {
  const total = PATH_KINDS.reduce((a, p) => a + mix[p], 0);
  const exact = PATH_KINDS.map((p) => (mix[p] / total) * n);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const byRemainder = PATH_KINDS.map((_, i) => i).sort(
    (a, b) => exact[b]! - counts[b]! - (exact[a]! - counts[a]!) || a - b,
  );
  for (const i of byRemainder) {
    if (left === 0) break;
    counts[i]!++;
    left--;
  }
  return Object.fromEntries(PATH_KINDS.map((p, i) => [p, counts[i]!])) as Record<PathKind, number>;
}

function weightedIndex(rng: Rng, weights: readonly number[]): number {
  let u = rng.float() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

function modelFor(path: PathKind, rng: Rng): ModelId {
  switch (path) {
    case 'wmbus':
      return 'apator-ultrimis';
    case 'chirpstack':
    case 'tts':
      return rng.chance(AXIOMA_SHARE) ? 'axioma/qalcosonic-w1' : 'dragino/sw3l';
    case 'coap':
    case 'mqtt':
      return 'cjt188';
  }
}

function buildMeter(index: number, path: PathKind, options: FleetOptions): MeterSpec {
  const rng = rngFor(options.seed, 'meter', index);
  const model = modelFor(path, rng);
  const commercial = rng.chance(options.commercialShare);
  const diameterMm = commercial ? (rng.chance(0.8) ? 25 : 32) : rng.chance(0.9) ? 15 : 20;
  const householdSize = commercial ? undefined : weightedIndex(rng, HOUSEHOLD_SIZE_WEIGHTS) + 1;
  const litresPerPerson = Math.min(180, Math.max(60, rng.normal(110, 20)));
  const dailyLitres =
    householdSize === undefined ? rng.between(1_000, 4_000) : householdDailyLitres(householdSize, litresPerPerson);
  const maxRegisterMl = modelOf(model).maxRegisterMl;
  const initialRegisterMl = Math.min(
    Math.round(rng.between(50, 2_500)) * 1_000_000 + rng.int(0, 1_000) * 1_000,
    Math.floor(maxRegisterMl / 4),
  );
  const intervalMs = options.intervalS * 1000;
  const reportOffsetMs = rng.int(0, Math.max(1, Math.floor(Math.min(intervalMs / 2, 600_000) / 1000))) * 1000;
  const latencyMs =
    path === 'coap' || path === 'mqtt' ? rng.int(800, 4_000) : path === 'wmbus' ? rng.int(150, 800) : rng.int(250, 650);
  const spec: MeterSpec = {
    index,
    meterId: meterIdOf(index),
    accountId: accountIdOf(index),
    deviceId: '',
    path,
    model,
    meterClass: commercial ? 'commercial' : 'residential',
    diameterMm,
    q3Lph: q3ForDiameter(diameterMm),
    registerDigits: 5,
    ...(householdSize !== undefined ? { householdSize } : {}),
    dailyLitres: Math.round(dailyLitres),
    initialRegisterMl,
    reportOffsetMs,
    latencyMs,
  };
  const secret = rng.hex(16);
  switch (path) {
    case 'wmbus': {
      const id = wmbusIdOf(index);
      spec.deviceId = id;
      spec.wmbus = { id, manufacturer: 'APA', version: 0x01, deviceType: 0x16 };
      spec.secret = secret;
      const key = rng.hex(16);
      if (rng.chance(options.wmbusAesShare)) spec.aesKey = key;
      break;
    }
    case 'coap':
    case 'mqtt':
      spec.deviceId = imeiOf(index);
      spec.cjt188 = { meterType: 0x10, address: cjt188AddressOf(index) };
      spec.secret = secret;
      break;
    case 'chirpstack':
    case 'tts': {
      const devEui = devEuiOf(index);
      spec.deviceId = devEui;
      const home = rng.pick(GATEWAYS);
      const protobuf = rng.chance(options.chirpstackProtobufShare);
      spec.lora = {
        devEui,
        joinEui: '70b3d57ed0000000',
        devAddr: `26${rng.hex(3)}`,
        fPort: modelOf(model).fPort ?? 1,
        applicationId:
          path === 'tts'
            ? options.network.ttsApplicationId
            : protobuf
              ? options.network.chirpstackProtobufApplicationId
              : options.network.chirpstackJsonApplicationId,
        ...(path === 'tts'
          ? { tenantId: options.network.ttsTenantId, ttsDeviceId: `wm-${spec.meterId.toLowerCase()}` }
          : { encoding: protobuf ? ('protobuf' as const) : ('json' as const) }),
        homeGateway: home.eui,
        rssiDbm: rng.int(-118, -70),
        snrDb: Math.round(rng.between(-8, 10) * 10) / 10,
      };
      break;
    }
  }
  return spec;
}

function frameOf(options: FleetOptions): RunFrame {
  return {
    startMs: options.startMs,
    endMs: options.startMs + options.days * DAY_MS,
    intervalMs: options.intervalS * 1000,
  };
}

function findMeter(meters: readonly MeterSpec[], ref: string): MeterSpec | undefined {
  const byId = meters.find((m) => m.meterId === ref || m.deviceId === ref);
  if (byId) return byId;
  const n = meterNumberOf(ref);
  return n === undefined ? undefined : meters[n - 1];
}

/** Checks what buildFleet relies on; the CLI's option parsing gives friendlier messages first. */
function checkOptions(o: FleetOptions): Result<void> {
  if (!Number.isInteger(o.meters) || o.meters < 1 || o.meters > MAX_FLEET_SIZE)
    return badOption('--meters', `must be a whole number from 1 to ${MAX_FLEET_SIZE}`);
  if (!(o.days > 0) || o.days > 3_660) return badOption('--days', 'must be above 0 and at most 3660');
  if (!Number.isInteger(o.intervalS) || o.intervalS < 60 || (3_600 % o.intervalS !== 0 && o.intervalS % 3_600 !== 0)) {
    return badOption('--interval', 'must be at least 1 min and divide an hour or be whole hours');
  }
  if (!Number.isFinite(o.startMs)) return badOption('--start', 'is not a time');
  if (PATH_KINDS.some((p) => !(o.mix[p] >= 0)) || PATH_KINDS.every((p) => o.mix[p] === 0))
    return badOption('--mix', 'needs a positive share for at least one path');
  return ok(undefined);
}

export function buildFleet(options: FleetOptions): Result<Fleet> {
  const checked = checkOptions(options);
  if (!checked.ok) return checked;
  const counts = pathCounts(options.mix, options.meters);
  const paths: PathKind[] = PATH_KINDS.flatMap((p) => new Array<PathKind>(counts[p]).fill(p));
  const order = rngFor(options.seed, 'paths').shuffled(paths);
  const meters = order.map((path, index) => buildMeter(index, path, options));
  const frame = frameOf(options);

  for (const injection of options.injections) {
    const spec = findMeter(meters, injection.meter);
    if (spec === undefined) return badOption('--inject', `no meter ${injection.meter} in a fleet of ${meters.length}`);
    if (spec.fault !== undefined) {
      return fail(
        SimulatorErrorCode.FAULT_NOT_APPLICABLE,
        `${spec.meterId} already has a ${spec.fault.kind} fault (one fault per meter)`,
        { meterId: spec.meterId },
      );
    }
    const planned = planFault(
      {
        kind: injection.kind,
        requested: true,
        ...(injection.atMs !== undefined ? { atMs: injection.atMs } : {}),
        ...(injection.durationMs !== undefined ? { durationMs: injection.durationMs } : {}),
      },
      spec,
      frame,
      rngFor(options.seed, 'fault', spec.index),
    );
    if (!planned.ok) return planned;
    spec.fault = planned.value;
  }

  const pick = rngFor(options.seed, 'fault-assignment');
  for (const kind of METER_FAULTS) {
    const rate = options.faultRates[kind] ?? 0;
    if (rate <= 0) continue;
    const eligible = meters.filter((m) => ineligibility(kind, m, frame) === undefined);
    const wanted = Math.min(eligible.length, Math.max(1, Math.round(rate * eligible.length)));
    const free = pick.shuffled(eligible.filter((m) => m.fault === undefined));
    let placed = 0;
    for (const spec of free) {
      if (placed >= wanted) break;
      const planned = planFault({ kind, requested: false }, spec, frame, rngFor(options.seed, 'fault', spec.index));
      if (!planned.ok) continue;
      spec.fault = planned.value;
      placed++;
    }
  }

  for (const spec of meters) {
    if (spec.fault?.kind !== 'rollover') continue;
    const expectedMl = spec.dailyLitres * 1000 * options.days;
    spec.initialRegisterMl = rolloverInitialRegisterMl(
      10 ** (spec.registerDigits + 6),
      expectedMl,
      rngFor(options.seed, 'rollover', spec.index),
    );
  }
  return ok({ options, meters, endMs: frame.endMs });
}
