import type { Scalar } from "@tensorflow/tfjs-core";
import { tf } from "../engine.js";
import { dvBound } from "./dv.js";
import { logMeanExpNegative, type Scores } from "./scores.js";

/** Floor of the moving average (SMILE's reference code clamps the buffer at 1e-4). */
export const MINE_EMA_FLOOR = 1e-4;

export interface MineStep {
  /** Quantity to maximise: its gradient is MINE's bias-corrected gradient. */
  readonly objective: Scalar;
  /** The DV bound of the batch (the reported value). */
  readonly value: Scalar;
  /** mean_neg exp f of the batch, to update the moving average with `updateMineAverage`. */
  readonly batchMeanExp: Scalar;
}

/**
 * MINE (Belghazi et al. 2018, section 3.2): the DV gradient E_p[∇f] - E_q[e^f ∇f] / E_q[e^f]
 * has a biased mini-batch denominator; MINE replaces it with an exponential moving average m.
 * The surrogate mean_i f(x_i, y_i) - mean_neg e^f / m (m held constant) has exactly that
 * gradient. `average` is the moving average before this batch (undefined on the first step:
 * the batch's own mean is used).
 */
export function mineStep(s: Scores, average: number | undefined): MineStep {
  const batchMeanExp = tf.exp(logMeanExpNegative(s.negative, s)) as Scalar;
  const m = average ?? Math.max(MINE_EMA_FLOOR, batchMeanExp.dataSync()[0]);
  const objective = tf.sub(tf.mean(s.positive), tf.div(batchMeanExp, m)) as Scalar;
  return { objective, value: dvBound(s), batchMeanExp };
}

/** m_t = momentum * m_{t-1} + (1 - momentum) * batch mean, floored at 1e-4. */
export function updateMineAverage(previous: number | undefined, batchMeanExp: number, momentum: number): number {
  const next = previous === undefined ? batchMeanExp : momentum * previous + (1 - momentum) * batchMeanExp;
  return Math.max(MINE_EMA_FLOOR, next);
}
