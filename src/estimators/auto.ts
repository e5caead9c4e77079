import { assertKnownOptions, integerOption, numberOption, toPairedMatrices, type MatrixInput } from "../core/data/validate.js";
import { InsufficientSamplesError, InvalidArgumentError, throwIfAborted } from "../core/errors.js";
import { subsample } from "../core/inference/subsample.js";
import { validateSeed } from "../core/random/rng.js";
import { REFERENCES } from "../core/references.js";
import { normalQuantile } from "../core/special/normalQuantile.js";
import type { Estimate, Matrix, MIEstimator, ResultWarning, RunOptions, Units } from "../core/types.js";
import { resolveUnits } from "../core/units.js";
import type { EstimatorDescriptor } from "./descriptor.js";
import { discreteMI } from "./discrete.js";
import { gaussianCopulaMI } from "./gaussianCopula.js";
import { ksg } from "./ksg.js";
import { gao, ross } from "./mixed.js";

/**
 * `auto`: picks an MI estimator and its settings from the data's regime and returns the estimate
 * with a confidence interval and the reasons for the choice (docs/estimators.md, section "auto";
 * calibration in docs/benchmarks.md, `node scripts/calibrate-auto.mjs`).
 */

/** Kind of one variable as auto sees it. */
export type AutoKind = "auto" | "continuous" | "discrete";

/** Options of the `auto` estimator. */
export interface AutoOptions {
  /** Confidence level of the interval, in (0, 1). Default 0.95. */
  readonly level?: number;
  /**
   * Subsamples per subsample size (two sizes, N/2 and N/4); default 100, at least 10.
   */
  readonly resamples?: number;
  /** Neighbours for kNN choices; default by N: clamp(round(√N / 10), 3, 10). */
  readonly k?: number;
  /** Kind of X: "auto" (default: integer columns with few distinct values are discrete), "continuous" or "discrete". */
  readonly xKind?: AutoKind;
  /** Kind of Y, as xKind. */
  readonly yKind?: AutoKind;
  /**
   * Per-column monotone transform of continuous columns before KSG: "normal-scores" (default:
   * ranks, then Φ⁻¹(rank/(N+1)); MI is invariant to it) or "none" (KSG's z-scoring only).
   */
  readonly transform?: "normal-scores" | "none";
  /**
   * Widen the kNN interval by the extrapolated remaining bias (default true; see `auto`).
   * false gives the plain m = N/2 subsampling interval.
   */
  readonly biasTerm?: boolean;
  /**
   * In the KSG regime, also compute the Gaussian-copula estimate and keep the larger of the two
   * (default true; see `auto`). false always keeps KSG there.
   */
  readonly copulaCheck?: boolean;
}

export interface ResolvedAutoOptions {
  readonly level: number;
  readonly resamples: number | "default";
  readonly k: number | "by-n";
  readonly xKind: AutoKind;
  readonly yKind: AutoKind;
  readonly transform: "normal-scores" | "none";
  readonly biasTerm: boolean;
  readonly copulaCheck: boolean;
}

/** What auto measured about one column. */
export interface ColumnProfile {
  readonly variable: "x" | "y";
  readonly column: number;
  readonly kind: "continuous" | "discrete";
  /** Every value an integer. */
  readonly integer: boolean;
  readonly distinct: number;
  /** Fraction of rows whose value occurs in another row too. */
  readonly tiedFraction: number;
  /**
   * (q99.5 − q0.5) / (q75 − q25) divided by its normal value 3.819; about 1 for normal data,
   * 16.7 for Cauchy, 3.2 for Student t with 2 degrees of freedom; 0 when the IQR is 0.
   */
  readonly tailRatio: number;
}

/** The data's regime. */
export interface AutoProfile {
  readonly n: number;
  readonly dx: number;
  readonly dy: number;
  readonly xKind: "continuous" | "discrete" | "mixed";
  readonly yKind: "continuous" | "discrete" | "mixed";
  readonly columns: readonly ColumnProfile[];
  /** Distinct (x, y) rows observed (discrete variables only; else 0). */
  readonly jointSupport: number;
}

