/** Helpers the LoRa vendor encoders share. They throw RangeError on values a field cannot hold. */

/** The pulse count of a register at a pulse weight: registerMl must be a whole number of pulses. */
export function pulseCount(registerMl: number, pulseVolumeMl: number, max = 0xffffffff): number {
  if (!Number.isSafeInteger(pulseVolumeMl) || pulseVolumeMl <= 0)
    throw new RangeError(`pulse weight ${pulseVolumeMl} mL is not a positive integer`);
  const pulses = registerMl / pulseVolumeMl;
  if (!Number.isInteger(pulses) || pulses < 0 || pulses > max)
    throw new RangeError(`${registerMl} mL is not 0 … ${max} pulses of ${pulseVolumeMl} mL`);
  return pulses;
}

/** A field value checked against its width. */
export function fieldValue(v: number, max: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new RangeError(`${what} ${v} is outside 0 … ${max}`);
  return v;
}
