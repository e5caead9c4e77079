/**
 * Options of the neural estimators: types, defaults, validation and the CLI/registry option
 * specs. No TF.js import here, so that listing or validating options does not load TF.js.
 */
import { assertKnownOptions, integerOption, numberOption } from "../core/data/validate.js";
import { InvalidArgumentError } from "../core/errors.js";
import type { MatrixInput } from "../core/data/validate.js";
import type { Estimate, MIEstimator, RunOptions } from "../core/types.js";
import type { OptionSpec } from "../estimators/descriptor.js";

export type CriticKind = "separable" | "joint" | "bilinear";
export const CRITIC_KINDS: readonly CriticKind[] = Object.freeze(["separable", "joint", "bilinear"]);
export type Activation = "relu" | "tanh" | "elu" | "softplus";
export const ACTIVATIONS: readonly Activation[] = Object.freeze(["relu", "tanh", "elu", "softplus"]);
export type NeuralBackend = "wasm" | "cpu";
export const NEURAL_BACKENDS: readonly NeuralBackend[] = Object.freeze(["wasm", "cpu"]);
export type LrSchedule = "constant" | "cosine";
export type Readout = "best" | "last";
/** SMILE's default clipping threshold tau (torch-mist, Song & Ermon's code). */
export const SMILE_DEFAULT_TAU = 5;

export type NeuralEstimatorId = "mine" | "nwj" | "infonce" | "js" | "smile" | "wpc" | "club";
/** A neural MI estimator: `estimate` is asynchronous (training) and accepts any MatrixInput. */
export interface NeuralMIEstimator extends MIEstimator<ResolvedNeuralOptions> {
  estimate(x: MatrixInput, y: MatrixInput, run?: RunOptions): Promise<Estimate>;
}

export type Lipschitz = "gradient-penalty" | "spectral";
export type WpcObjective = "infonce" | "wasserstein";

/** Options of the neural MI estimators (each estimator takes the common ones plus its own). */
export interface NeuralOptions {
  /** Training steps (Adam updates); default 2000. */
  readonly steps?: number;
  /** Mini-batch size B (capped at the number of training rows); default 128. */
  readonly batchSize?: number;
  /** Adam learning rate; default per bound (NEURAL_LR_DEFAULTS: 1e-3 for smile, nwj, mine; 2e-4 otherwise). */
  readonly lr?: number;
  /** "constant" or "cosine" decay to lr / 20 (default per bound: NEURAL_LR_DEFAULTS). */
  readonly lrSchedule?: LrSchedule;
  /** Clip the global gradient norm at this value; 0 = off; default 10. */
  readonly clipNorm?: number;
  /** Critic architecture (not club); default "separable". */
  readonly critic?: CriticKind;
  /** Hidden layer widths; default [128, 128]. A single number is one hidden layer. */
  readonly hidden?: number | readonly number[];
  /** Embedding size of separable/bilinear critics; default 32. */
  readonly embedding?: number;
  /**
   * Hidden-layer activation; default "softplus" (smooth: on a 5+5 Gaussian it brought SMILE from
   * 12.6% to 2.6-7.3% below the truth at N = 5000 where relu overfits early; docs/neural.md).
   */
  readonly activation?: Activation;
  /** Joint critic: shuffled negatives per joint row (K); default 1. */
  readonly negatives?: number;
  /** Joint critic: score all B^2 pairs instead of K shuffles (B^2 network passes); default false. */
  readonly allPairs?: boolean;
  /** Fraction of rows used for training; the rest is held out for the estimate; default 0.5. */
  readonly trainFraction?: number;
  /** Evaluate on the held-out rows every this many steps; default 100. */
  readonly evalEvery?: number;
  /** Stop after this many evaluations without improvement; 0 = off; default 5. */
  readonly patience?: number;
  /** Held-out rows per evaluation chunk (the estimate averages chunks); default 1024. */
  readonly evalBatchSize?: number;
  /** "best" (default): the best held-out value seen; "last": the value after the last step. */
  readonly readout?: Readout;
  /** z-score each column with training-set statistics first; default true. */
  readonly standardize?: boolean;
  /**
   * Replace each column by its normal scores Φ⁻¹(rank / (N + 1)) first (ranks over all rows of
   * that column; a per-column monotone map, so MI is unchanged, and the pairing is not used).
   * Heavy tails otherwise leave the critic nothing to learn from, or let a few extreme held-out
   * rows push a DV-type read-out far above the truth (docs/neural.md, "Heavy tails"). Default
   * "auto": only when a column's tail ratio (q99 − q01)/(q75 − q25) exceeds 5 (NEURAL_HEAVY_TAIL_RATIO).
   */
  readonly normalScores?: boolean | "auto";
  /**
   * Append each side's centred squared norm (|s|^2 - d) / sqrt(2d) of its columns' normal scores s
   * to the critic's inputs (a function of the inputs, so MI is unchanged). It lets a critic learn a dependence carried by a
   * shared scale (Student t), which otherwise leaves every bound near 0. Default "auto": only
   * when the squared norms of x and y are more correlated than a Gaussian dependence explains
   * (`scaleDependence`, src/neural/normFeature.ts; docs/neural.md, "Shared scale").
   */
  readonly normFeature?: boolean | "auto";
  /** TF.js backend; default "wasm". */
  readonly backend?: NeuralBackend;
  /** smile: clipping threshold tau; default 5. */
  readonly tau?: number;
  /** mine: moving-average momentum; default 0.9. */
  readonly momentum?: number;
  /** wpc: how the critic is kept Lipschitz; default "gradient-penalty". */
  readonly lipschitz?: Lipschitz;
  /** wpc: gradient-penalty weight lambda; default 10. */
  readonly penalty?: number;
  /** wpc: "infonce" (WPC, default) or "wasserstein" (the dual W1 dependency measure). */
  readonly objective?: WpcObjective;
}

