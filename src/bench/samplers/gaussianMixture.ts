import { InvalidArgumentError, ShapeMismatchError } from "../../core/errors.js";
import type { Matrix } from "../../core/types.js";
import { cholesky } from "../../core/linalg/cholesky.js";
import { logDetFromCholesky } from "../../core/linalg/logDet.js";
import { createRng, validateSeed, type Rng } from "../../core/random/rng.js";
import { sumCompensated } from "../../core/special/sum.js";
import { checkDimension, checkSampleSize, type Sample, type Sampler } from "./sampler.js";
import { checkJointMatrix, diagonalBlock } from "./splitMultinormal.js";

/** One normal component of a mixture over (X, Y). */
export interface MixtureComponent {
  /** Mixing weight > 0 (weights are normalised to sum to 1). */
  readonly weight: number;
  /** dimX + dimY entries. */
  readonly mean: ArrayLike<number>;
  /**
   * (dimX + dimY)^2 values, symmetric positive definite. A block-diagonal covariance makes the
   * component a product p(x) p(y) (bmi's `ProductDistribution` of two normals).
   */
  readonly covariance: Float64Array;
}

export interface GaussianMixtureOptions {
  readonly dimX: number;
  readonly dimY: number;
  readonly components: readonly MixtureComponent[];
}

/** Monte Carlo estimate of a mixture's MI with its standard error. */
export interface MonteCarloMI {
  /** Mean of the pointwise MI log p(x,y) − log p(x) − log p(y) over the draws (nats). */
  readonly value: number;
  /** Standard error: sample SD (ddof 1) of the pointwise MI over √n. */
  readonly se: number;
  readonly n: number;
  readonly seed: number;
}

