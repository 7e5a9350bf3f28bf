/**
 * Test support: the gateway's own pure stages, composed in memory so that generated traffic can
 * be checked without a broker or a database. Every step is the gateway's real code: the topic
 * router and network-server adapters, the CoAP request reader, the dedup keys, the decoder
 * registry, and the writer's validation plan (planBatch, with the real validator). Only the
 * tables are Maps: dedup keys, stored readings, meter state and active alarms.
 *
 * The receive time of each message is its simulated arrival time, as the gateway's clock gives
 * it when the simulation drives that clock (the demo, the lockstep sender).
 */
import type { DecoderRegistry } from '../../decoders/core/registry.js';
import type { DeviceRecord } from '../../gateway/devices/device.js';
import { createTopicRouter, adaptMqttMessage, defaultTopicPatterns } from '../../gateway/lns/topic-router.js';
import { decode as decodeStage } from '../../gateway/pipeline/stages/decode.js';
import {
  planBatch,
  readingKey,
  type AlarmRecord,
  type MeterSnapshot,
  type ReadingRow,
} from '../../gateway/pipeline/stages/validate.js';
import type { PreparedUplink } from '../../gateway/pipeline/prepared.js';
import { coapUplink } from '../../gateway/transports/coap/coap-uplink.js';
import { parseCoapRequest } from '../../gateway/transports/coap/request.js';
import type { Uplink } from '../../gateway/uplink.js';
import type { Validator } from '../../gateway/validation/types.js';
import type { WireMessage } from '../message.js';
import { deviceRowsOf, meterRowsOf } from '../meters/registry-files.js';
import type { Fleet } from '../meters/types.js';

export type IngestStatus = 'accepted' | 'duplicate' | 'unknown_device' | 'decode_error' | 'invalid' | 'rejected';

export interface IngestRecord {
  message: WireMessage;
  status: IngestStatus;
  code?: string;
  dedupKey?: string;
  readings: ReadingRow[];
  alarmsRaised: string[];
  alarmsCleared: string[];
}

export interface InMemoryIngest {
  ingest(message: WireMessage): IngestRecord;
  /** Every stored reading, in the order stored. */
  readings(): ReadingRow[];
  /** Alarms active now, per meter. */
  activeAlarms(meterId: string): string[];
}

function coapView(m: Extract<WireMessage, { transport: 'coap' }>) {
  const [pathPart = '', query = ''] = m.path.split('?');
  return {
    method: m.method,
    pathSegments: pathPart.split('/').filter((s) => s !== ''),
    querySegments: query === '' ? [] : query.split('&'),
    contentFormat: m.contentFormat,
    payload: m.payload,
  };
}

let coapMessageId = 0;

function uplinkOf(
  message: WireMessage,
  router: ReturnType<typeof createTopicRouter>,
): { ok: true; uplink: Uplink } | { ok: false; code: string } {
  const receivedAt = new Date(message.timeMs).toISOString();
  if (message.transport === 'mqtt') {
    const adapted = adaptMqttMessage(router, {
      transport: 'mqtt',
      receivedAt,
      topic: message.topic,
      payload: message.payload,
    });
    return adapted.ok ? { ok: true, uplink: adapted.value } : { ok: false, code: adapted.error.code };
  }
  const request = parseCoapRequest(coapView(message), { maxPayloadBytes: 4096 });
  if (!request.ok) return { ok: false, code: request.rejection.code };
  coapMessageId = (coapMessageId + 1) & 0xffff;
  const built = coapUplink(request.request, {
    messageId: coapMessageId,
    token: Uint8Array.of(coapMessageId & 0xff),
    confirmable: message.confirmable,
    peer: 'test',
    receivedAt,
  });
  return built.ok ? { ok: true, uplink: built.uplink } : { ok: false, code: built.rejection.code };
}

