import type { Scalar } from "@tensorflow/tfjs-core";
import { tf } from "../engine.js";
import { meanNegative, type Scores } from "./scores.js";

/**
 * Wasserstein dependency measure, dual form (Ozair et al. 2019, eq. 4):
 * I_W = sup_{||f||_Lip <= 1} E_p(x,y)[f] - E_p(x)p(y)[f], estimated by mean_i f(x_i, y_i) -
 * mean_neg f. A value of the critic only when f is 1-Lipschitz (gradient penalty or spectral
 * normalisation in the trainer). Not MI: it depends on the metric of (x, y).
 */
export function wassersteinBound(s: Scores): Scalar {
  return tf.sub(tf.mean(s.positive), meanNegative(s.negative, s)) as Scalar;
}
