import { InvalidArgumentError, UnsupportedDataError } from "../errors.js";
import { normalCdf } from "../special/normalCdf.js";
import { normalQuantile } from "../special/normalQuantile.js";
import { sumCompensated } from "../special/sum.js";

/**
 * Pure interval arithmetic on replicate values (no resampling here), so that each formula can be
 * checked against an independent computation from fixed numbers.
 */

/** @throws InvalidArgumentError unless 0 < level < 1. */
export function validateLevel(fn: string, level: unknown): number {
  if (typeof level !== "number" || !Number.isFinite(level) || level <= 0 || level >= 1) {
    throw new InvalidArgumentError(`${fn}: level must be a number in (0, 1), e.g. 0.95; got ${String(level)}.`, "level");
  }
  return level;
}

/** @throws InvalidArgumentError unless `value` is an integer >= min. */
export function validateCount(fn: string, name: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidArgumentError(`${fn}: ${name} must be an integer >= ${min}; got ${String(value)}.`, name);
  }
  return value;
}

/** Ascending copy (the input is not touched). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * Quantile p of ascending values with linear interpolation between order statistics
 * (Hyndman & Fan 1996 type 7, numpy's default): h = (n - 1) p, Q = s[⌊h⌋] + (h - ⌊h⌋)(s[⌊h⌋+1] - s[⌊h⌋]).
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new InvalidArgumentError("quantileSorted: values must not be empty.", "sorted");
  if (!(p >= 0 && p <= 1)) throw new InvalidArgumentError(`quantileSorted: p must be in [0, 1]; got ${p}.`, "p");
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  if (lo >= n - 1) return sorted[n - 1];
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

/** Sample standard deviation (ddof 1) with compensated sums. */
export function standardDeviation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  const mean = sumCompensated(values) / n;
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) sq[i] = (values[i] - mean) ** 2;
  return Math.sqrt(sumCompensated(sq) / (n - 1));
}

/** Percentile interval [θ*_(α/2), θ*_(1-α/2)] with α = 1 - level (reference-facts §8). */
export function percentileInterval(values: ArrayLike<number>, level: number): { lower: number; upper: number } {
  const s = sortedCopy(values);
  const alpha = 1 - level;
  return { lower: quantileSorted(s, alpha / 2), upper: quantileSorted(s, 1 - alpha / 2) };
}

/**
 * BCa acceleration from jackknife values θ_(-i) (Efron 1987, eq. 6.6; reference-facts §8):
 * â = Σ(θ̄ - θ_(-i))³ / (6 [Σ(θ̄ - θ_(-i))²]^{3/2}), θ̄ the mean of the jackknife values; 0 when they
 * are all equal. Grouped (delete-group) values give the same leading-order â: with h rows per
 * group, both sums scale by h and the ratio is unchanged.
 */
export function jackknifeAcceleration(jack: ArrayLike<number>): number {
  const g = jack.length;
  const mean = sumCompensated(jack) / g;
  const d2 = new Float64Array(g);
  const d3 = new Float64Array(g);
  for (let i = 0; i < g; i++) {
    const d = mean - jack[i];
    d2[i] = d * d;
    d3[i] = d * d * d;
  }
  const s2 = sumCompensated(d2);
  if (s2 === 0) return 0;
  return sumCompensated(d3) / (6 * Math.pow(s2, 1.5));
}

/** Grouped jackknife standard error: se² = (G - 1)/G · Σ(θ_(-g) - θ̄)² (delete-one when G = N). */
export function jackknifeStandardError(jack: ArrayLike<number>): number {
  const g = jack.length;
  const mean = sumCompensated(jack) / g;
  const d2 = new Float64Array(g);
  for (let i = 0; i < g; i++) d2[i] = (jack[i] - mean) ** 2;
  return Math.sqrt(((g - 1) / g) * sumCompensated(d2));
}

export interface BcaResult {
  readonly lower: number;
  readonly upper: number;
  /** Bias correction z₀ = Φ⁻¹(#{θ* < θ̂}/B). */
  readonly z0: number;
  /** Acceleration â from the jackknife values. */
  readonly acceleration: number;
  /** The adjusted quantile levels α₁, α₂ used for the lower and upper ends. */
  readonly alpha1: number;
  readonly alpha2: number;
}

