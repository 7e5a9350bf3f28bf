/**
 * The layer walk: link layer (wM-Bus, or a wired M-Bus long frame), then ELL, AFL and TPL as the
 * CI fields announce them (EN 13757-4 §13, EN 13757-7 §5), decryption, and the DIF/VIF records.
 * Manufacturer CIs stop the walk and are handed to manufacturerFormats by the caller.
 */
import type { DecodeContext } from '../core/types.js';
import { DecodeErrorCode } from '../core/errors.js';
import type { WmbusAddress } from './manufacturer/types.js';
import { at, u16le } from './bytes.js';
import { CI, isEllCi, isManufacturerCi } from './ci.js';
import { learnCompactFormat, lookupCompactFormat, type CompactFormatCache } from './compact.js';
import { parseRecords, type ParsedRecords, type RecordsOptions } from './dif-vif.js';
import { parseEll, type EllHeader } from './ell.js';
import { parseAfl, type AflHeader } from './afl.js';
import { stripBlockCrcs, type FrameFormat, type FrameFormatOption } from './frame-format.js';
import { parseLinkHeader } from './link.js';
import { looksLikeWiredLongFrame, parseWiredLongFrame } from './mbus-wired.js';
import { fail, ok, type StageResult } from './result.js';
import { decryptTplPayload, openEllPayload, parseKey } from './security/index.js';
import { parseTransportHeader, type TransportHeader } from './tpl.js';
import { manufacturerFormats as defaultManufacturerFormats, vendorDefaultAesKeys } from './manufacturer/index.js';
import type { ManufacturerFormat, ManufacturerFrame } from './manufacturer/types.js';
import { matchesMvt } from './vendors/types.js';
import { formatsOf } from './by-manufacturer.js';

export interface ParseOptions {
  /** How block CRCs are present; 'auto' accepts CRC-free telegrams and formats A/B. */
  frameFormat?: FrameFormatOption;
  /** Formats learnt from full frames, for compact frames (CI 79). Updated when a full frame parses. */
  compactFormats?: CompactFormatCache;
  /** Manufacturer formats that may claim a frame (defaults to manufacturer/index.ts). */
  manufacturerFormats?: readonly ManufacturerFormat[];
}

export type SecurityKind = 'none' | 'tpl-mode5' | 'tpl-mode7' | 'tpl-des' | 'ell-ctr' | 'vendor-unwrapped';

export interface ParsedTelegram {
  frame: 'wmbus' | 'mbus';
  frameFormat: FrameFormat;
  cField: number;
  /** Address of the sender: link layer (or the swapped Diehl one); absent on wired frames. */
  linkAddress?: WmbusAddress;
  /** Address of the meter: the long TPL header's if present, else the ELL's, else the link's. */
  address: WmbusAddress;
  /** Telegram from L (or the wired CI) on, CRC-free, as the manufacturer formats want it. */
  telegram: Uint8Array;
  ell?: EllHeader;
  afl?: AflHeader;
  ci: number;
  tpl?: TransportHeader;
  security: SecurityKind;
  /** True when the header announces encryption but the payload came in plaintext. */
  plainAsGiven: boolean;
  /** The manufacturer format that claims the whole frame (manufacturer CI, or a vendor layout behind a standard CI). */
  claimedBy?: ManufacturerFormat;
  /** Meter id a vendor unwrap says to report (Diehl address swapping). */
  meterIdOverride?: string;
  /** Bytes after the TPL header (decrypted), or after the CI for manufacturer CIs. */
  payload: Uint8Array;
  records?: ParsedRecords;
  /** Signature of a compact frame's format, or of a full frame's learnt format. */
  formatSignature?: number;
  warnings: string[];
}

const wiredAddress = (primary: number): WmbusAddress => ({
  manufacturer: '@@@',
  id: primary.toString(16).padStart(8, '0'),
  version: 0,
  deviceType: 0,
});

const NO_SESSION_NUMBER = new Uint8Array(4);
/** The format bytes are only worth collecting when there is a cache to learn them into. */
const WITH_FORMAT: RecordsOptions = Object.freeze({ collectFormat: true });
const WITHOUT_FORMAT: RecordsOptions = Object.freeze({ collectFormat: false });
const NO_A_FIELD = new Uint8Array(6);

/** The first manufacturer format that claims the frame after the CI (CI, mvt, then its own `accepts`). */
function claimingFormat(formats: readonly ManufacturerFormat[], frame: ManufacturerFrame): ManufacturerFormat | undefined {
  for (const f of formatsOf(formats, frame.address.manufacturer)) {
    if (f.detect.ci.includes(frame.ci) && matchesMvt(f.detect.mvt, frame.address) && (f.detect.accepts ? f.detect.accepts(frame) : true)) return f;
  }
  return undefined;
}

