import { subsample } from "../../core/inference/subsample.js";
import { subsamplingInterval } from "../../core/inference/intervals.js";
import type { Estimate, Matrix, MIEstimator, RunOptions } from "../../core/types.js";
import { normalQuantile } from "../../core/special/normalQuantile.js";
import { AUTO_RULES } from "./autoRules.js";

/** Bias extrapolation from the subsample means at N/4 and N/2 and the full-sample estimate. */
export interface BiasExtrapolation {
  readonly meanQuarter: number;
  readonly meanHalf: number;
  /** θ̂_N − mean θ̂_(N/2): the shift the m = N/2 subsampling interval already contains. */
  readonly lastStep: number;
  /** r = (θ̂_N − μ_(N/2)) / (μ_(N/2) − μ_(N/4)), when both steps have the same sign; else null. */
  readonly ratio: number | null;
  /** The ratio the extra shift was computed with (the rate floor when the estimate rises), or null when nothing was added. */
  readonly ratioUsed: number | null;
  /** True when the estimate rose over both doublings and the rate floor set ratioUsed (a kNN candidate). */
  readonly rateFloor: boolean;
  /** Extra shift beyond lastStep: lastStep · (r/(1−r) − 1), r = ratioUsed; 0 when nothing was added. */
  readonly extra: number;
}

/**
 * The slowest decay ratio per doubling of N assumed for a kNN estimate on `knnDims` joint
 * columns: 2^(−1/d), the rate of the KSG bias bound O(N^(−1/d)) up to log factors (Gao, Oh &
 * Viswanath 2018, IEEE Trans. Inf. Theory 64(8); d = dx + dy), and never below
 * AUTO_RULES.maxRatio. d = 6 gives 0.891 (remaining bias up to 8.2 last steps), d = 10 0.933 (14).
 */
export function rateFloorRatio(knnDims: number): number {
  return Math.max(AUTO_RULES.maxRatio, 2 ** (-1 / knnDims));
}

/**
 * Aitken / Richardson extrapolation of the remaining bias: if the estimator's mean is
 * θ + c·n^(−β), successive doublings change it by steps in ratio r = 2^(−β), and the bias left at
 * N is lastStep · r/(1 − r). The m = N/2 subsampling interval is already centred near θ̂_N +
 * lastStep (its roots are θ̂_m − θ̂_N with scale √(m/(N−m)) = 1), which is the r = 1/2 (β = 1)
 * case; `extra` is what slower decay (r > 1/2) adds.
 *
 * Rising estimates (both steps > 0) of a kNN candidate (`knnDims` given): r is the rate floor
 * `rateFloorRatio(knnDims)`, whatever the measured ratio, because two noisy steps cannot certify
 * a fast decay and the theory allows one as slow as N^(−1/d). Measured on bmi v1 (N = 2000): KSG
 * on the plain spirals still rises by ~0.05 nats per doubling at N = 32000 (measured ratio about
 * 0.9), and a cap of 0.8 left the upper end far below the truth.
 * Otherwise (falling estimates, or a parametric candidate): the measured r when both steps have
 * the same sign and r > 1/2, capped at AUTO_RULES.maxRatio; steps of opposite sign (noise, or no
 * trend) or r <= 1/2 add nothing.
 */
export function extrapolateBias(full: number, meanHalf: number, meanQuarter: number, knnDims?: number): BiasExtrapolation {
  const lastStep = full - meanHalf;
  const prevStep = meanHalf - meanQuarter;
  const sameSign = prevStep !== 0 && Math.sign(prevStep) === Math.sign(lastStep);
  const ratio = sameSign ? lastStep / prevStep : null;
  const rateFloor = knnDims !== undefined && lastStep > 0 && prevStep > 0;
  let ratioUsed: number | null = null;
  if (rateFloor) ratioUsed = rateFloorRatio(knnDims);
  else if (ratio !== null && ratio > 0.5) ratioUsed = Math.min(ratio, AUTO_RULES.maxRatio);
  const extra = ratioUsed === null ? 0 : lastStep * (ratioUsed / (1 - ratioUsed) - 1);
  return Object.freeze({ meanQuarter, meanHalf, lastStep, ratio, ratioUsed, rateFloor, extra });
}

/**
 * The m-out-of-n subsampling interval (`subsamplingInterval`, percentile of the roots) joined
 * with its normal-approximation counterpart c ± z·se, where c = θ̂_N − mean(roots)/√N is the
 * centre the roots imply and se = sd(roots)/√N, and with the uncorrected θ̂_N ± z·se: each end
 * is the widest of the three. Why: with B = 50–100 subsamples the extreme quantiles that a
 * Bonferroni level needs (0.6% at K = 4) are the sample extremes, biased towards the centre; the
 * normal tail with the subsampling SD has no such bias. And the centre c = θ̂_N + (θ̂_N − mean
 * θ̂_m) (m = N/2) is a Richardson step that reads θ̂_N − mean θ̂_m as bias; at independence (MI on
 * the boundary, kNN estimates fluctuating at rate 1/N) it is a chance fluctuation, and the
 * shifted interval would leave 0 out; θ̂_N ± z·se keeps it.
 */
