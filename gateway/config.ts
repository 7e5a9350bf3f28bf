/**
 * `meterflow gateway` settings from environment variables, overridden by flags, validated at
 * start with zod; a bad value stops the gateway with CONFIG_INVALID naming the variable.
 * docs/gateway.md has the table.
 */
import { hostname } from 'node:os';
import { z } from 'zod';
import { ConfigError } from '../common/config-error.js';
import { checkTopicPattern, defaultTopicPatterns, type TopicPatterns } from './lns/topic-router.js';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const topic = (adapter: keyof TopicPatterns) =>
  z
    .string()
    .default(defaultTopicPatterns[adapter])
    .superRefine((v, ctx) => {
      const problem = checkTopicPattern(adapter, v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

const schema = z
  .object({
    MF_MQTT_ENABLED: bool.default(true),
    MF_MQTT_URL: z
      .string()
      .regex(/^mqtts?:\/\/[^/]+(:\d+)?\/?$/, 'must be mqtt://host:port or mqtts://host:port')
      .optional(),
    MF_MQTT_HOST: z.string().min(1).default('0.0.0.0'),
    MF_MQTT_PORT: int(0, 65535).default(1883),
    MF_MQTT_TLS_PORT: int(0, 65535).default(8883),
    MF_MQTT_TLS_CERT: z.string().min(1).optional(),
    MF_MQTT_TLS_KEY: z.string().min(1).optional(),
    MF_MQTT_SERVICE_USER: z.string().min(1).optional(),
    MF_MQTT_SERVICE_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
    MF_MQTT_CLIENT_ID: z.string().min(1).max(128).default(`meterflow-${hostname()}`),
    MF_MQTT_USERNAME: z.string().min(1).optional(),
    MF_MQTT_PASSWORD: z.string().optional(),
    MF_MQTT_CA: z.string().min(1).optional(),
    MF_MQTT_PROTOCOL: z
      .enum(['4', '5'])
      .default('5')
      .transform((v) => (v === '4' ? 4 : 5) as 4 | 5),
    MF_MQTT_SHARE_GROUP: z
      .string()
      .regex(/^[^/+#$]+$/, 'may not contain / + # $')
      .optional(),
    MF_MQTT_SESSION_EXPIRY_S: int(0, 0xffffffff).default(7 * 86_400),
    MF_MQTT_RECEIVE_MAXIMUM: int(1, 65535).default(2000),
    MF_MQTT_KEEPALIVE_S: int(5, 3600).default(30),
    MF_MQTT_READ_BUFFER_KB: int(16, 16_384).default(256),
    MF_MQTT_ALARMS: bool.default(true),
    MF_TOPIC_DIRECT: topic('direct'),
    MF_TOPIC_CHIRPSTACK: topic('chirpstack'),
    MF_TOPIC_TTS: topic('tts'),
    MF_CHIRPSTACK_ENCODING: z.enum(['auto', 'json', 'protobuf']).default('auto'),
    MF_MAX_PAYLOAD_BYTES: int(1, 1 << 20).default(4096),
    MF_DEDUP_WINDOW_S: int(1, 366 * 86_400).default(3600),
    MF_WRITER_BATCH: int(1, 10_000).default(2000),
    MF_WRITER_LINGER_MS: int(0, 10_000).default(20),
    MF_WRITER_QUEUE: int(1, 1_000_000).default(10_000),
    MF_WRITER_WHEN_FULL: z.enum(['block', 'drop']).default('block'),
    MF_WRITER_ENQUEUE_TIMEOUT_MS: int(0, 3_600_000).default(30_000),
    MF_WRITER_METHOD: z.enum(['insert', 'copy']).default('insert'),
    MF_WRITER_SHARDS: int(1, 16).default(2),
    MF_DB_STATEMENT_TIMEOUT_MS: int(100, 600_000).default(10_000),
    MF_DEVICE_CACHE_TTL_S: int(0, 86_400).default(60),
    MF_SHUTDOWN_TIMEOUT_MS: int(0, 600_000).default(30_000),
    // Simulations and replays only: the gateway's clock is set by a service user's publish to
    // meterflow/sim/clock (gateway/transports/mqtt/simulated-clock.ts).
    MF_SIMULATED_CLOCK: bool.default(false),
  })
  .superRefine((c, ctx) => {
    if ((c.MF_MQTT_TLS_CERT === undefined) !== (c.MF_MQTT_TLS_KEY === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [c.MF_MQTT_TLS_CERT ? 'MF_MQTT_TLS_KEY' : 'MF_MQTT_TLS_CERT'],
        message: 'TLS needs both MF_MQTT_TLS_CERT and MF_MQTT_TLS_KEY',
      });
    }
    if (c.MF_SIMULATED_CLOCK && (c.MF_MQTT_URL !== undefined || !c.MF_MQTT_ENABLED)) {
      ctx.addIssue({
        code: 'custom',
        path: ['MF_SIMULATED_CLOCK'],
        message: 'the simulated clock is set through the embedded MQTT broker: not with MF_MQTT_URL or --no-mqtt',
      });
    }
    if ((c.MF_MQTT_SERVICE_USER === undefined) !== (c.MF_MQTT_SERVICE_PASSWORD === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [c.MF_MQTT_SERVICE_USER ? 'MF_MQTT_SERVICE_PASSWORD' : 'MF_MQTT_SERVICE_USER'],
        message: 'a service user needs both MF_MQTT_SERVICE_USER and MF_MQTT_SERVICE_PASSWORD',
      });
    }
  });

export type GatewaySettings = z.infer<typeof schema>;
export type GatewayEnvName = keyof z.input<typeof schema>;

/** Flags of `meterflow gateway`, each overriding one variable. */
export const GATEWAY_FLAGS = {
  mqttUrl: 'MF_MQTT_URL',
  mqttHost: 'MF_MQTT_HOST',
  mqttPort: 'MF_MQTT_PORT',
  mqttTlsPort: 'MF_MQTT_TLS_PORT',
  mqttTlsCert: 'MF_MQTT_TLS_CERT',
  mqttTlsKey: 'MF_MQTT_TLS_KEY',
  clientId: 'MF_MQTT_CLIENT_ID',
  mqttProtocol: 'MF_MQTT_PROTOCOL',
  shareGroup: 'MF_MQTT_SHARE_GROUP',
  receiveMaximum: 'MF_MQTT_RECEIVE_MAXIMUM',
  chirpstackEncoding: 'MF_CHIRPSTACK_ENCODING',
  maxPayloadBytes: 'MF_MAX_PAYLOAD_BYTES',
  batchSize: 'MF_WRITER_BATCH',
  lingerMs: 'MF_WRITER_LINGER_MS',
  queueSize: 'MF_WRITER_QUEUE',
  whenFull: 'MF_WRITER_WHEN_FULL',
  writeMethod: 'MF_WRITER_METHOD',
  writerShards: 'MF_WRITER_SHARDS',
  shutdownTimeoutMs: 'MF_SHUTDOWN_TIMEOUT_MS',
} as const satisfies Record<string, GatewayEnvName>;

export type GatewayFlags = { [K in keyof typeof GATEWAY_FLAGS]?: string | number } & {
  mqtt?: boolean;
  alarms?: boolean;
  simulatedClock?: boolean;
};

export function gatewaySettings(env: NodeJS.ProcessEnv, flags: GatewayFlags = {}): GatewaySettings {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape) as GatewayEnvName[]) input[key] = env[key] === '' ? undefined : env[key];
  for (const [flag, variable] of Object.entries(GATEWAY_FLAGS)) {
    const v = flags[flag as keyof typeof GATEWAY_FLAGS];
    if (v !== undefined) input[variable] = String(v);
  }
  if (flags.mqtt === false) input.MF_MQTT_ENABLED = 'false';
  if (flags.alarms === false) input.MF_MQTT_ALARMS = 'false';
  if (flags.simulatedClock === true) input.MF_SIMULATED_CLOCK = 'true';
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'gateway settings');
    const isSecret = /PASSWORD/.test(variable);
    throw new ConfigError(variable, isSecret ? '(hidden)' : input[variable], issue.message);
  }
  return parsed.data;
}

export function topicPatternsOf(s: GatewaySettings): TopicPatterns {
  return { direct: s.MF_TOPIC_DIRECT, chirpstack: s.MF_TOPIC_CHIRPSTACK, tts: s.MF_TOPIC_TTS };
}