/** Whether any format names this CI and the sender's manufacturer (before building the frame for `accepts`). */
function mayClaim(formats: readonly ManufacturerFormat[], manufacturer: string, ci: number): boolean {
  for (const f of formatsOf(formats, manufacturer)) if (f.detect.ci.includes(ci)) return true;
  return false;
}

function appendAll(to: string[], from: readonly string[]): void {
  for (const w of from) to.push(w);
}

export function parseTelegram(input: Uint8Array, ctx: DecodeContext, options: ParseOptions = {}): StageResult<ParsedTelegram> {
  const warnings: string[] = [];
  let telegram: Uint8Array;
  let ciOffset: number;
  let frame: 'wmbus' | 'mbus';
  let frameFormat: FrameFormat = 'none';
  let cField: number;
  let linkAddress: WmbusAddress | undefined;
  let linkM = 0;
  let linkA: Uint8Array = NO_A_FIELD;

  if (looksLikeWiredLongFrame(input)) {
    const w = parseWiredLongFrame(input);
    if (!w.ok) return w;
    frame = 'mbus';
    telegram = input.subarray(0, 4 + at(input, 1));
    ciOffset = w.value.ciOffset;
    cField = w.value.cField;
  } else {
    const s = stripBlockCrcs(input, options.frameFormat ?? 'auto');
    if (!s.ok) return s;
    frame = 'wmbus';
    frameFormat = s.value.format;
    appendAll(warnings, s.value.warnings);
    telegram = s.value.telegram;
    const l = parseLinkHeader(telegram);
    if (!l.ok) return l;
    cField = l.value.cField;
    linkAddress = l.value.address;
    linkM = l.value.manufacturerCode;
    linkA = l.value.aField;
    ciOffset = l.value.ciOffset;
  }

  const key = parseKey(ctx.key);
  let ell: EllHeader | undefined;
  let afl: AflHeader | undefined;
  let security: SecurityKind = 'none';
  let plainAsGiven = false;
  let body: Uint8Array = telegram;
  let pos = ciOffset;

  if (pos >= body.length) return fail(DecodeErrorCode.TRUNCATED, 'telegram has no CI field', { offset: pos });
  if (isEllCi(at(body, pos))) {
    const e = parseEll(body, pos);
    if (!e.ok) return e;
    ell = e.value;
    pos += ell.headerLength;
    if (ell.hasPayloadCrc) {
      const opened = openEllPayload(
        {
          manufacturerCode: ell.manufacturerCode ?? linkM,
          aField: ell.aField ?? linkA,
          communicationControl: ell.communicationControl,
          sessionNumber: ell.sessionNumber ?? NO_SESSION_NUMBER,
        },
        ell.encryption,
        body.subarray(pos),
        key,
      );
      if (!opened.ok) return opened;
      if (ell.encryption !== 0) {
        security = 'ell-ctr';
        plainAsGiven = opened.value.how === 'plain-as-given';
      }
      const rebuilt = new Uint8Array(pos + opened.value.payload.length);
      rebuilt.set(body.subarray(0, pos), 0);
      rebuilt.set(opened.value.payload, pos);
      body = rebuilt;
    }
  }
  if (pos < body.length && at(body, pos) === CI.AFL) {
    const a = parseAfl(body, pos);
    if (!a.ok) return a;
    afl = a.value;
    if (afl.moreFragments || afl.fragmentId > 1) {
      return fail(DecodeErrorCode.UNSUPPORTED_RECORD, 'fragmented AFL messages are not reassembled', { offset: pos });
    }
    pos += afl.headerLength;
  }
  if (pos >= body.length) return fail(DecodeErrorCode.TRUNCATED, 'telegram ends before the transport layer CI', { offset: pos });
  const ci = at(body, pos);
  const senderAddress: WmbusAddress = ell?.address ?? linkAddress ?? wiredAddress(at(input, 5));

  // One object of one shape for every outcome; the branches below fill in what they find.
  const parsed: ParsedTelegram = {
    frame,
    frameFormat,
    cField,
    linkAddress,
    address: senderAddress,
    telegram: body,
    ell,
    afl,
    ci,
    tpl: undefined,
    security,
    plainAsGiven,
    claimedBy: undefined,
    meterIdOverride: undefined,
    payload: body,
    records: undefined,
    formatSignature: undefined,
    warnings,
  };

  const formats = options.manufacturerFormats ?? defaultManufacturerFormats;
  const manufacturerCi = isManufacturerCi(ci);
  // The frame for manufacturer formats, made only when one may want it; body is a view (formats only read it).
  const mframe: ManufacturerFrame | undefined =
    manufacturerCi || mayClaim(formats, senderAddress.manufacturer, ci)
      ? { cField, address: senderAddress, ci, body: body.subarray(pos + 1), telegram: body }
      : undefined;
  const claimed = mframe ? claimingFormat(formats, mframe) : undefined;
  if (mframe && (manufacturerCi || (claimed?.decodeFrame && !claimed.unwrapFrame))) {
    parsed.payload = mframe.body;
    parsed.claimedBy = claimed;
    return ok(parsed);
  }
  if (mframe && claimed?.unwrapFrame) {
    // A vendor layout behind a standard CI (Diehl real data): the format returns plain records.
    const u = claimed.unwrapFrame(mframe, ctx);
    if (!u.ok) return u;
    appendAll(warnings, u.warnings);
    const records = parseRecords(u.payload);
    if (!records.ok) return records;
    appendAll(warnings, records.value.warnings);
    parsed.address = u.address ?? senderAddress;
    parsed.security = 'vendor-unwrapped';
    parsed.payload = u.payload;
    parsed.records = records.value;
    parsed.meterIdOverride = u.meterId || undefined;
    return ok(parsed);
  }

  const t = parseTransportHeader(body, pos);
  if (!t.ok) return t;
  const tpl = t.value;
  let payload: Uint8Array = body.subarray(pos + tpl.headerLength);
  const address = tpl.address ?? senderAddress;

  const mode = tpl.config?.securityMode ?? 0;
  const blocks = tpl.config?.encryptedBlocks ?? 0;
  // Modes 5 and 7 with no encrypted block send everything in the clear (EN 13757-7 §9.4).
  const encrypted = mode !== 0 && !((mode === 5 || mode === 7) && blocks === 0);
  if (encrypted) {
    const input = {
      mode,
      encryptedBlocks: blocks,
      accessNumber: tpl.accessNumber ?? 0,
      manufacturerCode: tpl.manufacturerCode ?? ell?.manufacturerCode ?? linkM,
      aField: tpl.aField ?? ell?.aField ?? linkA,
      ...(afl?.messageCounter !== undefined ? { messageCounter: afl.messageCounter } : {}),
    };
    let d = decryptTplPayload(input, payload, key);
    if (!d.ok && d.error.code === DecodeErrorCode.KEY_NEEDED && mode === 5) {
      // Vendor default keys (published by the vendor), tried only when no key is configured.
      for (const hex of vendorDefaultAesKeys(address, ci)) {
        d = decryptTplPayload(input, payload, parseKey(hex));
        if (d.ok) {
          warnings.push(`decrypted with the ${address.manufacturer} default key`);
          break;
        }
      }
    }
    if (!d.ok) return d;
    payload = d.value.payload;
    security = mode === 5 ? 'tpl-mode5' : mode === 7 ? 'tpl-mode7' : 'tpl-des';
    plainAsGiven = plainAsGiven || d.value.how === 'plain-as-given';
  }
  if (security === 'none' && key.kind !== 'none') {
    return fail(DecodeErrorCode.UNEXPECTED_PLAINTEXT, 'unencrypted telegram for a meter that has a key configured');
  }

  let records: StageResult<ParsedRecords>;
  let formatSignature: number | undefined;
  if (tpl.compact) {
    // A decrypted payload opens with the 2F2F verification bytes (EN 13757-7 §9.4.3); in a compact
    // frame the format signature follows them.
    if (encrypted && payload[0] === 0x2f && payload[1] === 0x2f) payload = payload.subarray(2);
    if (payload.length < 4) return fail(DecodeErrorCode.TRUNCATED, 'compact frame shorter than its signature and CRC');
    formatSignature = u16le(payload, 0);
    const format = lookupCompactFormat(formatSignature, options.compactFormats);
    if (!format) {
      return fail(DecodeErrorCode.UNSUPPORTED_RECORD, `compact frame format ${formatSignature.toString(16)} not yet known: a full frame of this meter must come first`, {
        details: { formatSignature },
      });
    }
    records = parseRecords(payload.subarray(4), format);
  } else {
    records = parseRecords(payload, undefined, options.compactFormats !== undefined ? WITH_FORMAT : WITHOUT_FORMAT);
    if (records.ok) {
      const sig = learnCompactFormat(records.value.formatBytes, options.compactFormats);
      if (sig !== null) formatSignature = sig;
    }
  }
  if (!records.ok) return records;
  appendAll(warnings, records.value.warnings);
  parsed.address = address;
  parsed.tpl = tpl;
  parsed.security = security;
  parsed.plainAsGiven = plainAsGiven;
  parsed.payload = payload;
  parsed.records = records.value;
  parsed.formatSignature = formatSignature;
  return ok(parsed);
}
