/**
 * `meterflow replay`: sends traffic again. Two modes share the command:
 *   - `meterflow replay FILE`: a capture file (cli/commands/replay-capture.ts, simulators/replay/);
 *   - `meterflow replay --from-archive`: dead-lettered uplinks re-processed from the archive,
 *     once a decoder or a device has been added (the gateway's mode).
 * HOOK (gateway): the archive mode adds its options and its run function from its own module
 * (cli/commands/replay-archive.ts) here, and the action below hands over to it when
 * --from-archive is given.
 */
import type { Command } from 'commander';
import { runCaptureReplay, withCaptureReplayOptions, type CaptureReplayFlags } from './replay-capture.js';
import { runArchiveReplay, withArchiveReplayOptions, type ArchiveReplayFlags } from './replay-archive.js';

export function registerReplay(program: Command): void {
  const cmd = program
    .command('replay')
    .description(
      'send a capture file again (order, topics, relative timing), with a summary of what was sent and acknowledged',
    )
    .argument('[file]', 'capture file written by `meterflow record` or `meterflow simulate --capture-out`');
  withArchiveReplayOptions(withCaptureReplayOptions(cmd)).action(
    async (file: string | undefined, flags: CaptureReplayFlags & ArchiveReplayFlags) => {
      if (flags.fromArchive) {
        process.exitCode = await runArchiveReplay(flags);
        return;
      }
      if (file === undefined) {
        process.stderr.write('meterflow replay: SIM_BAD_OPTION: give the capture FILE to replay\n');
        process.exitCode = 1;
        return;
      }
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      try {
        process.exitCode = await runCaptureReplay(file, flags, undefined, controller.signal);
      } finally {
        process.off('SIGINT', stop);
      }
    },
  );
}
