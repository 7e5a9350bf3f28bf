/**
 * `meterflow gateway`: receive uplinks (embedded MQTT broker by default, or an external broker
 * with --mqtt-url), decode, validate and store them, acknowledging each after commit. Settings
 * come from MF_* environment variables (docs/gateway.md), overridden by the flags below.
 * Validation runs the rules of gateway/validation/ with the thresholds of MF_VALIDATION_CONFIG or
 * --config (docs/validation.md); alarm changes go to MQTT meterflow/alarms/{meterId} after commit.
 * SIGINT/SIGTERM stop it gracefully: stop reading, drain the queue, acknowledge what committed.
 */
import type { Command } from 'commander';
import { createLogger } from '../../common/logger.js';
import { defaultRegistry } from '../../decoders/index.js';
import { gatewaySettings, type GatewayFlags } from '../../gateway/config.js';
import { startGateway, type TransportStarter } from '../../gateway/service.js';
import { httpStarterFromEnv } from '../../gateway/http/starter.js';
import { coapStarterFromEnv } from '../../gateway/transports/coap/starter.js';
import { loadValidationConfig } from '../../gateway/validation/config.js';
import { validationRoutes } from '../../gateway/validation/http-routes.js';
import { createValidator } from '../../gateway/validation/validator.js';
import { billRoutes } from '../../rating/api/bills-routes.js';
import type { DatabaseFlags } from '../../storage/config.js';
import type { Database } from '../../storage/database.js';
import { openDatabaseFor, withDatabaseOptions } from '../database-options.js';

/**
 * HOOK: transports beyond MQTT (the CoAP server of gateway/transports/coap/, the HTTP server of
 * gateway/http/ with webhooks, /healthz, /readyz and /metrics) are listed here. Each reads its
 * MF_COAP_* / MF_HTTP_* settings (docs/gateway-coap-http.md) and may be turned off with
 * MF_COAP_ENABLED=0 / MF_HTTP_ENABLED=0; API route plugins are handed to the HTTP server.
 */
function extraTransports(db: Database): TransportStarter[] {
  const coap = coapStarterFromEnv(process.env);
  const http = httpStarterFromEnv(process.env, [validationRoutes(db.pool), billRoutes(db)]);
  return [coap, http].filter((s): s is TransportStarter => s !== undefined);
}

const ENV_HELP = `
Environment (flags override): MF_MQTT_URL, MF_MQTT_HOST, MF_MQTT_PORT, MF_MQTT_TLS_PORT,
MF_MQTT_TLS_CERT, MF_MQTT_TLS_KEY, MF_MQTT_SERVICE_USER, MF_MQTT_SERVICE_PASSWORD,
MF_MQTT_CLIENT_ID, MF_MQTT_USERNAME, MF_MQTT_PASSWORD, MF_MQTT_CA, MF_MQTT_PROTOCOL,
MF_MQTT_SHARE_GROUP, MF_MQTT_SESSION_EXPIRY_S, MF_MQTT_RECEIVE_MAXIMUM, MF_MQTT_KEEPALIVE_S,
MF_MQTT_READ_BUFFER_KB, MF_MQTT_ENABLED, MF_TOPIC_DIRECT, MF_TOPIC_CHIRPSTACK, MF_TOPIC_TTS, MF_CHIRPSTACK_ENCODING,
MF_MAX_PAYLOAD_BYTES, MF_DEDUP_WINDOW_S, MF_WRITER_BATCH, MF_WRITER_LINGER_MS, MF_WRITER_QUEUE,
MF_WRITER_WHEN_FULL, MF_WRITER_ENQUEUE_TIMEOUT_MS, MF_WRITER_METHOD, MF_WRITER_SHARDS, MF_DB_STATEMENT_TIMEOUT_MS,
MF_DEVICE_CACHE_TTL_S, MF_SHUTDOWN_TIMEOUT_MS, MF_MQTT_ALARMS, MF_SIMULATED_CLOCK, DATABASE_URL, LOG_LEVEL (see docs/gateway.md).
Validation: MF_VALIDATION_CONFIG, a YAML or JSON file of thresholds per meter class (see docs/validation.md).
CoAP and HTTP: MF_COAP_ENABLED, MF_COAP_PORT, MF_COAP_HOST, MF_COAP_PIGGYBACK_MS, MF_COAP_MAX_PAYLOAD,
MF_COAP_MAX_IN_FLIGHT, MF_COAP_RETRY_AFTER_S, MF_COAP_AUTH, MF_HTTP_ENABLED, MF_HTTP_PORT, MF_HTTP_HOST,
MF_HTTP_BODY_LIMIT, MF_API_TOKENS, MF_API_TOKENS_FILE, MF_WEBHOOK_DEADLINE_MS, MF_WEBHOOK_RETRY_AFTER_S,
MF_TTS_WEBHOOK_SECRET, MF_ONENET_TOKEN, MF_ONENET_AES_KEY, MF_ONENET_VALUE_ENCODING, MF_CTWING_TOKEN
(see docs/gateway-coap-http.md).`;

