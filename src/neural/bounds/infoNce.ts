import type { Scalar, Tensor2D } from "@tensorflow/tfjs-core";
import { tf } from "../engine.js";
import { logSumExp } from "../ops.js";
import { maskForLse, type Scores } from "./scores.js";

/**
 * InfoNCE lower bound (van den Oord, Li & Vinyals 2018; Poole et al. 2019 eq. 12):
 * log(K + 1) + mean_i [f(x_i, y_i) - log(exp f(x_i, y_i) + Σ_k exp f(x_i, y_k))], with K
 * negatives per row (K + 1 = B for a B x B matrix: log B + mean_i[F_ii - logsumexp_j F_ij]).
 * Never exceeds log(K + 1) (`infoNceCap`); low variance, biased low when I > log(K + 1).
 * Rows must have the same number of valid negatives.
 */
export function infoNceBound(s: Scores): Scalar {
  const b = s.positive.shape[0];
  const rows = tf.concat([tf.expandDims(s.positive, 1), maskForLse(s.negative, s.mask)], 1) as Tensor2D;
  return tf.add(tf.sub(tf.mean(s.positive), tf.mean(logSumExp(rows, 1))), infoNceCap(s.count / b)) as Scalar;
}

/** log(K + 1): the largest value InfoNCE can take with K negatives per row. */
export function infoNceCap(negativesPerRow: number): number {
  return Math.log(negativesPerRow + 1);
}
