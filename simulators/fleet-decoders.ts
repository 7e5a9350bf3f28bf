/**
 * The decoder registry a simulated fleet needs: the project's registry with the generic wM-Bus
 * decoder in it, whether or not decoders/index.ts lists it yet (the decoder owners add it there;
 * then this is just the default registry).
 */
import { createRegistry, type DecoderRegistry } from '../decoders/core/registry.js';
import { allDecoders } from '../decoders/index.js';
import { wmbusDecoder } from '../decoders/wmbus/index.js';

export function fleetDecoders(): DecoderRegistry {
  return createRegistry(
    allDecoders.some((d) => d.id === wmbusDecoder.id) ? allDecoders : [...allDecoders, wmbusDecoder],
  );
}
