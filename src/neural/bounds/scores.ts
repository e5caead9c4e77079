import type { Scalar, Tensor1D, Tensor2D } from "@tensorflow/tfjs-core";
import { tf } from "../engine.js";
import { logSumExp } from "../ops.js";

/**
 * Critic scores of one batch, the input of every bound.
 *
 * - `positive[i] = f(x_i, y_i)`: B samples of the joint distribution.
 * - `negative[i, k]`: K scores of pairs (x_i, y_j) with j != i, samples of p(x)p(y).
 * - `mask` (optional, 1 = valid, 0 = ignore) marks which negatives count. A B x B score matrix
 *   F is represented as positive = diag(F), negative = F, mask = 1 - I (`scoresFromMatrix`), so
 *   that DV/NWJ averages exclude the diagonal (B(B-1) terms) and the InfoNCE denominator
 *   includes the positive once.
 *
 * A joint (concatenated) critic evaluated on B joint rows and K shuffled copies gives a B x K
 * `negative` without a mask.
 */
export interface Scores {
  readonly positive: Tensor1D;
  readonly negative: Tensor2D;
  readonly mask?: Tensor2D;
  /** Number of valid negatives: B * K without a mask, else the number of ones in it. */
  readonly count: number;
}

/** Added to masked-out entries before a log-sum-exp: exp(-1e30) = 0 in float32, no NaN. */
const MASKED = -1e30;

/** The Scores of a B x B matrix F[i, j] = f(x_i, y_j) (diagonal = joint pairs). */
export function scoresFromMatrix(f: Tensor2D): Scores {
  const b = f.shape[0];
  if (f.shape[1] !== b) throw new Error(`scoresFromMatrix: the score matrix must be square; got ${f.shape[0]} x ${f.shape[1]}.`);
  const eye = tf.eye(b);
  return {
    positive: tf.sum(tf.mul(f, eye), 1) as Tensor1D,
    negative: f,
    mask: tf.sub(1, eye) as Tensor2D,
    count: b * (b - 1),
  };
}

/** Scores from positives, B x K negatives and an optional 0/1 mask (its ones are counted here). */
export function makeScores(positive: Tensor1D, negative: Tensor2D, mask?: Tensor2D): Scores {
  const [b, k] = negative.shape;
  if (positive.shape[0] !== b) throw new Error(`makeScores: positive has ${positive.shape[0]} entries; negative has ${b} rows.`);
  const count = mask ? Math.round(tf.tidy(() => tf.sum(mask).dataSync()[0])) : b * k;
  return mask ? { positive, negative, mask, count } : { positive, negative, count };
}

/** Adds -1e30 where the mask is 0, so that exp() there is 0. */
export function maskForLse(t: Tensor2D, mask: Tensor2D | undefined): Tensor2D {
  if (!mask) return t;
  return tf.add(t, tf.mul(tf.sub(1, mask), MASKED)) as Tensor2D;
}

/** log of the mean of exp(t) over the valid negatives (t has the shape of `negative`). */
export function logMeanExpNegative(t: Tensor2D, s: Scores): Scalar {
  return tf.sub(logSumExp(maskForLse(t, s.mask)), Math.log(s.count)) as Scalar;
}

/** Mean of t over the valid negatives (t finite). */
export function meanNegative(t: Tensor2D, s: Scores): Scalar {
  if (!s.mask) return tf.mean(t) as Scalar;
  return tf.div(tf.sum(tf.mul(t, s.mask)), s.count) as Scalar;
}
