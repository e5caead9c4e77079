/**
 * Preprocessing shared by every kNN estimator (KSG, Kozachenko-Leonenko, Frenzel-Pompe, kNN KL).
 *
 * Order (reference-facts §1.11, after JIDT and against sklearn's un-centred scaling):
 *  1. Column statistics (mean, SD with ddof 0) and constant columns (SD = 0). Constant columns
 *     are never jittered; they carry no information.
 *  2. Optional per-column standardisation (centre, unit SD), a copy.
 *  3. Ties: a column in which two rows share exactly the same value gives zero kNN distances.
 *     When `jitter > 0`, each tied (non-constant) column receives seeded i.i.d. normal noise of
 *     SD `jitter * sd` (sd = the column's SD after centring, 1 when standardised), drawn from
 *     `createRng(seed).fork(variableIndex).fork(column)`, so each variable has its own stream.
 *     Data without ties is never jittered, so estimates on such data do not depend on the seed.
 *     When `jitter = 0` and ties exist, the `ties-present` warning is raised instead.
 *
 * Inputs are never mutated: every transformation works on a copy.
 */
import { columnStats, safeScale, standardize as standardizeMatrix } from "../core/data/standardize.js";
import { columnsWithTies } from "../core/data/ties.js";
import { addJitter } from "../core/data/jitter.js";
import { numberOption } from "../core/data/validate.js";
import { InsufficientSamplesError, InvalidArgumentError } from "../core/errors.js";
import { createRng } from "../core/random/rng.js";
import type { Matrix, ResultWarning } from "../core/types.js";
import type { OptionSpec } from "./descriptor.js";
import { warning } from "../core/warnings.js";

/** Preprocessing settings common to the kNN estimators. */
export interface KnnPrepSettings {
  /** Centre and scale every column to unit SD (ddof 0) before searching neighbours. */
  readonly standardize: boolean;
  /** Relative SD of the seeded jitter added to tied columns; 0 turns it off. */
  readonly jitter: number;
}

/** Default relative jitter (sklearn's magnitude; JIDT uses 1e-8). */
export const DEFAULT_JITTER = 1e-10;

/** One prepared variable (block of columns). */
export interface PreparedVariable {
  /** Name used in messages ("x", "y", "z", "p", "q"). */
  readonly name: string;
  /** Prepared copy (standardised and/or jittered), or the input itself when nothing changed. */
  readonly matrix: Matrix;
  /** Column SDs of the input (ddof 0); 0 for constant columns. */
  readonly sd: Float64Array;
  /** Columns with zero spread. */
  readonly constantColumns: readonly number[];
  /** Non-constant columns with exact ties, found before jitter. */
  readonly tiedColumns: readonly number[];
  /** Whether jitter was added to this variable. */
  readonly jittered: boolean;
  /** Every column is constant. */
  readonly allConstant: boolean;
  /** Non-constant columns whose tail ratio (`tailRatio`) exceeds `HEAVY_TAIL_RATIO`. */
  readonly heavyTailedColumns: readonly number[];
}

export interface PreparedData {
  readonly variables: readonly PreparedVariable[];
  readonly warnings: ResultWarning[];
  /** Number of tied (non-constant) columns over all variables. */
  readonly tiedColumnCount: number;
  /** Ties exist and jitter is off: the caller should report the zero-distance fraction. */
  readonly tiesRemain: boolean;
}

/** Validates the `jitter` option: a finite number in [0, 1]. */
export function jitterOption(fn: string, value: unknown): number {
  return numberOption(fn, "jitter", value, 0, 1);
}

/** Validates a boolean option. */
export function booleanOption(fn: string, name: string, value: unknown): boolean {
  if (typeof value !== "boolean") {
    throw new InvalidArgumentError(`${fn}: ${name} must be true or false; got ${String(value)}.`, name);
  }
  return value;
}

