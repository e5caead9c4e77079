import cliProgress from "cli-progress";
import type { CliIo } from "./cliIo.js";

/** A progress display for long commands; a no-op when progress is not shown. */
export interface ProgressDisplay {
  increment(by?: number): void;
  stop(): void;
}

const none: ProgressDisplay = { increment() {}, stop() {} };

/**
 * A cli-progress bar on stderr, shown when stderr is a terminal or when `force` is set
 * (`--progress`). Off a terminal (forced) it prints one status line every second instead of
 * redrawing. Results never go through it: stdout stays clean.
 */
export function createProgress(io: CliIo, force: boolean, total: number, label: string): ProgressDisplay {
  const tty = io.stderr.isTTY === true;
  if (!(tty || force) || total <= 0) return none;
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr as unknown as NodeJS.WritableStream,
      format: `${label} [{bar}] {value}/{total} | {duration_formatted} elapsed, eta {eta_formatted}`,
      noTTYOutput: !tty,
      notTTYSchedule: 1000,
      hideCursor: tty,
      clearOnComplete: tty,
      stopOnComplete: false,
      barsize: 30,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    increment(by = 1) {
      bar.increment(by);
    },
    stop() {
      bar.stop();
    },
  };
}
