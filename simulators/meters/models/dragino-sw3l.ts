/**
 * Dragino SW3L LoRaWAN flow sensor on a meter's pulse output, fPort 2 report: calculate flag 0
 * (450 pulses per litre), the water-flow alarm bit (set while flow never stops: a leak or a
 * burst), the total pulse count and the sensor's Unix time (decoders/lora/dragino/sw3l.ts).
 */
import { encodeSw3lReport, pulsesPerLitre } from '../../../decoders/lora/dragino/sw3l.js';
import type { PayloadModel } from './types.js';

const CALCULATE_FLAG = 0;
const PULSES_PER_LITRE = pulsesPerLitre(CALCULATE_FLAG);

export const draginoSw3l: PayloadModel = {
  id: 'dragino/sw3l',
  direction: 'forward-only',
  resolutionMl: Math.ceil(1000 / PULSES_PER_LITRE),
  carriesMeterTime: true,
  statusBits: ['leak', 'burst'],
  fPort: 2,
  registry: { model: 'dragino/sw3l' },
  maxRegisterMl: Math.floor(((2 ** 32 - 1) * 1000) / PULSES_PER_LITRE),
  encode(sample) {
    return encodeSw3lReport({
      calculateFlag: CALCULATE_FLAG,
      alarm: sample.sensed.leak || sample.sensed.burst,
      pulses: Math.floor((sample.registerMl * PULSES_PER_LITRE) / 1000),
      unixTime: Math.floor(sample.meterClockMs / 1000),
    });
  },
};