/**
 * Bias-corrected and accelerated (BCa) bootstrap interval (Efron 1987, JASA 82:171;
 * reference-facts §8): z₀ = Φ⁻¹(#{θ* < θ̂}/B), â from `jackknifeAcceleration`,
 * α_{1,2} = Φ(z₀ + (z₀ + z_{α/2 or 1-α/2}) / (1 - â(z₀ + z_{α/2 or 1-α/2}))), interval
 * [θ*_(α₁), θ*_(α₂)] with type-7 quantiles.
 * @throws UnsupportedDataError when every bootstrap value lies on one side of θ̂ (z₀ infinite:
 *   the bootstrap distribution is shifted, as for kNN estimators on resamples with replacement),
 *   or when 1 - â(z₀ + z) <= 0 (acceleration too large for the level).
 */
export function bcaInterval(theta: number, boot: ArrayLike<number>, jack: ArrayLike<number>, level: number): BcaResult {
  const fn = "bca";
  validateLevel(fn, level);
  const b = boot.length;
  let below = 0;
  for (let i = 0; i < b; i++) if (boot[i] < theta) below++;
  if (below === 0 || below === b) {
    const side = below === 0 ? "at or above" : "below";
    throw new UnsupportedDataError(
      `${fn}: all ${b} bootstrap values lie ${side} the estimate ${theta}, so the bias correction z0 is infinite; ` +
        `the bootstrap distribution is shifted (kNN estimators on resamples with replacement: use subsampling).`,
    );
  }
  const z0 = normalQuantile(below / b);
  const a = jackknifeAcceleration(jack);
  const alpha = 1 - level;
  const adjust = (z: number): number => {
    const s = z0 + z;
    const den = 1 - a * s;
    if (!(den > 0)) {
      throw new UnsupportedDataError(`${fn}: acceleration ${a} is too large for level ${level} (1 - a(z0 + z) = ${den} <= 0).`);
    }
    return normalCdf(z0 + s / den);
  };
  const alpha1 = adjust(normalQuantile(alpha / 2));
  const alpha2 = adjust(normalQuantile(1 - alpha / 2));
  const s = sortedCopy(boot);
  return { lower: quantileSorted(s, alpha1), upper: quantileSorted(s, alpha2), z0, acceleration: a, alpha1, alpha2 };
}

/**
 * Subsampling interval (Politis & Romano 1994, Ann. Statist. 22:2031): the law of
 * τ_m(θ̂_m - θ̂_N) over subsamples of size m without replacement estimates the law of
 * τ_N(θ̂_N - θ), τ_n = √n, giving [θ̂_N - q_(1-α/2)/√N, θ̂_N - q_(α/2)/√N].
 * With `finitePopulation` (default in `subsample`), τ_m = √(m N/(N - m)): since a subsample
 * without replacement shares m rows with the full sample, Var(θ̂_m - θ̂_N) ≈ σ²(1/m - 1/N) rather
 * than σ²/m; this correction matters when m/N is not small (m = N/2 narrows the plain interval by
 * √(1 - m/N) = 0.71) and tends to √m as m/N → 0.
 * Also returns the implied standard error sd(τ_m(θ̂_m - θ̂_N))/√N.
 */
export function subsamplingInterval(
  theta: number,
  subValues: ArrayLike<number>,
  n: number,
  m: number,
  level: number,
  finitePopulation: boolean,
): { lower: number; upper: number; se: number; tauM: number } {
  validateLevel("subsample", level);
  const tauM = finitePopulation ? Math.sqrt((m * n) / (n - m)) : Math.sqrt(m);
  const tauN = Math.sqrt(n);
  const roots = new Float64Array(subValues.length);
  for (let i = 0; i < roots.length; i++) roots[i] = tauM * (subValues[i] - theta);
  const s = sortedCopy(roots);
  const alpha = 1 - level;
  return {
    lower: theta - quantileSorted(s, 1 - alpha / 2) / tauN,
    upper: theta - quantileSorted(s, alpha / 2) / tauN,
    se: standardDeviation(roots) / tauN,
    tauM,
  };
}

/** Permutation p-value p = (1 + #{I_perm >= I})/(1 + B) (Phipson & Smyth 2010; never 0). */
export function permutationPValue(observed: number, nullValues: ArrayLike<number>): number {
  let ge = 0;
  for (let i = 0; i < nullValues.length; i++) if (nullValues[i] >= observed) ge++;
  return (1 + ge) / (1 + nullValues.length);
}
