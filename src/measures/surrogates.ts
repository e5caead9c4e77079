/**
 * Surrogate (permutation) significance tests for time-series measures (reference-facts §7;
 * IDTxl's permutation of samples in time when there are no replications).
 *
 * A surrogate destroys the source-target coupling while keeping the target (and its past)
 * intact: the rows of the source's past block are reordered by a permutation `perm`
 * (surrogate row i takes source row perm[i]) and the statistic is recomputed. Methods:
 *   "shuffle"   a uniform random permutation (Fisher-Yates). Also destroys the source's own
 *               autocorrelation, which can make the test too liberal for autocorrelated data.
 *   "circular"  rotation by a random shift s in [minShift, n - minShift]: perm[i] = (i + s) mod n.
 *               Keeps the source's autocorrelation except at one seam. Default minShift =
 *               max(1, floor(n / 10)) (IDTxl draws shifts in [1, max_shift], max_shift = n/2).
 *   "block"     cut into consecutive blocks of `blockSize` rows (default max(1, round(n / 10)),
 *               IDTxl's default; the last block may be shorter) and permute the blocks.
 * p-value (Phipson & Smyth 2010): p = (1 + #{T_surr >= T_obs}) / (1 + S), never 0.
 *
 * Surrogate s draws from createRng(seed).fork(0x5eed).fork(s): the null distribution depends
 * only on the seed, not on how the statistic uses randomness.
 */
import { integerOption } from "../core/data/validate.js";
import { InvalidArgumentError, throwIfAborted } from "../core/errors.js";
import { createRng, type Rng } from "../core/random/rng.js";
import type { RunOptions } from "../core/types.js";

export type SurrogateMethod = "shuffle" | "circular" | "block";

export const SURROGATE_METHODS: readonly SurrogateMethod[] = Object.freeze(["shuffle", "circular", "block"]);

export interface SurrogateSettings {
  readonly method: SurrogateMethod;
  /** "block": rows per block (resolved against n when undefined). */
  readonly blockSize?: number;
  /** "circular": smallest shift (resolved against n when undefined). */
  readonly minShift?: number;
}

export interface SurrogateTestResult {
  /** (1 + #{null >= observed}) / (1 + count). */
  readonly pValue: number;
  /** The statistic on each surrogate, in the order drawn (nats). */
  readonly nullDistribution: Float64Array;
  readonly count: number;
  readonly method: SurrogateMethod;
  /** Resolved block size or minimum shift (undefined for "shuffle"). */
  readonly blockSize?: number;
  readonly minShift?: number;
}

/** Validates the surrogate method name. */
export function surrogateMethodOption(fn: string, value: unknown): SurrogateMethod {
  if (typeof value !== "string" || !(SURROGATE_METHODS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(
      `${fn}: surrogateMethod must be one of ${SURROGATE_METHODS.map((m) => JSON.stringify(m)).join(", ")}; got ${JSON.stringify(value)}.`,
      "surrogateMethod",
    );
  }
  return value as SurrogateMethod;
}

/** Block size and minimum shift resolved against n, validated. */
export function resolveSurrogateSettings(fn: string, n: number, s: SurrogateSettings): SurrogateSettings {
  if (s.method === "block") {
    const b = s.blockSize ?? Math.max(1, Math.round(n / 10));
    return { method: "block", blockSize: integerOption(fn, "blockSize", b, 1, Math.max(1, n)) };
  }
  if (s.method === "circular") {
    const half = Math.floor(n / 2);
    if (n < 2) {
      throw new InvalidArgumentError(`${fn}: circular surrogates need at least 2 rows; got ${n}.`, "surrogateMethod");
    }
    const m = s.minShift ?? Math.max(1, Math.floor(n / 10));
    return { method: "circular", minShift: integerOption(fn, "minShift", m, 1, Math.max(1, half), ` (n = ${n} rows: at most floor(n/2))`) };
  }
  return { method: "shuffle" };
}

/**
 * The row permutation of one surrogate: surrogate row i takes source row perm[i].
 * `settings` must be resolved (resolveSurrogateSettings).
 */
export function surrogatePermutation(n: number, settings: SurrogateSettings, rng: Rng): Int32Array {
  const perm = new Int32Array(n);
  if (settings.method === "circular") {
    const lo = settings.minShift ?? 1;
    const shift = lo + rng.int(n - 2 * lo + 1);
    for (let i = 0; i < n; i++) perm[i] = (i + shift) % n;
    return perm;
  }
  if (settings.method === "block") {
    const b = settings.blockSize ?? 1;
    const nb = Math.ceil(n / b);
    const order = new Int32Array(nb);
    for (let j = 0; j < nb; j++) order[j] = j;
    fisherYates(order, rng);
    let i = 0;
    for (let j = 0; j < nb; j++) {
      const start = order[j] * b;
      const end = Math.min(n, start + b);
      for (let r = start; r < end; r++) perm[i++] = r;
    }
    return perm;
  }
  for (let i = 0; i < n; i++) perm[i] = i;
  fisherYates(perm, rng);
  return perm;
}

function fisherYates(a: Int32Array, rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/** p = (1 + #{null >= observed}) / (1 + S) (Phipson & Smyth 2010). */
export function surrogatePValue(observed: number, nullDistribution: ArrayLike<number>): number {
  let exceed = 0;
  for (let s = 0; s < nullDistribution.length; s++) if (nullDistribution[s] >= observed) exceed++;
  return (1 + exceed) / (1 + nullDistribution.length);
}

/**
 * Runs `count` surrogates of `statistic` (a function of the row permutation, returning nats)
 * and the p-value of `observed`. Reports progress after each surrogate (done = offset + s + 1
 * of `total`) and checks `run.signal` before each.
 * @throws InvalidArgumentError for a bad count or settings; AbortError when aborted.
 */
export function surrogateTest(
  fn: string,
  n: number,
  observed: number,
  statistic: (perm: Int32Array) => number,
  count: number,
  settings: SurrogateSettings,
  seed: number,
  run: RunOptions = {},
  progress: { offset: number; total: number } = { offset: 0, total: count },
): SurrogateTestResult {
  integerOption(fn, "surrogates", count, 1);
  const resolved = resolveSurrogateSettings(fn, n, settings);
  const root = createRng(seed).fork(0x5eed);
  const nullDistribution = new Float64Array(count);
  for (let s = 0; s < count; s++) {
    throwIfAborted(run.signal, fn);
    nullDistribution[s] = statistic(surrogatePermutation(n, resolved, root.fork(s)));
    run.onProgress?.({ done: progress.offset + s + 1, total: progress.total, label: `${fn}: surrogates` });
  }
  throwIfAborted(run.signal, fn);
  return {
    pValue: surrogatePValue(observed, nullDistribution),
    nullDistribution,
    count,
    method: resolved.method,
    ...(resolved.blockSize !== undefined ? { blockSize: resolved.blockSize } : {}),
    ...(resolved.minShift !== undefined ? { minShift: resolved.minShift } : {}),
  };
}

/** Rows of a row-major block reordered: out row i = m row perm[i]. */
export function permuteRows(data: Float64Array, cols: number, perm: Int32Array, out: Float64Array = new Float64Array(data.length)): Float64Array {
  const n = perm.length;
  for (let i = 0; i < n; i++) {
    const src = perm[i] * cols;
    const dst = i * cols;
    for (let c = 0; c < cols; c++) out[dst + c] = data[src + c];
  }
  return out;
}
