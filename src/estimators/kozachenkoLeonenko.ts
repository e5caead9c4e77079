import { assertKnownOptions, toMatrix, type MatrixInput } from "../core/data/validate.js";
import { finishEstimate } from "../core/estimate.js";
import { throwIfAborted, UnsupportedDataError } from "../core/errors.js";
import { kthNeighborDistance } from "../core/neighbors/index.js";
import type { Metric } from "../core/neighbors/types.js";
import { REFERENCES } from "../core/references.js";
import { validateSeed } from "../core/random/rng.js";
import { digammaInt } from "../core/special/digamma.js";
import { logGamma } from "../core/special/logGamma.js";
import { meanCompensated } from "../core/special/sum.js";
import type { EntropyEstimator, Estimate, Matrix, ResultWarning, RunOptions } from "../core/types.js";
import { fromNats, resolveUnits } from "../core/units.js";
import type { EstimatorDescriptor } from "./descriptor.js";
import {
  booleanOption,
  checkKAgainstN,
  choiceOption,
  DEFAULT_JITTER,
  highDimensionWarning,
  jitterOption,
  kListOption,
  prepareKnnData,
  zeroFraction,
} from "./knnPrep.js";
import { smallSampleWarning } from "../core/warnings.js";

/** Options of the Kozachenko-Leonenko entropy estimator. */
export interface KozachenkoLeonenkoOptions {
  /** Neighbours, default 3; a list averages the per-k estimates. */
  readonly k?: number | readonly number[];
  /** Norm of the neighbour search; V_d is the volume of its unit-radius ball. Default "euclidean". */
  readonly metric?: Metric;
  /**
   * Search neighbours on z-scored columns and add back Σ_j log sd_j, so the result is still the
   * entropy of the data as given. Default false (entropy is not scale invariant; with the
   * Euclidean norm, per-column rescaling changes the finite-sample estimate).
   */
  readonly standardize?: boolean;
  /** Relative SD of seeded jitter for columns with ties; 0 = off. Default 1e-10. */
  readonly jitter?: number;
}

export interface ResolvedKozachenkoLeonenkoOptions {
  readonly k: number | readonly number[];
  readonly metric: Metric;
  readonly standardize: boolean;
  readonly jitter: number;
}

export interface KozachenkoLeonenkoEstimator extends EntropyEstimator<ResolvedKozachenkoLeonenkoOptions> {
  estimate(x: MatrixInput, run?: RunOptions): Estimate;
}

const ID = "kozachenko-leonenko";
const KNOWN = ["k", "metric", "standardize", "jitter"] as const;

/**
 * log V_d, the log-volume of the unit-radius ball in d dimensions: d log 2 for the max-norm,
 * (d/2) log π - log Γ(d/2 + 1) for the Euclidean norm.
 */
export function logUnitBallVolume(d: number, metric: Metric): number {
  return metric === "max" ? d * Math.LN2 : (d / 2) * Math.log(Math.PI) - logGamma(d / 2 + 1);
}

/**
 * Kozachenko-Leonenko kNN estimator of the differential entropy H(X) (Kozachenko & Leonenko
 * 1987, Probl. Peredachi Inf. 23(2):9-16; KSG 2004 eq. 20 with c_d = V_d / 2^d):
 *   Ĥ = ψ(N) - ψ(k) + log V_d + (d/N) Σ_i log ρ_i,
 * ρ_i = distance from x_i to its k-th nearest neighbour (itself excluded), V_d = volume of the
 * unit-radius ball of the chosen norm (2^d for max; π^{d/2}/Γ(d/2+1) for Euclidean).
 * Local values ψ(N) - ψ(k) + log V_d + d log ρ_i; the estimate is their compensated mean.
 *
 * Complexity: one k-NN search, O(N² d) brute force, about O(N log N) with a kd-tree.
 * Bias: asymptotically unbiased; in finite samples biased for densities with bounded support
 * (boundary effects, upward for a uniform) and in high dimension. The result can be negative
 * (differential entropy) and is never clipped.
 * Units: nats, or bits with `run.units`.
 *
 * Edge cases: duplicate rows give ρ = 0 and log 0 = -∞: with `jitter > 0` tied columns are
 * jittered first (`ties-jittered` warning); with `jitter = 0` a zero distance throws.
 *
 * @throws InvalidArgumentError for bad options or data; NonFiniteValueError;
 *   InsufficientSamplesError when k > N - 1; UnsupportedDataError for a constant column
 *   (entropy -∞) or, with jitter 0, a k-th neighbour at distance 0.
 * @example
 * const h = kozachenkoLeonenko({ k: 3 }).estimate([[0.1], [0.7], [0.3], [0.9]]).value;
 */