/** Options with defaults filled in. */
export interface ResolvedNeuralOptions {
  readonly steps: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly lrSchedule: LrSchedule;
  readonly clipNorm: number;
  readonly critic: CriticKind;
  readonly hidden: readonly number[];
  readonly embedding: number;
  readonly activation: Activation;
  readonly negatives: number;
  readonly allPairs: boolean;
  readonly trainFraction: number;
  readonly evalEvery: number;
  readonly patience: number;
  readonly evalBatchSize: number;
  readonly readout: Readout;
  readonly standardize: boolean;
  readonly normalScores: boolean | "auto";
  readonly normFeature: boolean | "auto";
  readonly backend: NeuralBackend;
  readonly tau?: number;
  readonly momentum?: number;
  readonly lipschitz?: Lipschitz;
  readonly penalty?: number;
  readonly objective?: WpcObjective;
}

const COMMON = [
  "steps",
  "batchSize",
  "lr",
  "lrSchedule",
  "clipNorm",
  "hidden",
  "activation",
  "trainFraction",
  "evalEvery",
  "patience",
  "evalBatchSize",
  "readout",
  "standardize",
  "normalScores",
  "normFeature",
  "backend",
] as const;
const CRITIC_KEYS = ["critic", "embedding", "negatives", "allPairs"] as const;
const OWN: Record<NeuralEstimatorId, readonly string[]> = {
  mine: ["momentum"],
  nwj: [],
  infonce: [],
  js: [],
  smile: ["tau"],
  wpc: ["lipschitz", "penalty", "objective"],
  club: [],
};

export const NEURAL_DEFAULTS = Object.freeze({
  steps: 2000,
  batchSize: 128,
  lr: 2e-4,
  lrSchedule: "constant" as LrSchedule,
  clipNorm: 10,
  critic: "separable" as CriticKind,
  hidden: Object.freeze([128, 128]) as readonly number[],
  embedding: 32,
  activation: "softplus" as Activation,
  negatives: 1,
  allPairs: false,
  trainFraction: 0.5,
  evalEvery: 100,
  patience: 5,
  evalBatchSize: 1024,
  readout: "best" as Readout,
  standardize: true,
  normalScores: "auto" as boolean | "auto",
  normFeature: "auto" as boolean | "auto",
  backend: "wasm" as NeuralBackend,
  tau: SMILE_DEFAULT_TAU,
  momentum: 0.9,
  lipschitz: "gradient-penalty" as Lipschitz,
  penalty: 10,
  objective: "infonce" as WpcObjective,
});

/**
 * Learning rate and schedule per bound; NEURAL_DEFAULTS.lr / lrSchedule are the base. SMILE, NWJ
 * and MINE train at 1e-3 with a cosine decay to 5e-5: as accurate or better than 2e-4 constant on
 * the 5+5 Gaussians (0.72 and 2 nats) and much better on the 20+20 staircase level (4 nats: SMILE
 * 3.97-4.05 against 3.23-3.48), and sooner done (docs/neural.md, "Learning rate"). InfoNCE and JS
 * keep 2e-4 (at 1e-3 + cosine their 4-nat values fell: InfoNCE 3.44-3.48 against 3.50-3.54, JS
 * 2.28 against 2.54-2.74); WPC and CLUB were not measured and keep the base.
 */
