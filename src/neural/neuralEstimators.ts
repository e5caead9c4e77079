import type { Scalar, Tensor2D } from "@tensorflow/tfjs-core";
import { assertMinRows, toPairedMatrices } from "../core/data/validate.js";
import { finishEstimate } from "../core/estimate.js";
import { createRng, validateSeed, type Rng } from "../core/random/rng.js";
import type { Estimate, Matrix, ResultWarning, RunOptions } from "../core/types.js";
import type { MatrixInput } from "../core/data/validate.js";
import { TrainingDivergedError } from "../core/errors.js";
import { resolveUnits } from "../core/units.js";
import { normalScores } from "../estimators/auto/summaries.js";
import { HEAVY_TAIL_MIN_ROWS, tailRatio } from "../estimators/knnPrep.js";
import { smallSampleWarning, warning } from "../core/warnings.js";
import { clubBound, clubLogLikelihood } from "./bounds/club.js";
import { dvBound } from "./bounds/dv.js";
import { infoNceBound, infoNceCap } from "./bounds/infoNce.js";
import { jsObjective } from "./bounds/js.js";
import { mineStep, updateMineAverage } from "./bounds/mine.js";
import { nwjBound } from "./bounds/nwj.js";
import type { Scores } from "./bounds/scores.js";
import { smileBound } from "./bounds/smile.js";
import { wassersteinBound } from "./bounds/wasserstein.js";
import { createCritic, rollRows, type Critic, type NegativePlan } from "./critics/critic.js";
import { createGaussianConditional } from "./critics/gaussianConditional.js";
import { NEURAL_REFS } from "./descriptors.js";
import { appendColumn, normFeature, scaleDependence, type ScaleDependence } from "./normFeature.js";
import { tf, useBackend } from "./engine.js";
import { resolveNeuralOptions, type NeuralEstimatorId, type NeuralOptions, type ResolvedNeuralOptions, type NeuralMIEstimator } from "./options.js";
import { stillRising } from "./stillRising.js";
import { trainAndEvaluate, type TrainingProblem } from "./train.js";

export type { NeuralEstimatorId, NeuralOptions, ResolvedNeuralOptions } from "./options.js";

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
        case "smile":
          // The gradient of smileObjective, without taping the SMILE value: the value is not
          // part of the loss, so backprop skips it (its clip and log-sum-exp would otherwise
          // propagate zeros; measured 15-20% of a step).
          return { loss: tf.neg(jsObjective(s)) as Scalar, value: smileBound(s, r.tau) };
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
export function neuralMI(id: NeuralEstimatorId, options: NeuralOptions = {}): NeuralMIEstimator {
  const r = resolveNeuralOptions(id, options);
  return Object.freeze({
    id,
    options: r,
    estimate: (x: MatrixInput, y: MatrixInput, run: RunOptions = {}) => estimateNeural(id, r, x, y, run),
  });
}

