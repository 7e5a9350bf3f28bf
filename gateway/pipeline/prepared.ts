/**
 * What flows between the stages. A stage either passes the uplink on or stops it with a value:
 * a dead letter (kept in raw_uplinks with its status and reason) or a drop (a duplicate: counted,
 * not stored again). Neither is thrown.
 */
import type { DecodeSuccess } from '../../decoders/core/types.js';
import type { DeviceRecord } from '../devices/device.js';
import type { GatewayErrorCode } from '../errors.js';
import type { IngestOutcome, IngestStatus, Uplink } from '../uplink.js';

export type DeadLetterStatus = Extract<IngestStatus, 'unknown_device' | 'decode_error' | 'invalid' | 'rejected'>;

export interface DeadLetter {
  status: DeadLetterStatus;
  /** A gateway code, or the decoder's own code (DECODE_…) for decode errors. */
  code: GatewayErrorCode | string;
  reason: string;
}

export interface Drop {
  drop: 'duplicate';
}

export const Drop = (reason: Drop['drop']): Drop => ({ drop: reason });

export type StageResult<T> = { next: T } | { stop: DeadLetter };

export function deadLetter(
  status: DeadLetterStatus,
  code: GatewayErrorCode | string,
  reason: string,
): { stop: DeadLetter } {
  return { stop: { status, code, reason } };
}

/** The archived row a replay re-processes (the key is not claimed again; the row is updated). */
export interface ReplayTarget {
  dedupKey: string;
  receivedAt: string;
}

/** An uplink after the stages before the writer: the device, the decoded payload, or why it stopped. */
export interface PreparedUplink {
  uplink: Uplink;
  device?: DeviceRecord;
  decoded?: DecodeSuccess;
  deadLetter?: DeadLetter;
  replayOf?: ReplayTarget;
}

export type ItemOutcome = IngestOutcome;
