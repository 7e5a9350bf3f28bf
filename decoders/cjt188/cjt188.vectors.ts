/**
 * CJ/T 188 test vectors, copied from public implementations (sources named per vector) with the
 * values we expect. Byte order follows the standard (multi-byte fields low byte first): the one
 * source that asserts values (ng-gateway di_parser.rs, test_parse_water_meter_901f) agrees.
 * Times: the meter clock is local time; with the default zone Asia/Shanghai (UTC+8).
 */
import type { AlarmKind, DecodedReading } from '../core/types.js';
import type { DecodeErrorCode } from '../core/errors.js';

export interface Cjt188Vector {
  description: string;
  source: string;
  /** The frame as hex; byte groups are commented where they are built. */
  hex: string;
  expect:
    | {
        ok: true;
        readings: Array<Omit<DecodedReading, 'meterId'> & { meterId: string }>;
        alarms: AlarmKind[];
        /** Selected meta values. */
        meta: Record<string, string | number | boolean>;
        /** Number of warnings expected. */
        warnings: number;
      }
    | { ok: false; code: DecodeErrorCode };
}

const RECEIVED_AT = '2026-01-08T07:00:00.000Z';
export const CJT188_VECTOR_RECEIVED_AT = RECEIVED_AT;

export const cjt188Vectors: Cjt188Vector[] = [
  {
    description: 'read-address request to the broadcast address, with 4 FE bytes',
    source: 'aixiwang/python_cjt188 python_cjt188.py',
    hex: [
      'FEFEFEFE', // preamble
      '68', // start
      'AA', // T: wildcard
      'AAAAAAAAAAAAAA', // A0..A6: broadcast
      '03', // C: read address, master to meter
      '03', // L
      '810A00', // data (DI 0A81, SER 00)
      '49', // CS
      '16', // end
    ].join(''),
    expect: { ok: true, readings: [], alarms: [], meta: { control: '03', direction: 'master', address: 'AAAAAAAAAAAAAA' }, warnings: 1 },
  },
  {
    description: 'read-address response of meter 00000000000012',
    source: 'aixiwang/python_cjt188 python_cjt188.py (debug literal)',
    hex: ['FEFEFE', '68', '10', '12000000000000', '83', '03', '810A00', '9B', '16'].join(''),
    expect: { ok: true, readings: [], alarms: [], meta: { control: '83', direction: 'meter', address: '00000000000012', preambleLength: 3 }, warnings: 0 },
  },
  {
    description: 'read-address request without preamble',
    source: 'hupengwu/fox-edge-server-protocol CJT188ProtocolGetAddress.java',
    hex: ['68', 'AA', 'AAAAAAAAAAAAAA', '03', '03', '810A00', '49', '16'].join(''),
    expect: { ok: true, readings: [], alarms: [], meta: { control: '03', preambleLength: 0 }, warnings: 1 },
  },
  {
    description: 'read-address response of meter 00000805000001',
    source: 'hupengwu/fox-edge-server-protocol CJT188ProtocolGetAddress.java',
    hex: ['68', '10', '01000005080000', '83', '03', '810A00', '97', '16'].join(''),
    expect: { ok: true, readings: [], alarms: [], meta: { address: '00000805000001', manufacturer: '0000' }, warnings: 0 },
  },
  {
    description: 'read-data request, DI 901F sent low byte first, SER 00',
    source: 'hupengwu/fox-edge-server-protocol CJT188ProtocolGetData.java',
    hex: ['68', '10', '01000005080000', '01', '03', '1F90', '00', '39', '16'].join(''),
    expect: { ok: true, readings: [], alarms: [], meta: { control: '01', direction: 'master' }, warnings: 1 },
  },
  {
    description: 'textbook read-data response: 556677.00 m3, 2015-05-11 22:01:31, valve closed',
    source: 'hupengwu/fox-edge-server-protocol CJT188ProtocolGetData.java (widely copied textbook sample)',
    hex: [
      '68',
      '10', // T: cold water
      '44332211003378', // A0..A6 → 78330011223344 (manufacturer 7833)
      '81', // C: read-data response
      '16', // L = 22
      '1F90', // DI 901F, low byte first
      '00', // SER
      '00776655', // current cumulative flow 556677.00
      '2C', // unit m³
      '00776655', // settlement-day cumulative flow 556677.00
      '2C', // unit m³
      '31012211051520', // real time ss mm hh DD MM YY CC → 2015-05-11 22:01:31
      '2184', // ST: byte 0 = 21h (D0 valve closed, D5 vendor), byte 1 = 84h vendor
      '13', // CS
      '16',
    ].join(''),
    expect: {
      ok: true,
      readings: [
        {
          meterId: '78330011223344',
          time: '2015-05-11T14:01:31.000Z',
          timeFromMeter: true,
          registerMl: 556_677_000_000,
          billingDateRegisterMl: 556_677_000_000,
          statusBits: 0x8421,
          valve: 'closed',
        },
      ],
      alarms: ['valve_closed'],
      meta: { manufacturer: '7833', currentUnit: '2C', ser: 0 },
      warnings: 0,
    },
  },
  {
    description: 'write-address acknowledgement (C = 95h)',
    source: 'hupengwu/fox-edge-server-protocol CJT188ProtocolSetAddress.java',
    hex: ['68', '10', '01000005080000', '95', '03', 'A01800', 'D6', '16'].join(''),
    expect: { ok: true, readings: [], alarms: [], meta: { control: '95', direction: 'meter' }, warnings: 1 },
  },
  {
    description: 'write-address request: meter 00000805000002 gets address 00000805000001',
    source: 'hupengwu/fox-edge-server-protocol Demo.java',
    hex: ['68', '10', '02000005080000', '15', '0A', 'A018', '00', '01000005080000', '6C', '16'].join(''),
    expect: { ok: true, readings: [], alarms: [], meta: { control: '15', direction: 'master' }, warnings: 1 },
  },
  {
    description: 'vendor valve command: open (C = 2Ah, DI A017, 55h)',
    source: 'hupengwu/fox-edge-server-protocol CJT188ProtocolOperatingValve.java',
    hex: ['FEFEFE', '68', '10', '01000005080000', '2A', '04', 'A017', '00', '55', 'C0', '16'].join(''),
    expect: { ok: true, readings: [], alarms: [], meta: { control: '2A' }, warnings: 1 },
  },
  {
    description: 'vendor valve command: close (99h)',
    source: 'hupengwu/fox-edge-server-protocol CJT188ProtocolOperatingValve.java',
    hex: ['FEFEFE', '68', '10', '01000005080000', '2A', '04', 'A017', '00', '99', '04', '16'].join(''),
    expect: { ok: true, readings: [], alarms: [], meta: { control: '2A' }, warnings: 1 },
  },
  {
    description: 'vendor valve response (C = AAh), status 00 FF',
    source: 'hupengwu/fox-edge-server-protocol CJT188ProtocolOperatingValve.java',
    hex: ['FEFEFE', '68', '10', '01000005080000', 'AA', '05', 'A017', '00', '00FF', 'EB', '16'].join(''),
    expect: { ok: true, readings: [], alarms: [], meta: { control: 'AA', direction: 'meter' }, warnings: 1 },
  },
  {
    description: 'vendor valve response (C = AAh), status 01 FF',
    source: 'hupengwu/fox-edge-server-protocol CJT188ProtocolOperatingValve.java',
    hex: ['FEFEFE', '68', '10', '01000005080000', 'AA', '05', 'A017', '00', '01FF', 'EC', '16'].join(''),
    expect: { ok: true, readings: [], alarms: [], meta: { control: 'AA' }, warnings: 1 },
  },
  {
    description: 'read-data response with DI sent 90 1F: 123.00 m3, clock all zeros',
    source: 'hupengwu/fox-edge-server-protocol Demo.java',
    hex: [
      'FEFEFE',
      '68',
      '10',
      '01000005080000', // → 00000805000001
      '81',
      '16',
      '901F', // DI high byte first (this vendor's order)
      '00', // SER
      '00230100', // 123.00 (low byte first)
      '2C',
      '00000000', // 0.00
      '2C',
      '00000000000000', // clock not set
      '0000', // ST
      '48',
      '16',
    ].join(''),
    expect: {
      ok: true,
      readings: [
        {
          meterId: '00000805000001',
          time: RECEIVED_AT,
          timeFromMeter: false,
          registerMl: 123_000_000,
          billingDateRegisterMl: 0,
          statusBits: 0,
          valve: 'open',
        },
      ],
      alarms: [],
      meta: { currentUnit: '2C' },
      warnings: 2,
    },
  },
  {
    // The corpus note reads the current register as 2.00 m3; low byte first, 00 00 02 00 is
    // 200.00 m3 (only the settlement bytes 00 02 00 00 give 2.00). No source states a value.
    description: 'read-data response: 200.00 m3, settlement 2.00 m3, status 00 FF',
    source: 'hupengwu/fox-edge-server-protocol Demo.java',
    hex: [
      'FEFEFE',
      '68',
      '10',
      '18021220200000', // → 00002020120218
      '81',
      '16',
      '901F', // DI high byte first
      '00', // SER
      '00000200', // 200.00
      '2C',
      '00020000', // 2.00
      '2C',
      '00000000000000', // clock not set
      '00FF', // ST: byte 0 = 00, byte 1 = FF (vendor)
      '85',
      '16',
    ].join(''),
    expect: {
      ok: true,
      readings: [
        {
          meterId: '00002020120218',
          time: RECEIVED_AT,
          timeFromMeter: false,
          registerMl: 200_000_000,
          billingDateRegisterMl: 2_000_000,
          statusBits: 0xff00,
          valve: 'open',
        },
      ],
      alarms: [],
      meta: {},
      warnings: 2,
    },
  },
  {
    description: 'ng-gateway asserted payload (1234.00 m3, settlement 1000.00 m3, 2026-01-08 14:30:00, status 0) in a frame',
    source: 'shiyuecamus/ng-gateway cjt188/src/codec/di_parser.rs test_parse_water_meter_901f (data field; frame header ours)',
    hex: [
      '68',
      '10',
      '34129078563412', // our address 12345678901234
      '81',
      '16',
      '1F90',
      '00',
      '00341200', // 1234.00
      '2C',
      '00001000', // 1000.00
      '2C',
      '00301408012620', // 2026-01-08 14:30:00
      '0000',
      'E9',
      '16',
    ].join(''),
    expect: {
      ok: true,
      readings: [
        {
          meterId: '12345678901234',
          time: '2026-01-08T06:30:00.000Z',
          timeFromMeter: true,
          registerMl: 1_234_000_000,
          billingDateRegisterMl: 1_000_000_000,
          statusBits: 0,
          valve: 'open',
        },
      ],
      alarms: [],
      meta: { dataIdentifier: '901F' },
      warnings: 0,
    },
  },
  {
    description: 'the textbook response as often copied, with the wrong checksum 08',
    source: 'CJ/T 188 tutorials (textbook sample with CS 08; fox-edge carries the correct 13)',
    hex: 'FEFEFEFE68104433221100337881161F9000007766552C007766552C3101221105152021840816',
    expect: { ok: false, code: 'DECODE_CHECKSUM_MISMATCH' },
  },
  {
    description: 'the textbook response cut after the status bytes',
    source: 'derived from the textbook sample',
    hex: '68104433221100337881161F9000007766552C007766552C310122110515202184',
    expect: { ok: false, code: 'DECODE_TRUNCATED' },
  },
];
