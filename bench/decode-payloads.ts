/**
 * One representative payload per decoder for the decode bench, copied from the vectors beside
 * each decoder (decoders/**\/*.vectors.ts, which the build leaves out) and, for wM-Bus, from the
 * wmbusmeters driver tests (iperl "MoreWater", plain; kadenwater "MyWater", TPL mode 5 with its
 * test key).
 */
import type { DecodeContext } from '../decoders/core/types.js';

export interface BenchPayload {
  label: string;
  decoder: string;
  hex: string;
  context: Partial<DecodeContext>;
}

export const benchPayloads: readonly BenchPayload[] = [
  { label: 'wM-Bus plain (Sensus iPERL)', decoder: 'wmbus', hex: '1E44AE4C9956341268077A360010002F2F0413181E0000023B00002F2F2F2F', context: {} },
  {
    label: 'wM-Bus AES mode 5 (Kaden)',
    decoder: 'wmbus',
    hex: '4E448E2C1782221901077AB5004005339341AB7927F9337CD2175B2F0D121D9A56CBF3FCFCBF0D8CA57D0C6741A03A666D99467924A6DBF4DE305960917AFDE729AC19D62A789DCE1C66A323CC29CD',
    context: { key: '82B0551191F51D66EFCDAB8967452301' },
  },
  { label: 'CJ/T 188 read-data response', decoder: 'cjt188', hex: 'FEFEFE68103412907856341281161F9000003412002C000010002C003014080126200000E916', context: {} },
  {
    label: 'LoRa Kamstrup flowIQ 2200',
    decoder: 'lora/kamstrup/flowiq2200',
    hex: '7A08000000446D002CFD284413C1AA77004D9313186201270122012201260122012201210127012201220127012F',
    context: { fPort: 1 },
  },
  { label: 'LoRa Quandify CubicMeter', decoder: 'lora/quandify/cubicmeter', hex: '49FBDF010000DE1400000000000046EDDF0106FC8B0702E2E6535455', context: { fPort: 1 } },
  {
    label: 'LoRa Axioma Qalcosonic W1',
    decoder: 'lora/axioma/qalcosonic-w1',
    hex: '01AEAC986A003217000000000000000000008003800054000E4005100048000240020000200000000000000000000000000000',
    context: { fPort: 100 },
  },
  {
    label: 'LoRa Sensus iPERL',
    decoder: 'lora/sensus/iperl',
    hex: '7A060400008404133A1C7E0184046D2A2D13368D04931318D23C34002E0034002E0039002E0034002E00340033003400',
    context: { fPort: 20 },
  },
  { label: 'LoRa B METERS IWM-LR3', decoder: 'lora/b-meters/iwm-lr3', hex: '2C4A2001002201000000000D02', context: { fPort: 1 } },
  { label: 'LoRa Minol-Zenner EDC', decoder: 'lora/minol-zenner/edc', hex: '270000000C0000000D0000000F', context: { fPort: 1, pulseVolumeMl: 10_000 } },
  { label: 'LoRa Acrios ACR-CV-101L (M-Bus)', decoder: 'lora/acrios/acr-cv-101l', hex: '010168131368080573785634120A00E97E01000000350100003C16', context: { fPort: 1 } },
  { label: 'LoRa Watteco Pulse Senso', decoder: 'lora/watteco/pulse-senso', hex: '110A000F04022300000000', context: { fPort: 125, pulseVolumeMl: 1000 } },
  { label: 'LoRa Adeunis Pulse', decoder: 'lora/adeunis/pulse', hex: '5A6700000127000100020003000414ABA3E9', context: { fPort: 1, pulseVolumeMl: 1000 } },
  {
    label: 'NB-IoT Adeunis Pulse',
    decoder: 'lora/adeunis/pulse-nb-iot',
    hex: '112233445566778803000000265A6700000127000100020003000414ABA3E9',
    context: { pulseVolumeMl: 1000 },
  },
  { label: 'LoRa Milesight EM300-DI', decoder: 'lora/milesight/em300-di', hex: '01755C05C800010000', context: { fPort: 85, pulseVolumeMl: 1000 } },
  { label: 'LoRa Enless TX Pulse', decoder: 'lora/enless/tx-pulse-600', hex: '00009508311100000001000000010000000000000700', context: { fPort: 1, pulseVolumeMl: 1000 } },
  { label: 'LoRa Develiot RWMR', decoder: 'lora/develiot/rwmr', hex: '152000000000000000D49A', context: { fPort: 12, pulseVolumeMl: 1000 } },
  { label: 'LoRa Dragino SW3L', decoder: 'lora/dragino/sw3l', hex: '020000119400000065A0B700', context: { fPort: 2 } },
];
