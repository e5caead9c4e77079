import { InvalidArgumentError, ShapeMismatchError } from "../../core/errors.js";
import { logDet } from "../../core/linalg/logDet.js";
import { multivariateNormal } from "../../core/random/multivariateNormal.js";
import type { Rng } from "../../core/random/rng.js";
import { checkDimension, checkSampleSize, splitColumns, type ExactSampler, type Sample } from "./sampler.js";

/** Options of `splitMultinormal`: (X, Y) ~ N(mean, covariance), X = first dimX coordinates. */
export interface SplitMultinormalOptions {
  readonly dimX: number;
  readonly dimY: number;
  /** (dimX + dimY)^2 values, row-major, symmetric positive definite. */
  readonly covariance: Float64Array;
  /** Default 0. */
  readonly mean?: ArrayLike<number>;
}

/** Checks a (dx + dy) x (dx + dy) symmetric matrix; returns dx + dy. */
export function checkJointMatrix(fn: string, name: string, m: unknown, dx: number, dy: number): number {
  const d = dx + dy;
  if (!(m instanceof Float64Array)) {
    throw new InvalidArgumentError(`${fn}: ${name} must be a Float64Array ((dimX + dimY)^2, row-major); got ${typeof m}.`, name);
  }
  if (m.length !== d * d) {
    throw new ShapeMismatchError(`${fn}: ${name} has ${m.length} values; expected (dimX + dimY)^2 = ${d * d}.`);
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      const a = m[i * d + j];
      const b = m[j * d + i];
      if (!Number.isFinite(a) || !Number.isFinite(b)) {
        throw new InvalidArgumentError(`${fn}: ${name} must be finite; entry (${i}, ${j}) is ${Number.isFinite(a) ? b : a}.`, name);
      }
      if (Math.abs(a - b) > 1e-12 * Math.max(1, Math.abs(a), Math.abs(b))) {
        throw new InvalidArgumentError(`${fn}: ${name} must be symmetric; entries (${i}, ${j}) = ${a} and (${j}, ${i}) = ${b}.`, name);
      }
    }
  }
  return d;
}

/** The square block of m (d x d, row-major) with rows and columns [start, start + size). */
export function diagonalBlock(m: Float64Array, d: number, start: number, size: number): Float64Array {
  const out = new Float64Array(size * size);
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) out[i * size + j] = m[(start + i) * d + start + j];
  return out;
}

/**
 * Exact mutual information (nats) between the first dx and the last dy coordinates of a normal
 * vector with covariance `covariance`: I = ½ (log det Σ_XX + log det Σ_YY − log det Σ)
 * (reference-facts §1.7; Cover & Thomas, Elements of Information Theory, eq. 8.56 applied to
 * h(X) + h(Y) − h(X, Y)). Log-determinants via Cholesky. Not clipped: for a valid covariance the
 * value is >= 0 up to rounding.
 *
 * @throws InvalidArgumentError for a malformed or non-symmetric matrix; NotPositiveDefiniteError
 *   when it is not positive definite.
 */
export function gaussianMutualInformation(covariance: Float64Array, dimX: number, dimY: number): number {
  const fn = "gaussianMutualInformation";
  checkDimension(fn, "dimX", dimX);
  checkDimension(fn, "dimY", dimY);
  const d = checkJointMatrix(fn, "covariance", covariance, dimX, dimY);
  const ldx = logDet(diagonalBlock(covariance, d, 0, dimX), dimX);
  const ldy = logDet(diagonalBlock(covariance, d, dimX, dimY), dimY);
  return 0.5 * (ldx + ldy - logDet(covariance, d));
}

/** bmi's dense covariance: 1 on the diagonal, `offDiag` everywhere else ((1 − c) I + c 11ᵀ). */
export function denseCovariance(dimX: number, dimY: number, offDiag = 0.5): Float64Array {
  const fn = "denseCovariance";
  checkDimension(fn, "dimX", dimX);
  checkDimension(fn, "dimY", dimY);
  const d = dimX + dimY;
  if (!Number.isFinite(offDiag) || offDiag <= -1 / (d - 1) || offDiag >= 1) {
    throw new InvalidArgumentError(`${fn}: offDiag must be in (-1/(d-1), 1) for a positive definite matrix (d = ${d}); got ${offDiag}.`, "offDiag");
  }
  const out = new Float64Array(d * d).fill(offDiag);
  for (let i = 0; i < d; i++) out[i * d + i] = 1;
  return out;
}

