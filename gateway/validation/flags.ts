/**
 * Validation flags: one bit per finding, stored on the reading (`readings.flags`, bigint). The
 * numbering is stable: a bit keeps its meaning forever, new findings take new bits, a retired
 * finding leaves its bit unused. All bits fit below 2^31, so JavaScript's bitwise operators work
 * on them directly. docs/validation.md has the same table.
 */

export const FLAG = {
  /** The register went below the previous accepted register and no rollover is plausible. */
  register_backwards: 1 << 0,
  /** The register wrapped at its capacity (10^register_digits m³) and the wrap is plausible. */
  register_rollover: 1 << 1,
  /** The register is at or above its capacity: register_digits is wrong for this meter. */
  register_range: 1 << 2,
  /** Flow above the meter's overload flow Q4 (interval average or reported flow). */
  spike_overload: 1 << 3,
  /** Interval flow far above the meter's own recent average. */
  spike_history: 1 << 4,
  /** No zero-flow interval for the leak window (24 h by default): continuous flow, a leak. */
  continuous_flow: 1 << 5,
  /** The meter's own leak bit. */
  meter_leak: 1 << 6,
  /** The meter's burst bit. */
  burst: 1 << 7,
  /** The register has not moved for N days on an active account (stopped or stuck meter). */
  zero_consumption: 1 << 8,
  /** Reverse flow seen in the data: the reverse register grew, or the reported flow is negative. */
  reverse_flow: 1 << 9,
  /** Meter-reported tamper. */
  tamper: 1 << 10,
  /** Meter-reported magnetic interference. */
  magnet: 1 << 11,
  /** Meter-reported removal (module taken off the meter, or the meter off the pipe). */
  removal: 1 << 12,
  /** Meter-reported low battery. */
  low_battery: 1 << 13,
  /** Meter-reported dry pipe (no water in the measuring tube). */
  dry_pipe: 1 << 14,
  /** Meter-reported error (general alarm, sensor fault, blocked meter). */
  meter_error: 1 << 15,
  /** Any other meter-reported condition (valve, temperature, overflow...); the alarm names it. */
  meter_other: 1 << 16,
  /** The reading's time is in the future beyond the tolerance. */
  time_future: 1 << 17,
  /** The reading's time is far older than its receipt. */
  time_stale: 1 << 18,
  /** The meter clock's offset from receive time moved beyond the tolerance since its baseline. */
  clock_drift: 1 << 19,
  /** The reading is older than the meter's latest accepted reading (arrived out of order). */
  out_of_order: 1 << 20,
  /** Same time as the latest accepted reading but a different register (conflict). */
  duplicate_conflict: 1 << 21,
  /** No reading for longer than the expected interval × the gap factor before this one. */
  gap: 1 << 22,
  /** The meter's backflow (reverse flow) bit. */
  meter_backflow: 1 << 23,
} as const;

export type FlagName = keyof typeof FLAG;

export const FLAG_NAMES: readonly FlagName[] = Object.keys(FLAG) as FlagName[];

/** Bit index → name (sparse: a retired bit has no name). */
const NAME_BY_BIT: (FlagName | undefined)[] = [];
for (const name of FLAG_NAMES) NAME_BY_BIT[Math.log2(FLAG[name])] = name;

/** Every bit that has a name. */
export const ALL_FLAGS: number = FLAG_NAMES.reduce((acc, n) => acc | FLAG[n], 0);

/** Bits the meter itself reports (recomputed from decoded alarms, not from the register). */
export const METER_BIT_FLAGS: number =
  FLAG.meter_leak |
  FLAG.burst |
  FLAG.tamper |
  FLAG.magnet |
  FLAG.removal |
  FLAG.low_battery |
  FLAG.dry_pipe |
  FLAG.meter_error |
  FLAG.meter_other |
  FLAG.meter_backflow;

/**
 * Readings carrying any of these are not trusted as neighbours for estimation: their register
 * is doubtful (went backwards, above capacity, impossible flow, clock ahead, or a conflict).
 */
export const SUSPECT_FLAGS: number =
  FLAG.register_backwards | FLAG.register_range | FLAG.spike_overload | FLAG.time_future | FLAG.duplicate_conflict;

/** The names of the bits set in `flags`, in bit order; unnamed bits appear as `bit<n>`. */
export function flagNames(flags: number | bigint): string[] {
  const names: string[] = [];
  let bits = typeof flags === 'bigint' ? flags : BigInt(flags);
  for (let i = 0; bits !== 0n; i++, bits >>= 1n) {
    if ((bits & 1n) === 1n) names.push(NAME_BY_BIT[i] ?? `bit${i}`);
  }
  return names;
}

export type FlagsFromNames = { ok: true; flags: number } | { ok: false; unknown: string };

/** The bit set for a list of names (CLI and HTTP filters); the first unknown name is reported. */
export function flagsFromNames(names: Iterable<string>): FlagsFromNames {
  let flags = 0;
  for (const raw of names) {
    const name = raw.trim();
    if (name === '') continue;
    if (!Object.hasOwn(FLAG, name)) return { ok: false, unknown: name };
    flags |= FLAG[name as FlagName];
  }
  return { ok: true, flags };
}
