/** CJ/T 188 (2004/2018) water meter frames: decoder, frame codec and encoders. */
export { cjt188Decoder, decodeCjt188, CJT188_DECODER_ID } from './decoder.js';
export { parseFrame, encodeFrame, formatAddress, parseAddress, type Cjt188Frame } from './frame.js';
export { encodeReadDataRequest, encodeReadDataResponse, type Cjt188ReadingSpec } from './encoder.js';
