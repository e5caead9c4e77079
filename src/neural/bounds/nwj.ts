import type { Scalar } from "@tensorflow/tfjs-core";
import { tf } from "../engine.js";
import { logMeanExpNegative, type Scores } from "./scores.js";

/**
 * NWJ lower bound (Nguyen, Wainwright & Jordan 2010; f-GAN KL; MINE-f; Poole et al. 2019 eq. 6):
 * mean_i f(x_i, y_i) - e^{-1} mean_neg exp f. Optimal critic 1 + log r. An unbiased estimate of
 * a bound; variance grows roughly like e^I. The exp-mean is computed as exp(log-mean-exp(f - 1)),
 * which never overflows into Inf * 0 on masked entries.
 */
export function nwjBound(s: Scores): Scalar {
  return tf.sub(tf.mean(s.positive), tf.exp(logMeanExpNegative(tf.sub(s.negative, 1), s))) as Scalar;
}