export interface GaussianMixtureSampler extends Sampler {
  /** Normalised weights. */
  readonly weights: readonly number[];
  /** Pointwise MI log p(x_i, y_i) − log p(x_i) − log p(y_i) of each row (nats). */
  pointwiseMI(x: Matrix, y: Matrix): Float64Array;
  /**
   * MI by Monte Carlo: draws n points (default 100,000, bmi v2's `mi_estimate_sample`) from a
   * stream seeded with `seed` (default 0) and averages the pointwise MI (bmi's `BMMSampler`).
   */
  monteCarloMI(options?: { readonly n?: number; readonly seed?: number }): MonteCarloMI;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** A normal density over `size` coordinates starting at `offset`, factorised once. */
interface NormalFactor {
  readonly offset: number;
  readonly size: number;
  readonly mean: Float64Array;
  readonly l: Float64Array;
  /** −½ (size log 2π + log det Σ). */
  readonly logNorm: number;
}

function factor(fn: string, mean: Float64Array, cov: Float64Array, d: number, offset: number, size: number): NormalFactor {
  const block = offset === 0 && size === d ? cov : diagonalBlock(cov, d, offset, size);
  const l = cholesky(block, size, fn, "covariance");
  return { offset, size, mean: mean.subarray(offset, offset + size), l, logNorm: -0.5 * (size * LOG_2PI + logDetFromCholesky(l, size)) };
}

/** log N(z[offset .. offset+size); μ, LLᵀ) using `scratch` (length >= size). */
function logNormal(f: NormalFactor, z: Float64Array, zOffset: number, scratch: Float64Array): number {
  const { size, l, mean } = f;
  let q = 0;
  for (let i = 0; i < size; i++) {
    let s = z[zOffset + i] - mean[i];
    const r = i * size;
    for (let k = 0; k < i; k++) s -= l[r + k] * scratch[k];
    const v = s / l[r + i];
    scratch[i] = v;
    q += v * v;
  }
  return f.logNorm - 0.5 * q;
}

/** log Σ_k exp(a_k) for the first m entries, stabilised. */
function logSumExpN(a: Float64Array, m: number): number {
  let max = -Infinity;
  for (let k = 0; k < m; k++) if (a[k] > max) max = a[k];
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (let k = 0; k < m; k++) s += Math.exp(a[k] - max);
  return max + Math.log(s);
}

/**
 * A finite mixture of normal distributions over (X, Y), the "bend and mix" family of bmi v2
 * (Czyż et al., "On the Properties and Estimation of Pointwise MI Profiles", TMLR 2025). Its MI
 * has no closed form; `monteCarloMI` averages the pointwise MI, which is exact per point because
 * the marginals of a normal mixture are the mixtures of the component marginals.
 *
 * Complexity: O(K d³) set-up, O(K d²) per density evaluation (K components, d = dimX + dimY).
 *
 * @throws InvalidArgumentError for bad dimensions, weights or matrices; ShapeMismatchError for
 *   a mean of the wrong length; NotPositiveDefiniteError for a singular covariance.
 */
export function gaussianMixture(options: GaussianMixtureOptions): GaussianMixtureSampler {
  const fn = "gaussianMixture";
  const dimX = checkDimension(fn, "dimX", options.dimX);
  const dimY = checkDimension(fn, "dimY", options.dimY);
  const d = dimX + dimY;
  const comps = options.components;
  if (!Array.isArray(comps) || comps.length === 0) {
    throw new InvalidArgumentError(`${fn}: components must be a non-empty array; got ${Array.isArray(comps) ? "[]" : typeof comps}.`, "components");
  }
  const m = comps.length;
  let total = 0;
  comps.forEach((c, k) => {
    if (!Number.isFinite(c.weight) || !(c.weight > 0)) {
      throw new InvalidArgumentError(`${fn}: components[${k}].weight must be a finite number > 0; got ${c.weight}.`, "components");
    }
    total += c.weight;
  });
  const weights = comps.map((c) => c.weight / total);
  const logW = Float64Array.from(weights, Math.log);
  const cumulative = new Float64Array(m);
  let acc = 0;
  for (let k = 0; k < m; k++) cumulative[k] = acc += weights[k];
  cumulative[m - 1] = 1;
  const joint: NormalFactor[] = [];
  const margX: NormalFactor[] = [];
  const margY: NormalFactor[] = [];
  comps.forEach((c, k) => {
    const mean = Float64Array.from(c.mean);
    if (mean.length !== d) throw new ShapeMismatchError(`${fn}: components[${k}].mean has ${mean.length} entries; expected dimX + dimY = ${d}.`);
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(mean[j])) throw new InvalidArgumentError(`${fn}: components[${k}].mean must be finite; entry ${j} is ${mean[j]}.`, "components");
    }
    checkJointMatrix(fn, `components[${k}].covariance`, c.covariance, dimX, dimY);
    const cov = Float64Array.from(c.covariance);
    joint.push(factor(fn, mean, cov, d, 0, d));
    margX.push(factor(fn, mean, cov, d, 0, dimX));
    margY.push(factor(fn, mean, cov, d, dimX, dimY));
  });

  function sample(n: number, rng: Rng): Sample {
    checkSampleSize(fn, n);
    const x = new Float64Array(n * dimX);
    const y = new Float64Array(n * dimY);
    const e = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const u = rng.float64();
      let k = 0;
      while (k < m - 1 && u >= cumulative[k]) k++;
      const { l, mean } = joint[k];
      for (let j = 0; j < d; j++) e[j] = rng.normal();
      for (let j = 0; j < d; j++) {
        let s = mean[j];
        const r = j * d;
        for (let t = 0; t <= j; t++) s += l[r + t] * e[t];
        if (j < dimX) x[i * dimX + j] = s;
        else y[i * dimY + j - dimX] = s;
      }
    }
    return { x: { data: x, rows: n, cols: dimX }, y: { data: y, rows: n, cols: dimY } };
  }

  function pointwiseMI(xm: Matrix, ym: Matrix): Float64Array {
    if (xm.cols !== dimX || ym.cols !== dimY) {
      throw new ShapeMismatchError(`${fn}.pointwiseMI: x and y must have ${dimX} and ${dimY} columns; got ${xm.cols} and ${ym.cols}.`);
    }
    if (xm.rows !== ym.rows) throw new ShapeMismatchError(`${fn}.pointwiseMI: x and y have different row counts (${xm.rows} and ${ym.rows}).`);
    const n = xm.rows;
    const out = new Float64Array(n);
    const z = new Float64Array(d);
    const scratch = new Float64Array(d);
    const a = new Float64Array(m);
    const b = new Float64Array(m);
    const c = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < dimX; j++) z[j] = xm.data[i * dimX + j];
      for (let j = 0; j < dimY; j++) z[dimX + j] = ym.data[i * dimY + j];
      for (let k = 0; k < m; k++) {
        a[k] = logW[k] + logNormal(joint[k], z, 0, scratch);
        b[k] = logW[k] + logNormal(margX[k], z, 0, scratch);
        c[k] = logW[k] + logNormal(margY[k], z, dimX, scratch);
      }
      out[i] = logSumExpN(a, m) - logSumExpN(b, m) - logSumExpN(c, m);
    }
    return out;
  }

  function monteCarloMI(mc: { readonly n?: number; readonly seed?: number } = {}): MonteCarloMI {
    const n = mc.n ?? 100_000;
    if (!Number.isSafeInteger(n) || n < 2) throw new InvalidArgumentError(`${fn}.monteCarloMI: n must be an integer >= 2; got ${String(n)}.`, "n");
    const seed = validateSeed(mc.seed, `${fn}.monteCarloMI`);
    const s = sample(n, createRng(seed));
    const pmi = pointwiseMI(s.x, s.y);
    const value = sumCompensated(pmi) / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (pmi[i] - value) ** 2;
    return { value, se: Math.sqrt(ss / (n - 1) / n), n, seed };
  }

  return Object.freeze({ dimX, dimY, weights: Object.freeze(weights), sample, pointwiseMI, monteCarloMI });
}