/** Validates a string option against its allowed values. */
export function choiceOption<T extends string>(fn: string, name: string, value: unknown, choices: readonly T[]): T {
  if (typeof value !== "string" || !(choices as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(
      `${fn}: ${name} must be one of ${choices.map((c) => JSON.stringify(c)).join(", ")}; got ${JSON.stringify(value)}.`,
      name,
    );
  }
  return value as T;
}

/**
 * Standardises (optionally) and jitters (when tied) each variable independently.
 * `variables[b]` draws its jitter from `createRng(seed).fork(b)`.
 */
export function prepareKnnData(
  fn: string,
  variables: readonly { readonly name: string; readonly matrix: Matrix }[],
  settings: KnnPrepSettings,
  seed: number,
): PreparedData {
  const root = createRng(seed);
  const out: PreparedVariable[] = [];
  const warnings: ResultWarning[] = [];
  const tiedSummary: string[] = [];
  let tiedColumnCount = 0;
  const constantSummary: string[] = [];
  const heavySummary: string[] = [];
  for (let b = 0; b < variables.length; b++) {
    const { name, matrix: input } = variables[b];
    const scaled = safeScale(input);
    const stats = columnStats(scaled);
    const constant = stats.constantColumns;
    const sdIn = inputSd(input, scaled, stats.sd);
    let m = settings.standardize ? standardizeMatrix(input, stats) : input;
    const constantSet = new Set(constant);
    const tied = columnsWithTies(m).filter((j) => !constantSet.has(j));
    let jittered = false;
    if (tied.length > 0 && settings.jitter > 0) {
      // SD after centring: 1 for standardised columns, else the input column's SD.
      const sd = settings.standardize ? unitSd(stats.sd) : sdIn;
      m = addJitter(m, tied, sd, settings.jitter, root.fork(b));
      jittered = true;
    }
    const heavy: string[] = [];
    const heavyColumns: number[] = [];
    if (input.rows >= HEAVY_TAIL_MIN_ROWS) {
      for (let j = 0; j < input.cols; j++) {
        if (constantSet.has(j)) continue;
        const r = tailRatio(scaled, j);
        if (r > HEAVY_TAIL_RATIO) {
          heavyColumns.push(j);
          heavy.push(`column ${j} (${Number.isFinite(r) ? r.toPrecision(3) : r})`);
        }
      }
    }
    if (heavy.length > 0) heavySummary.push(`${name} ${heavy.join(", ")}`);
    tiedColumnCount += tied.length;
    if (tied.length > 0) tiedSummary.push(`${name}: ${tied.length} (column${tied.length > 1 ? "s" : ""} ${tied.join(", ")})`);
    if (constant.length > 0) constantSummary.push(`${name} column${constant.length > 1 ? "s" : ""} ${constant.join(", ")}`);
    out.push({
      name,
      matrix: m,
      sd: sdIn,
      constantColumns: constant,
      tiedColumns: tied,
      jittered,
      allConstant: input.cols > 0 && constant.length === input.cols,
      heavyTailedColumns: heavyColumns,
    });
  }
  if (constantSummary.length > 0) {
    warnings.push(
      warning(
        "constant-column",
        `${fn}: constant (zero-spread) ${constantSummary.join("; ")}; a constant column carries no information.`,
      ),
    );
  }
  if (heavySummary.length > 0) {
    warnings.push(
      warning(
        "heavy-tails",
        `${fn}: heavy tails in ${heavySummary.join("; ")}: tail ratio (q99 - q01) / (q75 - q25) above ${HEAVY_TAIL_RATIO} ` +
          `(3.4 for a normal, 30 for a Cauchy); a few extreme values dominate the spread and the kNN neighbourhoods. ` +
          `MI is unchanged by monotone transforms: transform such columns first, e.g. asinh((v - median) / IQR), or use gaussian-copula.`,
      ),
    );
  }
  const tiesRemain = tiedColumnCount > 0 && settings.jitter === 0;
  if (tiedColumnCount > 0 && settings.jitter > 0) {
    warnings.push(
      warning(
        "ties-jittered",
        `${fn}: ${tiedColumnCount} column${tiedColumnCount > 1 ? "s" : ""} had tied values (${tiedSummary.join("; ")}); ` +
          `added seeded normal jitter of relative SD ${settings.jitter} (seed ${seed}) to break the ties.`,
      ),
    );
  } else if (tiesRemain) {
    warnings.push(
      warning(
        "ties-present",
        `${fn}: ${tiedColumnCount} column${tiedColumnCount > 1 ? "s" : ""} have tied values (${tiedSummary.join("; ")}) and jitter is 0; ` +
          `zero kNN distances bias the estimate (see diagnostics.details.zeroDistanceFraction).`,
      ),
    );
  }
  return { variables: out, warnings, tiedColumnCount, tiesRemain };
}

/** Tail ratio above which a column is reported as heavy-tailed (normal 3.4, t3 5.5, log-normal(0, 1) 7.6, Cauchy 30). */
export const HEAVY_TAIL_RATIO = 10;
/** Fewest rows for the heavy-tail check (below this the 1% quantiles are the extremes). */
export const HEAVY_TAIL_MIN_ROWS = 20;
/** At most this many values (an even stride over the rows, no randomness) enter the quantiles. */
const TAIL_SAMPLE = 1 << 16;

/**
 * Robust tail index of column `j`: (q99 - q01) / (q75 - q25), quantiles by linear interpolation
 * (numpy's default) over at most 65536 rows taken at an even stride. Scale and shift invariant:
 * 3.45 for a normal, 5.5 for Student t(3), 7.6 for log-normal(0, 1), 30 for a Cauchy. Returns 0
 * when the interquartile range is 0 (mostly tied columns, reported as ties instead).
 */
export function tailRatio(m: Matrix, j: number): number {
  const { data, rows, cols } = m;
  const step = Math.max(1, Math.ceil(rows / TAIL_SAMPLE));
  const s = new Float64Array(Math.ceil(rows / step));
  for (let i = 0, t = 0; i < rows; i += step, t++) s[t] = data[i * cols + j];
  s.sort();
  const q = (p: number): number => {
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (h - lo) * (s[hi] - s[lo]);
  };
  const iqr = q(0.75) - q(0.25);
  if (!(iqr > 0)) return 0;
  return (q(0.99) - q(0.01)) / iqr;
}

/** Column SDs of `input` from those of its power-of-two rescaled copy `scaled` (see safeScale). */
function inputSd(input: Matrix, scaled: Matrix, sdScaled: Float64Array): Float64Array {
  if (scaled === input) return sdScaled;
  const out = new Float64Array(sdScaled.length);
  const { rows, cols } = input;
  for (let j = 0; j < cols; j++) {
    let ratio = 1;
    for (let i = 0; i < rows; i++) {
      const s = scaled.data[i * cols + j];
      if (s !== 0) {
        ratio = input.data[i * cols + j] / s;
        break;
      }
    }
    out[j] = sdScaled[j] * ratio;
  }
  return out;
}

function unitSd(sd: Float64Array): Float64Array {
  const out = new Float64Array(sd.length);
  for (let j = 0; j < sd.length; j++) out[j] = sd[j] > 0 ? 1 : 0;
  return out;
}

/** Fraction of entries of `radii` equal to 0 (points whose k-th neighbour is a duplicate). */
export function zeroFraction(radii: Float64Array): number {
  let zeros = 0;
  for (let i = 0; i < radii.length; i++) if (radii[i] === 0) zeros++;
  return radii.length === 0 ? 0 : zeros / radii.length;
}

/**
 * The `high-dimension` rule used by every kNN estimator: warn when the total dimension d of the
 * neighbour search exceeds 10 (kd-trees stop helping and the KSG bias grows quickly; KSG gives
 * 0.14 nats for a true 1.02 on bmi's sparse 25x25 task), or when N < 20 * 2^(d/2) (too few
 * points for the k-th neighbour to be local). Returns the warning or undefined.
 */
export function highDimensionWarning(fn: string, d: number, n: number): ResultWarning | undefined {
  const needed = Math.ceil(20 * Math.pow(2, d / 2));
  if (d > 10 || n < needed) {
    return warning(
      "high-dimension",
      `${fn}: ${d} dimensions in the neighbour search with N = ${n} (rule: d <= 10 and N >= 20 * 2^(d/2) = ${needed}); ` +
        `kNN estimates are strongly biased (usually downward for MI) in this regime.`,
    );
  }
  return undefined;
}

/** A `negative-estimate` warning when an MI/CMI/divergence estimate (nats) is below 0. */
export function negativeWarning(fn: string, valueNats: number, quantity: string): ResultWarning | undefined {
  if (valueNats < 0) {
    return warning(
      "negative-estimate",
      `${fn}: the ${quantity} estimate ${valueNats.toPrecision(6)} nats is below 0 (the true value is >= 0); ` +
        `it is returned raw, not clipped: the true value is probably near 0.`,
    );
  }
  return undefined;
}

/**
 * Validates `k` (a positive integer or a non-empty list of distinct positive integers) in the
 * factory; the bound k <= n - 1 is checked against the data in `estimate` (`checkKAgainstN`).
 */
export function kListOption(fn: string, value: unknown, allowList: boolean): readonly number[] {
  const list = Array.isArray(value) && allowList ? (value as unknown[]) : [value];
  if (list.length === 0) {
    throw new InvalidArgumentError(`${fn}: k must be a positive integer or a non-empty list of them; got an empty list.`, "k");
  }
  const seen = new Set<number>();
  for (const v of list) {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
      const what = allowList ? "a positive integer or a list of positive integers" : "a positive integer";
      throw new InvalidArgumentError(`${fn}: k must be ${what}; got ${Array.isArray(value) ? JSON.stringify(value) : String(value)}.`, "k");
    }
    if (seen.has(v)) throw new InvalidArgumentError(`${fn}: k must not repeat a value; got ${JSON.stringify(value)}.`, "k");
    seen.add(v);
  }
  return Object.freeze([...(list as number[])]);
}

