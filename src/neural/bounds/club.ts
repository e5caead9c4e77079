import type { Scalar } from "@tensorflow/tfjs-core";
import { tf } from "../engine.js";
import type { Scores } from "./scores.js";

/**
 * CLUB upper bound (Cheng et al. 2020, eq. 5) from log-likelihood scores
 * L[i, j] = log q(y_j | x_i): mean_i L_ii - mean over all pairs (i, j) of L_ij, the diagonal
 * included (1/B^2 Σ_ij for a B x B matrix). With K sampled negatives per row (no mask) the
 * second mean is over the positives and the negatives together. An upper bound on I(X;Y) when
 * q is close to p(y|x); q is fitted by maximum likelihood on the positives (`clubLogLikelihood`).
 */
export function clubBound(s: Scores): Scalar {
  const [b, k] = s.negative.shape;
  const posSum = tf.sum(s.positive);
  if (s.mask) {
    // the matrix form: negatives = the whole matrix, positives = its diagonal
    const all = tf.sum(tf.mul(s.negative, s.mask));
    return tf.sub(tf.div(posSum, b), tf.div(tf.add(all, posSum), s.count + b)) as Scalar;
  }
  return tf.sub(tf.div(posSum, b), tf.div(tf.add(tf.sum(s.negative), posSum), b * k + b)) as Scalar;
}

/** Mean log-likelihood of the positives, mean_i log q(y_i | x_i): what q maximises. */
export function clubLogLikelihood(s: Scores): Scalar {
  return tf.mean(s.positive) as Scalar;
}
