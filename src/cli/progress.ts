import cliProgress from "cli-progress";
import type { CliIo } from "./cliIo.js";

/** A progress display for long commands; a no-op when progress is not shown. */
export interface ProgressDisplay {
  increment(by?: number): void;
  /** Sets the current value (and the total, when it changed). */
  update(value: number, total?: number): void;
  stop(): void;
}

const none: ProgressDisplay = { increment() {}, update() {}, stop() {} };

/**
 * A cli-progress bar on stderr, shown when stderr is a terminal or when `force` is set
 * (`--progress`). Off a terminal (forced) it prints one status line every second instead of
 * redrawing. Results never go through it: stdout stays clean.
 */
export function createProgress(io: CliIo, force: boolean, total: number, label: string, unit = ""): ProgressDisplay {
  const tty = io.stderr.isTTY === true;
  if (!(tty || force) || total <= 0) return none;
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr as unknown as NodeJS.WritableStream,
      format: `${label} [{bar}] {value}/{total}${unit} | {duration_formatted} elapsed, eta {eta_formatted}`,
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
    update(value: number, newTotal?: number) {
      if (newTotal !== undefined && newTotal !== bar.getTotal()) bar.setTotal(newTotal);
      bar.update(value);
    },
    stop() {
      bar.stop();
    },
  };
}

/**
 * Progress of reading a file, for `readTable`'s `onProgress` (bytes read, file size): a bar in
 * MB, started on the first report (only for files of 16 MB or more, unless forced).
 */
export function readingProgress(io: CliIo, force: boolean): { onProgress: (done: number, total: number) => void; stop(): void } {
  let bar: ProgressDisplay | undefined;
  const mb = (b: number) => Math.round(b / 1e5) / 10;
  return {
    onProgress(done, total) {
      if (!bar) {
        if (!(force || total >= 16 * 1024 * 1024)) return;
        bar = createProgress(io, force, mb(total), "reading", " MB");
      }
      bar.update(mb(done), mb(total));
    },
    stop() {
      bar?.stop();
    },
  };
}