/** The estimator auto picked, with its settings and why. */
export interface AutoChoice {
  readonly id: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** Always "subsample" (m-out-of-n at N/2, widened by the extrapolated bias). */
  readonly interval: "subsample";
  readonly transform: "normal-scores" | "none";
  /** Ross needs continuous X and discrete Y: true when auto passes (y, x). */
  readonly swap: boolean;
  readonly reasons: readonly string[];
}

/** An auto estimator: `estimate(x, y, run)` resolves to an Estimate with `uncertainty.ci`. */
export interface AutoEstimator extends MIEstimator<ResolvedAutoOptions> {
  estimate(x: MatrixInput, y: MatrixInput, run?: RunOptions): Promise<Estimate>;
}

/** Stable warning codes added by auto. */
export const AUTO_WARNING_CODES = Object.freeze({
  /** The chosen estimator assumes a Gaussian copula; other dependence is (largely) missed. */
  gaussianAssumption: "gaussian-assumption",
} as const);

/** Thresholds of the rules, exported so that docs and tests quote the same numbers. */
export const AUTO_RULES = Object.freeze({
  /** Fewest rows auto accepts. */
  minRows: 20,
  /** Largest number of distinct values of an integer column read as discrete: max(this, √N). */
  discreteDistinctFloor: 20,
  /** Plug-in family: Miller-Madow when N >= this × (observed joint support), else NSB. */
  millerMadowRowsPerCell: 10,
  /** KSG when dx + dy <= this and N >= 20 · 2^((dx+dy)/2) (KSG's own high-dimension rule); else Gaussian copula. */
  maxKnnDims: 10,
  /** tailRatio above which a column is reported as heavy-tailed. */
  heavyTailRatio: 2.5,
  /** Cap of r in the bias extrapolation (bias ∝ n^(-β) with 2^(-β) = r, so β >= 0.32). */
  maxRatio: 0.8,
  /** Normal value of (q99.5 − q0.5) / (q75 − q25). */
  normalTailSpread: (2 * 2.5758293035489004) / (2 * 0.6744897501960817),
});

const ID = "auto";
const SUBSAMPLE_REASON =
  "interval: m-out-of-n subsampling at m = N/2 (no repeated rows, unlike a bootstrap), widened by the bias extrapolated from subsamples at N/2 and N/4";
const KNOWN = ["level", "resamples", "k", "xKind", "yKind", "transform", "biasTerm", "copulaCheck"] as const;
const KINDS: readonly AutoKind[] = ["auto", "continuous", "discrete"];

function choice<T extends string>(fn: string, name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    throw new InvalidArgumentError(`${fn}: ${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}; got ${JSON.stringify(value)}.`, name);
  }
  return value as T;
}

function resolveOptions(options: AutoOptions): ResolvedAutoOptions {
  const fn = ID;
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError(`${fn}: options must be an object; got ${String(options)}.`, "options");
  }
  assertKnownOptions(fn, options, KNOWN);
  const level = numberOption(fn, "level", options.level ?? 0.95, 0, 1);
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError(`${fn}: level must be a number in (0, 1); got ${level}.`, "level");
  const biasTerm = options.biasTerm ?? true;
  if (typeof biasTerm !== "boolean") throw new InvalidArgumentError(`${fn}: biasTerm must be a boolean; got ${String(biasTerm)}.`, "biasTerm");
  const copulaCheck = options.copulaCheck ?? true;
  if (typeof copulaCheck !== "boolean") throw new InvalidArgumentError(`${fn}: copulaCheck must be a boolean; got ${String(copulaCheck)}.`, "copulaCheck");
  return Object.freeze({
    level,
    resamples: options.resamples === undefined ? "default" : integerOption(fn, "resamples", options.resamples, 10),
    k: options.k === undefined ? "by-n" : integerOption(fn, "k", options.k, 1),
    xKind: choice(fn, "xKind", options.xKind ?? "auto", KINDS),
    yKind: choice(fn, "yKind", options.yKind ?? "auto", KINDS),
    transform: choice(fn, "transform", options.transform ?? "normal-scores", ["normal-scores", "none"] as const),
    biasTerm,
    copulaCheck,
  });
}

