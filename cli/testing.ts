/** Test support: runs the `meterflow` command line in this process and captures what it prints. */
import { run } from './main.js';

export interface CliOutcome {
  out: string;
  err: string;
  code: number;
}

export async function cli(args: string[]): Promise<CliOutcome> {
  let out = '';
  let err = '';
  const stdout = process.stdout.write.bind(process.stdout);
  const stderr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((err += chunk), true)) as typeof process.stderr.write;
  process.exitCode = 0;
  try {
    await run(['node', 'meterflow', ...args]);
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}