async function estimateNeural(id: NeuralEstimatorId, r: ResolvedNeuralOptions, xIn: unknown, yIn: unknown, run: RunOptions): Promise<Estimate> {
  const startedAt = performance.now();
  const fn = id;
  const [xIn2, yIn2] = toPairedMatrices(fn, { x: xIn, y: yIn });
  // Normal scores: a per-column monotone map (MI unchanged) that removes heavy tails; "auto"
  // applies it only when a column is heavy-tailed.
  const heavyIn = r.normalScores === true ? [] : heavyTailedColumns(xIn2, "x").concat(heavyTailedColumns(yIn2, "y"));
  const scored = r.normalScores === true || (r.normalScores === "auto" && heavyIn.length > 0);
  const x = scored ? normalScores(xIn2) : xIn2;
  const y = scored ? normalScores(yIn2) : yIn2;
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
  // The squared-norm feature (a function of the inputs, MI unchanged): on request, or when the
  // training rows show a dependence in scale that a Gaussian one does not explain.
  const sx = r.normFeature === false ? undefined : scored ? x : normalScores(x);
  const sy = r.normFeature === false ? undefined : scored ? y : normalScores(y);
  const scale: ScaleDependence | undefined = sx && sy ? scaleDependence(sx, sy, trainRows) : undefined;
  const withNorm = r.normFeature === true || (scale !== undefined && scale.excess > scale.threshold);
  const extra = withNorm ? 1 : 0;
  const inputs = (p: { data: Float32Array }, s: Matrix | undefined, rows: Int32Array, cols: number) =>
    withNorm && s ? appendColumn(p.data, rows.length, cols, normFeature(s, rows)) : p.data;

  await useBackend(r.backend, fn);
  const data = {
    xTrain: tf.tensor2d(inputs(xt, sx, trainRows, x.cols), [trainRows.length, x.cols + extra]) as Tensor2D,
    yTrain: tf.tensor2d(inputs(yt, sy, trainRows, y.cols), [trainRows.length, y.cols + extra]) as Tensor2D,
    xTest: tf.tensor2d(inputs(xe, sx, testRows, x.cols), [testRows.length, x.cols + extra]) as Tensor2D,
    yTest: tf.tensor2d(inputs(ye, sy, testRows, y.cols), [testRows.length, y.cols + extra]) as Tensor2D,
  };
  let built: Built | undefined;
  let result;
  try {
    built = buildProblem(id, r, x.cols + extra, y.cols + extra, rng.fork(1));
    result = await trainAndEvaluate(built.problem, data, r, { fn, rng: rng.fork(2), signal: run.signal, onProgress: run.onProgress });
  } catch (e) {
    // Divergence on heavy-tailed columns (a few huge inputs blow up exp(critic)): say so.
    const heavy = scored ? [] : heavyIn;
    if (e instanceof TrainingDivergedError && heavy.length > 0) {
      throw new TrainingDivergedError(`${e.message} Heavy tails in ${heavy.join(", ")}: try normalScores: true (CLI: --normal-scores true).`, e.step);
    }
    throw e;
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
  if (heavyIn.length > 0) {
    const where = `${fn}: heavy tails in ${heavyIn.join(", ")} (tail ratio (q99 - q01) / (q75 - q25) above ${NEURAL_HEAVY_TAIL_RATIO}; 3.4 for a normal)`;
    warnings.push(
      warning(
        "heavy-tails",
        scored
          ? `${where}; every column was replaced by its normal scores first (normalScores: "auto"; MI is unchanged by the per-column monotone map). ` +
              (withNorm
                ? `The squared norms of x and y are more correlated than a Gaussian dependence explains (a shared scale), so the critic also sees each side's squared norm (normFeature).`
                : r.normFeature === false
                  ? `normFeature is off: a dependence carried by a shared scale (Student t) leaves a critic near 0; normFeature: "auto" or true lets it learn one.`
                  : `The squared norms of x and y showed no dependence in scale beyond a Gaussian one (normFeature "auto"), so the critic sees the columns only.`)
          : `${where}; a few extreme rows dominate the critic's inputs: it can learn nothing, or the held-out read-out can land far above the truth (smile at lr 1e-3 gave 1.86 for 0.45 on bmi's Student t 5 x 5). ` +
              `Pass normalScores: true or "auto" (CLI: --normal-scores auto; MI is unchanged by the per-column monotone map).`,
      ),
    );
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
  const rising = id === "club" ? undefined : stillRising(result.curve, result.stoppedEarly);
  if (rising) {
    warnings.push(
      warning(
        "still-rising",
        `${fn}: the held-out estimate was still rising when training ended (${rising.from.toFixed(3)} at step ${rising.fromStep} -> ${rising.to.toFixed(3)} nats at step ${result.stepsRun}); ` +
          `more steps (steps: ${r.steps * 2}; CLI --steps ${r.steps * 2}) would likely give a higher, less biased value.`,
      ),
    );
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
        normalScoresApplied: scored,
        normFeatureApplied: withNorm,
        ...(scale ? { scaleDependence: scale } : {}),
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
      references: NEURAL_REFS[id],
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

/**
 * Tail ratio (q99 − q01)/(q75 − q25) above which a column counts as heavy-tailed for the neural
 * estimators (normalScores "auto" and the heavy-tails warning): 5, lower than the kNN warning's
 * 10, because a critic fails already on Student t with ν = 2-3 (tail ratios 8.5 and 5.5; normal
 * 3.4, its 95th percentile 4.4 at N = 20 and 3.6 at N = 1000). Measured with smile at lr 1e-3
 * without normal scores on bmi's Student t 5 × 5: 1.86 for 0.45 (ν = 2) and 0.94 for 0.30
 * (ν = 3), far above the truth; with them about 0 (docs/neural.md, "Heavy tails"). A false alarm
 * costs little: the scores are a per-column monotone map, MI is unchanged.
 */
export const NEURAL_HEAVY_TAIL_RATIO = 5;

/** "x[j] (ratio)" for each column of m whose tail ratio exceeds NEURAL_HEAVY_TAIL_RATIO. */
function heavyTailedColumns(m: Matrix, name: string): string[] {
  if (m.rows < HEAVY_TAIL_MIN_ROWS) return [];
  const out: string[] = [];
  for (let j = 0; j < m.cols; j++) {
    const r = tailRatio(m, j);
    if (r > NEURAL_HEAVY_TAIL_RATIO) out.push(`${name}[${j}] (${Number.isFinite(r) ? r.toPrecision(3) : r})`);
  }
  return out;
}