export const NEURAL_LR_DEFAULTS: Readonly<Record<NeuralEstimatorId, { readonly lr: number; readonly lrSchedule: LrSchedule }>> = Object.freeze({
  smile: Object.freeze({ lr: 1e-3, lrSchedule: "cosine" as LrSchedule }),
  nwj: Object.freeze({ lr: 1e-3, lrSchedule: "cosine" as LrSchedule }),
  mine: Object.freeze({ lr: 1e-3, lrSchedule: "cosine" as LrSchedule }),
  infonce: Object.freeze({ lr: NEURAL_DEFAULTS.lr, lrSchedule: NEURAL_DEFAULTS.lrSchedule }),
  js: Object.freeze({ lr: NEURAL_DEFAULTS.lr, lrSchedule: NEURAL_DEFAULTS.lrSchedule }),
  wpc: Object.freeze({ lr: NEURAL_DEFAULTS.lr, lrSchedule: NEURAL_DEFAULTS.lrSchedule }),
  club: Object.freeze({ lr: NEURAL_DEFAULTS.lr, lrSchedule: NEURAL_DEFAULTS.lrSchedule }),
});

function choice<T extends string>(fn: string, name: string, value: unknown, choices: readonly T[], dflt: T): T {
  if (value === undefined) return dflt;
  if (typeof value !== "string" || !choices.includes(value as T)) {
    throw new InvalidArgumentError(`${fn}: ${name} must be one of ${choices.join(", ")}; got ${JSON.stringify(value)}.`, name);
  }
  return value as T;
}

function bool(fn: string, name: string, value: unknown, dflt: boolean): boolean {
  if (value === undefined) return dflt;
  if (typeof value !== "boolean") throw new InvalidArgumentError(`${fn}: ${name} must be true or false; got ${JSON.stringify(value)}.`, name);
  return value;
}

function boolOrAuto(fn: string, name: string, value: unknown, dflt: boolean | "auto"): boolean | "auto" {
  if (value === undefined) return dflt;
  if (typeof value !== "boolean" && value !== "auto") throw new InvalidArgumentError(`${fn}: ${name} must be true, false or "auto"; got ${JSON.stringify(value)}.`, name);
  return value;
}

function resolveHidden(fn: string, value: unknown): readonly number[] {
  if (value === undefined) return NEURAL_DEFAULTS.hidden;
  const list = typeof value === "number" ? [value] : value;
  if (!Array.isArray(list) || list.length > 16 || list.some((v) => typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 65536)) {
    throw new InvalidArgumentError(`${fn}: hidden must be a list of at most 16 integers in [1, 65536] (layer widths); got ${JSON.stringify(value)}.`, "hidden");
  }
  return Object.freeze([...(list as number[])]);
}

