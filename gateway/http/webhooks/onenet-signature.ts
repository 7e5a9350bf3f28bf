/**
 * OneNET HTTP push security (China Mobile OneNET, "HTTP推送 / 开发指南"):
 *  - URL check: GET <url>?msg=…&nonce=…&signature=…; signature = Base64(MD5(token + nonce +
 *    msg)); answer the msg value when it matches;
 *  - each push: body { msg | enc_msg, nonce, msg_signature } with msg_signature =
 *    Base64(MD5(token + nonce + msg)), msg being the pushed JSON as sent (or the enc_msg text);
 *  - encrypted mode: enc_msg = Base64(AES-256-CBC(key, iv = key[0..16), PKCS#7)) of
 *    16 random bytes ‖ 4-byte big-endian msg length ‖ msg ‖ …, key = Base64decode(EncodingAESKey + "=").
 * Sources: OneNET developer manual (open.iot.10086.cn/doc/…/httppush/develop-manual.html) and
 * OneNET's data-push receiver SDK (Util.checkToken, checkSignature, decryptMsg).
 */
import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

export function onenetSignature(token: string, nonce: string, msg: string): string {
  return createHash('md5').update(`${token}${nonce}${msg}`, 'utf8').digest('base64');
}

/** Constant-time check; a signature that went through URL decoding has '+' turned into ' '. */
export function onenetSignatureMatches(token: string, nonce: string, msg: string, signature: string): boolean {
  const expected = Buffer.from(onenetSignature(token, nonce, msg));
  const given = Buffer.from(signature.replace(/ /g, '+'));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function onenetAesKey(encodingAesKey: string): Buffer {
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

/** The msg text inside an enc_msg, or undefined when it does not decrypt to the documented layout. */
export function decryptOnenetMessage(encMsg: string, encodingAesKey: string): string | undefined {
  const key = onenetAesKey(encodingAesKey);
  if (key.length !== 32) return undefined;
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    plain = Buffer.concat([decipher.update(Buffer.from(encMsg, 'base64')), decipher.final()]);
  } catch {
    return undefined;
  }
  if (plain.length < 20) return undefined;
  const length = plain.readUInt32BE(16);
  if (20 + length > plain.length) return undefined;
  return plain.subarray(20, 20 + length).toString('utf8');
}
