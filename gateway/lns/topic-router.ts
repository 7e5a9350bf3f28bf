/**
 * Which adapter reads a message, by its MQTT topic. Each adapter has one configurable topic
 * pattern whose `{name}` segments match one topic level and are handed to the adapter:
 *
 *   direct      meters/{deviceId}/up                                   ({deviceId} required)
 *   chirpstack  application/{applicationId}/device/{devEui}/event/up
 *   tts         v3/{applicationId}/devices/{deviceId}/up                ({applicationId} is app@tenant)
 *
 * An empty pattern switches the adapter off. `filters()` gives the MQTT subscription filters
 * (`{name}` → `+`).
 */
import { GatewayErrorCode, fail, type Result } from '../errors.js';
import type { AdapterKind, Uplink } from '../uplink.js';
import type { AdapterInput } from './adapter.js';
import { adaptChirpstack, type ChirpstackEncoding } from './chirpstack.js';
import { adaptDirect } from './direct.js';
import { adaptTts } from './tts.js';

export type MqttAdapter = Extract<AdapterKind, 'direct' | 'chirpstack' | 'tts'>;

export type TopicPatterns = Record<MqttAdapter, string>;

export const defaultTopicPatterns: TopicPatterns = {
  direct: 'meters/{deviceId}/up',
  chirpstack: 'application/{applicationId}/device/{devEui}/event/up',
  tts: 'v3/{applicationId}/devices/{deviceId}/up',
};

interface CompiledRoute {
  adapter: MqttAdapter;
  pattern: string;
  levels: Array<{ literal: string } | { variable: string }>;
}

export interface TopicMatch {
  adapter: MqttAdapter;
  params: Record<string, string>;
}

export interface TopicRouter {
  match(topic: string): TopicMatch | undefined;
  /** MQTT subscription filters, one per enabled adapter. */
  filters(): Array<{ adapter: MqttAdapter; filter: string }>;
  /** The direct-device topic for a device id (what a device may publish to), if direct is on. */
  directTopicFor(deviceId: string): string | undefined;
}

/** Why a pattern is unusable, or undefined when it is fine. */
export function checkTopicPattern(adapter: MqttAdapter, pattern: string): string | undefined {
  if (pattern === '') return undefined;
  const levels = pattern.split('/');
  for (const level of levels) {
    if (level === '') return 'has an empty topic level';
    if (/[+#]/.test(level)) return 'may not contain MQTT wildcards (+ #): write {name} for a variable level';
    if (/[{}]/.test(level) && !/^\{[A-Za-z][A-Za-z0-9]*\}$/.test(level))
      return `level "${level}" must be a literal or a whole {name}`;
  }
  if (adapter === 'direct' && !levels.includes('{deviceId}')) return 'must contain a {deviceId} level';
  return undefined;
}

export function createTopicRouter(patterns: TopicPatterns): TopicRouter {
  const routes: CompiledRoute[] = [];
  for (const adapter of Object.keys(patterns) as MqttAdapter[]) {
    const pattern = patterns[adapter];
    if (pattern === '') continue;
    const problem = checkTopicPattern(adapter, pattern);
    if (problem !== undefined) throw new Error(`topic pattern for ${adapter} ${problem}`);
    routes.push({
      adapter,
      pattern,
      levels: pattern.split('/').map((l) => (l.startsWith('{') ? { variable: l.slice(1, -1) } : { literal: l })),
    });
  }
  /** The route's variables when the topic matches it, level by level without splitting the topic. */
  function matchRoute(route: CompiledRoute, topic: string): Record<string, string> | undefined {
    const params: Record<string, string> = {};
    const last = route.levels.length - 1;
    let pos = 0;
    for (let i = 0; i <= last; i++) {
      let end = topic.indexOf('/', pos);
      if (end < 0) end = topic.length;
      // The last level must end the topic, and no other may.
      if ((i === last) !== (end === topic.length)) return undefined;
      const level = route.levels[i]!;
      if ('literal' in level) {
        if (end - pos !== level.literal.length || !topic.startsWith(level.literal, pos)) return undefined;
      } else {
        if (end === pos) return undefined;
        params[level.variable] = topic.slice(pos, end);
      }
      pos = end + 1;
    }
    return params;
  }
  function match(topic: string): TopicMatch | undefined {
    for (const route of routes) {
      const params = matchRoute(route, topic);
      if (params !== undefined) return { adapter: route.adapter, params };
    }
    return undefined;
  }
  const direct = routes.find((r) => r.adapter === 'direct');
  return {
    match,
    filters: () =>
      routes.map((r) => ({
        adapter: r.adapter,
        filter: r.levels.map((l) => ('literal' in l ? l.literal : '+')).join('/'),
      })),
    directTopicFor: (deviceId) =>
      direct === undefined
        ? undefined
        : direct.levels.map((l) => ('literal' in l ? l.literal : l.variable === 'deviceId' ? deviceId : '+')).join('/'),
  };
}

export interface AdaptOptions {
  chirpstackEncoding?: ChirpstackEncoding;
}

/** Topic + message → Uplink through the adapter the topic selects. */
export function adaptMqttMessage(
  router: TopicRouter,
  input: AdapterInput & { topic: string },
  options: AdaptOptions = {},
): Result<Uplink> {
  const m = router.match(input.topic);
  if (m === undefined) return fail(GatewayErrorCode.UNROUTABLE_TOPIC, `no adapter for topic ${input.topic}`);
  switch (m.adapter) {
    case 'direct':
      return adaptDirect(m.params.deviceId ?? '', input);
    case 'chirpstack':
      return adaptChirpstack(m.params.devEui, input, options.chirpstackEncoding);
    case 'tts':
      return adaptTts(input);
  }
}
