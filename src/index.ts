/**
 * minfo: information measures for data. This entry point is isomorphic (Node and browsers):
 * core types and utilities, every classical estimator, uncertainty wrappers and the
 * multivariate and time-series measures. File readers: `minfo/io` (bytes) and `minfo/node`
 * (paths, worker pools); benchmark: `minfo/bench`; neural estimators: `minfo/neural`.
 */

// Core types, errors, units, results
export type {
  Units, Matrix, Labels, Estimate, ResultWarning, Reference, ConfidenceInterval, Uncertainty, Quantity,
  Diagnostics, Progress, RunOptions, MIEstimator, CMIEstimator, EntropyEstimator, DivergenceEstimator,
} from "./core/types.js";
export {
  MinfoError, InvalidArgumentError, ShapeMismatchError, NonFiniteValueError, InsufficientSamplesError, ParseError,
  UnknownEstimatorError, UnsupportedDataError, AbortError, TrainingDivergedError, BackendUnavailableError,
  type ErrorCode,
} from "./core/errors.js";
export { NATS_PER_BIT, fromNats } from "./core/units.js";
export { WARNING_CODES, type WarningCode } from "./core/warnings.js";
export { REFERENCES, type ReferenceId } from "./core/references.js";

// Data
export { matrix, fromRows, fromColumn, column, selectColumns, selectRows, hstack } from "./core/data/matrix.js";
export { toMatrix, type MatrixInput } from "./core/data/validate.js";
export { standardize, columnStats } from "./core/data/standardize.js";
export { toLabels, jointLabels, isLabels, type DiscreteInput } from "./core/data/labels.js";

// Randomness
export { createRng, type Rng } from "./core/random/rng.js";
export { normalSample } from "./core/random/normalSample.js";
export { gamma } from "./core/random/gamma.js";
export { chiSquare } from "./core/random/chiSquare.js";
export { multivariateNormal } from "./core/random/multivariateNormal.js";
export { multivariateT } from "./core/random/multivariateT.js";

// Special functions and linear algebra
export { digamma, EULER_GAMMA } from "./core/special/digamma.js";
export { trigamma } from "./core/special/trigamma.js";
export { logGamma } from "./core/special/logGamma.js";
export { erf, erfc } from "./core/special/erf.js";
export { normalCdf } from "./core/special/normalCdf.js";
export { normalQuantile } from "./core/special/normalQuantile.js";
export { logSumExp } from "./core/special/logSumExp.js";
export { sumCompensated, meanCompensated } from "./core/special/sum.js";
export { cholesky, NotPositiveDefiniteError } from "./core/linalg/cholesky.js";
export { logDet } from "./core/linalg/logDet.js";
export { symmetricEigen } from "./core/linalg/symmetricEigen.js";
export { covariance } from "./core/linalg/covariance.js";

// Neighbour search
export { knn, kthNeighborDistance, countWithin, kthNeighborDistanceTo } from "./core/neighbors/index.js";
export type { Metric, SearchMethod, SearchOptions, KnnResult } from "./core/neighbors/types.js";

// Estimators and registry
export type { EstimatorDescriptor, OptionSpec, DataKind } from "./estimators/descriptor.js";
export { builtinEstimators, findEstimator, estimatorsFor, quantitiesOf, type EstimatorQuantity } from "./estimators/registry.js";
export { mutualInformation, conditionalMutualInformation, entropy, klDivergence, type ShortcutOptions } from "./estimators/shortcuts.js";
export { ksg, type KsgOptions } from "./estimators/ksg.js";
export { lnc, type LncOptions } from "./estimators/lnc.js";
export { frenzelPompe, type FrenzelPompeOptions } from "./estimators/conditional.js";
export { kozachenkoLeonenko, type KozachenkoLeonenkoOptions } from "./estimators/kozachenkoLeonenko.js";
export { knnKlDivergence, type KnnKlOptions } from "./estimators/divergence.js";
export { gaussianMI, gaussianCMI, gaussianEntropy, SingularCovarianceError, type GaussianOptions } from "./estimators/gaussian.js";
export { gaussianCopulaMI, gaussianCopulaCMI, type GaussianCopulaOptions } from "./estimators/gaussianCopula.js";
export { histogramMI, histogramCMI, histogramEntropy, type BinningOptions } from "./estimators/histogram.js";
export { adaptiveBinningMI, adaptiveBinningCMI, adaptiveBinningEntropy } from "./estimators/adaptiveBinning.js";
export { kdeMI, kdeCMI, kdeEntropy, type KdeOptions } from "./estimators/kde.js";
export { kdeEntropyUpperBound, kdeEntropyLowerBound, kdeMutualInformationBounds } from "./estimators/kdeBounds.js";
export { ross, gao, type RossOptions, type GaoOptions } from "./estimators/mixed.js";
export {
  discreteEntropy, discreteMI, discreteCMI, pluginEntropy, pluginMI, pluginCMI, millerMadowEntropy, millerMadowMI,
  grassbergerEntropy, grassbergerMI, chaoShenEntropy, chaoShenMI, nsbEntropy, nsbMI, DISCRETE_ESTIMATOR_IDS,
  type DiscreteOptions,
} from "./estimators/discrete.js";

// Uncertainty
export {
  bootstrap, subsample, blockBootstrap, jackknife, permutationTest, estimateWithUncertainty,
  type BootstrapOptions, type SubsampleOptions, type BlockBootstrapOptions, type JackknifeOptions, type PermutationTestOptions,
} from "./core/inference/index.js";

// Multivariate and time-series measures
export { totalCorrelation, dualTotalCorrelation, oInformation, sInformation, multivariateInformation } from "./measures/multivariateInformation.js";
export { oInformationSweep } from "./measures/oInformationSweep.js";
export { transferEntropy, type TransferEntropyOptions } from "./measures/transferEntropy.js";
export { activeInformationStorage, type ActiveInformationStorageOptions } from "./measures/activeInformationStorage.js";
export { columnsAsVariables } from "./measures/multivariateInformation.js";
export { gaussianMultivariateFromCovariance } from "./measures/gaussianMultivariate.js";
export { pid, pidFromDistribution, PID_MEASURES, type PidResult, type PidOptions, type PidMeasure } from "./measures/pid/pid.js";
export { pidDistributionFromOutcomes, type PidDistribution } from "./measures/pid/pidDistribution.js";
export { gaussianPid, gaussianPidFromCovariance } from "./measures/pid/gaussianPid.js";