/** Validates options for estimator `id` and fills in defaults. @throws InvalidArgumentError */
export function resolveNeuralOptions(id: NeuralEstimatorId, options: NeuralOptions = {}): ResolvedNeuralOptions {
  const fn = id;
  if (typeof options !== "object" || options === null) throw new InvalidArgumentError(`${fn}: options must be an object; got ${String(options)}.`, "options");
  const d = NEURAL_DEFAULTS;
  let o = options as Record<string, unknown>;
  if (id === "club") {
    // club's resolved options carry the critic keys at their fixed values (critic "separable",
    // the defaults); accept exactly those so that resolved options can be resolved again (a
    // worker pool rebuilds an estimator from its id and resolved options).
    const fixed: Record<string, unknown> = { critic: "separable", embedding: d.embedding, negatives: d.negatives, allPairs: d.allPairs };
    if (CRITIC_KEYS.every((k) => o[k] === undefined || o[k] === fixed[k])) {
      o = Object.fromEntries(Object.entries(o).filter(([k]) => !(CRITIC_KEYS as readonly string[]).includes(k)));
    }
  }
  const known = [...COMMON, ...(id === "club" ? [] : CRITIC_KEYS), ...OWN[id]];
  assertKnownOptions(fn, o, known);
  const lipschitz = id === "wpc" ? choice<Lipschitz>(fn, "lipschitz", o.lipschitz, ["gradient-penalty", "spectral"], d.lipschitz) : undefined;
  const critic = choice(fn, "critic", o.critic, CRITIC_KINDS, lipschitz === "spectral" ? "joint" : d.critic);
  if (lipschitz === "spectral" && critic !== "joint") {
    throw new InvalidArgumentError(`${fn}: lipschitz "spectral" needs critic "joint" (a product g(x)^T h(y) of normalised networks is not 1-Lipschitz); got critic "${critic}".`, "critic");
  }
  const r: ResolvedNeuralOptions = {
    steps: o.steps === undefined ? d.steps : integerOption(fn, "steps", o.steps, 1, 10_000_000),
    batchSize: o.batchSize === undefined ? d.batchSize : integerOption(fn, "batchSize", o.batchSize, 2, 1_000_000),
    lr: o.lr === undefined ? NEURAL_LR_DEFAULTS[id].lr : numberOption(fn, "lr", o.lr, Number.MIN_VALUE, Infinity),
    lrSchedule: choice<LrSchedule>(fn, "lrSchedule", o.lrSchedule, ["constant", "cosine"], NEURAL_LR_DEFAULTS[id].lrSchedule),
    clipNorm: o.clipNorm === undefined ? d.clipNorm : numberOption(fn, "clipNorm", o.clipNorm, 0),
    critic: id === "club" ? "separable" : critic,
    hidden: resolveHidden(fn, o.hidden),
    embedding: o.embedding === undefined ? d.embedding : integerOption(fn, "embedding", o.embedding, 1, 65536),
    activation: choice(fn, "activation", o.activation, ACTIVATIONS, d.activation),
    negatives: o.negatives === undefined ? d.negatives : integerOption(fn, "negatives", o.negatives, 1, 1_000_000),
    allPairs: bool(fn, "allPairs", o.allPairs, d.allPairs),
    trainFraction: o.trainFraction === undefined ? d.trainFraction : numberOption(fn, "trainFraction", o.trainFraction, 0.01, 1),
    evalEvery: o.evalEvery === undefined ? d.evalEvery : integerOption(fn, "evalEvery", o.evalEvery, 1),
    patience: o.patience === undefined ? d.patience : integerOption(fn, "patience", o.patience, 0),
    evalBatchSize: o.evalBatchSize === undefined ? d.evalBatchSize : integerOption(fn, "evalBatchSize", o.evalBatchSize, 2),
    readout: choice<Readout>(fn, "readout", o.readout, ["best", "last"], d.readout),
    standardize: bool(fn, "standardize", o.standardize, d.standardize),
    normalScores: boolOrAuto(fn, "normalScores", o.normalScores, d.normalScores),
    normFeature: boolOrAuto(fn, "normFeature", o.normFeature, normFeatureDefault(id)),
    backend: choice(fn, "backend", o.backend, NEURAL_BACKENDS, d.backend),
    ...(id === "smile" ? { tau: o.tau === undefined ? d.tau : numberOption(fn, "tau", o.tau, Number.MIN_VALUE) } : {}),
    ...(id === "mine" ? { momentum: o.momentum === undefined ? d.momentum : numberOption(fn, "momentum", o.momentum, 0, 0.9999) } : {}),
    ...(id === "wpc"
      ? {
          lipschitz,
          penalty: o.penalty === undefined ? d.penalty : numberOption(fn, "penalty", o.penalty, 0),
          objective: choice<WpcObjective>(fn, "objective", o.objective, ["infonce", "wasserstein"], d.objective),
        }
      : {}),
  };
  return Object.freeze(r);
}