export function registerGateway(program: Command): void {
  withDatabaseOptions(
    program
      .command('gateway')
      .description(
        'receive meter uplinks over MQTT (and CoAP/HTTP), decode, validate and store them; acknowledge after commit',
      ),
  )
    .option(
      '--mqtt-url <url>',
      'subscribe to this external broker (mqtt:// or mqtts://) instead of running the embedded one ($MF_MQTT_URL)',
    )
    .option('--no-mqtt', 'no MQTT transport at all (CoAP/HTTP only)')
    .option('--mqtt-host <host>', 'embedded broker: address to listen on (default 0.0.0.0)')
    .option('--mqtt-port <port>', 'embedded broker: TCP port (default 1883; 0 picks a free port)')
    .option('--mqtt-tls-port <port>', 'embedded broker: TLS port when a certificate is given (default 8883)')
    .option('--mqtt-tls-cert <file>', 'embedded broker: PEM certificate (with --mqtt-tls-key: TLS on)')
    .option('--mqtt-tls-key <file>', 'embedded broker: PEM private key')
    .option('--client-id <id>', 'external broker: client id of the persistent session (default meterflow-<hostname>)')
    .option('--mqtt-protocol <4|5>', 'external broker: MQTT 5 (default) or 3.1.1')
    .option(
      '--share-group <group>',
      'external broker: subscribe in the shared group $share/<group>/… (several gateways share the load)',
    )
    .option('--receive-maximum <n>', 'external broker: QoS 1 messages in flight at most (default 2000)')
    .option('--chirpstack-encoding <auto|json|protobuf>', 'how ChirpStack events are encoded (default auto)')
    .option('--max-payload-bytes <n>', 'larger payloads are dead-lettered as rejected (default 4096)')
    .option('--batch-size <n>', 'uplinks per database transaction at most (default 2000)')
    .option(
      '--linger-ms <ms>',
      'the longest a batch waits to fill; a batch of 100 or more goes when the input pauses (default 20)',
    )
    .option('--queue-size <n>', 'uplinks held before backpressure (default 10000)')
    .option('--when-full <block|drop>', 'queue full: block the senders (default) or refuse without acknowledging')
    .option('--write-method <insert|copy>', 'multi-row INSERT (default) or COPY (server only)')
    .option(
      '--writer-shards <n>',
      'writers in parallel, one connection each, split by meter (default 2; 1 on the embedded engine)',
    )
    .option('--shutdown-timeout-ms <ms>', 'how long shutdown waits for the queue to drain (default 30000)')
    .option(
      '--config <file>',
      'validation thresholds per meter class, YAML or JSON (docs/validation.md; default: $MF_VALIDATION_CONFIG, else built-in)',
    )
    .option('--no-alarms', 'do not publish alarm changes to MQTT meterflow/alarms/{meterId} ($MF_MQTT_ALARMS=false)')
    .option(
      '--simulated-clock',
      'simulations only: stamp uplinks with the time a service user publishes to meterflow/sim/clock (meterflow simulate --lockstep) ($MF_SIMULATED_CLOCK)',
    )
    .addHelpText('after', ENV_HELP)
    .action(async (flags: DatabaseFlags & GatewayFlags & { config?: string }) => {
      const logger = createLogger({ name: 'gateway' });
      const settings = gatewaySettings(process.env, flags);
      const validator = createValidator({ config: await loadValidationConfig(flags.config, process.env) });
      const db = await openDatabaseFor(flags, logger);
      let gateway;
      try {
        gateway = await startGateway(settings, {
          db,
          logger,
          decoders: defaultRegistry(),
          validator,
          extraTransports: extraTransports(db),
        });
      } catch (err) {
        await db.close();
        throw err;
      }
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          logger.info({ signal }, 'stopping: draining the queue');
          resolve();
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
      await gateway.stop();
      await db.close();
    });
}
