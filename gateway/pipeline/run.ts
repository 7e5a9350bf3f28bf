/**
 * The ingest pipeline, as every transport sees it (IngestPort). The stages, in order:
 *
 *   on arrival, per uplink (pipeline/stages/):
 *     0. (adapter)         unreadable message → dead letter `rejected` (GATEWAY_MALFORMED_MESSAGE, …)
 *     1. check size        oversized payload  → dead letter `rejected` (GATEWAY_PAYLOAD_TOO_LARGE)
 *     2. resolve device    unknown/disabled   → dead letter `unknown_device`
 *     3. decode            decoder failure    → dead letter `decode_error` (the decoder's code)
 *   in the writer, per batch, in one transaction (sinks/timescale.ts):
 *     4. archive raw + claim the dedup key     key seen before → Drop('duplicate'), counted
 *     5. validate against the meter's state    unknown meter, conflict → dead letter `invalid`
 *     6. write readings, alarms, meter state
 *     7. commit
 *   back in the transport:
 *     8. acknowledge (PUBACK, CoAP ACK, HTTP 2xx) once `submit` resolved
 *
 * Dead letters are archived like any uplink (status, code, reason) and can be re-processed with
 * `meterflow replay --from-archive`. Nothing an uplink contains can make `submit` throw: it
 * rejects only when the uplink could not be committed (database unavailable, queue full,
 * shutting down), and then the transport must not acknowledge.
 */
import type { Logger } from '../../common/logger.js';
import { silentLogger } from '../../common/logger.js';
import type { DeviceDirectory, DeviceRecord } from '../devices/device.js';
import { GatewayErrorCode, isGatewayError } from '../errors.js';
import type { GatewayMetrics } from '../metrics.js';
import type { BatchWriter, SubmitOptions } from '../sinks/batch-writer.js';
import type { IngestOutcome, IngestPort, Uplink } from '../uplink.js';
import type { PreparedUplink, ReplayTarget } from './prepared.js';
import { archivedPayload, checkSize, DEFAULT_MAX_PAYLOAD_BYTES } from './stages/check-size.js';
import { decode, type DecoderLookup } from './stages/decode.js';
import { checkDevice, lookUp } from './stages/resolve-device.js';

export interface PipelineOptions {
  devices: DeviceDirectory;
  decoders: DecoderLookup;
  writer: BatchWriter;
  metrics?: GatewayMetrics;
  logger?: Logger;
  /** Payloads above this size are dead-lettered (default 4096 bytes). */
  maxPayloadBytes?: number;
}

export interface Pipeline extends IngestPort {
  submit(uplink: Uplink, options?: SubmitOptions): Promise<IngestOutcome>;
  /** Re-processes an archived uplink; its row is updated instead of a new one being added. */
  replay(uplink: Uplink, target: ReplayTarget): Promise<IngestOutcome>;
}

export function createPipeline(options: PipelineOptions): Pipeline {
  const maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const logger = options.logger ?? silentLogger;

  /** Stage 3 and what follows stage 2, once the device is known. */
  function afterDevice(uplink: Uplink, found: DeviceRecord | undefined): PreparedUplink {
    const device = checkDevice(uplink, found);
    if ('stop' in device) return { uplink, deadLetter: device.stop };
    try {
      const decoded = decode(uplink, device.next, options.decoders);
      if ('stop' in decoded) return { uplink, device: device.next, deadLetter: decoded.stop };
      return { uplink, device: device.next, decoded: decoded.next };
    } catch (err) {
      logger.error({ err: (err as Error).message, dedupKey: uplink.dedupKey }, 'decode stage failed unexpectedly');
      return {
        uplink,
        device: device.next,
        deadLetter: {
          status: 'rejected',
          code: GatewayErrorCode.INTERNAL,
          reason: `decode stage failed unexpectedly: ${(err as Error).message}`,
        },
      };
    }
  }

  /** Stages 0–3, synchronously when the device is in the directory's cache. Never throws for anything the uplink contains. */
  function prepare(uplink: Uplink): PreparedUplink | Promise<PreparedUplink> {
    const sized = checkSize(uplink, maxPayloadBytes);
    if ('stop' in sized) {
      const truncated: Uplink = {
        ...uplink,
        payload: archivedPayload(uplink.payload, maxPayloadBytes),
        metadata: { ...uplink.metadata, payloadBytes: uplink.payload.length },
      };
      return { uplink: truncated, deadLetter: sized.stop };
    }
    if (uplink.unreadable) {
      return {
        uplink,
        deadLetter: { status: 'rejected', code: uplink.unreadable.code, reason: uplink.unreadable.reason },
      };
    }
    const found = lookUp(options.devices, uplink.deviceRef);
    return found instanceof Promise ? found.then((d) => afterDevice(uplink, d)) : afterDevice(uplink, found);
  }

  function record(uplink: Uplink, outcome: IngestOutcome): IngestOutcome {
    options.metrics?.uplinks.inc({ transport: uplink.transport, adapter: uplink.adapter, status: outcome.status });
    if (outcome.status !== 'accepted' && outcome.status !== 'duplicate') {
      options.metrics?.deadLetters.inc({ code: outcome.code ?? 'unknown' });
      logger.info(
        {
          dedupKey: uplink.dedupKey,
          deviceRef: uplink.deviceRef,
          transport: uplink.transport,
          status: outcome.status,
          code: outcome.code,
          reason: outcome.reason,
        },
        'uplink dead-lettered',
      );
    }
    return outcome;
  }

  /** Stages 0–3 with the safety net: an unexpected failure dead-letters the uplink (GatewayErrors propagate). */
  function prepareSafely(uplink: Uplink): PreparedUplink | Promise<PreparedUplink> {
    const unexpected = (err: unknown): PreparedUplink => {
      if (isGatewayError(err)) throw err;
      logger.error(
        { err: (err as Error).message, dedupKey: uplink.dedupKey },
        'uplink preparation failed unexpectedly',
      );
      return {
        uplink,
        deadLetter: {
          status: 'rejected',
          code: GatewayErrorCode.INTERNAL,
          reason: `preparation failed: ${(err as Error).message}`,
        },
      };
    };
    try {
      const p = prepare(uplink);
      return p instanceof Promise ? p.catch(unexpected) : p;
    } catch (err) {
      return unexpected(err);
    }
  }

  /**
   * A plain promise chain rather than an async function: when the device is cached (the usual
   * case) the uplink goes to the writer at once, and only the writer's promise and the one that
   * records the outcome are made per uplink.
   */
  function run(
    uplink: Uplink,
    submitOptions: SubmitOptions | undefined,
    replayOf?: ReplayTarget,
  ): Promise<IngestOutcome> {
    const write = (p: PreparedUplink): Promise<IngestOutcome> => {
      if (replayOf) p.replayOf = replayOf;
      return options.writer.submit(p, submitOptions).then((outcome) => record(p.uplink, outcome));
    };
    try {
      const prepared = prepareSafely(uplink);
      return prepared instanceof Promise ? prepared.then(write) : write(prepared);
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  return {
    submit: (uplink, submitOptions) => run(uplink, submitOptions),
    replay: (uplink, target) => run(uplink, { timeoutMs: Infinity }, target),
  };
}
