import type { Scalar } from "@tensorflow/tfjs-core";
import { tf } from "../engine.js";
import { softplus } from "../ops.js";
import { meanNegative, type Scores } from "./scores.js";
import { dvBound } from "./dv.js";

/**
 * Jensen-Shannon f-GAN training objective (Nowozin et al. 2016; Hjelm et al. 2019):
 * -mean_i softplus(-f(x_i, y_i)) - mean_neg softplus(f). Its maximiser is the GAN logit
 * f = log r. It is not an MI value: read MI out with `jsReadout` (DV at the trained critic).
 */
export function jsObjective(s: Scores): Scalar {
  return tf.sub(tf.neg(tf.mean(softplus(tf.neg(s.positive)))), meanNegative(softplus(s.negative), s)) as Scalar;
}

/**
 * MI read-out of a JS-trained critic: the DV bound at f (Poole et al. 2019, section 2.3).
 * Not NWJ at T = f, which at the optimum f = log r gives I - 1/e (reference-facts section 3).
 */
export function jsReadout(s: Scores): Scalar {
  return dvBound(s);
}
