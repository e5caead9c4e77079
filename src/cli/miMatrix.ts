import { column, fromColumn } from "../core/data/matrix.js";
import type { Estimate, MIEstimator, Matrix, Reference, RunOptions } from "../core/types.js";
import { runEstimate } from "./runEstimate.js";

/** A warning seen in some of the pairwise estimates. */
export interface CountedWarning {
  readonly code: string;
  readonly message: string;
  /** How many pair estimates raised it. */
  readonly count: number;
}

export interface MiMatrix {
  readonly names: readonly string[];
  /** values[i][j] = I(column i; column j); null on the diagonal (I(X;X) is infinite for continuous X). */
  readonly values: (number | null)[][];
  readonly pairs: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly references: readonly Reference[];
  readonly warnings: readonly CountedWarning[];
  readonly elapsedMs: number;
}

/**
 * All-pairs mutual information between the columns of `m`: one estimate per pair i < j,
 * mirrored (MI is symmetric). `afterPair` runs after each pair (progress; may yield).
 */
export async function miMatrix(
  m: Matrix,
  names: readonly string[],
  estimator: MIEstimator,
  run: RunOptions,
  afterPair?: () => void | Promise<void>,
): Promise<MiMatrix> {
  const started = performance.now();
  const p = m.cols;
  const cols = Array.from({ length: p }, (_, j) => fromColumn(column(m, j), names[j]));
  const values: (number | null)[][] = Array.from({ length: p }, () => new Array<number | null>(p).fill(null));
  const warnings = new Map<string, { message: string; count: number }>();
  let first: Estimate | undefined;
  for (let i = 0; i < p; i++) {
    for (let j = i + 1; j < p; j++) {
      const e = await runEstimate(() => estimator.estimate(cols[i], cols[j], { ...run, local: false }));
      first ??= e;
      values[i][j] = e.value;
      values[j][i] = e.value;
      for (const w of e.diagnostics.warnings) {
        const seen = warnings.get(w.code);
        if (seen) seen.count++;
        else warnings.set(w.code, { message: w.message, count: 1 });
      }
      if (afterPair) await afterPair();
    }
  }
  return {
    names,
    values,
    pairs: (p * (p - 1)) / 2,
    params: first?.params ?? estimator.options ?? {},
    references: first?.references ?? [],
    warnings: [...warnings].map(([code, w]) => ({ code, message: w.message, count: w.count })),
    elapsedMs: performance.now() - started,
  };
}