export function kozachenkoLeonenko(options: KozachenkoLeonenkoOptions = {}): KozachenkoLeonenkoEstimator {
  const fn = ID;
  assertKnownOptions(fn, options, KNOWN);
  const kValue = options.k ?? 3;
  const ks = kListOption(fn, kValue, true);
  const resolved: ResolvedKozachenkoLeonenkoOptions = Object.freeze({
    k: Array.isArray(kValue) ? Object.freeze([...ks]) : ks[0],
    metric: choiceOption(fn, "metric", options.metric ?? "euclidean", ["euclidean", "max"] as const),
    standardize: booleanOption(fn, "standardize", options.standardize ?? false),
    jitter: jitterOption(fn, options.jitter ?? DEFAULT_JITTER),
  });
  return Object.freeze({
    id: ID,
    options: resolved,
    estimate(x: MatrixInput, run: RunOptions = {}): Estimate {
      const startedAt = performance.now();
      const units = resolveUnits(run.units, fn);
      const seed = validateSeed(run.seed, fn);
      const xm = toMatrix(x, "x", fn);
      const n = xm.rows;
      const d = xm.cols;
      checkKAgainstN(fn, ks, n);
      throwIfAborted(run.signal, fn);
      const prep = prepareKnnData(fn, [{ name: "x", matrix: xm }], resolved, seed);
      const [px] = prep.variables;
      if (px.constantColumns.length > 0) {
        throw new UnsupportedDataError(
          `${fn}: x column${px.constantColumns.length > 1 ? "s" : ""} ${px.constantColumns.join(", ")} ` +
            `${px.constantColumns.length > 1 ? "are" : "is"} constant; the differential entropy of a degenerate variable is -Infinity. Drop constant columns first.`,
        );
      }
      const warnings: ResultWarning[] = [...prep.warnings];
      const small = smallSampleWarning(fn, n);
      if (small) warnings.push(small);
      const hd = highDimensionWarning(fn, d, n);
      if (hd) warnings.push(hd);
      const search = { metric: resolved.metric } as const;
      const logVd = logUnitBallVolume(d, resolved.metric);
      // Undo the standardisation: H(X) = H(X / sd) + Σ log sd.
      let logScale = 0;
      if (resolved.standardize) for (let j = 0; j < d; j++) logScale += Math.log(px.sd[j]);
      // Values near the double range (|v| > 1e150 squares to Infinity; |v| < 1e-150 to 0) are
      // searched on a copy scaled by one exact power of two a: H(X) = H(aX) - d log a.
      const { matrix: searched, factor } = globalSafeScale(px.matrix);
      logScale -= d * Math.log(factor);
      const local = new Float64Array(n);
      const buf = new Float64Array(n);
      const perK: { k: number; value: number }[] = [];
      let zf = 0;
      for (const k of ks) {
        const rho = kthNeighborDistance(searched, k, search);
        throwIfAborted(run.signal, fn);
        const z = zeroFraction(rho);
        if (k === Math.min(...ks)) zf = z;
        if (z > 0) {
          throw new UnsupportedDataError(
            `${fn}: ${Math.round(z * n)} of ${n} points have their k-th neighbour (k = ${k}) at distance 0 (duplicate rows), ` +
              `so log 0 = -Infinity; set jitter > 0 (e.g. 1e-10) or use a discrete entropy estimator.`,
          );
        }
        const c = digammaInt(n) - digammaInt(k) + logVd + logScale;
        for (let i = 0; i < n; i++) buf[i] = c + d * Math.log(rho[i]);
        perK.push({ k, value: fromNats(meanCompensated(buf), units) });
        if (ks.length === 1) local.set(buf);
        else for (let i = 0; i < n; i++) local[i] += buf[i] / ks.length;
        run.onProgress?.({ done: perK.length, total: ks.length, label: `${fn}: k = ${k}` });
      }
      const details: Record<string, unknown> = {
        dims: d,
        logUnitBallVolume: logVd,
        tiedColumns: prep.tiedColumnCount,
        jittered: px.jittered,
        perK,
      };
      if (prep.tiesRemain) details.zeroDistanceFraction = zf;
      return finishEstimate(
        {
          quantity: "entropy",
          valueNats: meanCompensated(local),
          estimator: ID,
          params: resolved as unknown as Record<string, unknown>,
          n,
          seed,
          ...(run.local === false ? {} : { localNats: local }),
          warnings,
          details,
          references: [REFERENCES.kozachenko1987, REFERENCES.kraskov2004],
          startedAt,
        },
        units,
      );
    },
  });
}

/**
 * `m` scaled by one power of two (the same for every column, so Euclidean distances keep their
 * ratios) when its largest |value| is above 1e150 or below 1e-150; else `m` itself and factor 1.
 */
export function globalSafeScale(m: Matrix): { matrix: Matrix; factor: number } {
  let maxAbs = 0;
  for (let i = 0; i < m.data.length; i++) {
    const a = Math.abs(m.data[i]);
    if (a > maxAbs) maxAbs = a;
  }
  if (!(maxAbs > 1e150 || (maxAbs > 0 && maxAbs < 1e-150))) return { matrix: m, factor: 1 };
  const factor = Math.pow(2, -Math.round(Math.log2(maxAbs)));
  const out = new Float64Array(m.data.length);
  for (let i = 0; i < out.length; i++) out[i] = m.data[i] * factor;
  return { matrix: { data: out, rows: m.rows, cols: m.cols }, factor };
}

/** Registry entry "kozachenko-leonenko": differential entropy. */
export const kozachenkoLeonenkoDescriptor: EstimatorDescriptor = Object.freeze<EstimatorDescriptor>({
  id: ID,
  summary: "Kozachenko-Leonenko kNN estimator of differential entropy.",
  family: "knn",
  accepts: ["continuous"],
  options: Object.freeze([
    { name: "k", type: "integer-list", default: 3, min: 1, description: "Neighbours; a list averages the per-k estimates." },
    { name: "metric", type: "string", default: "euclidean", choices: ["euclidean", "max"], description: "Norm of the neighbour search." },
    {
      name: "standardize",
      type: "boolean",
      default: false,
      description: "Search on z-scored columns and add back the log SDs (result still in the data's units).",
    },
    { name: "jitter", type: "number", default: DEFAULT_JITTER, min: 0, max: 1, description: "Relative SD of seeded noise for tied columns; 0 = off." },
  ]),
  references: [REFERENCES.kozachenko1987, REFERENCES.kraskov2004],
  complexity: "O(N^2 d) brute force; ~O(N log N) with a kd-tree for d <= 10",
  entropy: (o: Record<string, unknown>) => kozachenkoLeonenko(o as KozachenkoLeonenkoOptions),
});
