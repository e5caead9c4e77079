import type { Scalar, Tensor2D } from "@tensorflow/tfjs-core";
import { assertKnownOptions, assertMinRows, assertSameRows, integerOption, numberOption, toMatrix } from "../core/data/validate.js";
import { finishEstimate } from "../core/estimate.js";
import { InvalidArgumentError } from "../core/errors.js";
import { createRng, validateSeed, type Rng } from "../core/random/rng.js";
import type { Estimate, Matrix, MIEstimator, Reference, ResultWarning, RunOptions } from "../core/types.js";
import { resolveUnits } from "../core/units.js";
import { smallSampleWarning, warning } from "../core/warnings.js";
import type { EstimatorDescriptor, OptionSpec } from "../estimators/descriptor.js";
import { clubBound, clubLogLikelihood } from "./bounds/club.js";
import { dvBound } from "./bounds/dv.js";
import { infoNceBound, infoNceCap } from "./bounds/infoNce.js";
import { jsObjective } from "./bounds/js.js";
import { mineStep, updateMineAverage } from "./bounds/mine.js";
import { nwjBound } from "./bounds/nwj.js";
import type { Scores } from "./bounds/scores.js";
import { SMILE_DEFAULT_TAU, smileBound, smileObjective } from "./bounds/smile.js";
import { wassersteinBound } from "./bounds/wasserstein.js";
import { createCritic, CRITIC_KINDS, rollRows, type Critic, type CriticKind, type NegativePlan } from "./critics/critic.js";
import { createGaussianConditional } from "./critics/gaussianConditional.js";
import { ACTIVATIONS, type Activation } from "./critics/mlp.js";
import { NEURAL_BACKENDS, tf, useBackend, type NeuralBackend } from "./engine.js";
import { NEURAL_REFERENCES as R } from "./references.js";
import { trainAndEvaluate, type LrSchedule, type Readout, type TrainingProblem } from "./train.js";

export type NeuralEstimatorId = "mine" | "nwj" | "infonce" | "js" | "smile" | "wpc" | "club";
export type Lipschitz = "gradient-penalty" | "spectral";
export type WpcObjective = "infonce" | "wasserstein";

