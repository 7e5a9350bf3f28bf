import { describe, expect, it } from 'vitest';
import { formatCsvProblem, parseCsv, readDeviceCsv } from './csv-import.js';

const HEADER = 'device_id,transport,decoder,model,meter_id,aes_key,secret';
const known = (id: string) => id === 'cjt188' || id === 'wmbus';

describe('device CSV import', () => {
  it('reads devices, normalising EUIs, with quoted fields', () => {
    const text = `${HEADER}\n70B3D57ED0001A2B,chirpstack,,kamstrup/flowiq2200,M-1,,\n"wm,1",mqtt,cjt188,,M-2,00112233445566778899AABBCCDDEEFF,"pa""ss-word"\n`;
    const r = readDeviceCsv(text, known);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.devices.map((d) => [d.line, d.deviceId, d.transport, d.meterId])).toEqual([
      [2, '70b3d57ed0001a2b', 'chirpstack', 'M-1'],
      [3, 'wm,1', 'mqtt', 'M-2'],
    ]);
    expect(r.devices[1]?.secret).toBe('pa"ss-word');
  });

  it('names the line and field of every problem, never repeating a key or secret', () => {
    const text = [
      HEADER,
      'ok-1,mqtt,cjt188,,M-1,,',
      'bad-key,mqtt,,,M-1,XYZSECRETKEY,',
      'bad-transport,pigeon,,,,,',
      'bad-decoder,mqtt,nope,,,,',
      ',mqtt,,,,,',
      'short-secret,mqtt,,,,,abc',
      'ok-1,mqtt,,,,,',
      'too,few',
    ].join('\n');
    const r = readDeviceCsv(text, known);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map(formatCsvProblem)).toEqual([
      'line 3, field aes_key: must be 32 hex digits (AES-128) or 16 (DES)',
      'line 4, field transport: must be one of mqtt, coap, chirpstack, tts, onenet, ctwing, http, any',
      "line 5, field decoder: no decoder with id 'nope'",
      'line 6, field device_id: is required',
      'line 7, field secret: must be at least 8 characters',
      'line 8, field device_id: repeats the device of line 2',
      'line 9: has 2 fields, the header has 7',
    ]);
    expect(JSON.stringify(r.problems)).not.toContain('XYZSECRETKEY');
    expect(JSON.stringify(r.problems)).not.toContain('abc');
  });

  it('refuses unknown columns and a header without device_id', () => {
    const r = readDeviceCsv('id,transport,colour\nx,mqtt,red\n');
    expect(!r.ok && r.problems.map(formatCsvProblem)).toEqual([
      'line 1, field id: unknown column (known: device_id, transport, decoder, model, meter_id, aes_key, secret, pulse_volume_ml, meter_time_zone)',
      'line 1, field colour: unknown column (known: device_id, transport, decoder, model, meter_id, aes_key, secret, pulse_volume_ml, meter_time_zone)',
      'line 1, field device_id: the header has no device_id column',
    ]);
  });

  it('reports an unclosed quote and counts lines inside quoted fields', () => {
    expect(parseCsv('a,b\n"x\ny",z\nq,"open').problem).toEqual({ line: 4, message: 'a quoted field is not closed' });
    expect(parseCsv('a\r\n"x\ny"\r\nz').records.map((r) => r.line)).toEqual([1, 2, 4]);
  });
});
