import type { Tensor1D, Tensor2D, Variable } from "@tensorflow/tfjs-core";
import type { Rng } from "../../core/random/rng.js";
import { scoresFromMatrix, type Scores } from "../bounds/scores.js";
import { tf } from "../engine.js";
import { matMul, transpose2d } from "../ops.js";
import { createMlp, mlpForward, mlpParams, mlpVariables, type Activation } from "./mlp.js";

/** Bound on |log variance| of q: lv = 5 tanh(raw / 5) keeps q from collapsing or exploding. */
const LOGVAR_BOUND = 5;

/**
 * CLUB's variational distribution q(y | x) = N(mu(x), diag exp(lv(x))), with mu and lv from one
 * MLP x -> 2 dy (Cheng et al. 2020, section 3.2).
 */
export interface GaussianConditional {
  readonly variables: readonly Variable[];
  /** L[i, j] = log q(y_j | x_i) for a batch, as Scores (positives = the diagonal). */
  logLikelihoodScores(x: Tensor2D, y: Tensor2D): Scores;
  dispose(): void;
}

export function createGaussianConditional(dx: number, dy: number, hidden: readonly number[], activation: Activation, rng: Rng): GaussianConditional {
  const net = createMlp([dx, ...hidden, 2 * dy], activation, rng.fork(1), "club/q");
  const variables = mlpVariables(net);
  return {
    variables,
    logLikelihoodScores(x, y) {
      const out = mlpForward(mlpParams(net), activation, x);
      const b = x.shape[0];
      const mu = tf.slice(out, [0, 0], [b, dy]) as Tensor2D;
      const lv = tf.mul(tf.tanh(tf.div(tf.slice(out, [0, dy], [b, dy]), LOGVAR_BOUND)), LOGVAR_BOUND) as Tensor2D;
      const prec = tf.exp(tf.neg(lv)) as Tensor2D;
      // Σ_d (y_jd - mu_id)^2 p_id = (p (y^2)^T)_ij - 2 ((mu p) y^T)_ij + Σ_d mu_id^2 p_id
      const quad = tf.add(
        tf.sub(matMul(prec, transpose2d(tf.square(y))), tf.mul(matMul(tf.mul(mu, prec) as Tensor2D, transpose2d(y)), 2)),
        tf.expandDims(tf.sum(tf.mul(tf.square(mu), prec), 1), 1),
      );
      const rowConst = tf.expandDims(tf.add(tf.sum(lv, 1), dy * Math.log(2 * Math.PI)) as Tensor1D, 1);
      return scoresFromMatrix(tf.mul(tf.add(quad, rowConst), -0.5) as Tensor2D);
    },
    dispose() {
      for (const v of variables) v.dispose();
    },
  };
}