const dd = NEURAL_DEFAULTS;
const COMMON_SPECS: readonly OptionSpec[] = [
  { name: "steps", type: "integer", default: dd.steps, min: 1, description: "training steps (Adam updates)" },
  { name: "batchSize", type: "integer", default: dd.batchSize, min: 2, description: "mini-batch size B" },
  { name: "lr", type: "number", default: dd.lr, min: 0, description: "Adam learning rate" },
  { name: "lrSchedule", type: "string", default: dd.lrSchedule, choices: ["constant", "cosine"], description: "learning-rate schedule (cosine: decay to lr/20)" },
  { name: "clipNorm", type: "number", default: dd.clipNorm, min: 0, description: "clip the global gradient norm (0 = off)" },
  { name: "hidden", type: "integer-list", default: [...dd.hidden], min: 1, description: "hidden layer widths, e.g. 256,256" },
  { name: "activation", type: "string", default: dd.activation, choices: [...ACTIVATIONS], description: "hidden-layer activation" },
  { name: "trainFraction", type: "number", default: dd.trainFraction, min: 0.01, max: 1, description: "fraction of rows used for training; the rest gives the held-out estimate" },
  { name: "evalEvery", type: "integer", default: dd.evalEvery, min: 1, description: "steps between held-out evaluations" },
  { name: "patience", type: "integer", default: dd.patience, min: 0, description: "early stopping: evaluations without improvement (0 = off)" },
  { name: "evalBatchSize", type: "integer", default: dd.evalBatchSize, min: 2, description: "held-out rows per evaluation chunk" },
  { name: "readout", type: "string", default: dd.readout, choices: ["best", "last"], description: "report the best held-out value or the last one" },
  { name: "standardize", type: "boolean", default: dd.standardize, description: "z-score columns with training statistics" },
  {
    name: "normalScores",
    type: "boolean",
    default: dd.normalScores,
    choices: ["auto"],
    description: 'replace each column by its normal scores first (MI unchanged; tames heavy tails); "auto": only when a column is heavy-tailed',
  },
  {
    name: "normFeature",
    type: "boolean",
    default: dd.normFeature,
    choices: ["auto"],
    description: 'append each side\'s centred squared norm to the critic inputs (MI unchanged; learns a shared-scale dependence); "auto": only when the norms are more correlated than a Gaussian dependence explains',
  },
  { name: "backend", type: "string", default: dd.backend, choices: [...NEURAL_BACKENDS], description: "TF.js backend" },
];
const CRITIC_SPECS: readonly OptionSpec[] = [
  { name: "critic", type: "string", default: dd.critic, choices: [...CRITIC_KINDS], description: "critic: separable g(x)'h(y), joint MLP([x;y]), bilinear g(x)'W h(y)" },
  { name: "embedding", type: "integer", default: dd.embedding, min: 1, description: "embedding size of separable/bilinear critics" },
  { name: "negatives", type: "integer", default: dd.negatives, min: 1, description: "joint critic: shuffled negatives per row" },
  { name: "allPairs", type: "boolean", default: dd.allPairs, description: "joint critic: score all B^2 pairs" },
];
/**
 * normFeature's default: "auto", except for club, where it is false. CLUB fits a Gaussian q(y|x);
 * a squared-norm column of y is far from Gaussian given x, and on bmi's shared-scale tasks the
 * feature pushed CLUB's upper bound to 5-11x the truth (docs/neural.md, "Shared scale").
 */
export function normFeatureDefault(id: NeuralEstimatorId): boolean | "auto" {
  return id === "club" ? false : NEURAL_DEFAULTS.normFeature;
}

/** Option specs of estimator `id` (common, critic, own). */
export function neuralOptionSpecs(id: NeuralEstimatorId): readonly OptionSpec[] {
  const lrd = NEURAL_LR_DEFAULTS[id];
  const perBound: Record<string, unknown> = { lr: lrd.lr, lrSchedule: lrd.lrSchedule, normFeature: normFeatureDefault(id) };
  const common = COMMON_SPECS.map((spec) => (spec.name in perBound ? { ...spec, default: perBound[spec.name] } : spec)) as OptionSpec[];
  return [...common, ...(id === "club" ? [] : CRITIC_SPECS), ...OWN_SPECS[id]];
}

const OWN_SPECS: Record<NeuralEstimatorId, readonly OptionSpec[]> = {
  mine: [{ name: "momentum", type: "number", default: dd.momentum, min: 0, max: 0.9999, description: "MINE moving-average momentum" }],
  nwj: [],
  infonce: [],
  js: [],
  smile: [{ name: "tau", type: "number", default: dd.tau, min: 0, description: "SMILE clipping threshold" }],
  wpc: [
    { name: "lipschitz", type: "string", default: dd.lipschitz, choices: ["gradient-penalty", "spectral"], description: "Lipschitz constraint of the WPC critic" },
    { name: "penalty", type: "number", default: dd.penalty, min: 0, description: "gradient-penalty weight lambda" },
    { name: "objective", type: "string", default: dd.objective, choices: ["infonce", "wasserstein"], description: "WPC objective: infonce (MI lower bound) or wasserstein (W1 dependency)" },
  ],
  club: [],
};

