/**
 * The one explicit list of decoders (no registration by import side effect). Adding a vendor is
 * one module plus its vectors, and one line here; docs/decoders.md walks through it.
 */
import { createRegistry, type DecoderRegistry } from './core/registry.js';
import type { DecoderDefinition } from './core/types.js';
import { cjt188Decoder } from './cjt188/decoder.js';
import { acriosAcrCv101lDecoder } from './lora/acrios/acr-cv-101l.js';
import { adeunisPulseDecoder } from './lora/adeunis/pulse.js';
import { adeunisPulseNbIotDecoder } from './lora/adeunis/pulse-nb-iot.js';
import { axiomaQalcosonicW1Decoder } from './lora/axioma/qalcosonic-w1.js';
import { bmetersIwmLr3Decoder } from './lora/b-meters/iwm-lr3.js';
import { develiotRwmrDecoder } from './lora/develiot/rwmr.js';
import { draginoSw3lDecoder } from './lora/dragino/sw3l.js';
import { enlessTxPulseDecoder } from './lora/enless/tx-pulse-600.js';
import { kamstrupFlowIq2200Decoder } from './lora/kamstrup/flowiq2200.js';
import { milesightEm300DiDecoder } from './lora/milesight/em300-di.js';
import { minolZennerEdcDecoder } from './lora/minol-zenner/edc.js';
import { quandifyCubicmeterDecoder } from './lora/quandify/cubicmeter.js';
import { sensusIperlDecoder } from './lora/sensus/iperl.js';
import { wattecoPulseSensoDecoder } from './lora/watteco/pulse-senso.js';
import { wmbusDecoder } from './wmbus/index.js';

export const allDecoders: readonly DecoderDefinition[] = [
  // Recognisers are tried in this order: CJ/T 188 first (its checksum makes it the strictest).
  cjt188Decoder,
  wmbusDecoder,
  kamstrupFlowIq2200Decoder,
  quandifyCubicmeterDecoder,
  axiomaQalcosonicW1Decoder,
  sensusIperlDecoder,
  bmetersIwmLr3Decoder,
  minolZennerEdcDecoder,
  acriosAcrCv101lDecoder,
  wattecoPulseSensoDecoder,
  adeunisPulseDecoder,
  adeunisPulseNbIotDecoder,
  milesightEm300DiDecoder,
  enlessTxPulseDecoder,
  develiotRwmrDecoder,
  draginoSw3lDecoder,
];

/** A registry of every decoder in `allDecoders`; throws at start-up on a conflicting claim. */
export function defaultRegistry(): DecoderRegistry {
  return createRegistry(allDecoders);
}
