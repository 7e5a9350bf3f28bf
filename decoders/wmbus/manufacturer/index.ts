/** The manufacturer-specific wM-Bus formats, one module each, listed explicitly. */
import type { ManufacturerFormat } from './types.js';

export const manufacturerFormats: readonly ManufacturerFormat[] = [];