// ---------------------------------------------------------------------------------------------
// Profile

function quantileOfSorted(s: Float64Array, p: number): number {
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

function profileColumn(m: Matrix, j: number, variable: "x" | "y", forced: AutoKind): Omit<ColumnProfile, "kind"> & { discreteByValues: boolean; forced: AutoKind } {
  const n = m.rows;
  const s = new Float64Array(n);
  let integer = true;
  for (let i = 0; i < n; i++) {
    const v = m.data[i * m.cols + j];
    s[i] = v;
    if (integer && !Number.isInteger(v)) integer = false;
  }
  s.sort();
  let distinct = 0;
  let tied = 0;
  for (let i = 0; i < n; ) {
    let e = i + 1;
    while (e < n && s[e] === s[i]) e++;
    distinct++;
    if (e - i > 1) tied += e - i;
    i = e;
  }
  const iqr = quantileOfSorted(s, 0.75) - quantileOfSorted(s, 0.25);
  const spread = quantileOfSorted(s, 0.995) - quantileOfSorted(s, 0.005);
  const tailRatio = iqr > 0 ? spread / iqr / AUTO_RULES.normalTailSpread : 0;
  const limit = Math.max(AUTO_RULES.discreteDistinctFloor, Math.floor(Math.sqrt(n)));
  return { variable, column: j, integer, distinct, tiedFraction: tied / n, tailRatio, discreteByValues: integer && distinct <= limit, forced };
}

/**
 * Measures the regime of (x, y): per column whether it is discrete (forced by xKind/yKind, or
 * integer-valued with at most max(20, ⌊√N⌋) distinct values), its tied fraction and tail ratio;
 * per variable its kind; the observed joint support when both are discrete.
 */
export function profileData(x: Matrix, y: Matrix, xKind: AutoKind = "auto", yKind: AutoKind = "auto"): AutoProfile {
  const fn = ID;
  const cols: ColumnProfile[] = [];
  for (const [m, name, forced] of [
    [x, "x", xKind],
    [y, "y", yKind],
  ] as const) {
    for (let j = 0; j < m.cols; j++) {
      const p = profileColumn(m, j, name, forced);
      let kind: "continuous" | "discrete" = p.discreteByValues ? "discrete" : "continuous";
      if (forced === "continuous") kind = "continuous";
      if (forced === "discrete") {
        if (!p.integer) {
          let row = 0;
          while (Number.isInteger(m.data[row * m.cols + j])) row++;
          throw new InvalidArgumentError(
            `${fn}: ${name}Kind "discrete" needs integer codes; ${name} column ${j} row ${row} is ${m.data[row * m.cols + j]}.`,
            `${name}Kind`,
          );
        }
        kind = "discrete";
      }
      cols.push(Object.freeze({ variable: p.variable, column: p.column, kind, integer: p.integer, distinct: p.distinct, tiedFraction: p.tiedFraction, tailRatio: p.tailRatio }));
    }
  }
  const kindOfVar = (v: "x" | "y"): "continuous" | "discrete" | "mixed" => {
    const c = cols.filter((p) => p.variable === v);
    const d = c.filter((p) => p.kind === "discrete").length;
    return d === 0 ? "continuous" : d === c.length ? "discrete" : "mixed";
  };
  const xk = kindOfVar("x");
  const yk = kindOfVar("y");
  let jointSupport = 0;
  if (xk === "discrete" && yk === "discrete") {
    const seen = new Set<string>();
    const w = x.cols + y.cols;
    const row = new Array<number>(w);
    for (let i = 0; i < x.rows; i++) {
      for (let j = 0; j < x.cols; j++) row[j] = x.data[i * x.cols + j];
      for (let j = 0; j < y.cols; j++) row[x.cols + j] = y.data[i * y.cols + j];
      seen.add(row.join(","));
    }
    jointSupport = seen.size;
  }
  return Object.freeze({ n: x.rows, dx: x.cols, dy: y.cols, xKind: xk, yKind: yk, columns: Object.freeze(cols), jointSupport });
}

/** Default k for kNN choices: clamp(round(√N / 10), 3, 10). */
export function defaultK(n: number): number {
  return Math.min(10, Math.max(3, Math.round(Math.sqrt(n) / 10)));
}

const fmt = (v: number, digits = 2) => (Number.isInteger(v) ? String(v) : v.toFixed(digits));

/**
 * The estimator for a profile, by the rules of docs/estimators.md ("auto"), with the reasons.
 * Pure: no data needed beyond the profile.
 */
export function chooseEstimator(profile: AutoProfile, options: AutoOptions = {}): AutoChoice {
  const o = resolveOptions(options);
  const { n, dx, dy, xKind, yKind } = profile;
  const reasons: string[] = [];
  const kinds = `X ${xKind} (${dx} column${dx === 1 ? "" : "s"}), Y ${yKind} (${dy} column${dy === 1 ? "" : "s"}), N = ${n}`;
  const discreteCols = profile.columns.filter((c) => c.kind === "discrete");
  if (discreteCols.length > 0) {
    const forced = (v: "x" | "y") => (v === "x" ? o.xKind : o.yKind) === "discrete";
    const auto = discreteCols.filter((c) => !forced(c.variable));
    if (auto.length > 0) {
      reasons.push(
        `discrete columns (integer values, at most max(${AUTO_RULES.discreteDistinctFloor}, √N) = ${Math.max(AUTO_RULES.discreteDistinctFloor, Math.floor(Math.sqrt(n)))} distinct): ` +
          auto.map((c) => `${c.variable}[${c.column}] (${c.distinct} values)`).join(", "),
      );
    }
  }
  const k = o.k === "by-n" ? defaultK(n) : o.k;
  const kReason = o.k === "by-n" ? `k = ${k} from N (clamp(round(√N/10), 3, 10): small k keeps the bias at high MI small, larger N affords less variance)` : `k = ${k} (given)`;
  if (xKind === "discrete" && yKind === "discrete") {
    const cells = profile.jointSupport;
    const ratio = n / Math.max(1, cells);
    if (ratio >= AUTO_RULES.millerMadowRowsPerCell) {
      reasons.push(`${kinds}: all discrete -> plug-in family`);
      reasons.push(
        `N / (observed joint support ${cells}) = ${fmt(ratio, 1)} >= ${AUTO_RULES.millerMadowRowsPerCell}: Miller-Madow (the plug-in bias (Kx-1)(Ky-1)/(2N) is first order and corrected)`,
      );
      return Object.freeze({ id: "miller-madow", options: Object.freeze({}), interval: "subsample", transform: "none", swap: false, reasons: Object.freeze(reasons.concat([SUBSAMPLE_REASON])) });
    }
    reasons.push(`${kinds}: all discrete -> plug-in family`);
    reasons.push(`N / (observed joint support ${cells}) = ${fmt(ratio, 1)} < ${AUTO_RULES.millerMadowRowsPerCell}: sparse counts, NSB (Bayesian entropy estimates; Miller-Madow's first-order correction fails when cells are few-count)`);
    return Object.freeze({ id: "nsb", options: Object.freeze({}), interval: "subsample", transform: "none", swap: false, reasons: Object.freeze(reasons.concat([SUBSAMPLE_REASON])) });
  }
  if (xKind !== "continuous" || yKind !== "continuous") {
    const oneSide = (xKind === "continuous" && yKind === "discrete") || (xKind === "discrete" && yKind === "continuous");
    if (oneSide) {
      const swap = xKind === "discrete";
      reasons.push(`${kinds}: one variable continuous, the other discrete -> ross (kNN within classes; MI is symmetric${swap ? ", so (Y, X) is passed" : ""})`);
      reasons.push(kReason);
      reasons.push(SUBSAMPLE_REASON);
      return Object.freeze({ id: "ross", options: Object.freeze({ k }), interval: "subsample", transform: "none", swap, reasons: Object.freeze(reasons) });
    }
    reasons.push(`${kinds}: discrete and continuous columns mixed within a variable -> gao (kNN with ties counted as a discrete atom)`);
    reasons.push(kReason);
    reasons.push(SUBSAMPLE_REASON);
    return Object.freeze({ id: "gao", options: Object.freeze({ k }), interval: "subsample", transform: "none", swap: false, reasons: Object.freeze(reasons) });
  }
  const d = dx + dy;
  const heavy = profile.columns.filter((c) => c.tailRatio > AUTO_RULES.heavyTailRatio);
  const tied = profile.columns.filter((c) => c.tiedFraction > 0);
  const needN = 20 * 2 ** (d / 2);
  if (d <= AUTO_RULES.maxKnnDims && n >= needN) {
    reasons.push(`${kinds}: continuous, dx + dy = ${d} <= ${AUTO_RULES.maxKnnDims} and N >= 20·2^(d/2) = ${Math.ceil(needN)} -> KSG (algorithm 1)`);
    reasons.push(kReason);
    if (heavy.length > 0) {
      reasons.push(
        `heavy tails (tail ratio > ${AUTO_RULES.heavyTailRatio}× normal): ${heavy.map((c) => `${c.variable}[${c.column}] ${fmt(c.tailRatio, 1)}`).join(", ")}` +
          (o.transform === "normal-scores" ? "; the normal-score transform removes them" : "; transform \"none\" keeps them (kNN neighbourhoods are distorted)"),
      );
    }
    reasons.push(
      o.transform === "normal-scores"
        ? "each column replaced by its normal scores Φ⁻¹(rank/(N+1)) (a per-column monotone map: MI unchanged; Gaussian-like margins suit KSG's max-norm neighbourhoods)"
        : "columns only z-scored (transform \"none\")",
    );
    if (tied.length > 0) reasons.push(`tied values in ${tied.map((c) => `${c.variable}[${c.column}] (${fmt(c.tiedFraction * 100, 1)}% of rows)`).join(", ")}: broken by KSG's seeded jitter`);
    reasons.push(SUBSAMPLE_REASON);
    return Object.freeze({ id: "ksg-1", options: Object.freeze({ k }), interval: "subsample", transform: o.transform, swap: false, reasons: Object.freeze(reasons) });
  }
  return copulaChoice(reasons, [
    d > AUTO_RULES.maxKnnDims
      ? `${kinds}: continuous, dx + dy = ${d} > ${AUTO_RULES.maxKnnDims}: kNN estimators are strongly biased low in high dimension -> gaussian-copula`
      : `${kinds}: continuous, N < 20·2^(d/2) = ${Math.ceil(needN)} rows for d = ${d}: too few rows for kNN -> gaussian-copula`,
  ]);
}

function copulaChoice(reasons: readonly string[], why: readonly string[]): AutoChoice {
  const all = [
    ...reasons,
    ...why,
    "gaussian-copula is invariant to monotone maps of each column (heavy tails and skew do not matter) but sees only the normal-score correlations: a lower bound for other dependence",
    SUBSAMPLE_REASON,
  ];
  return Object.freeze({ id: "gaussian-copula", options: Object.freeze({}), interval: "subsample", transform: "none", swap: false, reasons: Object.freeze(all) });
}

// ---------------------------------------------------------------------------------------------
// Estimation

/** Each column replaced by Φ⁻¹(r/(N+1)), r its average rank (1-based); ties share a score. */
export function normalScores(m: Matrix): Matrix {
  const n = m.rows;
  const out = new Float64Array(n * m.cols);
  const idx = new Int32Array(n);
  const col = new Float64Array(n);
  for (let j = 0; j < m.cols; j++) {
    for (let i = 0; i < n; i++) {
      idx[i] = i;
      col[i] = m.data[i * m.cols + j];
    }
    idx.sort((a, b) => col[a] - col[b]);
    for (let i = 0; i < n; ) {
      let e = i + 1;
      while (e < n && col[idx[e]] === col[idx[i]]) e++;
      const score = normalQuantile((i + e + 1) / 2 / (n + 1));
      for (let t = i; t < e; t++) out[idx[t] * m.cols + j] = score;
      i = e;
    }
  }
  return { data: out, rows: n, cols: m.cols };
}

/** The chosen estimator, with the transform applied inside (so every subsample is re-ranked). */
function buildInner(c: AutoChoice): MIEstimator {
  const k = c.options.k as number;
  let inner: MIEstimator;
  switch (c.id) {
    case "ksg-1":
      inner = ksg({ algorithm: 1, k });
      break;
    case "ross": {
      const r = ross({ k });
      inner = { id: r.id, options: r.options, estimate: (x, y, run) => r.estimate(x, y, run) };
      break;
    }
    case "gao":
      inner = gao({ k });
      break;
    case "miller-madow":
    case "nsb": {
      const e = discreteMI(c.id);
      inner = { id: e.id, options: e.options, estimate: (x, y, run) => e.estimate(x, y, run) };
      break;
    }
    default:
      inner = gaussianCopulaMI();
  }
  if (c.transform === "normal-scores") {
    const base = inner;
    return { id: base.id, options: base.options, estimate: (x, y, run) => base.estimate(normalScores(x), normalScores(y), run) };
  }
  return inner;
}

/** Bias extrapolation from the subsample means at N/4 and N/2 and the full-sample estimate. */
export interface BiasExtrapolation {
  readonly meanQuarter: number;
  readonly meanHalf: number;
  /** θ̂_N − mean θ̂_(N/2): the shift the m = N/2 subsampling interval already contains. */
  readonly lastStep: number;
  /** r = (θ̂_N − μ_(N/2)) / (μ_(N/2) − μ_(N/4)), when both steps have the same sign; else null. */
  readonly ratio: number | null;
  /** Extra shift beyond lastStep: lastStep · (r/(1−r) − 1) for r in (1/2, 1) (r capped), else 0. */
  readonly extra: number;
}

/**
 * Aitken / Richardson extrapolation of the remaining bias: if the estimator's mean is
 * θ + c·n^(−β), successive doublings change it by steps in ratio r = 2^(−β), and the bias left at
 * N is lastStep · r/(1 − r). The m = N/2 subsampling interval is already centred near θ̂_N +
 * lastStep (its roots are θ̂_m − θ̂_N with scale √(m/(N−m)) = 1), which is the r = 1/2 (β = 1)
 * case; `extra` is what slower decay (r > 1/2) adds. Steps of opposite sign (noise, or no
 * trend) or r <= 1/2 add nothing; r is capped at AUTO_RULES.maxRatio.
 */
export function extrapolateBias(full: number, meanHalf: number, meanQuarter: number): BiasExtrapolation {
  const lastStep = full - meanHalf;
  const prevStep = meanHalf - meanQuarter;
  let ratio: number | null = null;
  let extra = 0;
  if (prevStep !== 0 && Math.sign(prevStep) === Math.sign(lastStep)) {
    ratio = lastStep / prevStep;
    if (ratio > 0.5) {
      const r = Math.min(ratio, AUTO_RULES.maxRatio);
      extra = lastStep * (r / (1 - r) - 1);
    }
  }
  return Object.freeze({ meanQuarter, meanHalf, lastStep, ratio, extra });
}

const DEFAULT_RESAMPLES = 100;

/**
 * Automatic MI estimator: profiles the data (`profileData`), picks an estimator and its settings
 * (`chooseEstimator`), runs it and attaches a `level` confidence interval, the same for every
 * choice: m-out-of-n subsampling (Politis & Romano 1994) at m = ⌊N/2⌋ with the finite-population
 * scale (docs/uncertainty.md), plus subsamples at m = ⌊N/4⌋ whose mean gives the bias
 * extrapolation of `extrapolateBias`; the interval is the subsampling interval extended in the
 * bias direction by `extra` (method "subsample-bias"; "subsample" with biasTerm false or when
 * N/4 is too small). No bootstrap: a resample with replacement repeats rows, which kNN
 * estimators see as distance 0 and which shifts bias-corrected estimators (gaussian-copula,
 * Miller-Madow) by their bias at the smaller effective sample size (measured for
 * gaussian-copula in 50 dimensions: docs/estimators.md, "auto").
 * In the KSG regime the Gaussian-copula estimate is computed too and the larger of the two is
 * kept (`copulaCheck`): both are biased low there (KSG at high MI and in dimension, the copula
 * model for non-Gaussian dependence; in 1 x 1 with normal-score margins the Gaussian value is a
 * lower bound of the MI).
 * The value is the chosen estimator's raw full-sample estimate (never clipped, never
 * bias-corrected); diagnostics.details.choice holds { id, options, reasons, interval, transform },
 * details.compared both values of the copula check, details.profile the measured regime,
 * details.bias the extrapolation.
 *
 * Cost: 1 + B·(1/2 + 1/4) full-sample runs of the chosen estimator (B = resamples, default 100).
 * Units: nats by default; `run.units = "bits"`.
 * @throws InvalidArgumentError for bad options or data; ShapeMismatchError; NonFiniteValueError;
 *   InsufficientSamplesError for fewer than 20 rows; the chosen estimator's errors.
 * @example
 * const e = await auto().estimate(x, y, { seed: 1 });
 * e.uncertainty.ci; e.diagnostics.details.choice.reasons;
 */
export function auto(options: AutoOptions = {}): AutoEstimator {
  const resolved = resolveOptions(options);
  return Object.freeze({
    id: ID,
    options: resolved,
    async estimate(x: MatrixInput, y: MatrixInput, run: RunOptions = {}): Promise<Estimate> {
      const fn = ID;
      const startedAt = performance.now();
      const units: Units = resolveUnits(run.units, fn);
      const seed = validateSeed(run.seed, fn);
      const [xm, ym] = toPairedMatrices(fn, { x, y });
      const n = xm.rows;
      if (n < AUTO_RULES.minRows) {
        throw new InsufficientSamplesError(`${fn}: needs at least ${AUTO_RULES.minRows} rows for an estimate with an interval; got ${n}.`, AUTO_RULES.minRows, n);
      }
      throwIfAborted(run.signal, fn);
      const profile = profileData(xm, ym, resolved.xKind, resolved.yKind);
      let c = chooseEstimator(profile, options);
      const k0 = c.options.k as number | undefined;
      if (k0 !== undefined && k0 >= Math.floor(n / 2)) {
        throw new InsufficientSamplesError(`${fn}: k = ${k0} needs more than 2k = ${2 * k0} rows (subsamples of N/2 rows); got ${n}.`, 2 * k0 + 2, n);
      }
      const [ax, ay] = c.swap ? [ym, xm] : [xm, ym];
      const runFull = { seed, units, signal: run.signal, local: run.local };
      let inner = buildInner(c);
      let base = await inner.estimate(ax, ay, runFull);
      let compared: Record<string, number> | undefined;
      if (c.id === "ksg-1" && resolved.copulaCheck) {
        const gcChoice = copulaChoice(c.reasons.slice(0, 1), []);
        const gcInner = buildInner(gcChoice);
        const gcBase = await gcInner.estimate(ax, ay, runFull);
        compared = { "ksg-1": base.value, "gaussian-copula": gcBase.value };
        const ksgValue = fmt(base.value, 4);
        const gcValue = fmt(gcBase.value, 4);
        if (gcBase.value > base.value) {
          c = copulaChoice(c.reasons.slice(0, 1), [
            `gaussian-copula ${gcValue} > KSG ${ksgValue} nats: both are biased low here (KSG at high MI and in dimension; the copula model misses non-Gaussian dependence), so the larger is kept -> gaussian-copula`,
          ]);
          inner = gcInner;
          base = gcBase;
        } else {
          c = Object.freeze({
            ...c,
            reasons: Object.freeze([...c.reasons.slice(0, -1), `KSG ${ksgValue} >= gaussian-copula ${gcValue} nats: KSG kept (the copula model misses part of the dependence)`, c.reasons[c.reasons.length - 1]]),
          });
        }
      }
      const k = c.options.k as number | undefined;
      const B = resolved.resamples === "default" ? DEFAULT_RESAMPLES : resolved.resamples;
      const common = { seed, units, signal: run.signal, onProgress: run.onProgress };
      const warnings: ResultWarning[] = [...base.diagnostics.warnings];
      const half = await subsample(inner, ax, ay, { ...common, estimate: base, replicates: B, level: resolved.level, m: Math.floor(n / 2) });
      const hd = half.diagnostics.details.subsample as { mean: number };
      let lower = half.uncertainty!.ci!.lower;
      let upper = half.uncertainty!.ci!.upper;
      const se = half.uncertainty!.se;
      let method = "subsample";
      const details: Record<string, unknown> = { subsample: half.diagnostics.details.subsample };
      const mq = Math.floor(n / 4);
      if (resolved.biasTerm && mq > 2 * (k ?? 1)) {
        const quarter = await subsample(inner, ax, ay, { ...common, estimate: base, replicates: B, level: resolved.level, m: mq });
        const qd = quarter.diagnostics.details.subsample as { mean: number };
        const b = extrapolateBias(base.value, hd.mean, qd.mean);
        details.bias = b;
        if (b.extra > 0) upper += b.extra;
        else lower += b.extra;
        method = "subsample-bias";
      }
      if (c.id === "gaussian-copula" && compared === undefined) {
        warnings.push(
          Object.freeze({
            code: AUTO_WARNING_CODES.gaussianAssumption,
            message:
              `${fn}: chose gaussian-copula for ${profile.dx + profile.dy} continuous dimensions at N = ${n}; it measures only the dependence of a Gaussian copula ` +
              `(exact for Gaussian data after any monotone map of each column) and is a lower bound in 1 x 1 (and usually below the truth otherwise) for other dependence.`,
          }),
        );
      }
      const choiceOut = Object.freeze({ id: c.id, options: c.options, reasons: c.reasons, interval: method, transform: c.transform, swapped: c.swap, resamples: B });
      return Object.freeze({
        quantity: "mutual-information",
        value: base.value,
        units,
        estimator: ID,
        params: Object.freeze({ ...resolved, chosen: c.id, chosenOptions: c.options, resamples: B }),
        n,
        seed,
        uncertainty: Object.freeze({ se, ci: Object.freeze({ lower, upper, level: resolved.level, method }) }),
        ...(base.local ? { local: base.local } : {}),
        diagnostics: Object.freeze({
          warnings: Object.freeze(warnings),
          elapsedMs: performance.now() - startedAt,
          details: Object.freeze({ choice: choiceOut, ...(compared ? { compared } : {}), profile, chosenDetails: base.diagnostics.details, ...details }),
        }),
        references: Object.freeze([...base.references]),
      });
    },
  });
}

export const autoDescriptor: EstimatorDescriptor = Object.freeze<EstimatorDescriptor>({
  id: ID,
  summary: "picks the estimator and settings from the data (kinds, N, dimensions, tails) and returns an interval with the reasons",
  family: "meta",
  accepts: Object.freeze(["continuous", "discrete", "mixed"] as const),
  options: Object.freeze([
    { name: "level", type: "number", default: 0.95, min: 0, max: 1, description: "confidence level of the interval" },
    { name: "resamples", type: "integer", min: 10, default: 100, description: "subsamples per subsample size (N/2 and N/4)" },
    { name: "k", type: "integer", min: 1, description: "neighbours for kNN choices (default clamp(round(sqrt(N)/10), 3, 10))" },
    { name: "xKind", type: "string", default: "auto", choices: KINDS, description: "kind of X (auto: integer columns with few distinct values are discrete)" },
    { name: "yKind", type: "string", default: "auto", choices: KINDS, description: "kind of Y" },
    { name: "transform", type: "string", default: "normal-scores", choices: ["normal-scores", "none"], description: "per-column monotone transform before KSG" },
    { name: "biasTerm", type: "boolean", default: true, description: "widen kNN intervals by the extrapolated bias" },
    { name: "copulaCheck", type: "boolean", default: true, description: "in the KSG regime keep the larger of the KSG and Gaussian-copula estimates" },
  ]),
  references: Object.freeze([REFERENCES.kraskov2004, REFERENCES.ross2014, REFERENCES.gao2017, REFERENCES.miller1955, REFERENCES.nemenman2002]),
  complexity: "1 + 0.75·B runs of the chosen estimator (B = resamples), plus one gaussian-copula run in the KSG regime",
  mi: (o) => auto(o as AutoOptions),
});
