/** `meterflow gateway` as a child process (through tsx, from the sources), for crash tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = 'const m = await import("./cli/main.ts"); await m.run(["node", "meterflow", ...process.argv.slice(1)]);';

export interface ChildGateway {
  process: ChildProcess;
  /** Resolves when the gateway logged that it started. */
  started: Promise<void>;
  exited: Promise<number | null>;
  output(): string;
}

export function spawnGateway(args: string[], env: Record<string, string>): ChildGateway {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', ENTRY, 'gateway', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const started = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"gateway started"')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`gateway exited (${code}) before it started:\n${output.slice(-2000)}`)),
    );
  });
  started.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, started, exited, output: () => output };
}
