import type { Scalar } from "@tensorflow/tfjs-core";
import { tf } from "../engine.js";
import { stopGradient } from "../ops.js";
import { jsObjective } from "./js.js";
import { logMeanExpNegative, type Scores } from "./scores.js";

import { SMILE_DEFAULT_TAU } from "../options.js";

export { SMILE_DEFAULT_TAU } from "../options.js";

/**
 * SMILE value (Song & Ermon 2020, eq. 17): mean_i f(x_i, y_i) - log mean_neg exp clip(f, -tau, tau).
 * tau = Infinity gives DV. Clipping bounds the variance of the partition-function estimate
 * (at the price of a bias when |log r| > tau).
 */
export function smileBound(s: Scores, tau = SMILE_DEFAULT_TAU): Scalar {
  const clipped = Number.isFinite(tau) ? tf.clipByValue(s.negative, -tau, tau) : s.negative;
  return tf.sub(tf.mean(s.positive), logMeanExpNegative(clipped, s)) as Scalar;
}

/**
 * SMILE training objective: value = JS + stopgrad(SMILE - JS), so that the forward value is the
 * SMILE bound and the gradient is the JS objective's (as in Song & Ermon's code).
 * `neuralMI("smile")` trains on the same gradient more cheaply: loss -jsObjective, with
 * smileBound computed beside it (untaped by the loss, so backprop does not run through its clip
 * and log-sum-exp only to carry zeros).
 */
export function smileObjective(s: Scores, tau = SMILE_DEFAULT_TAU): Scalar {
  const js = jsObjective(s);
  return tf.add(js, stopGradient(tf.sub(smileBound(s, tau), js))) as Scalar;
}
