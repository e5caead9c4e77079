import type { Progress } from "../core/types.js";
import type { CliIo } from "./cliIo.js";
import { createProgress, type ProgressDisplay } from "./progress.js";

/**
 * A progress bar on stderr for an estimator's own `onProgress` reports (neural training steps):
 * one bar per label, started on the first report. Shown on a terminal or with --progress.
 */
export function estimateProgress(io: CliIo, force: boolean): { onProgress: (p: Progress) => void; stop(): void } {
  let bar: ProgressDisplay | undefined;
  let label: string | undefined;
  return {
    onProgress(p) {
      if (!bar || p.label !== label) {
        bar?.stop();
        label = p.label;
        bar = createProgress(io, force, p.total, label ?? "estimating");
      }
      bar.update(p.done, p.total);
    },
    stop() {
      bar?.stop();
    },
  };
}
