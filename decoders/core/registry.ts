/**
 * The decoder registry: one immutable object built from an explicit list of definitions
 * (decoders/index.ts). No globals, so tests build their own registries side by side.
 *
 * Construction fails (throws) when two definitions share an id or claim the same detection key:
 * a conflict is a programming error that must stop the process at boot, not pick a decoder at
 * random at 3 a.m. (wmbusmeters `staticRegisterDriver`, fastify plugin checks).
 *
 * `decode` is the one place a decoder is called. It wraps the call in a safety net: a decoder
 * that throws (a bug: decoders return their expected failures as values) yields a
 * DECODE_MALFORMED failure of kind `internal`, and a success whose volumes are not integer
 * millilitres is turned into a DECODE_VALUE_OUT_OF_RANGE failure of kind `internal`.
 */
import { DecodeErrorCode, decodeError } from './errors.js';
import type { DecodeContext, DecodeResult, DecoderDefinition } from './types.js';

/** Thrown at construction only. */
export class DecoderRegistryConflict extends Error {
  readonly code = 'DECODER_REGISTRY_CONFLICT';
  constructor(
    readonly key: string,
    readonly firstId: string,
    readonly secondId: string,
  ) {
    super(`decoders '${firstId}' and '${secondId}' both claim ${key}`);
    this.name = 'DecoderRegistryConflict';
  }
}

export interface DecodeSelection {
  /** Decoder id to use; no recognition is attempted. */
  decoder?: string;
  /** Device model (`vendor/model`); overrides `context.model`. */
  model?: string;
}

export interface DecoderRegistry {
  readonly definitions: readonly DecoderDefinition[];
  byId(id: string): DecoderDefinition | undefined;
  /**
   * By device model (`vendor/model`): an explicit `detect.models` entry first, then a LoRa
   * vendor/model claim for this fPort, then one claiming every fPort, then the single decoder
   * that claims the vendor/model on other fPorts (it will reject the port itself).
   */
  byModel(model: string, fPort?: number): DecoderDefinition | undefined;
  byLora(vendor: string, model: string, fPort?: number): DecoderDefinition | undefined;
  /** Most specific wM-Bus claim: (m,v,t), then (m,v,*), (m,*,t), (m,*,*). */
  byWmbus(manufacturer: string, version: number, deviceType: number): DecoderDefinition | undefined;
  /** CJ/T 188 meter type with manufacturer code (A6A5, 4 digits), then the meter type alone. */
  byCjt188(meterType: number, manufacturer?: string): DecoderDefinition | undefined;
  /** The first definition whose `recognise` accepts the bytes (a throwing `recognise` counts as no). */
  recognise(bytes: Uint8Array, context: DecodeContext): DecoderDefinition | undefined;
  /** Picks a decoder (named, by model, or recognised) and runs it inside the safety net. */
  decode(bytes: Uint8Array, context: DecodeContext, selection?: DecodeSelection): DecodeResult;
}

const ANY = '*';

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

function loraKey(vendor: string, model: string, fPort: number | typeof ANY): string {
  return `lora ${vendor.toLowerCase()}/${model.toLowerCase()} fPort ${fPort}`;
}

function wmbusKey(m: string, v: number | typeof ANY, t: number | typeof ANY): string {
  return `wmbus ${m.toUpperCase()} v=${v === ANY ? ANY : hex2(v)} t=${t === ANY ? ANY : hex2(t)}`;
}

function cjt188Key(meterType: number, manufacturer: string | typeof ANY): string {
  return `cjt188 T=${hex2(meterType)} manufacturer=${manufacturer}`;
}

function modelKey(model: string): string {
  return `model ${model.toLowerCase()}`;
}

function vendorModelKey(vendor: string, model: string): string {
  return `${vendor.toLowerCase()}/${model.toLowerCase()}`;
}

/** Every detection key a definition claims, as the strings the index is keyed by. */
function claimedKeys(def: DecoderDefinition): string[] {
  const keys: string[] = [];
  for (const m of def.detect.models ?? []) keys.push(modelKey(m));
  for (const l of def.detect.lora ?? []) {
    if (l.fPorts === undefined || l.fPorts.length === 0) keys.push(loraKey(l.vendor, l.model, ANY));
    else for (const p of l.fPorts) keys.push(loraKey(l.vendor, l.model, p));
  }
  for (const w of def.detect.wmbus ?? []) keys.push(wmbusKey(w.m, w.v ?? ANY, w.t ?? ANY));
  for (const c of def.detect.cjt188 ?? []) keys.push(cjt188Key(c.meterType, c.manufacturer ?? ANY));
  return keys;
}

function internalFailure(decoderId: string, code: DecodeErrorCode, message: string): DecodeResult {
  return { ok: false, decoder: decoderId, error: { ...decodeError(code, message), kind: 'internal' } };
}

function isVolume(n: unknown): boolean {
  return typeof n === 'number' && Number.isSafeInteger(n);
}

/** A success must carry integer millilitres; anything else is a decoder bug. */
function checkVolumes(result: DecodeResult): string | undefined {
  if (!result.ok) return undefined;
  for (const r of result.readings) {
    if (!isVolume(r.registerMl)) return `reading registerMl ${String(r.registerMl)} is not an integer`;
    if (r.billingDateRegisterMl !== undefined && !isVolume(r.billingDateRegisterMl)) {
      return `reading billingDateRegisterMl ${String(r.billingDateRegisterMl)} is not an integer`;
    }
    if (r.reverseMl !== undefined && !isVolume(r.reverseMl)) return `reading reverseMl ${String(r.reverseMl)} is not an integer`;
  }
  for (const h of result.history) {
    if (!isVolume(h.registerMl)) return `history registerMl ${String(h.registerMl)} is not an integer`;
  }
  return undefined;
}

