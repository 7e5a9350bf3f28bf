/**
 * Who may connect to the embedded broker and what they may do.
 *   - A device logs in with its device id as username and its secret as password, checked against
 *     the scrypt hash in devices.secret_hash. It may publish only to its own direct topic
 *     (`meters/{deviceId}/up` by default) and subscribe only under `meters/{deviceId}/`.
 *   - A service user (a network server's MQTT integration, a bridge, the simulator) logs in with
 *     a configured username and password. It may publish anywhere except `$SYS/`; the topics of
 *     the ChirpStack, TTS and direct adapters are ingested, others are only passed on.
 */
import { timingSafeEqual } from 'node:crypto';
import type { DeviceDirectory } from '../../devices/device.js';
import { verifySecret } from '../../devices/secrets.js';

export interface ServiceUser {
  username: string;
  password: string;
}

export type Principal = { kind: 'device'; deviceId: string } | { kind: 'service'; username: string };

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The principal for these credentials, or undefined when they are wrong. */
export async function authenticatePrincipal(
  username: string | undefined,
  password: Buffer | undefined,
  serviceUsers: readonly ServiceUser[],
  devices: DeviceDirectory,
): Promise<Principal | undefined> {
  if (username === undefined || username === '' || password === undefined) return undefined;
  const secret = password.toString('utf8');
  const service = serviceUsers.find((u) => u.username === username);
  if (service) return sameSecret(service.password, secret) ? { kind: 'service', username } : undefined;
  const device = await devices.resolve(username);
  if (!device || !device.enabled || device.secretHash === undefined) return undefined;
  return (await verifySecret(secret, device.secretHash)) ? { kind: 'device', deviceId: device.deviceId } : undefined;
}

export type PublishDecision = 'ingest' | 'pass' | 'deny';

/** What to do with a publish from this principal on this topic. */
export function publishDecision(
  principal: Principal,
  topic: string,
  directTopicFor: (deviceId: string) => string | undefined,
  /** Whether an adapter reads the topic (asked only for a service user's publish). */
  routed: (topic: string) => boolean,
): PublishDecision {
  if (topic.startsWith('$')) return 'deny';
  if (principal.kind === 'device') return directTopicFor(principal.deviceId) === topic ? 'ingest' : 'deny';
  return routed(topic) ? 'ingest' : 'pass';
}

export function maySubscribe(principal: Principal, filter: string): boolean {
  if (principal.kind === 'service') return true;
  const own = `meters/${principal.deviceId}/`;
  return filter.startsWith(own) && !filter.slice(own.length).includes('$');
}
