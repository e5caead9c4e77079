/**
 * minfo/neural: neural variational MI estimators on TF.js (wasm backend by default in Node,
 * cpu as the reference). See docs/neural.md.
 */
export { NEURAL_BACKENDS, setWasmDirectory, tf, useBackend, type NeuralBackend } from "./engine.js";
export { wasmDirectory } from "./wasmPrefix.js";
export { dense, logSumExp, matMul, softplus, stopGradient } from "./ops.js";
export { ownKernelsEnabled, setOwnKernels } from "./kernels/enabled.js";
export { makeScores, scoresFromMatrix, type Scores } from "./bounds/scores.js";
export { dvBound } from "./bounds/dv.js";
export { nwjBound } from "./bounds/nwj.js";
export { infoNceBound, infoNceCap } from "./bounds/infoNce.js";
export { jsObjective, jsReadout } from "./bounds/js.js";
export { SMILE_DEFAULT_TAU, smileBound, smileObjective } from "./bounds/smile.js";
export { MINE_EMA_FLOOR, mineStep, updateMineAverage, type MineStep } from "./bounds/mine.js";
export { clubBound, clubLogLikelihood } from "./bounds/club.js";
export { wassersteinBound } from "./bounds/wasserstein.js";
export { createCritic, CRITIC_KINDS, type Critic, type CriticConfig, type CriticKind, type NegativePlan } from "./critics/critic.js";
export { ACTIVATIONS, createMlp, mlpForward, type Activation, type Mlp } from "./critics/mlp.js";
export { createGaussianConditional, type GaussianConditional } from "./critics/gaussianConditional.js";
export { learningRate, trainAndEvaluate, type TrainResult, type TrainSettings, type TrainingCurve, type TrainingProblem } from "./train.js";
export { clubMI, infoNceMI, jsMI, mineMI, NEURAL_HEAVY_TAIL_RATIO, neuralMI, nwjMI, smileMI, wpcMI } from "./neuralEstimators.js";
export { lazyNeuralMI, NEURAL_REFS, neuralEstimators } from "./descriptors.js";
export {
  ACTIVATIONS as NEURAL_ACTIVATIONS,
  NEURAL_DEFAULTS,
  NEURAL_LR_DEFAULTS,
  neuralOptionSpecs,
  resolveNeuralOptions,
  type Lipschitz,
  type LrSchedule,
  type NeuralEstimatorId,
  type NeuralMIEstimator,
  type NeuralOptions,
  type Readout,
  type ResolvedNeuralOptions,
  type WpcObjective,
} from "./options.js";
export { NEURAL_REFERENCES } from "./references.js";
