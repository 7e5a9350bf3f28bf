/**
 * Volume resolution: the unit a tariff bills in. With 'm3' (whole m³ from truncated registers)
 * or 'litre' (0.001 m³), the fraction below the unit is not billed now but carried to the next
 * period; 'ml' bills every millilitre. Across several meter intervals in one period the
 * truncation is cumulative (each interval gets trunc(cumulative) − trunc(previous cumulative)),
 * so the billed parts add up to trunc(total) and each is within one unit of its exact volume.
 */
export type VolumeResolution = 'ml' | 'litre' | 'm3';

export const RESOLUTION_ML: Record<VolumeResolution, number> = { ml: 1, litre: 1_000, m3: 1_000_000 };

export interface ResolvedVolumes {
  billedMl: number[];
  remainderMl: number;
}

export function resolveVolumes(
  volumesMl: readonly number[],
  carriedRemainderMl: number,
  resolution: VolumeResolution,
): ResolvedVolumes {
  const unit = RESOLUTION_ML[resolution];
  let cumulative = carriedRemainderMl;
  let billedSoFar = 0;
  const billedMl = volumesMl.map((volume) => {
    cumulative += volume;
    const billedCumulative = Math.floor(cumulative / unit) * unit;
    const billed = billedCumulative - billedSoFar;
    billedSoFar = billedCumulative;
    return billed;
  });
  return { billedMl, remainderMl: cumulative - billedSoFar };
}
