/** The payload formats simulated meters speak, by model id. */
import type { ModelId } from '../types.js';
import { axiomaQalcosonicW1 } from './axioma-w1.js';
import { cjt188Water } from './cjt188.js';
import { draginoSw3l } from './dragino-sw3l.js';
import type { PayloadModel } from './types.js';
import { apatorUltrimis } from './wmbus-apator.js';

export const MODELS: Readonly<Record<ModelId, PayloadModel>> = {
  'apator-ultrimis': apatorUltrimis,
  'axioma/qalcosonic-w1': axiomaQalcosonicW1,
  'dragino/sw3l': draginoSw3l,
  cjt188: cjt188Water,
};

export function modelOf(id: ModelId): PayloadModel {
  return MODELS[id];
}

export type { PayloadModel, EncodeContext } from './types.js';