export function createInMemoryIngest(fleet: Fleet, decoders: DecoderRegistry, validator: Validator): InMemoryIngest {
  const router = createTopicRouter(defaultTopicPatterns);
  const devices = new Map<string, DeviceRecord>(
    deviceRowsOf(fleet).map((d) => [
      d.deviceId,
      {
        deviceId: d.deviceId,
        transport: d.transport,
        enabled: true,
        meterId: d.meterId,
        ...(d.decoder !== undefined ? { decoder: d.decoder } : {}),
        ...(d.model !== undefined ? { model: d.model } : {}),
        ...(d.aesKey !== undefined ? { aesKey: d.aesKey } : {}),
        ...(d.meterTimeZone !== undefined ? { meterTimeZone: d.meterTimeZone } : {}),
      },
    ]),
  );
  const meters = new Map<string, MeterSnapshot>(
    meterRowsOf(fleet).map((m) => [
      m.meterId,
      {
        profile: {
          meterId: m.meterId,
          meterClass: m.meterClass,
          diameterMm: m.diameterMm,
          registerDigits: m.registerDigits,
          q3Lph: m.q3Lph,
          q4Lph: m.q4Lph,
          expectedIntervalS: m.expectedIntervalS,
          installedAt: new Date(fleet.options.startMs).toISOString(),
        },
        state: undefined,
        activeAlarms: new Map<string, AlarmRecord>(),
      },
    ]),
  );
  const keys = new Set<string>();
  const stored = new Map<string, number>();
  const all: ReadingRow[] = [];

  function ingest(message: WireMessage): IngestRecord {
    const record = (status: IngestStatus, extra: Partial<IngestRecord> = {}): IngestRecord => ({
      message,
      status,
      readings: [],
      alarmsRaised: [],
      alarmsCleared: [],
      ...extra,
    });
    const adapted = uplinkOf(message, router);
    if (!adapted.ok) return record('rejected', { code: adapted.code });
    const uplink = adapted.uplink;
    if (keys.has(uplink.dedupKey)) return record('duplicate', { dedupKey: uplink.dedupKey });
    keys.add(uplink.dedupKey);
    const device = devices.get(uplink.deviceRef);
    if (device === undefined) return record('unknown_device', { dedupKey: uplink.dedupKey });
    const decoded = decodeStage(uplink, device, decoders);
    if ('stop' in decoded) return record(decoded.stop.status, { code: decoded.stop.code, dedupKey: uplink.dedupKey });
    const item: PreparedUplink = { uplink, device, decoded: decoded.next };
    const plan = planBatch([item], meters, stored, validator);
    const outcome = plan.items[0]!;
    if (outcome.deadLetter)
      return record(outcome.deadLetter.status, { code: outcome.deadLetter.code, dedupKey: uplink.dedupKey });
    for (const row of plan.readings) {
      stored.set(readingKey(row.meterId, Date.parse(row.time)), row.registerMl);
      all.push(row);
    }
    for (const [meterId, state] of plan.states) meters.get(meterId)!.state = state;
    for (const alarm of plan.alarms) {
      const snap = meters.get(alarm.meterId)!;
      if (alarm.clearedAt === undefined) snap.activeAlarms.set(alarm.kind, { ...alarm, isNew: false });
      else snap.activeAlarms.delete(alarm.kind);
    }
    if (outcome.duplicates > 0 && plan.readings.length === 0) return record('duplicate', { dedupKey: uplink.dedupKey });
    return record('accepted', {
      dedupKey: uplink.dedupKey,
      readings: plan.readings,
      alarmsRaised: plan.alarmChanges.filter((c) => c.action === 'raise').map((c) => c.kind),
      alarmsCleared: plan.alarmChanges.filter((c) => c.action === 'clear').map((c) => c.kind),
    });
  }

  return {
    ingest,
    readings: () => all,
    activeAlarms: (meterId) => [...(meters.get(meterId)?.activeAlarms.keys() ?? [])],
  };
}
