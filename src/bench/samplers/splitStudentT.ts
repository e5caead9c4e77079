import { InvalidArgumentError, ShapeMismatchError } from "../../core/errors.js";
import { multivariateT } from "../../core/random/multivariateT.js";
import type { Rng } from "../../core/random/rng.js";
import { digamma } from "../../core/special/digamma.js";
import { logGamma } from "../../core/special/logGamma.js";
import { checkDimension, checkSampleSize, splitColumns, type ExactSampler, type Sample } from "./sampler.js";
import { checkJointMatrix, gaussianMutualInformation } from "./splitMultinormal.js";

/** Options of `splitStudentT`: (X, Y) multivariate Student t with `df` degrees of freedom. */
export interface SplitStudentTOptions {
  readonly dimX: number;
  readonly dimY: number;
  /** Degrees of freedom ν > 0. */
  readonly df: number;
  /** Dispersion (scale) matrix, (dimX + dimY)^2 values, symmetric positive definite. */
  readonly dispersion: Float64Array;
  /** Location, default 0. */
  readonly mean?: ArrayLike<number>;
}

function checkDf(fn: string, df: unknown): number {
  if (typeof df !== "number" || !Number.isFinite(df) || !(df > 0)) {
    throw new InvalidArgumentError(`${fn}: df must be a finite number > 0; got ${String(df)}.`, "df");
  }
  return df;
}

/**
 * Entropy of the k-dimensional standard Student t with ν degrees of freedom minus ½ log det of
 * its dispersion (which is the identity here):
 * h(k) = −log Γ((ν+k)/2) + log Γ(ν/2) + (k/2) log(νπ) + ((ν+k)/2)[ψ((ν+k)/2) − ψ(ν/2)]
 * (reference-facts §9.1).
 */
function tEntropyTerm(k: number, nu: number): number {
  const a = (nu + k) / 2;
  const b = nu / 2;
  return -logGamma(a) + logGamma(b) + (k / 2) * Math.log(nu * Math.PI) + a * (digamma(a) - digamma(b));
}

/**
 * The Student-t correction c(ν) = h(dimX) + h(dimY) − h(dimX + dimY) > 0 (nats): the MI of a
 * split multivariate t minus the Gaussian MI of its dispersion matrix (Arellano-Valle,
 * Contreras-Reyes & Genton 2013, Scand. J. Stat. 40; computed from the entropies as bmi does).
 * It depends on the dimensions and ν only, and tends to 0 as ν → ∞.
 */
export function studentTCorrection(dimX: number, dimY: number, df: number): number {
  const fn = "studentTCorrection";
  checkDimension(fn, "dimX", dimX);
  checkDimension(fn, "dimY", dimY);
  checkDf(fn, df);
  return tEntropyTerm(dimX, df) + tEntropyTerm(dimY, df) - tEntropyTerm(dimX + dimY, df);
}

/**
 * Exact MI (nats) of a split multivariate Student t: I = I_Gauss(dispersion) + c(ν)
 * (see `studentTCorrection`). With identity dispersion X and Y are uncorrelated yet dependent
 * (they share the mixing variable W), and I = c(ν).
 */
export function studentTMutualInformation(dispersion: Float64Array, dimX: number, dimY: number, df: number): number {
  return gaussianMutualInformation(dispersion, dimX, dimY) + studentTCorrection(dimX, dimY, df);
}

/**
 * (X, Y) ~ multivariate t(mean, dispersion, ν), split into the first dimX and last dimY
 * coordinates (bmi's `SplitStudentT`). Draws μ + Z/√(W/ν), Z ~ N(0, dispersion), W ~ χ²_ν.
 */
export function splitStudentT(options: SplitStudentTOptions): ExactSampler {
  const fn = "splitStudentT";
  const dimX = checkDimension(fn, "dimX", options.dimX);
  const dimY = checkDimension(fn, "dimY", options.dimY);
  const df = checkDf(fn, options.df);
  const d = checkJointMatrix(fn, "dispersion", options.dispersion, dimX, dimY);
  const dispersion = Float64Array.from(options.dispersion);
  const mean = options.mean === undefined ? new Float64Array(d) : Float64Array.from(options.mean);
  if (mean.length !== d) throw new ShapeMismatchError(`${fn}: mean has ${mean.length} entries; expected dimX + dimY = ${d}.`);
  const mutualInformation = studentTMutualInformation(dispersion, dimX, dimY, df);
  return Object.freeze({
    dimX,
    dimY,
    mutualInformation,
    sample(n: number, rng: Rng): Sample {
      checkSampleSize(fn, n);
      const z = multivariateT(rng, mean, dispersion, df, n);
      return splitColumns(z.data, n, dimX, dimY);
    },
  });
}