/**
 * bmi's sparse ("2-pair") covariance: the correlation matrix of bmi's Gaussian latent-variable
 * model with alpha = beta = 0, epsilon = 1 and eta = lambda = `strength`. Every coordinate has
 * variance 1 + λ² before normalisation; X_i and Y_i share the latent Z_i for i < nInteracting, so
 * corr(X_i, Y_i) = λ² / (1 + λ²) (0.8 for λ = 2) and all other cross-correlations are 0. Hence
 * I = −(nInteracting / 2) log(1 − (λ²/(1+λ²))²), independent of the dimensions.
 */
export function sparseCovariance(dimX: number, dimY: number, nInteracting = 2, strength = 2): Float64Array {
  const fn = "sparseCovariance";
  checkDimension(fn, "dimX", dimX);
  checkDimension(fn, "dimY", dimY);
  if (!Number.isInteger(nInteracting) || nInteracting < 0 || nInteracting > Math.min(dimX, dimY)) {
    throw new InvalidArgumentError(`${fn}: nInteracting must be an integer in [0, min(dimX, dimY)] = [0, ${Math.min(dimX, dimY)}]; got ${nInteracting}.`, "nInteracting");
  }
  if (!Number.isFinite(strength)) {
    throw new InvalidArgumentError(`${fn}: strength must be finite; got ${strength}.`, "strength");
  }
  const l2 = strength * strength;
  return canonicalCorrelation(Array.from({ length: nInteracting }, () => l2 / (1 + l2)), dimX, dimY);
}

/**
 * Unit-variance covariance with corr(X_i, Y_i) = rho[i] for i < rho.length and every other
 * correlation 0 (bmi's `canonical_correlation`, with explicit dimensions). Its MI is
 * −½ Σ log(1 − ρ_i²).
 */
export function canonicalCorrelation(rho: readonly number[], dimX: number, dimY: number): Float64Array {
  const fn = "canonicalCorrelation";
  checkDimension(fn, "dimX", dimX);
  checkDimension(fn, "dimY", dimY);
  if (rho.length > Math.min(dimX, dimY)) {
    throw new InvalidArgumentError(`${fn}: rho may have at most min(dimX, dimY) = ${Math.min(dimX, dimY)} entries; got ${rho.length}.`, "rho");
  }
  const d = dimX + dimY;
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) out[i * d + i] = 1;
  rho.forEach((r, i) => {
    if (!(Math.abs(r) < 1)) throw new InvalidArgumentError(`${fn}: rho[${i}] must be in (-1, 1); got ${r}.`, "rho");
    out[i * d + dimX + i] = r;
    out[(dimX + i) * d + i] = r;
  });
  return out;
}

/**
 * (X, Y) jointly normal, split into X (first dimX coordinates) and Y (last dimY); bmi's
 * `SplitMultinormal`. Exact MI from `gaussianMutualInformation`.
 */
export function splitMultinormal(options: SplitMultinormalOptions): ExactSampler {
  const fn = "splitMultinormal";
  const dimX = checkDimension(fn, "dimX", options.dimX);
  const dimY = checkDimension(fn, "dimY", options.dimY);
  const d = checkJointMatrix(fn, "covariance", options.covariance, dimX, dimY);
  const covariance = Float64Array.from(options.covariance);
  const mean = options.mean === undefined ? new Float64Array(d) : Float64Array.from(options.mean);
  if (mean.length !== d) throw new ShapeMismatchError(`${fn}: mean has ${mean.length} entries; expected dimX + dimY = ${d}.`);
  const mutualInformation = gaussianMutualInformation(covariance, dimX, dimY);
  return Object.freeze({
    dimX,
    dimY,
    mutualInformation,
    sample(n: number, rng: Rng): Sample {
      checkSampleSize(fn, n);
      const z = multivariateNormal(rng, mean, covariance, n);
      return splitColumns(z.data, n, dimX, dimY);
    },
  });
}
