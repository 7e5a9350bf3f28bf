/**
 * Generation, pure: a fleet and its clock in, the messages its meters send out, in time order.
 * No network, no wall clock: the same fleet gives the same messages byte for byte (topics,
 * payloads, times), which is what the tests compare and what `simulate` sends or writes.
 *
 * Every meter measures once per interval at its own offset (the reading at tick 0 is the run's
 * start, the last tick is the run's end), and its message arrives after its path's latency.
 * Messages of one tick all arrive before the next tick starts, so ticks are emitted in order.
 */
import type { WireMessage } from '../message.js';
import { chirpstackJsonEvent, chirpstackProtobufEvent, chirpstackTopic } from '../lns/chirpstack.js';
import { GATEWAYS, cn470FrequencyHz, gatewayByEui, spreadingFactorFor } from '../lns/gateways.js';
import { ulidOf, uuidOf } from '../lns/ids.js';
import { loraAirtimeS, ttsTopic, ttsUplinkMessage } from '../lns/tts.js';
import type { LoraUplink, Reception } from '../lns/uplink.js';
import { rngFor, type Rng } from '../random.js';
import { Calendar, HOUR_MS } from './calendar.js';
import { SimulatedMeter, type MeterSample } from './meter.js';
import { modelOf, type PayloadModel } from './models/index.js';
import type { Fleet, MessageFaultKind, MeterSpec } from './types.js';

/** Where direct devices publish and post (the gateway's default routes). */
export const DIRECT_TOPIC = (deviceId: string): string => `meters/${deviceId}/up`;
export const COAP_PATH = (deviceId: string): string => `/m/${deviceId}`;
/** CoAP Content-Format application/json (RFC 7252 §12.3), which node-coap-client always sends. */
export const CONTENT_FORMAT_JSON = 50;

const CHIRPSTACK_DEDUP_DELAY_MS = 200;

interface LoraSession {
  devAddr: string;
  fCnt: number;
  sessionKeyId: string;
  reset: boolean;
}

interface MeterRuntime {
  spec: MeterSpec;
  model: PayloadModel;
  meter: SimulatedMeter;
  seq: number;
  radio: Rng;
  faults: Rng;
  lora?: LoraSession;
}

function activeFault(spec: MeterSpec, tMs: number): string | undefined {
  const f = spec.fault;
  if (f === undefined) return undefined;
  if (f.kind === 'rollover') return 'rollover';
  return tMs >= f.startMs && tMs < f.endMs ? f.kind : undefined;
}

/** The message fault for this uplink, drawn at the fleet's rates (meters with a meter fault get none). */
function messageFault(rt: MeterRuntime, fleet: Fleet): MessageFaultKind | undefined {
  const u = rt.faults.float();
  if (rt.spec.fault !== undefined) return undefined;
  const rates = fleet.options.faultRates;
  const lora = rt.spec.path === 'chirpstack' || rt.spec.path === 'tts';
  const candidates: Array<[MessageFaultKind, number]> = [];
  if (rt.model.corrupt !== undefined) candidates.push(['corrupt', rates.corrupt ?? 0]);
  candidates.push(['truncated', rates.truncated ?? 0]);
  if (lora) candidates.push(['multi-gateway', rates['multi-gateway'] ?? 0]);
  let acc = 0;
  for (const [kind, rate] of candidates) {
    acc += rate;
    if (u < acc) return kind;
  }
  return undefined;
}

