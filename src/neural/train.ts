import type { Scalar, Tensor, Tensor2D, Variable } from "@tensorflow/tfjs-core";
import { throwIfAborted, TrainingDivergedError } from "../core/errors.js";
import type { Rng } from "../core/random/rng.js";
import type { Progress } from "../core/types.js";
import { Adam } from "./adam.js";
import { tf } from "./engine.js";

import type { LrSchedule, Readout } from "./options.js";

export type { LrSchedule, Readout } from "./options.js";

/** Settings of `trainAndEvaluate` (all resolved). */
export interface TrainSettings {
  readonly steps: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly lrSchedule: LrSchedule;
  /** Global gradient-norm clip; 0 = off. */
  readonly clipNorm: number;
  /** Evaluate on the held-out set every this many steps. */
  readonly evalEvery: number;
  /** Stop after this many evaluations without improvement; 0 = never stop early. */
  readonly patience: number;
  readonly evalBatchSize: number;
  readonly readout: Readout;
}

/** What an estimator trains: its variables, a per-batch objective and a held-out read-out. */
export interface TrainingProblem {
  readonly variables: readonly Variable[];
  /** Outside the gradient tape, once per step (spectral power iteration). */
  beforeStep?(): void;
  /**
   * On a training batch: `loss` to minimise, `value` the batch's bound (for the curve) and
   * `extra` scalars handed to `afterStep` (MINE's batch mean of e^f).
   */
  step(x: Tensor2D, y: Tensor2D, rng: Rng): { loss: Scalar; value: Scalar; extra?: Scalar[] };
  afterStep?(extra: readonly number[]): void;
  /** On a held-out chunk: the reported `value` and the early-stopping `criterion` (larger is better). */
  evaluate(x: Tensor2D, y: Tensor2D): { value: Scalar; criterion: Scalar };
}

export interface TrainData {
  readonly xTrain: Tensor2D;
  readonly yTrain: Tensor2D;
  readonly xTest: Tensor2D;
  readonly yTest: Tensor2D;
}

export interface TrainingCurve {
  /** Step after which each point was recorded. */
  readonly step: number[];
  /** Mean training-batch bound since the previous point (nats). */
  readonly train: number[];
  /** Held-out value (nats). */
  readonly test: number[];
}

export interface TrainResult {
  /** The read-out value in nats (best or last held-out value). */
  readonly valueNats: number;
  readonly bestValueNats: number;
  readonly lastValueNats: number;
  readonly bestStep: number;
  readonly stepsRun: number;
  readonly stoppedEarly: boolean;
  readonly curve: TrainingCurve;
  readonly msPerStep: number;
  /** Size of each held-out chunk the value averages over. */
  readonly evalChunk: number;
}

export interface TrainRun {
  readonly fn: string;
  readonly rng: Rng;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: Progress) => void;
}

/** Learning rate at `step` (0-based): constant, or cosine decay from lr to lr / 20. */
export function learningRate(s: Pick<TrainSettings, "lr" | "lrSchedule" | "steps">, step: number): number {
  if (s.lrSchedule === "constant" || s.steps <= 1) return s.lr;
  const floor = s.lr / 20;
  return floor + (s.lr - floor) * 0.5 * (1 + Math.cos((Math.PI * step) / (s.steps - 1)));
}

/** Training rows up to this many values are copied to JavaScript once, for `batchRows`. */
export const HOST_ROWS_MAX_VALUES = 1 << 24;

/** A JavaScript copy of t's values when it has at most HOST_ROWS_MAX_VALUES, else undefined. */
export function hostRows(t: Tensor2D): Float32Array | undefined {
  return t.size <= HOST_ROWS_MAX_VALUES ? (t.dataSync() as Float32Array) : undefined;
}

/**
 * The rows `idx` of t as a new tensor: copied from the JavaScript copy `rows` when there is one
 * (tfjs-wasm's gather kernel took ~60 us per call for 128 rows, two calls per step, against ~5 us
 * for the copy; the values are the same), else by tf.gather.
 */
export function batchRows(t: Tensor2D, rows: Float32Array | undefined, idx: Int32Array): Tensor2D {
  const cols = t.shape[1];
  if (!rows) return tf.tidy(() => tf.gather(t, tf.tensor1d(idx, "int32")) as Tensor2D);
  const out = new Float32Array(idx.length * cols);
  for (let i = 0; i < idx.length; i++) out.set(rows.subarray(idx[i] * cols, (idx[i] + 1) * cols), i * cols);
  return tf.tensor2d(out, [idx.length, cols]);
}

/** Lets timers (an AbortSignal's timeout, a progress bar) run during long synchronous TF.js work. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Trains `problem` with Adam on seeded mini-batches of the training rows (epoch-wise
 * reshuffling from `run.rng`), evaluates it on the held-out rows every `evalEvery` steps and at
 * the end, stops early after `patience` evaluations without improvement, and returns the
 * held-out value. Every step runs in tf.tidy; the optimiser's state is disposed here (the
 * problem's variables belong to the caller).
 * @throws TrainingDivergedError when a loss or batch value is NaN or infinite (with the step).
 * @throws AbortError when `run.signal` fires.
 */
