/**
 * Manufacturer formats and vendor profiles grouped by manufacturer code, so a telegram looks only
 * at the entries that could match its address instead of testing every entry's mvt list.
 *
 * Each list is grouped once, on first use, and the grouping is kept in a WeakMap keyed by the list
 * itself (so it goes away with the list): the lists are read-only configuration (`readonly` in
 * the decode options) and must not be changed after they are first used. Within a group the
 * entries keep their list order, so "the first entry whose mvt matches" is unchanged.
 */
import type { ManufacturerFormat } from './manufacturer/types.js';
import type { VendorProfile } from './vendors/types.js';

type Mvt = ReadonlyArray<{ m: string }>;

const groupings = new WeakMap<readonly object[], ReadonlyMap<string, readonly object[]>>();
const NOTHING: readonly never[] = Object.freeze([]);

function group<T extends object>(list: readonly T[], mvtOf: (item: T) => Mvt): ReadonlyMap<string, readonly T[]> {
  const known = groupings.get(list);
  if (known !== undefined) return known as ReadonlyMap<string, readonly T[]>;
  const groups = new Map<string, T[]>();
  for (const item of list) {
    for (const m of new Set(mvtOf(item).map((k) => k.m))) {
      const g = groups.get(m);
      if (g === undefined) groups.set(m, [item]);
      else g.push(item);
    }
  }
  groupings.set(list, groups);
  return groups;
}

const formatMvt = (f: ManufacturerFormat): Mvt => f.detect.mvt;
const profileMvt = (p: VendorProfile): Mvt => p.mvt;

// The last list asked about and its grouping, so the usual case (the default lists, telegram after
// telegram) skips the WeakMap.
let lastFormats: readonly ManufacturerFormat[] | undefined;
let lastFormatGroups: ReadonlyMap<string, readonly ManufacturerFormat[]> = new Map();
let lastProfiles: readonly VendorProfile[] | undefined;
let lastProfileGroups: ReadonlyMap<string, readonly VendorProfile[]> = new Map();

/** The formats whose mvt names this manufacturer, in list order. */
export function formatsOf(formats: readonly ManufacturerFormat[], manufacturer: string): readonly ManufacturerFormat[] {
  if (formats !== lastFormats) {
    lastFormatGroups = group(formats, formatMvt);
    lastFormats = formats;
  }
  return lastFormatGroups.get(manufacturer) ?? NOTHING;
}

/** The vendor profiles whose mvt names this manufacturer, in list order. */
export function profilesOf(profiles: readonly VendorProfile[], manufacturer: string): readonly VendorProfile[] {
  if (profiles !== lastProfiles) {
    lastProfileGroups = group(profiles, profileMvt);
    lastProfiles = profiles;
  }
  return lastProfileGroups.get(manufacturer) ?? NOTHING;
}
