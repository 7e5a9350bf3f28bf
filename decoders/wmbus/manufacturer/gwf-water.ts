/**
 * GWF water meters (GWF version 0x01 type 0x0E, version 0x3C type 0x07): the bytes after the
 * manufacturer-specific DIF 0x0F (wmbusmeters driver `gwfwater`):
 *   [0]  block type; only type 0x01 is known
 *   [1]  status flags: 0x02 continuous flow, 0x08 broken pipe, 0x20 battery low, 0x40 backflow
 *   [2]  bit 0 power saving mode; bits 3..7 remaining battery life in half years
 *   [3..] not decoded
 * A block of another type is not understood: like wmbusmeters (UNKNOWN_MFCT_STATUS_<type>) it is
 * reported as a meter_error alarm, with a warning, and the standard records still decode.
 */
import type { DecodeContext } from '../../core/types.js';
import { has, u8 } from './bytes.js';
import type { ManufacturerFormat, ManufacturerResult, ManufacturerValues, WmbusAddress } from './types.js';
import { emptyValues, ok, truncated } from './values.js';

const KNOWN_TYPE = 0x01;

type AlarmKind = ManufacturerValues['alarms'][number]['kind'];

const STATUS_FLAGS: ReadonlyArray<{ bit: number; name: string; kind: AlarmKind }> = [
  { bit: 0x02, name: 'CONTINUOUS_FLOW', kind: 'leak' },
  { bit: 0x08, name: 'BROKEN_PIPE', kind: 'burst' },
  { bit: 0x20, name: 'BATTERY_LOW', kind: 'low_battery' },
  { bit: 0x40, name: 'BACKFLOW', kind: 'backflow' },
];

const hex = (n: number): string => n.toString(16).toUpperCase();

function decodeDataBlock(_address: WmbusAddress, block: Uint8Array, _ctx: DecodeContext): ManufacturerResult {
  if (!has(block, 0, 1)) return truncated('GWF block type', 0, 1, block.length);
  const values = emptyValues();
  const type = u8(block, 0);
  values.meta.gwfBlockType = type;
  if (type !== KNOWN_TYPE) {
    const name = `UNKNOWN_MFCT_STATUS_${hex(type)}`;
    values.alarms.push({ kind: 'meter_error', detail: name });
    values.warnings.push(`GWF manufacturer block of type 0x${hex(type)} not decoded`);
    values.meta.status = name;
    return ok(values);
  }
  if (!has(block, 0, 3)) return truncated('GWF status and battery bytes', 1, 2, block.length);
  const status = u8(block, 1);
  const names: string[] = [];
  let unknown = status;
  for (const f of STATUS_FLAGS) {
    unknown &= ~f.bit;
    if ((status & f.bit) === 0) continue;
    names.push(f.name);
    values.alarms.push({ kind: f.kind, detail: f.name });
  }
  if (unknown !== 0) {
    names.push(`MFCT_STATUS_${hex(unknown)}`);
    values.alarms.push({ kind: 'meter_error', detail: `MFCT_STATUS_${hex(unknown)}` });
  }
  values.statusBits = status;
  values.meta.status = names.length === 0 ? 'OK' : names.join(' ');
  const power = u8(block, 2);
  values.meta.powerMode = (power & 0x01) === 0 ? 'NORMAL' : 'SAVING';
  values.meta.remainingBatteryLifeY = (power >> 3) / 2;
  return ok(values);
}

export const gwfWater: ManufacturerFormat = {
  id: 'gwf-water',
  description:
    'GWF water meter status block after DIF 0x0F: status flags, power mode, battery life (wmbusmeters gwfwater)',
  references: ['wmbusmeters drivers/src/gwfwater.xmq'],
  detect: {
    ci: [],
    mvt: [
      { m: 'GWF', v: 0x01, t: 0x0e },
      { m: 'GWF', v: 0x3c, t: 0x07 },
    ],
  },
  decodeDataBlock,
};
