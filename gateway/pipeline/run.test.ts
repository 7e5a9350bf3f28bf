import { describe, expect, it } from 'vitest';
import type { DeviceDirectory, DeviceRecord } from '../devices/device.js';
import { GatewayErrorCode, gatewayError } from '../errors.js';
import { unreadableUplink } from '../lns/unreadable.js';
import { createGatewayMetrics } from '../metrics.js';
import { createBatchWriter } from '../sinks/batch-writer.js';
import { createMemoryStore } from '../sinks/memory-store.js';
import { fixtureRegistry } from '../testing/fixture-decoder.js';
import { fixtureDevice, fixtureUplink } from '../testing/uplinks.js';
import { createPipeline } from './run.js';
import { passThroughValidator } from './stages/pass-through-validator.js';

function mapDirectory(devices: DeviceRecord[]): DeviceDirectory {
  const byId = new Map(devices.map((d) => [d.deviceId, d]));
  return { resolve: async (ref) => byId.get(ref) };
}

function setup(maxPayloadBytes = 64) {
  const store = createMemoryStore(passThroughValidator);
  store.addMeters(['P-1']);
  const metrics = createGatewayMetrics({ processMetrics: false });
  const pipeline = createPipeline({
    devices: mapDirectory([fixtureDevice('pd-1', 'P-1'), { ...fixtureDevice('pd-off', 'P-1'), enabled: false }]),
    decoders: fixtureRegistry(),
    writer: createBatchWriter(store, { lingerMs: 0 }),
    metrics,
    maxPayloadBytes,
  });
  return { store, metrics, pipeline };
}

describe('pipeline', () => {
  it('accepts a decodable uplink of a registered device and counts it', async () => {
    const { pipeline, store, metrics } = setup();
    const up = fixtureUplink('pd-1', { time: '2025-01-01T00:00:00Z', litres: 3 });
    expect(await pipeline.submit(up)).toEqual({ status: 'accepted', readings: 1, alarms: 0 });
    expect(store.readings.size).toBe(1);
    expect(await metrics.registry.getSingleMetricAsString('meterflow_uplinks_total')).toContain(
      'adapter="direct",status="accepted"} 1',
    );
  });

  it.each([
    ['unknown device', fixtureUplink('nobody', { litres: 1 }), 'unknown_device', GatewayErrorCode.UNKNOWN_DEVICE],
    ['disabled device', fixtureUplink('pd-off', { litres: 1 }), 'unknown_device', GatewayErrorCode.DEVICE_DISABLED],
    [
      'undecodable payload',
      { ...fixtureUplink('pd-1', { litres: 1 }), payload: Buffer.from([1, 2, 3]) },
      'decode_error',
      'DECODE_TRUNCATED',
    ],
    [
      'oversized payload',
      { ...fixtureUplink('pd-1', { litres: 1 }), payload: Buffer.alloc(65, 0xf1) },
      'rejected',
      GatewayErrorCode.PAYLOAD_TOO_LARGE,
    ],
    [
      'unreadable message',
      unreadableUplink(
        { transport: 'mqtt', receivedAt: '2025-01-01T00:00:00.000Z', topic: 't', payload: Buffer.from('{') },
        'chirpstack',
        'x',
        gatewayError(GatewayErrorCode.MALFORMED_MESSAGE, 'not JSON'),
      ),
      'rejected',
      GatewayErrorCode.MALFORMED_MESSAGE,
    ],
  ])('dead-letters an uplink with %s, archived with status and code', async (_label, uplink, status, code) => {
    const { pipeline, store, metrics } = setup();
    const outcome = await pipeline.submit(uplink);
    expect(outcome).toMatchObject({ status, code, readings: 0 });
    expect(store.raw.get(uplink.dedupKey)).toMatchObject({ status, errorCode: code });
    expect(await metrics.registry.getSingleMetricAsString('meterflow_dead_letters_total')).toContain(
      `code="${code}"} 1`,
    );
  });
});
