/**
 * Watteco (nke) Pulse Senso, fPort 125, ZCL-style frames (vendor/watteco/pulse-senso.js):
 *   0 frame control (bit 0 set: standard report; clear: compressed batch) — endpoint is
 *     bits 5–7 | bits 1–2 << 3 | 1 command (0Ah report, 8Ah alarm report, 01h read response)
 *   | 2–3 cluster | 4–5 attribute | (read response: 6 status) | type | value (big-endian)
 * Clusters used here: 000Fh binary input (0402h pulse index uint32, 0055h pin state),
 * 8005h multi binary input, 0050h configuration (0006h power descriptor: battery voltages),
 * 0000h basic (0002h firmware), 8004h LoRaWAN (0000h message type).
 * Compressed batch reports (frame control bit 0 clear) are decoded by pulse-senso-batch.ts.
 */
import type { DecodeContext, DecodeResult, DecoderDefinition } from '../../core/types.js';
import { meterIdOf, pulseVolumeMl, success, truncated, u16be, u32be, unknownPort } from '../shared/result.js';
import { decodePulseSensoBatch, inputMeterId } from './pulse-senso-batch.js';

export const WATTECO_PULSE_SENSO_ID = 'lora/watteco/pulse-senso';
const PORT = 125;

function endpointOf(frameControl: number): number {
  return ((frameControl & 0xe0) >> 5) | ((frameControl & 0x06) << 2);
}

export function decodePulseSenso(b: Uint8Array, ctx: DecodeContext): DecodeResult {
  const id = WATTECO_PULSE_SENSO_ID;
  if (ctx.fPort !== PORT) return unknownPort(id, ctx.fPort, [PORT]);
  if (b.length < 2) return truncated(id, 2, b.length, 'ZCL frame header');
  const fctrl = b[0] ?? 0;
  const base = meterIdOf(ctx);
  if ((fctrl & 0x01) === 0) return decodePulseSensoBatch(id, b, base, ctx);
  const cmd = b[1] ?? 0;
  const endpoint = endpointOf(fctrl);
  const meterId = inputMeterId(base, endpoint + 1);
  if (cmd !== 0x0a && cmd !== 0x8a && cmd !== 0x01) {
    return success(id, {
      meta: { endpoint, command: cmd },
      warnings: [`command ${cmd.toString(16)}h carries no value`],
    });
  }
  if (b.length < 7) return truncated(id, 7, b.length, 'attribute header');
  const cluster = u16be(b, 2);
  const attribute = u16be(b, 4);
  const h = cmd === 0x01 ? 8 : 7;
  const meta: Record<string, string | number | boolean | null> = { endpoint, command: cmd, cluster, attribute };
  if (cmd === 0x01 && (b[6] ?? 0) !== 0) return success(id, { meta: { ...meta, readStatus: b[6] ?? 0 } });
  const warnings: string[] = [];
  const need = (n: number) => b.length >= h + n;
  if (cluster === 0x000f && attribute === 0x0402) {
    if (!need(4)) return truncated(id, h + 4, b.length, 'pulse index');
    const pulses = u32be(b, h);
    const weight = pulseVolumeMl(ctx, warnings);
    return success(id, {
      readings: [{ meterId, time: ctx.receivedAt, timeFromMeter: false, registerMl: pulses * weight }],
      warnings,
      meta: { ...meta, index: pulses },
    });
  }
  if (cluster === 0x000f && attribute === 0x0055) {
    if (!need(1)) return truncated(id, h + 1, b.length, 'pin state');
    return success(id, { meta: { ...meta, [`pinState${endpoint + 1}`]: (b[h] ?? 0) !== 0 } });
  }
  if (cluster === 0x8005 && attribute === 0x0000) {
    if (!need(2)) return truncated(id, h + 2, b.length, 'pin states');
    return success(id, { meta: { ...meta, pinStates: u16be(b, h) } });
  }
  if (cluster === 0x0050 && attribute === 0x0006) {
    if (!need(3)) return truncated(id, h + 3, b.length, 'power descriptor');
    const mask = b[h + 2] ?? 0;
    const names = [
      'mainOrExternalV',
      'rechargeableBatteryV',
      'disposableBatteryV',
      'solarHarvestingV',
      'ticHarvestingV',
    ];
    let at = h + 3;
    names.forEach((name, bit) => {
      if (mask & (1 << bit)) {
        if (at + 2 <= b.length) meta[name] = u16be(b, at) / 1000;
        at += 2;
      }
    });
    if (at > b.length) return truncated(id, at, b.length, 'power descriptor voltages');
    return success(id, { meta });
  }
  if (cluster === 0x0000 && attribute === 0x0002) {
    if (!need(6)) return truncated(id, h + 6, b.length, 'firmware version');
    const build = ((b[h + 3] ?? 0) << 16) | ((b[h + 4] ?? 0) << 8) | (b[h + 5] ?? 0);
    return success(id, { meta: { ...meta, firmware: `${b[h] ?? 0}.${b[h + 1] ?? 0}.${b[h + 2] ?? 0}.${build}` } });
  }
  if (cluster === 0x8004 && attribute === 0x0000) {
    if (!need(1)) return truncated(id, h + 1, b.length, 'message type');
    return success(id, { meta: { ...meta, messageType: (b[h] ?? 0) === 1 ? 'confirmed' : 'unconfirmed' } });
  }
  return success(id, {
    meta,
    warnings: [`cluster ${cluster.toString(16)}h attribute ${attribute.toString(16)}h not decoded`],
  });
}

export const wattecoPulseSensoDecoder: DecoderDefinition = {
  id: WATTECO_PULSE_SENSO_ID,
  protocol: 'lora',
  description: 'Watteco Pulse Senso (ZCL standard reports: pulse index, pin states, battery; compressed batch reports)',
  detect: { lora: [{ vendor: 'watteco', model: 'pulse-senso', fPorts: [PORT] }] },
  decode: decodePulseSenso,
  references: [
    'TheThingsNetwork/lorawan-devices vendor/watteco/pulse-senso.js (standard report layout, batch series parameters)',
    'nke Watteco br_uncompress codec, as published in TheThingsNetwork/lorawan-devices vendor/watteco (batch algorithm and Huffman tables)',
  ],
};