/** Runs one decoder inside the safety net. Exported for callers that already chose a definition. */
export function safeDecode(def: DecoderDefinition, bytes: Uint8Array, context: DecodeContext): DecodeResult {
  let result: DecodeResult;
  try {
    result = def.decode(bytes, context);
  } catch (err) {
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return internalFailure(def.id, DecodeErrorCode.MALFORMED, `decoder '${def.id}' threw instead of returning a failure: ${message}`);
  }
  const bad = checkVolumes(result);
  if (bad !== undefined) {
    return internalFailure(def.id, DecodeErrorCode.VALUE_OUT_OF_RANGE, `decoder '${def.id}' produced a bad volume: ${bad}`);
  }
  return result;
}

export function createRegistry(definitions: readonly DecoderDefinition[]): DecoderRegistry {
  const ids = new Map<string, DecoderDefinition>();
  const keyed = new Map<string, DecoderDefinition>();
  /** vendor/model → decoders claiming it on some fPort (for the fallback in byModel). */
  const loraByVendorModel = new Map<string, DecoderDefinition[]>();

  for (const def of definitions) {
    const first = ids.get(def.id);
    if (first !== undefined) throw new DecoderRegistryConflict(`id '${def.id}'`, first.id, def.id);
    ids.set(def.id, def);
    for (const key of claimedKeys(def)) {
      const owner = keyed.get(key);
      if (owner !== undefined) throw new DecoderRegistryConflict(key, owner.id, def.id);
      keyed.set(key, def);
    }
    for (const l of def.detect.lora ?? []) {
      const vm = vendorModelKey(l.vendor, l.model);
      const list = loraByVendorModel.get(vm) ?? [];
      if (!list.includes(def)) list.push(def);
      loraByVendorModel.set(vm, list);
    }
  }
  const frozen = Object.freeze([...definitions]);
  const recognisers = frozen.filter((d) => d.recognise !== undefined);

  function byLora(vendor: string, model: string, fPort?: number): DecoderDefinition | undefined {
    if (fPort !== undefined) {
      const exact = keyed.get(loraKey(vendor, model, fPort));
      if (exact) return exact;
    }
    return keyed.get(loraKey(vendor, model, ANY));
  }

  function byModel(model: string, fPort?: number): DecoderDefinition | undefined {
    const explicit = keyed.get(modelKey(model));
    if (explicit) return explicit;
    const slash = model.indexOf('/');
    if (slash <= 0) return undefined;
    const vendor = model.slice(0, slash);
    const name = model.slice(slash + 1);
    const lora = byLora(vendor, name, fPort);
    if (lora) return lora;
    const claimants = loraByVendorModel.get(vendorModelKey(vendor, name));
    return claimants !== undefined && claimants.length === 1 ? claimants[0] : undefined;
  }

  function byWmbus(manufacturer: string, version: number, deviceType: number): DecoderDefinition | undefined {
    return (
      keyed.get(wmbusKey(manufacturer, version, deviceType)) ??
      keyed.get(wmbusKey(manufacturer, version, ANY)) ??
      keyed.get(wmbusKey(manufacturer, ANY, deviceType)) ??
      keyed.get(wmbusKey(manufacturer, ANY, ANY))
    );
  }

  function byCjt188(meterType: number, manufacturer?: string): DecoderDefinition | undefined {
    if (manufacturer !== undefined) {
      const exact = keyed.get(cjt188Key(meterType, manufacturer));
      if (exact) return exact;
    }
    return keyed.get(cjt188Key(meterType, ANY));
  }

  function recognise(bytes: Uint8Array, context: DecodeContext): DecoderDefinition | undefined {
    for (const def of recognisers) {
      try {
        if (def.recognise?.(bytes, context) === true) return def;
      } catch {
        // A recogniser that throws is treated as "not this format"; decode's net reports bugs.
      }
    }
    return undefined;
  }

  function decode(bytes: Uint8Array, context: DecodeContext, selection: DecodeSelection = {}): DecodeResult {
    if (selection.decoder !== undefined) {
      const named = ids.get(selection.decoder);
      if (!named) {
        return {
          ok: false,
          decoder: selection.decoder,
          error: decodeError(DecodeErrorCode.UNKNOWN_FORMAT, `no decoder with id '${selection.decoder}'`, {
            details: { decoder: selection.decoder },
          }),
        };
      }
      return safeDecode(named, bytes, context);
    }
    const model = selection.model ?? context.model;
    if (model !== undefined) {
      const byDeviceModel = byModel(model, context.fPort);
      if (byDeviceModel) return safeDecode(byDeviceModel, bytes, context);
    }
    const recognised = recognise(bytes, context);
    if (recognised) return safeDecode(recognised, bytes, context);
    const modelNote = model === undefined ? '' : ` and no decoder is registered for model '${model}'`;
    return {
      ok: false,
      decoder: 'registry',
      error: decodeError(DecodeErrorCode.UNKNOWN_FORMAT, `no registered decoder recognises the payload${modelNote}`, {
        details: { length: bytes.length, model: model ?? null },
      }),
    };
  }

  return { definitions: frozen, byId: (id) => ids.get(id), byModel, byLora, byWmbus, byCjt188, recognise, decode };
}
