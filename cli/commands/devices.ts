/**
 * `meterflow devices add|import|list|remove`: the device registry. Secrets are hashed (scrypt)
 * before they are stored; keys and secrets are never printed or logged.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { createLogger } from '../../common/logger.js';
import { defaultRegistry } from '../../decoders/index.js';
import { DEVICE_TRANSPORTS, normaliseDeviceId } from '../../gateway/devices/device.js';
import { checkDeviceInput, isProblem } from '../../gateway/devices/device-input.js';
import { formatCsvProblem, readDeviceCsv } from '../../gateway/devices/csv-import.js';
import { formatTable } from '../../gateway/validation/format.js';
import { listDevices, removeDevices, upsertDevices } from '../../gateway/devices/registry-store.js';
import type { DatabaseFlags } from '../../storage/config.js';
import { openDatabaseFor, withDatabaseOptions } from '../database-options.js';

class DeviceInputError extends Error {
  readonly code = 'DEVICE_INPUT_INVALID';
}

async function withDb<T>(
  flags: DatabaseFlags,
  work: (db: Awaited<ReturnType<typeof openDatabaseFor>>) => Promise<T>,
): Promise<T> {
  const db = await openDatabaseFor(
    flags,
    createLogger({ name: 'devices', level: process.env.LOG_LEVEL ? undefined : 'warn' }),
  );
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

function knownDecoder(): (id: string) => boolean {
  const registry = defaultRegistry();
  return (id) => registry.byId(id) !== undefined;
}

export function registerDevices(program: Command): void {
  const devices = program
    .command('devices')
    .description('the device registry: what may send uplinks, for which meter, decoded how');

  withDatabaseOptions(
    devices
      .command('add')
      .description('register a device (or replace its registration)')
      .argument(
        '<deviceId>',
        'device id: DevEUI (16 hex digits) for LoRaWAN, IMEI, wM-Bus id, or the MQTT username of a direct device',
      ),
  )
    .requiredOption('--transport <transport>', `how it reaches the gateway: ${DEVICE_TRANSPORTS.join(', ')}`)
    .option(
      '--decoder <id>',
      'decoder id (meterflow decode --list); default: chosen by model, else recognised from the payload',
    )
    .option('--model <vendor/model>', 'device model')
    .option('--meter <meterId>', 'meter the device reports for (created if missing)')
    .option('--aes-key <hex>', 'AES-128 (32 hex digits) or DES (16) key for encrypted payloads; never printed')
    .option('--secret <secret>', 'MQTT/CoAP password of the device (stored as a scrypt hash); prefer --secret-file')
    .option('--secret-file <file>', 'read the secret from this file (first line)')
    .option('--pulse-volume-ml <mL>', 'volume per pulse for pulse counters, whole millilitres')
    .option('--time-zone <tz>', 'IANA time zone of the meter clock for payloads with local time')
    .action(async (deviceId: string, flags: DatabaseFlags & Record<string, string | undefined>) => {
      const secret = flags.secretFile ? (await readFile(flags.secretFile, 'utf8')).split(/\r?\n/)[0] : flags.secret;
      const checked = checkDeviceInput(
        {
          device_id: deviceId,
          transport: flags.transport,
          decoder: flags.decoder,
          model: flags.model,
          meter_id: flags.meter,
          aes_key: flags.aesKey,
          secret,
          pulse_volume_ml: flags.pulseVolumeMl,
          meter_time_zone: flags.timeZone,
        },
        knownDecoder(),
      );
      if (isProblem(checked)) throw new DeviceInputError(`${checked.field}: ${checked.message}`);
      const result = await withDb(flags, (db) => upsertDevices(db.pool, [checked]));
      process.stdout.write(
        `${result.created ? 'registered' : 'updated'} device ${checked.deviceId}${result.metersCreated ? ` (meter ${checked.meterId} created)` : ''}\n`,
      );
    });

  withDatabaseOptions(
    devices
      .command('import')
      .description(
        'register devices from a CSV file (header: device_id,transport,decoder,model,meter_id,aes_key,secret); all or nothing',
      )
      .argument('<file>', 'CSV file, UTF-8'),
  ).action(async (file: string, flags: DatabaseFlags) => {
    const parsed = readDeviceCsv(await readFile(file, 'utf8'), knownDecoder());
    if (!parsed.ok) {
      const shown = parsed.problems.slice(0, 20).map((p) => `  ${file}: ${formatCsvProblem(p)}`);
      const more = parsed.problems.length > 20 ? `\n  … and ${parsed.problems.length - 20} more` : '';
      throw new DeviceInputError(`nothing imported, ${parsed.problems.length} problem(s):\n${shown.join('\n')}${more}`);
    }
    const withSecrets = parsed.devices.filter((d) => d.secret !== undefined).length;
    const result = await withDb(flags, (db) =>
      upsertDevices(db.pool, parsed.devices, (n) => process.stderr.write(`hashed ${n}/${withSecrets} secrets\r`)),
    );
    process.stdout.write(
      `imported ${parsed.devices.length} devices: ${result.created} new, ${result.updated} updated; ${result.metersCreated} meters created\n`,
    );
  });

  withDatabaseOptions(
    devices.command('list').description('list registered devices (keys and secrets are shown only as present or not)'),
  )
    .option('--transport <transport>', 'only devices of this transport')
    .option('--meter <meterId>', 'only devices of this meter')
    .option('--json', 'one JSON object per line')
    .action(async (flags: DatabaseFlags & { transport?: string; meter?: string; json?: boolean }) => {
      const rows = await withDb(flags, (db) =>
        listDevices(db.pool, { transport: flags.transport, meterId: flags.meter }),
      );
      if (flags.json) {
        for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
        return;
      }
      process.stdout.write(
        formatTable(
          ['device_id', 'transport', 'decoder', 'model', 'meter_id', 'key', 'secret', 'enabled'],
          rows.map((r) => [
            r.deviceId,
            r.transport,
            r.decoder ?? '',
            r.model ?? '',
            r.meterId ?? '',
            r.hasKey ? 'yes' : 'no',
            r.hasSecret ? 'yes' : 'no',
            r.enabled ? 'yes' : 'no',
          ]),
        ),
      );
      process.stdout.write(`${rows.length} device(s)\n`);
    });

  withDatabaseOptions(
    devices
      .command('remove')
      .description('remove devices from the registry (their archived uplinks and readings stay)')
      .argument('<deviceIds...>', 'device ids'),
  ).action(async (ids: string[], flags: DatabaseFlags) => {
    const wanted = ids.map(normaliseDeviceId);
    const missing = await withDb(flags, (db) => removeDevices(db.pool, wanted));
    process.stdout.write(`removed ${wanted.length - missing.length} device(s)\n`);
    if (missing.length > 0) {
      process.stderr.write(`not registered: ${missing.join(', ')}\n`);
      process.exitCode = 1;
    }
  });
}
