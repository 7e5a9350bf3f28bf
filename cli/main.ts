/**
 * The `meterflow` command line. Each subcommand lives in cli/commands/<name>.ts and exports
 * `register(program)`; this list is the one place they are wired in (no import side effects).
 */
import { Command } from 'commander';
import { registerMigrate } from './commands/migrate.js';
import { registerTariffs } from './commands/tariffs.js';
import { registerQuote } from './commands/quote.js';
import { registerDecode } from './commands/decode.js';
import { registerBench } from './commands/bench.js';
import { registerValidate } from './commands/validate.js';
import { registerAlarms } from './commands/alarms.js';
import { registerReadings } from './commands/readings.js';
import { registerGateway } from './commands/gateway.js';
import { registerDevices } from './commands/devices.js';
import { registerMeters } from './commands/meters.js';
import { registerSimulate } from './commands/simulate.js';
import { registerRecord } from './commands/record.js';
import { registerReplay } from './commands/replay.js';
import { registerDemo } from './commands/demo.js';
import { registerAccounts } from './commands/accounts.js';
import { registerRate } from './commands/rate.js';
import { registerBills } from './commands/bills.js';

export function buildProgram(): Command {
  const program = new Command('meterflow')
    .description('IoT gateway and rating engine for water utilities')
    .version('0.1.0')
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: false });
  registerMigrate(program);
  registerTariffs(program);
  registerQuote(program);
  registerDecode(program);
  registerBench(program);
  registerValidate(program);
  registerAlarms(program);
  registerReadings(program);
  registerGateway(program);
  registerDevices(program);
  registerMeters(program);
  registerSimulate(program);
  registerRecord(program);
  registerReplay(program);
  registerDemo(program);
  registerAccounts(program);
  registerRate(program);
  registerBills(program);
  return program;
}

/** Runs the CLI; the exit code is set, never thrown, so the process ends cleanly. */
export async function run(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    const e = err as { code?: string; message?: string };
    process.stderr.write(`meterflow: ${e.code ? `${e.code}: ` : ''}${e.message ?? String(err)}\n`);
    process.exitCode = 1;
  }
}
