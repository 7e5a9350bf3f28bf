/**
 * Splitting one measured volume across the segments of its meter interval, by days at the daily
 * average (a price or category change inside a reading period). Every segment but the last gets
 * volume × days / total days rounded down to the split resolution (whole m³, 0.01 m³, or the
 * millilitre for 'exact'); the last gets the rest, so the parts add up exactly to the volume.
 */
export type SplitResolution = 'wholeM3' | 'centiM3' | 'exact';

export const SPLIT_RESOLUTION_ML: Record<SplitResolution, number> = { wholeM3: 1_000_000, centiM3: 10_000, exact: 1 };

export function splitByDays(volumeMl: number, days: readonly number[], resolution: SplitResolution): number[] {
  const totalDays = days.reduce((sum, value) => sum + value, 0);
  if (days.length === 0 || totalDays <= 0) throw new RangeError('splitByDays: no days to split over');
  const unit = BigInt(SPLIT_RESOLUTION_ML[resolution]);
  const volume = BigInt(volumeMl);
  let given = 0n;
  return days.map((segmentDays, index) => {
    if (index === days.length - 1) return Number(volume - given);
    const share = ((volume * BigInt(segmentDays)) / BigInt(totalDays) / unit) * unit;
    given += share;
    return Number(share);
  });
}
