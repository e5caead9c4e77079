import { equalMassBins } from "../core/data/discretize.js";
import { REFERENCES } from "../core/references.js";
import type { EstimatorDescriptor } from "./descriptor.js";
import {
  BINNING_OPTION_SPECS,
  binnedCMI,
  binnedEntropy,
  binnedMI,
  type BinnedCMIEstimator,
  type BinnedEntropyEstimator,
  type BinnedFamily,
  type BinnedMIEstimator,
  type BinningOptions,
} from "./histogram.js";

export type { BinningOptions } from "./histogram.js";

const ADAPTIVE: BinnedFamily = Object.freeze({
  id: "adaptive-binning",
  binner: equalMassBins,
  references: Object.freeze([REFERENCES.coverThomas2006, REFERENCES.miller1955, REFERENCES.chelombiev2019]),
});

/**
 * Adaptive (equal-mass, maximum-entropy) binning plug-in estimator of I(X; Y).
 *
 * Each column is cut at its empirical quantiles q_{j/B}, j = 0..B (linear interpolation, numpy's
 * default), so each marginal bin holds about N/B points, H(X_bin) ~ log B, and only the joint
 * table carries the dependence (reference-facts 1.9; "entropy-based adaptive binning" of
 * Chelombiev et al. 2019). Ties collapse edges: duplicate quantile edges are merged and bins
 * left empty are dropped, so a column with few distinct values gets fewer bins (reported in
 * details.binsPerColumn). A multi-dimensional variable is the product grid of its columns.
 * Then the plug-in I = sum_ab (n_ab/N) log(N n_ab/(n_a n_b)), optionally minus the Miller-Madow
 * term (K_xy - K_x - K_y + 1)/(2N); the value equals scikit-learn's `mutual_info_score` on the
 * same bin codes. B = `bins` (default 5) or a per-column `binRule` as in `histogramMI`.
 *
 * Invariant to strictly increasing transforms of each column (the bins follow the ranks), unlike
 * equal-width histograms. Complexity O(N d log N) (sorting each column). Bias: upward about
 * (B - 1)^2/(2N) under independence; downward for strong dependence (coarse bins).
 * Units: nats (or bits); local values as in `histogramMI`. Warnings: `constant-column`,
 * `small-sample`, `negative-estimate`.
 *
 * @throws InvalidArgumentError for unknown or invalid options; ShapeMismatchError;
 *   NonFiniteValueError; InsufficientSamplesError when N < 2.
 * @example
 * adaptiveBinningMI({ bins: 8 }).estimate(x, y, { units: "bits" }).value
 */
export function adaptiveBinningMI(options: BinningOptions = {}): BinnedMIEstimator {
  return binnedMI(ADAPTIVE, options);
}

/**
 * Adaptive-binning estimator of I(X; Y | Z) = H(XZ) + H(YZ) - H(XYZ) - H(Z) on equal-mass bins;
 * Miller-Madow as in `histogramCMI`. O(N d log N). @throws as `adaptiveBinningMI`.
 * @example adaptiveBinningCMI().estimate(x, y, z).value
 */
export function adaptiveBinningCMI(options: BinningOptions = {}): BinnedCMIEstimator {
  return binnedCMI(ADAPTIVE, options);
}

/**
 * Adaptive-binning estimator of the differential entropy: plug-in entropy of the cell counts
 * plus the mean log cell volume (cells have unequal widths here), + (K - 1)/(2N) with
 * Miller-Madow. @throws as `adaptiveBinningMI`, UnsupportedDataError for a constant column.
 * @example adaptiveBinningEntropy({ bins: 10 }).estimate(x).value
 */
export function adaptiveBinningEntropy(options: BinningOptions = {}): BinnedEntropyEstimator {
  return binnedEntropy(ADAPTIVE, options);
}

/** Registry entry "adaptive-binning": equal-mass (quantile) binning plug-in MI, CMI and entropy. */
export const adaptiveBinningDescriptor: EstimatorDescriptor = Object.freeze<EstimatorDescriptor>({
  id: "adaptive-binning",
  summary: "Equal-mass (quantile) binning plug-in MI, CMI and entropy; ties merge edges; optional Miller-Madow.",
  family: "binning",
  accepts: ["continuous"],
  options: BINNING_OPTION_SPECS,
  references: ADAPTIVE.references,
  complexity: "O(N d log N)",
  mi: (o: Record<string, unknown>) => adaptiveBinningMI(o as BinningOptions),
  cmi: (o: Record<string, unknown>) => adaptiveBinningCMI(o as BinningOptions),
  entropy: (o: Record<string, unknown>) => adaptiveBinningEntropy(o as BinningOptions),
});