/** Options of the neural MI estimators (each estimator takes the common ones plus its own). */
export interface NeuralOptions {
  /** Training steps (Adam updates); default 2000. */
  readonly steps?: number;
  /** Mini-batch size B (capped at the number of training rows); default 128. */
  readonly batchSize?: number;
  /** Adam learning rate; default 1e-3. */
  readonly lr?: number;
  /** "constant" (default) or "cosine" decay to lr / 20. */
  readonly lrSchedule?: LrSchedule;
  /** Clip the global gradient norm at this value; 0 = off; default 10. */
  readonly clipNorm?: number;
  /** Critic architecture (not club); default "separable". */
  readonly critic?: CriticKind;
  /** Hidden layer widths; default [128, 128]. A single number is one hidden layer. */
  readonly hidden?: number | readonly number[];
  /** Embedding size of separable/bilinear critics; default 32. */
  readonly embedding?: number;
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
  lr: 1e-3,
  lrSchedule: "constant" as LrSchedule,
  clipNorm: 10,
  critic: "separable" as CriticKind,
  hidden: Object.freeze([128, 128]) as readonly number[],
  embedding: 32,
  activation: "relu" as Activation,
  negatives: 1,
  allPairs: false,
  trainFraction: 0.5,
  evalEvery: 100,
  patience: 5,
  evalBatchSize: 1024,
  readout: "best" as Readout,
  standardize: true,
  backend: "wasm" as NeuralBackend,
  tau: SMILE_DEFAULT_TAU,
  momentum: 0.9,
  lipschitz: "gradient-penalty" as Lipschitz,
  penalty: 10,
  objective: "infonce" as WpcObjective,
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
  const known = [...COMMON, ...(id === "club" ? [] : CRITIC_KEYS), ...OWN[id]];
  assertKnownOptions(fn, options, known);
  const o = options as Record<string, unknown>;
  const d = NEURAL_DEFAULTS;
  const lipschitz = id === "wpc" ? choice<Lipschitz>(fn, "lipschitz", o.lipschitz, ["gradient-penalty", "spectral"], d.lipschitz) : undefined;
  const critic = choice(fn, "critic", o.critic, CRITIC_KINDS, lipschitz === "spectral" ? "joint" : d.critic);
  if (lipschitz === "spectral" && critic !== "joint") {
    throw new InvalidArgumentError(`${fn}: lipschitz "spectral" needs critic "joint" (a product g(x)^T h(y) of normalised networks is not 1-Lipschitz); got critic "${critic}".`, "critic");
  }
  const r: ResolvedNeuralOptions = {
    steps: o.steps === undefined ? d.steps : integerOption(fn, "steps", o.steps, 1, 10_000_000),
    batchSize: o.batchSize === undefined ? d.batchSize : integerOption(fn, "batchSize", o.batchSize, 2, 1_000_000),
    lr: o.lr === undefined ? d.lr : numberOption(fn, "lr", o.lr, Number.MIN_VALUE, Infinity),
    lrSchedule: choice<LrSchedule>(fn, "lrSchedule", o.lrSchedule, ["constant", "cosine"], d.lrSchedule),
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

/** K distinct shifts in [1, b - 1] from rng (partial Fisher-Yates). */
function drawShifts(b: number, k: number, rng: Rng): number[] {
  const pool = Array.from({ length: b - 1 }, (_, i) => i + 1);
  const kk = Math.min(k, b - 1);
  for (let i = 0; i < kk; i++) {
    const j = i + rng.int(pool.length - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, kk);
}

function uniformColumn(b: number, rng: Rng): Float32Array {
  const u = new Float32Array(b);
  for (let i = 0; i < b; i++) u[i] = rng.float64();
  return u;
}

interface Built {
  readonly problem: TrainingProblem;
  dispose(): void;
}

/** The estimator-specific objective and read-out around a critic. */
function buildProblem(id: NeuralEstimatorId, r: ResolvedNeuralOptions, dx: number, dy: number, rng: Rng): Built {
  if (id === "club") {
    const q = createGaussianConditional(dx, dy, r.hidden, r.activation, rng);
    return {
      problem: {
        variables: q.variables,
        step(x, y) {
          const s = q.logLikelihoodScores(x, y);
          return { loss: tf.neg(clubLogLikelihood(s)) as Scalar, value: clubBound(s) };
        },
        evaluate(x, y) {
          const s = q.logLikelihoodScores(x, y);
          return { value: clubBound(s), criterion: clubLogLikelihood(s) };
        },
      },
      dispose: () => q.dispose(),
    };
  }
  const critic: Critic = createCritic(
    { kind: r.critic, hidden: r.hidden, embedding: r.embedding, activation: r.activation, spectral: r.lipschitz === "spectral" },
    dx,
    dy,
    rng,
  );
  const trainPlan = (b: number, stepRng: Rng): NegativePlan => (r.critic === "joint" && !r.allPairs ? { shifts: drawShifts(b, r.negatives, stepRng) } : "all");
  const evalPlan = (b: number): NegativePlan =>
    r.critic === "joint" && !r.allPairs ? { shifts: Array.from({ length: Math.min(r.negatives, b - 1) }, (_, i) => i + 1) } : "all";
  const readout = (s: Scores): Scalar => {
    switch (id) {
      case "nwj":
        return nwjBound(s);
      case "infonce":
        return infoNceBound(s);
      case "smile":
        return smileBound(s, r.tau);
      case "wpc":
        return r.objective === "wasserstein" ? wassersteinBound(s) : infoNceBound(s);
      default:
        return dvBound(s); // mine, js (DV read-out of the JS-trained critic)
    }
  };
  let average: number | undefined; // MINE's moving average
  const problem: TrainingProblem = {
    variables: critic.variables,
    beforeStep: () => critic.beforeStep(),
    step(x, y, stepRng) {
      const b = x.shape[0];
      const s = critic.scores(x, y, trainPlan(b, stepRng));
      switch (id) {
        case "mine": {
          const m = mineStep(s, average);
          return { loss: tf.neg(m.objective) as Scalar, value: m.value, extra: [m.batchMeanExp] };
        }
        case "js":
          return { loss: tf.neg(jsObjective(s)) as Scalar, value: dvBound(s) };
        case "smile": {
          const v = smileObjective(s, r.tau);
          return { loss: tf.neg(v) as Scalar, value: v };
        }
        case "wpc": {
          const v = readout(s);
          let loss = tf.neg(v) as Scalar;
          if (r.lipschitz === "gradient-penalty" && r.penalty! > 0) {
            const shift = 1 + stepRng.int(b - 1);
            const u = tf.tensor2d(uniformColumn(b, stepRng), [b, 1]);
            loss = tf.add(loss, tf.mul(critic.gradientPenalty(x, y, rollRows(y, shift), u), r.penalty!)) as Scalar;
          }
          return { loss, value: v };
        }
        default: {
          const v = readout(s);
          return { loss: tf.neg(v) as Scalar, value: v };
        }
      }
    },
    afterStep(extra) {
      if (id === "mine") average = updateMineAverage(average, extra[0], r.momentum!);
    },
    evaluate(x, y) {
      const v = readout(critic.scores(x, y, evalPlan(x.shape[0])));
      return { value: v, criterion: v };
    },
  };
  return { problem, dispose: () => critic.dispose() };
}

const REFS: Record<NeuralEstimatorId, readonly Reference[]> = {
  mine: [R.belghazi2018, R.poole2019],
  nwj: [R.nguyen2010, R.poole2019],
  infonce: [R.vandenOord2018, R.poole2019],
  js: [R.hjelm2019, R.poole2019],
  smile: [R.songErmon2020, R.poole2019],
  wpc: [R.ozair2019, R.gulrajani2017, R.miyato2018],
  club: [R.cheng2020],
};

/** Row subset of m as float32, z-scored with the statistics of `fitRows` when asked. */
function prepare(m: Matrix, rows: Int32Array, fitRows: Int32Array, standardize: boolean): { data: Float32Array; constant: number[] } {
  const d = m.cols;
  const mean = new Float64Array(d);
  const scale = new Float64Array(d).fill(1);
  const constant: number[] = [];
  if (standardize) {
    for (const i of fitRows) for (let j = 0; j < d; j++) mean[j] += m.data[i * d + j];
    for (let j = 0; j < d; j++) mean[j] /= fitRows.length;
    const ss = new Float64Array(d);
    for (const i of fitRows) {
      for (let j = 0; j < d; j++) {
        const c = m.data[i * d + j] - mean[j];
        ss[j] += c * c;
      }
    }
    for (let j = 0; j < d; j++) {
      const sd = Math.sqrt(ss[j] / Math.max(1, fitRows.length - 1));
      if (sd > 0) scale[j] = sd;
      else constant.push(j);
    }
  }
  const out = new Float32Array(rows.length * d);
  for (let r = 0; r < rows.length; r++) for (let j = 0; j < d; j++) out[r * d + j] = (m.data[rows[r] * d + j] - mean[j]) / scale[j];
  return { data: out, constant };
}

/**
 * A neural variational MI estimator (Poole et al. 2019): trains a critic on half of the rows
 * (default) and reports its bound on the other half.
 *
 * - "mine": DV bound, MINE's moving-average gradient (Belghazi et al. 2018).
 * - "nwj": NWJ bound (Nguyen et al. 2010).
 * - "infonce": InfoNCE (van den Oord et al. 2018); capped at log(K + 1) negatives per row
 *   (log of the evaluation chunk, 1024 rows by default, for all-pairs critics).
 * - "js": trained on the Jensen-Shannon f-GAN objective, read out with DV (Hjelm et al. 2019).
 * - "smile": SMILE (Song & Ermon 2020): JS gradient, value DV with clip(f, -tau, tau) negatives.
 * - "wpc": Wasserstein predictive coding (Ozair et al. 2019): InfoNCE with a Lipschitz critic
 *   (gradient penalty or spectral normalisation); objective "wasserstein" gives the W1
 *   dependency measure instead (quantity "wasserstein-dependency", not MI).
 * - "club": CLUB upper bound with a Gaussian q(y|x) fitted by maximum likelihood (Cheng et al. 2020).
 *
 * Complexity: O(steps * B * cost(critic)); separable critics score B^2 pairs from 2B passes.
 * Bias: lower bounds (all but club) are biased down when the critic is too small or training
 * too short; DV-type read-outs overshoot slightly on small held-out chunks; "best" read-out
 * (default) selects the maximum of the held-out evaluations, a small upward selection bias.
 * Units: nats inside, converted by `run.units`. Float32 inside TF.js.
 * Determinism: same seed, same backend -> identical estimate (weights and batches come from
 * minfo's Rng).
 * @throws InvalidArgumentError, ShapeMismatchError, NonFiniteValueError, InsufficientSamplesError,
 *   TrainingDivergedError (NaN/Inf loss, with the step), BackendUnavailableError, AbortError.
 * @example await neuralMI("smile", { steps: 1000 }).estimate(x, y, { seed: 1 })
 */
export function neuralMI(id: NeuralEstimatorId, options: NeuralOptions = {}): MIEstimator<ResolvedNeuralOptions> {
  const r = resolveNeuralOptions(id, options);
  return Object.freeze({
    id,
    options: r,
    estimate: (x: Matrix, y: Matrix, run: RunOptions = {}) => estimateNeural(id, r, x, y, run),
  });
}

async function estimateNeural(id: NeuralEstimatorId, r: ResolvedNeuralOptions, xIn: unknown, yIn: unknown, run: RunOptions): Promise<Estimate> {
  const startedAt = performance.now();
  const fn = id;
  const x = toMatrix(xIn, "x", fn);
  const y = toMatrix(yIn, "y", fn);
  assertSameRows(fn, [
    ["x", x],
    ["y", y],
  ]);
  const units = resolveUnits(run.units, fn);
  const seed = validateSeed(run.seed, fn);
  const n = x.rows;
  assertMinRows(fn, n, r.trainFraction === 1 ? 2 : 4, r.trainFraction === 1 ? "2 training rows" : "2 training and 2 held-out rows");
  const rng = createRng(seed);
  // Split: a seeded permutation; the first nTrain rows train, the rest are held out.
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const splitRng = rng.fork(0);
  for (let i = n - 1; i > 0; i--) {
    const j = splitRng.int(i + 1);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  const inSample = r.trainFraction === 1;
  const nTrain = inSample ? n : Math.min(n - 2, Math.max(2, Math.round(n * r.trainFraction)));
  const trainRows = perm.subarray(0, nTrain);
  const testRows = inSample ? trainRows : perm.subarray(nTrain);
  const xt = prepare(x, trainRows, trainRows, r.standardize);
  const yt = prepare(y, trainRows, trainRows, r.standardize);
  const xe = prepare(x, testRows, trainRows, r.standardize);
  const ye = prepare(y, testRows, trainRows, r.standardize);

  await useBackend(r.backend, fn);
  const data = {
    xTrain: tf.tensor2d(xt.data, [trainRows.length, x.cols]) as Tensor2D,
    yTrain: tf.tensor2d(yt.data, [trainRows.length, y.cols]) as Tensor2D,
    xTest: tf.tensor2d(xe.data, [testRows.length, x.cols]) as Tensor2D,
    yTest: tf.tensor2d(ye.data, [testRows.length, y.cols]) as Tensor2D,
  };
  let built: Built | undefined;
  let result;
  try {
    built = buildProblem(id, r, x.cols, y.cols, rng.fork(1));
    result = await trainAndEvaluate(built.problem, data, r, { fn, rng: rng.fork(2), signal: run.signal, onProgress: run.onProgress });
  } finally {
    built?.dispose();
    for (const t of Object.values(data)) t.dispose();
  }

  const warnings: ResultWarning[] = [];
  const small = smallSampleWarning(fn, n);
  if (small) warnings.push(small);
  for (const [name, c] of [
    ["x", xt.constant],
    ["y", yt.constant],
  ] as const) {
    if (c.length > 0) warnings.push(warning("constant-column", `${fn}: ${name} column(s) ${c.join(", ")} are constant in the training rows; they carry no information.`));
  }
  if (inSample) {
    warnings.push(Object.freeze({ code: "in-sample", message: `${fn}: trainFraction = 1, so the estimate is computed on the training rows and is biased upward by overfitting.` }));
  }
  const quantity = id === "wpc" && r.objective === "wasserstein" ? "wasserstein-dependency" : "mutual-information";
  const value = result.valueNats;
  let cap: number | undefined;
  if (id === "infonce" || (id === "wpc" && r.objective === "infonce")) {
    const perRow = r.critic === "joint" && !r.allPairs ? Math.min(r.negatives, result.evalChunk - 1) : result.evalChunk - 1;
    cap = infoNceCap(perRow);
    if (value > cap - 0.1) {
      warnings.push(
        Object.freeze({
          code: "bound-saturated",
          message: `${fn}: the estimate ${value.toFixed(3)} nats is within 0.1 of the InfoNCE cap log(${perRow + 1}) = ${cap.toFixed(3)}; the true MI may be larger (use more negatives, a larger evalBatchSize, or smile).`,
        }),
      );
    }
  }
  if (quantity === "mutual-information" && value < 0) {
    warnings.push(warning("negative-estimate", `${fn}: the estimate ${value.toPrecision(3)} nats is negative (returned raw); the critic found no dependence.`));
  }
  return finishEstimate(
    {
      quantity,
      valueNats: value,
      estimator: id,
      params: { ...r, hidden: [...r.hidden] },
      n,
      seed,
      warnings,
      details: {
        backend: r.backend,
        nTrain: trainRows.length,
        nTest: testRows.length,
        batchSize: Math.min(r.batchSize, trainRows.length),
        evalChunk: result.evalChunk,
        stepsRun: result.stepsRun,
        stoppedEarly: result.stoppedEarly,
        bestStep: result.bestStep,
        bestValueNats: result.bestValueNats,
        lastValueNats: result.lastValueNats,
        msPerStep: result.msPerStep,
        curve: result.curve,
        ...(cap !== undefined ? { cap } : {}),
        bound: id === "club" ? "upper" : quantity === "mutual-information" ? "lower" : "dual",
      },
      references: REFS[id],
      startedAt,
    },
    units,
  );
}

/** MINE: DV bound with the moving-average gradient correction. */
export const mineMI = (o?: NeuralOptions) => neuralMI("mine", o);
/** NWJ (f-GAN KL, MINE-f) lower bound. */
export const nwjMI = (o?: NeuralOptions) => neuralMI("nwj", o);
/** InfoNCE (CPC) lower bound, capped at log(K + 1). */
export const infoNceMI = (o?: NeuralOptions) => neuralMI("infonce", o);
/** Jensen-Shannon training with a DV read-out. */
export const jsMI = (o?: NeuralOptions) => neuralMI("js", o);
/** SMILE: JS training, clipped-DV value. */
export const smileMI = (o?: NeuralOptions) => neuralMI("smile", o);
/** WPC: InfoNCE (or W1) with a Lipschitz critic. */
export const wpcMI = (o?: NeuralOptions) => neuralMI("wpc", o);
/** CLUB upper bound with a Gaussian q(y|x). */
export const clubMI = (o?: NeuralOptions) => neuralMI("club", o);

// ---- registry descriptors -------------------------------------------------------------------

const d = NEURAL_DEFAULTS;
const COMMON_SPECS: readonly OptionSpec[] = [
  { name: "steps", type: "integer", default: d.steps, min: 1, description: "training steps (Adam updates)" },
  { name: "batchSize", type: "integer", default: d.batchSize, min: 2, description: "mini-batch size B" },
  { name: "lr", type: "number", default: d.lr, min: 0, description: "Adam learning rate" },
  { name: "lrSchedule", type: "string", default: d.lrSchedule, choices: ["constant", "cosine"], description: "learning-rate schedule (cosine: decay to lr/20)" },
  { name: "clipNorm", type: "number", default: d.clipNorm, min: 0, description: "clip the global gradient norm (0 = off)" },
  { name: "hidden", type: "integer-list", default: [...d.hidden], min: 1, description: "hidden layer widths, e.g. 256,256" },
  { name: "activation", type: "string", default: d.activation, choices: [...ACTIVATIONS], description: "hidden-layer activation" },
  { name: "trainFraction", type: "number", default: d.trainFraction, min: 0.01, max: 1, description: "fraction of rows used for training; the rest gives the held-out estimate" },
  { name: "evalEvery", type: "integer", default: d.evalEvery, min: 1, description: "steps between held-out evaluations" },
  { name: "patience", type: "integer", default: d.patience, min: 0, description: "early stopping: evaluations without improvement (0 = off)" },
  { name: "evalBatchSize", type: "integer", default: d.evalBatchSize, min: 2, description: "held-out rows per evaluation chunk" },
  { name: "readout", type: "string", default: d.readout, choices: ["best", "last"], description: "report the best held-out value or the last one" },
  { name: "standardize", type: "boolean", default: d.standardize, description: "z-score columns with training statistics" },
  { name: "backend", type: "string", default: d.backend, choices: [...NEURAL_BACKENDS], description: "TF.js backend" },
];
const CRITIC_SPECS: readonly OptionSpec[] = [
  { name: "critic", type: "string", default: d.critic, choices: [...CRITIC_KINDS], description: "critic: separable g(x)'h(y), joint MLP([x;y]), bilinear g(x)'W h(y)" },
  { name: "embedding", type: "integer", default: d.embedding, min: 1, description: "embedding size of separable/bilinear critics" },
  { name: "negatives", type: "integer", default: d.negatives, min: 1, description: "joint critic: shuffled negatives per row" },
  { name: "allPairs", type: "boolean", default: d.allPairs, description: "joint critic: score all B^2 pairs" },
];
const OWN_SPECS: Record<NeuralEstimatorId, readonly OptionSpec[]> = {
  mine: [{ name: "momentum", type: "number", default: d.momentum, min: 0, max: 0.9999, description: "MINE moving-average momentum" }],
  nwj: [],
  infonce: [],
  js: [],
  smile: [{ name: "tau", type: "number", default: d.tau, min: 0, description: "SMILE clipping threshold" }],
  wpc: [
    { name: "lipschitz", type: "string", default: d.lipschitz, choices: ["gradient-penalty", "spectral"], description: "Lipschitz constraint of the WPC critic" },
    { name: "penalty", type: "number", default: d.penalty, min: 0, description: "gradient-penalty weight lambda" },
    { name: "objective", type: "string", default: d.objective, choices: ["infonce", "wasserstein"], description: "WPC objective: infonce (MI lower bound) or wasserstein (W1 dependency)" },
  ],
  club: [],
};

const SUMMARY: Record<NeuralEstimatorId, string> = {
  mine: "MINE: neural Donsker-Varadhan lower bound with moving-average gradient correction.",
  nwj: "NWJ (f-GAN KL) neural lower bound.",
  infonce: "InfoNCE (CPC) neural lower bound; capped at log(negatives + 1).",
  js: "Jensen-Shannon-trained critic with a DV read-out.",
  smile: "SMILE: JS-trained critic, clipped DV value (tau = 5); the recommended neural estimator.",
  wpc: "Wasserstein predictive coding: InfoNCE with a Lipschitz critic (or the W1 dependency measure).",
  club: "CLUB: neural upper bound with a Gaussian q(y|x).",
};

function descriptor(id: NeuralEstimatorId): EstimatorDescriptor {
  return Object.freeze<EstimatorDescriptor>({
    id,
    summary: SUMMARY[id],
    family: "neural",
    accepts: ["continuous"],
    options: [...COMMON_SPECS, ...(id === "club" ? [] : CRITIC_SPECS), ...OWN_SPECS[id]],
    references: REFS[id],
    complexity: "O(steps * B * width^2) training + O(N_test * chunk) evaluation",
    mi: (o: Record<string, unknown>) => neuralMI(id, o as NeuralOptions),
  });
}

/** The neural estimators as registry descriptors (family "neural"). */
export const neuralEstimators: readonly EstimatorDescriptor[] = Object.freeze(
  (["mine", "nwj", "infonce", "js", "smile", "wpc", "club"] as const).map(descriptor),
);
