/**
 * The shape of a LoRa `<model>.vectors.ts` file. One shared spec (decoders/conformance-lora.test.ts)
 * finds every vectors file under decoders/lora/ and checks each vector, so adding a captured
 * payload needs no test code.
 */
import type { DecodeErrorCode } from '../../core/errors.js';
import type { AlarmKind, DecodeContext, DecodedReading, HistoryValue } from '../../core/types.js';

export interface LoraVector {
  description: string;
  /** Where the payload and its expected values come from. */
  source: string;
  fPort: number;
  /** The payload; build it from commented byte groups. */
  hex: string;
  /** Context beyond receivedAt/fPort (time zone, pulse weight, meter id). */
  context?: Partial<DecodeContext>;
  /** The source's own expected output, copied as it is. */
  corpus: unknown;
  expect:
    | {
        ok: true;
        /** Readings compared field by field (only the fields given). */
        readings: Array<Partial<DecodedReading>>;
        history?: Array<Partial<HistoryValue>>;
        alarms: AlarmKind[];
        meta?: Record<string, string | number | boolean | null>;
      }
    | { ok: false; code: DecodeErrorCode };
  /** Set when our output cannot match the source's expectation; says why. */
  differsFromCorpus?: string;
}

export interface LoraVectorFile {
  decoderId: string;
  vectors: LoraVector[];
}
