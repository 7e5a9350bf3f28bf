/**
 * `meterflow replay FILE`: sends a capture file again (`record` or `simulate --capture-out` wrote
 * it) with its order, topics or paths and relative timing, at real speed (1), a multiple (10x) or
 * as fast as acknowledgements allow (max); progress on stderr, then what was sent and
 * acknowledged (QoS 1 PUBACKs, CoAP ACKs). Every line is checked before anything is sent.
 */
import type { Command } from 'commander';
import {
  SimulatorErrorCode,
  SimulatorFailure,
  badOptionError,
  simulatorError,
  type SimulatorError,
} from '../../simulators/errors.js';
import { parseDuration, parsePositiveInteger, parseSpeed } from '../../simulators/options.js';
import { lockstepOverMqtt } from '../../simulators/sim-clock.js';
import { captureMessages, checkCapture } from '../../simulators/replay/capture-file.js';
import { createCoapSender, type CoapSender } from '../../simulators/transport/coap-sender.js';
import { connectMqttPublisher, type MqttPublisher } from '../../simulators/transport/mqtt-publisher.js';
import { progressLine, sendMessages, type SendSummary } from '../../simulators/transport/send.js';
import type { Io } from './simulate.js';

export interface CaptureReplayFlags {
  speed: string;
  mqttUrl?: string;
  username?: string;
  password?: string;
  coap?: string;
  coapEndpoints: string;
  maxInFlight: string;
  lockstep?: boolean;
  lockstepWindow?: string;
  quiet?: boolean;
  json?: boolean;
}

const processIo: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

function failWith(io: Io, e: SimulatorError): number {
  io.err(`meterflow replay: ${e.code}: ${e.message}\n`);
  return 1;
}

export function formatReplaySummary(file: string, s: SendSummary): string {
  const lines = [
    `replayed ${file}: sent ${s.sent} (MQTT ${s.mqtt.sent}, CoAP ${s.coap.sent}) in ${(s.wallMs / 1000).toFixed(1)} s`,
    `acknowledged ${s.acknowledged} (PUBACK ${s.mqtt.acknowledged}, CoAP ACK ${s.coap.acknowledged}); rejected ${s.rejected}; failed ${s.failed}${s.stopped ? '; stopped early' : ''}`,
    ...Object.entries(s.problems).map(([problem, n]) => `  ${problem}: ${n}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** The options of the capture mode, added to the `replay` command. */
export function withCaptureReplayOptions(cmd: Command): Command {
  return cmd
    .option(
      '--speed <speed>',
      'capture file: 1 (the recorded timing), 10x, 1000x, or max (as fast as acknowledgements allow)',
      '1',
    )
    .option('--mqtt-url <url>', 'capture file: broker to publish the MQTT lines to (mqtt://[user:pass@]host:1883)')
    .option('--username <name>', 'capture file: MQTT user name')
    .option('--password <secret>', 'capture file: MQTT password')
    .option('--coap <url>', 'capture file: CoAP server for the CoAP lines (coap://host:5683)')
    .option(
      '--coap-endpoints <n>',
      'capture file: independent CoAP client endpoints (a device always uses the same one)',
      '8',
    )
    .option('--max-in-flight <n>', 'capture file: QoS 1 publishes awaiting their PUBACK at most', '1000')
    .option(
      '--lockstep',
      'capture file: drive the clock of a gateway started with --simulated-clock (through --mqtt-url, as its service user), so that the recorded times are stored',
    )
    .option(
      '--lockstep-window <duration>',
      'capture file: with --lockstep, the clock steps (as the recorded run used: 15m, or its interval when shorter)',
      '15m',
    )
    .option('--quiet', 'capture file: no progress lines on stderr')
    .option('--json', 'capture file: print the summary as one JSON object');
}

export async function runCaptureReplay(
  file: string,
  flags: CaptureReplayFlags,
  io: Io = processIo,
  signal?: AbortSignal,
): Promise<number> {
  const speed = parseSpeed('--speed', flags.speed);
  if (!speed.ok) return failWith(io, speed.error);
  const inFlight = parsePositiveInteger('--max-in-flight', flags.maxInFlight, 100_000);
  if (!inFlight.ok) return failWith(io, inFlight.error);
  const endpoints = parsePositiveInteger('--coap-endpoints', flags.coapEndpoints, 1_024);
  if (!endpoints.ok) return failWith(io, endpoints.error);
  const window = parseDuration('--lockstep-window', flags.lockstepWindow ?? '15m');
  if (!window.ok) return failWith(io, window.error);
  if (flags.lockstep && flags.mqttUrl === undefined)
    return failWith(
      io,
      badOptionError('--lockstep', 'sets the gateway clock through the MQTT broker: give --mqtt-url'),
    );
  const checked = await checkCapture(file);
  if (!checked.ok) return failWith(io, checked.error);
  const check = checked.value;
  if (check.mqtt > 0 && flags.mqttUrl === undefined)
    return failWith(io, badOptionError('--mqtt-url', `the capture has ${check.mqtt} MQTT messages`));
  if (check.coap > 0 && flags.coap === undefined)
    return failWith(io, badOptionError('--coap', `the capture has ${check.coap} CoAP messages`));
  if (check.messages === 0)
    return failWith(io, simulatorError(SimulatorErrorCode.CAPTURE_INVALID, `${file} holds no messages`, { file }));
  let mqtt: MqttPublisher | undefined;
  let coap: CoapSender | undefined;
  try {
    if (check.mqtt > 0 && flags.mqttUrl !== undefined) {
      const connected = await connectMqttPublisher({
        url: flags.mqttUrl,
        ...(flags.username !== undefined ? { username: flags.username } : {}),
        ...(flags.password !== undefined ? { password: flags.password } : {}),
      });
      if (!connected.ok) return failWith(io, connected.error);
      mqtt = connected.value;
    }
    if (check.coap > 0 && flags.coap !== undefined) coap = createCoapSender(flags.coap, { endpoints: endpoints.value });
    if (!flags.quiet)
      io.err(
        `replaying ${check.messages} messages (MQTT ${check.mqtt}, CoAP ${check.coap}) from ${file} at speed ${flags.speed}\n`,
      );
    const originMs = Math.floor((check.firstTimeMs ?? 0) / window.value) * window.value;
    let summary: SendSummary;
    try {
      summary = await sendMessages(captureMessages(file), {
        speed: speed.value,
        mqttInFlight: inFlight.value,
        coapInFlight: Math.max(64, 4 * endpoints.value),
        ...(mqtt ? { mqtt } : {}),
        ...(coap ? { coap } : {}),
        ...(flags.quiet ? {} : { onProgress: (p) => io.err(`${progressLine(p, 'replayed')} of ${check.messages}\n`) }),
        ...(signal ? { signal } : {}),
        ...(flags.lockstep && mqtt ? { lockstep: lockstepOverMqtt(mqtt, originMs, window.value) } : {}),
      });
    } catch (err) {
      if (err instanceof SimulatorFailure) return failWith(io, err.error);
      throw err;
    }
    io.out(flags.json ? `${JSON.stringify({ file, ...summary })}\n` : formatReplaySummary(file, summary));
    return summary.failed > 0 || summary.rejected > 0 ? 2 : 0;
  } finally {
    await mqtt?.close().catch(() => undefined);
    coap?.close();
  }
}
