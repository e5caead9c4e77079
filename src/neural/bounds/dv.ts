import type { Scalar } from "@tensorflow/tfjs-core";
import { tf } from "../engine.js";
import { logMeanExpNegative, type Scores } from "./scores.js";

/**
 * Donsker-Varadhan lower bound (Donsker & Varadhan 1975; MINE, Belghazi et al. 2018; Poole et
 * al. 2019 eq. 4): mean_i f(x_i, y_i) - log mean_neg exp f. Optimal critic log r + const.
 * The log of a batch mean is biased, so batch estimates can overshoot; variance grows with I.
 */
export function dvBound(s: Scores): Scalar {
  return tf.sub(tf.mean(s.positive), logMeanExpNegative(s.negative, s)) as Scalar;
}