export async function trainAndEvaluate(problem: TrainingProblem, data: TrainData, s: TrainSettings, run: TrainRun): Promise<TrainResult> {
  const nTrain = data.xTrain.shape[0];
  const nTest = data.xTest.shape[0];
  const b = Math.min(s.batchSize, nTrain);
  const batchRng = run.rng.fork(1);
  const stepRng = run.rng.fork(2);
  const order = new Int32Array(nTrain);
  for (let i = 0; i < nTrain; i++) order[i] = i;
  let pos = nTrain; // forces a shuffle before the first batch
  const batch = new Int32Array(b);
  const xRows = hostRows(data.xTrain);
  const yRows = hostRows(data.yTrain);

  const chunks = Math.max(1, Math.ceil(nTest / s.evalBatchSize));
  const evalChunk = Math.floor(nTest / chunks);

  const evaluate = (): { value: number; criterion: number } => {
    let value = 0;
    let criterion = 0;
    for (let c = 0; c < chunks; c++) {
      const start = c * evalChunk;
      const size = c === chunks - 1 ? nTest - start : evalChunk;
      const out = tf.tidy(() => {
        const xc = tf.slice(data.xTest, [start, 0], [size, -1]) as Tensor2D;
        const yc = tf.slice(data.yTest, [start, 0], [size, -1]) as Tensor2D;
        const r = problem.evaluate(xc, yc);
        return tf.stack([r.value, r.criterion]);
      });
      const v = out.dataSync();
      out.dispose();
      value += (v[0] * size) / nTest;
      criterion += (v[1] * size) / nTest;
    }
    return { value, criterion };
  };

  const adam = new Adam(problem.variables);
  const curve: TrainingCurve = { step: [], train: [], test: [] };
  let best = -Infinity;
  let bestValue = NaN;
  let bestStep = 0;
  let last = NaN;
  let sinceBest = 0;
  let windowSum = 0;
  let windowCount = 0;
  let stoppedEarly = false;
  let stepsRun = 0;
  let lastYield = performance.now();
  const t0 = performance.now();
  const record = (step: number) => {
    const e = evaluate();
    curve.step.push(step);
    curve.train.push(windowCount > 0 ? windowSum / windowCount : NaN);
    curve.test.push(e.value);
    windowSum = 0;
    windowCount = 0;
    last = e.value;
    if (!Number.isFinite(e.value) || !Number.isFinite(e.criterion)) {
      throw new TrainingDivergedError(`${run.fn}: the held-out estimate is ${e.value} after step ${step}; ${divergenceHint(s)}`, step);
    }
    if (e.criterion > best) {
      best = e.criterion;
      bestValue = e.value;
      bestStep = step;
      sinceBest = 0;
    } else {
      sinceBest++;
    }
  };
  try {
    for (let step = 0; step < s.steps; step++) {
      throwIfAborted(run.signal, run.fn);
      if (pos + b > nTrain) {
        for (let i = nTrain - 1; i > 0; i--) {
          const j = batchRng.int(i + 1);
          const t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
        pos = 0;
      }
      batch.set(order.subarray(pos, pos + b));
      pos += b;
      problem.beforeStep?.();
      const lr = learningRate(s, step);
      const rng = stepRng.fork(step);
      const out = tf.tidy(() => {
        const xb = batchRows(data.xTrain, xRows, batch);
        const yb = batchRows(data.yTrain, yRows, batch);
        let kept: Tensor[] = [];
        const { value: loss, grads } = tf.variableGrads(() => {
          const r = problem.step(xb, yb, rng);
          kept = [r.value, ...(r.extra ?? [])].map((t) => tf.keep(t));
          return r.loss;
        }, problem.variables as Variable[]);
        adam.apply(grads, lr, s.clipNorm);
        const res = tf.stack([loss, ...kept]);
        for (const t of kept) t.dispose();
        return res;
      });
      const vals = await out.data();
      out.dispose();
      stepsRun = step + 1;
      if (!Number.isFinite(vals[0]) || !Number.isFinite(vals[1])) {
        throw new TrainingDivergedError(
          `${run.fn}: training diverged at step ${step + 1}: the loss is ${vals[0]} and the batch estimate ${vals[1]}; ${divergenceHint(s)}`,
          step + 1,
        );
      }
      problem.afterStep?.(Array.from(vals.subarray(2)));
      windowSum += vals[1];
      windowCount++;
      run.onProgress?.({ done: step + 1, total: s.steps, label: `${run.fn} training` });
      if ((step + 1) % s.evalEvery === 0 || step + 1 === s.steps) {
        record(step + 1);
        if (s.patience > 0 && sinceBest >= s.patience && step + 1 < s.steps) {
          stoppedEarly = true;
          run.onProgress?.({ done: s.steps, total: s.steps, label: `${run.fn} training` });
          break;
        }
      }
      if (performance.now() - lastYield > 50) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
  } finally {
    adam.dispose();
  }
  const msPerStep = stepsRun > 0 ? (performance.now() - t0) / stepsRun : 0;
  return {
    valueNats: s.readout === "best" ? bestValue : last,
    bestValueNats: bestValue,
    lastValueNats: last,
    bestStep,
    stepsRun,
    stoppedEarly,
    curve,
    msPerStep,
    evalChunk,
  };
}

/** What to change after a divergence: the learning rate, and gradient clipping when it is off. */
function divergenceHint(s: { readonly lr: number; readonly clipNorm: number }): string {
  return `lower lr (now ${s.lr})${s.clipNorm === 0 ? " or set clipNorm (now off)" : ` or clipNorm (now ${s.clipNorm})`}.`;
}