export function widenedInterval(theta: number, subValues: ArrayLike<number>, n: number, m: number, level: number): { lower: number; upper: number; se: number } {
  const p = subsamplingInterval(theta, subValues, n, m, level, true);
  let meanRoot = 0;
  for (let i = 0; i < subValues.length; i++) meanRoot += p.tauM * (subValues[i] - theta);
  meanRoot /= subValues.length;
  const centre = theta - meanRoot / Math.sqrt(n);
  const z = normalQuantile(1 - (1 - level) / 2);
  return {
    lower: Math.min(p.lower, centre - z * p.se, theta - z * p.se),
    upper: Math.max(p.upper, centre + z * p.se, theta + z * p.se),
    se: p.se,
  };
}

/** One candidate's full-sample estimate and intervals. */
export interface CandidateInterval {
  readonly id: string;
  readonly base: Estimate;
  readonly value: number;
  /** The level interval (m = N/2 subsampling, extended by the bias term). */
  readonly lower: number;
  readonly upper: number;
  /** Lower end at the Bonferroni level 1 − (1 − level)/K (K candidates), extended by a downward bias term. */
  readonly selectionLower: number;
  /** The same two intervals without the bias term. */
  readonly plain: { readonly lower: number; readonly upper: number; readonly selectionLower: number };
  readonly se: number;
  readonly subsample: Readonly<Record<string, unknown>>;
  readonly bias?: BiasExtrapolation;
}

export interface CandidateRun {
  readonly level: number;
  /** Number of candidates K compared (the selection level is 1 − (1 − level)/K). */
  readonly candidates: number;
  readonly replicates: number;
  readonly biasTerm: boolean;
  /** Smallest subsample size the estimator accepts (the N/4 bias step is skipped below it). */
  readonly minRows: number;
  /** Joint dimension of a kNN candidate (for the rate floor of `extrapolateBias`); absent for parametric ones. */
  readonly knnDims?: number;
  readonly run: RunOptions;
}

/**
 * Runs one candidate: the full-sample estimate, B subsamples at m = ⌊N/2⌋ (the interval) and,
 * with biasTerm, B at ⌊N/4⌋ for `extrapolateBias`; the bias extension moves the upper end up
 * (extra > 0) or both lower ends down (extra < 0).
 */
export async function candidateInterval(id: string, est: MIEstimator, x: Matrix, y: Matrix, o: CandidateRun, base?: Estimate): Promise<CandidateInterval> {
  const n = x.rows;
  const full = base ?? (await est.estimate(x, y, { seed: o.run.seed, units: o.run.units, signal: o.run.signal, local: o.run.local }));
  const common = { seed: o.run.seed, units: o.run.units, signal: o.run.signal, onProgress: o.run.onProgress };
  const m = Math.floor(n / 2);
  const half = await subsample(est, x, y, { ...common, estimate: full, replicates: o.replicates, level: o.level, m, keepReplicates: true });
  const hd = half.diagnostics.details.subsample as { mean: number; values: number[] };
  const plain = widenedInterval(full.value, hd.values, n, m, o.level);
  const sel = widenedInterval(full.value, hd.values, n, m, 1 - (1 - o.level) / o.candidates);
  let lower = plain.lower;
  let upper = plain.upper;
  let selectionLower = sel.lower;
  let bias: BiasExtrapolation | undefined;
  const mq = Math.floor(n / 4);
  if (o.biasTerm && mq >= o.minRows) {
    const quarter = await subsample(est, x, y, { ...common, estimate: full, replicates: o.replicates, level: o.level, m: mq });
    const qd = quarter.diagnostics.details.subsample as { mean: number };
    bias = extrapolateBias(full.value, hd.mean, qd.mean, o.knnDims);
    if (bias.extra > 0) upper += bias.extra;
    else {
      lower += bias.extra;
      selectionLower += bias.extra;
    }
  }
  const { values: _values, ...summary } = hd;
  void _values;
  return Object.freeze({
    id,
    base: full,
    value: full.value,
    lower,
    upper,
    selectionLower,
    plain: Object.freeze({ lower: plain.lower, upper: plain.upper, selectionLower: sel.lower }),
    se: plain.se,
    subsample: Object.freeze(summary),
    ...(bias ? { bias } : {}),
  });
}