/**
 * Checks k (or the largest k of a list) against the sample size: k must lie in [1, n-1].
 * @throws InsufficientSamplesError when k > n - 1.
 */
export function checkKAgainstN(fn: string, ks: readonly number[], n: number): void {
  for (const k of ks) {
    if (k > n - 1) {
      throw new InsufficientSamplesError(`${fn}: k must be an integer in [1, n-1] (n = ${n}); got ${k}.`, k + 1, n);
    }
  }
}

/**
 * out[i] = largest max-norm distance in `m` from row i to its first k joint neighbours
 * (indices[i * kmax + 0..k-1]), computed exactly as the neighbour layer compares distances.
 */
export function marginalRadii(m: Matrix, indices: Int32Array, kmax: number, k: number, out: Float64Array): void {
  const { data, rows, cols } = m;
  for (let i = 0; i < rows; i++) {
    const qi = i * cols;
    let e = 0;
    for (let t = 0; t < k; t++) {
      const rj = indices[i * kmax + t] * cols;
      for (let c = 0; c < cols; c++) {
        const a = Math.abs(data[rj + c] - data[qi + c]);
        if (a > e) e = a;
      }
    }
    out[i] = e;
  }
}

/** Option specs shared by the KSG descriptors. */
export const KSG_OPTION_SPECS: readonly OptionSpec[] = Object.freeze([
  {
    name: "k",
    type: "integer-list",
    default: 3,
    min: 1,
    description: "Neighbours; a list (e.g. 5,10) averages the raw per-k estimates.",
  },
  { name: "standardize", type: "boolean", default: true, description: "Z-score each column (ddof 0) first." },
  {
    name: "jitter",
    type: "number",
    default: DEFAULT_JITTER,
    min: 0,
    max: 1,
    description: "Relative SD of seeded noise added to columns with exact ties; 0 = off.",
  },
  { name: "metric", type: "string", default: "max", choices: ["max"], description: "Norm inside each marginal (max-norm, as in the paper)." },
]);