function directWrapper(payload: Uint8Array, seq: number, sample: MeterSample): Uint8Array {
  const time = new Date(Math.floor(sample.meterClockMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return Buffer.from(JSON.stringify({ payload_hex: Buffer.from(payload).toString('hex'), id: String(seq), time }));
}

function receptionsFor(rt: MeterRuntime, heardAtMs: number, copies: number): Reception[][] {
  const lora = rt.spec.lora!;
  const home = gatewayByEui(lora.homeGateway) ?? GATEWAYS[0]!;
  const channel = rt.radio.int(0, 8);
  const fade = () => Math.round(rt.radio.normal(0, 2));
  const reception = (gw = home, extraLoss = 0): Reception => ({
    gateway: gw,
    rssiDbm: lora.rssiDbm + fade() - extraLoss,
    snrDb: Math.round((lora.snrDb + rt.radio.normal(0, 1) - extraLoss / 4) * 10) / 10,
    channel,
    timeMs: heardAtMs,
    uplinkId: rt.radio.int(0, 2 ** 32),
  });
  const others = GATEWAYS.filter((g) => g !== home);
  if (copies > 1) {
    // One network-server event per gateway: the same frame delivered several times.
    return Array.from({ length: copies }, (_, i) => [
      i === 0 ? reception() : reception(others[rt.radio.int(0, others.length)], rt.radio.int(3, 15)),
    ]);
  }
  const heard = [reception()];
  if (rt.radio.chance(0.3)) heard.push(reception(others[rt.radio.int(0, others.length)], rt.radio.int(3, 15)));
  return [heard];
}

function loraMessages(
  rt: MeterRuntime,
  fleet: Fleet,
  payload: Uint8Array,
  sample: MeterSample,
  copies: number,
  metadata: WireMessage['metadata'],
): WireMessage[] {
  const spec = rt.spec;
  const id = spec.lora!;
  const session = rt.lora!;
  const sf = spreadingFactorFor(id.rssiDbm);
  const airtimeMs = Math.round(loraAirtimeS(payload.length, sf) * 1000);
  const heardAtMs = sample.timeMs + airtimeMs;
  const nsTimeMs = heardAtMs + 20;
  const base = {
    devEui: id.devEui,
    joinEui: id.joinEui,
    devAddr: session.devAddr,
    fCnt: session.fCnt,
    fPort: id.fPort,
    payload,
    nsTimeMs,
    spreadingFactor: sf,
    applicationId: id.applicationId,
    deviceName: spec.meterId.toLowerCase(),
  };
  const receptionSets = receptionsFor(rt, heardAtMs, copies);
  return receptionSets.map((receptions, copy) => {
    const uplink: LoraUplink = {
      ...base,
      frequencyHz: cn470FrequencyHz(receptions[0]!.channel),
      receptions,
      deduplicationId: uuidOf(rt.radio),
      ...(id.tenantId !== undefined ? { tenantId: id.tenantId, sessionKeyId: session.sessionKeyId } : {}),
      correlationUlids: spec.path === 'tts' ? Array.from({ length: 7 }, () => ulidOf(nsTimeMs, rt.radio)) : [],
    };
    const timeMs = nsTimeMs + CHIRPSTACK_DEDUP_DELAY_MS + copy * 300;
    const meta = copies > 1 ? { ...metadata, copy } : metadata;
    if (spec.path === 'tts') {
      return {
        transport: 'mqtt',
        topic: ttsTopic(id.applicationId, id.tenantId ?? '', id.ttsDeviceId ?? spec.meterId),
        qos: 1,
        retain: false,
        timeMs,
        payload: ttsUplinkMessage({ ...uplink, deviceId: id.ttsDeviceId ?? spec.meterId }),
        metadata: meta,
      };
    }
    return {
      transport: 'mqtt',
      topic: chirpstackTopic(id.applicationId, id.devEui),
      qos: 1,
      retain: false,
      timeMs,
      payload: id.encoding === 'protobuf' ? chirpstackProtobufEvent(uplink) : chirpstackJsonEvent(uplink),
      metadata: { ...meta, encoding: id.encoding ?? 'json' },
    };
  });
}

function messagesOf(rt: MeterRuntime, fleet: Fleet, tMs: number): WireMessage[] {
  const spec = rt.spec;
  const fault = spec.fault;
  if (fault?.kind === 'fcnt-reset' && rt.lora && !rt.lora.reset && tMs >= fault.startMs) {
    // The device rejoined: a new session address and frame counters from 0.
    rt.lora = {
      devAddr: `26${rt.radio.hex(3)}`,
      fCnt: 0,
      sessionKeyId: Buffer.from(rt.radio.bytes(16)).toString('base64'),
      reset: true,
    };
  }
  const sample = rt.meter.sampleAt(tMs);
  const seq = rt.seq++;
  let payload = rt.model.encode(sample, spec, { seq, timeZone: fleet.options.timeZone });
  const offline = fault?.kind === 'offline' && tMs >= fault.startMs && tMs < fault.endMs;
  const injected = offline ? undefined : messageFault(rt, fleet);
  if (injected === 'corrupt' && rt.model.corrupt) payload = rt.model.corrupt(payload, rt.faults);
  if (injected === 'truncated') payload = payload.subarray(0, rt.faults.int(1, payload.length));
  const fcnt = rt.lora?.fCnt;
  if (rt.lora) rt.lora.fCnt++;
  if (offline) return [];
  const metadata: WireMessage['metadata'] = {
    meterId: spec.meterId,
    deviceId: spec.deviceId,
    path: spec.path,
    model: spec.model,
    seq,
  };
  const faultNow = injected ?? activeFault(spec, tMs);
  if (faultNow !== undefined) metadata.fault = faultNow;
  if (fcnt !== undefined) metadata.fCnt = fcnt;

  switch (spec.path) {
    case 'wmbus':
      return [
        {
          transport: 'mqtt',
          topic: DIRECT_TOPIC(spec.deviceId),
          qos: 1,
          retain: false,
          timeMs: tMs + spec.latencyMs,
          payload,
          metadata,
        },
      ];
    case 'mqtt':
      return [
        {
          transport: 'mqtt',
          topic: DIRECT_TOPIC(spec.deviceId),
          qos: 1,
          retain: false,
          timeMs: tMs + spec.latencyMs,
          payload: directWrapper(payload, seq, sample),
          metadata,
        },
      ];
    case 'coap':
      return [
        {
          transport: 'coap',
          path: COAP_PATH(spec.deviceId),
          method: 'POST',
          confirmable: true,
          contentFormat: CONTENT_FORMAT_JSON,
          timeMs: tMs + spec.latencyMs,
          payload: directWrapper(payload, seq, sample),
          metadata,
        },
      ];
    case 'chirpstack':
    case 'tts':
      return loraMessages(
        rt,
        fleet,
        payload,
        sample,
        injected === 'multi-gateway' ? 2 + rt.faults.int(0, 2) : 1,
        metadata,
      );
  }
}

/** Number of ticks in the run: readings at the start, every interval, and at the end. */
export function tickCount(fleet: Fleet): number {
  return Math.floor((fleet.endMs - fleet.options.startMs) / (fleet.options.intervalS * 1000)) + 1;
}

/** The fleet's messages, in time order (ties by meter, then copy). */
export function* generateTraffic(fleet: Fleet): Generator<WireMessage, void, undefined> {
  const o = fleet.options;
  const calendar = new Calendar(o.timeZone);
  const intervalMs = o.intervalS * 1000;
  const slotMs = Math.min(intervalMs, HOUR_MS);
  const readingDay = calendar.at(o.startMs).dayOfMonth;
  const runtimes: MeterRuntime[] = fleet.meters.map((spec) => {
    const model = modelOf(spec.model);
    const rt: MeterRuntime = {
      spec,
      model,
      meter: new SimulatedMeter(spec, o.startMs, Math.min(28, readingDay), o.seed, slotMs, calendar, model.direction),
      seq: 0,
      radio: rngFor(o.seed, 'radio', spec.index),
      faults: rngFor(o.seed, 'message-faults', spec.index),
    };
    if (spec.lora)
      rt.lora = {
        devAddr: spec.lora.devAddr,
        fCnt: 0,
        sessionKeyId: Buffer.from(rt.radio.bytes(16)).toString('base64'),
        reset: false,
      };
    return rt;
  });
  const byOffset = [...runtimes].sort(
    (a, b) => a.spec.reportOffsetMs - b.spec.reportOffsetMs || a.spec.index - b.spec.index,
  );
  const ticks = tickCount(fleet);
  for (let k = 0; k < ticks; k++) {
    const tickMs = o.startMs + k * intervalMs;
    const batch: Array<{ m: WireMessage; index: number; order: number }> = [];
    for (const rt of byOffset) {
      const messages = messagesOf(rt, fleet, tickMs + rt.spec.reportOffsetMs);
      messages.forEach((m, order) => batch.push({ m, index: rt.spec.index, order }));
    }
    batch.sort((a, b) => a.m.timeMs - b.m.timeMs || a.index - b.index || a.order - b.order);
    for (const item of batch) yield item.m;
  }
}
