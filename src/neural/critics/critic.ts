import type { Scalar, Tensor1D, Tensor2D, Variable } from "@tensorflow/tfjs-core";
import type { Rng } from "../../core/random/rng.js";
import { makeScores, scoresFromMatrix, type Scores } from "../bounds/scores.js";
import { tf } from "../engine.js";
import { matMul, pairSum, transpose2d } from "../ops.js";
import {
  activate,
  createMlp,
  createSpectralState,
  disposeSpectral,
  glorot,
  mlpForward,
  mlpInputGradient,
  mlpParams,
  mlpVariables,
  powerIterate,
  spectralParams,
  type Activation,
  type Mlp,
  type MlpParams,
  type SpectralState,
} from "./mlp.js";

/**
 * Critic architectures (reference-facts section 3, "Critic architectures and cost"):
 * - "separable": f(x, y) = g(x)^T h(y); all B^2 pairs of a batch from 2B network passes and one
 *   B x B x e product.
 * - "bilinear": f(x, y) = g(x)^T W h(y); same cost.
 * - "joint": f(x, y) = MLP([x; y]), evaluated on the B joint rows and K shuffled copies (rows of
 *   y rolled by K distinct shifts: (K + 1) B passes), or on all B^2 pairs when asked.
 */
import type { CriticKind } from "../options.js";

export { CRITIC_KINDS, type CriticKind } from "../options.js";

export interface CriticConfig {
  readonly kind: CriticKind;
  /** Hidden layer widths, e.g. [256, 256]. */
  readonly hidden: readonly number[];
  /** Embedding size e of g and h (separable, bilinear). */
  readonly embedding: number;
  readonly activation: Activation;
  /** Spectral normalisation of every layer (joint critic only): a 1-Lipschitz critic. */
  readonly spectral?: boolean;
}

/** Which negatives a joint critic scores: K row shifts in [1, B-1], or every pair. */
export type NegativePlan = { readonly shifts: readonly number[] } | "all";

export interface Critic {
  readonly kind: CriticKind;
  readonly variables: readonly Variable[];
  /** Work done once per training step outside the gradient tape (spectral power iteration). */
  beforeStep(): void;
  /** Scores of a batch (x: B x dx, y: B x dy). Separable/bilinear critics always score all pairs. */
  scores(x: Tensor2D, y: Tensor2D, plan: NegativePlan): Scores;
  /**
   * Gradient penalty (Gulrajani et al. 2017): mean_i (|∇_z f(ẑ_i)|_2 - 1)^2 at interpolates
   * ẑ_i = (x_i, u_i y_i + (1 - u_i) y'_i) between a joint pair and a product-of-marginals pair
   * (x_i, y'_i); u: B x 1 in [0, 1].
   */
  gradientPenalty(x: Tensor2D, y: Tensor2D, yNegative: Tensor2D, u: Tensor2D): Scalar;
  dispose(): void;
}

/** Rows of t rolled up by s: row i of the result is row (i + s) mod B of t. */
export function rollRows(t: Tensor2D, s: number): Tensor2D {
  const b = t.shape[0];
  const k = ((s % b) + b) % b;
  if (k === 0) return t;
  return tf.concat([tf.slice(t, [k, 0], [b - k, -1]), tf.slice(t, [0, 0], [k, -1])], 0) as Tensor2D;
}

function rowNorm(t: Tensor2D): Tensor1D {
  return tf.sqrt(tf.add(tf.sum(tf.square(t), 1), 1e-12)) as Tensor1D;
}

function penaltyFromNormSquared(sq: Tensor1D): Scalar {
  return tf.mean(tf.square(tf.sub(tf.sqrt(tf.add(sq, 1e-12)), 1))) as Scalar;
}

function interpolate(y: Tensor2D, yNeg: Tensor2D, u: Tensor2D): Tensor2D {
  return tf.add(tf.mul(u, y), tf.mul(tf.sub(1, u), yNeg)) as Tensor2D;
}

/** Builds a critic for dx- and dy-column inputs; all weights from `rng`. */
export function createCritic(config: CriticConfig, dx: number, dy: number, rng: Rng): Critic {
  if (config.kind === "joint") return jointCritic(config, dx, dy, rng);
  return embeddingCritic(config, dx, dy, rng);
}

function embeddingCritic(config: CriticConfig, dx: number, dy: number, rng: Rng): Critic {
  const e = config.embedding;
  const gx = createMlp([dx, ...config.hidden, e], config.activation, rng.fork(1), "critic/g");
  const hy = createMlp([dy, ...config.hidden, e], config.activation, rng.fork(2), "critic/h");
  const bilinear = config.kind === "bilinear";
  const wInit = bilinear ? glorot(e, e, rng.fork(3)) : undefined;
  const w = wInit ? tf.tidy(() => tf.variable(tf.tensor2d(wInit, [e, e]), true)) : undefined;
  const variables = [...mlpVariables(gx), ...mlpVariables(hy), ...(w ? [w] : [])];
  const act = config.activation;
  return {
    kind: config.kind,
    variables,
    beforeStep() {},
    scores(x, y) {
      const g = mlpForward(mlpParams(gx), act, x);
      const h = mlpForward(mlpParams(hy), act, y);
      const left = w ? matMul(g, w as unknown as Tensor2D) : g;
      return scoresFromMatrix(matMul(left, transpose2d(h)));
    },
    gradientPenalty(x, y, yNegative, u) {
      const yHat = interpolate(y, yNegative, u);
      const g = mlpForward(mlpParams(gx), act, x);
      const h = mlpForward(mlpParams(hy), act, yHat);
      const wt = w as unknown as Tensor2D | undefined;
      // f = g(x)^T W h(ŷ): ∇_x = J_g^T (W h), ∇_ŷ = J_h^T (W^T g)
      const upX = wt ? matMul(h, transpose2d(wt)) : h;
      const upY = wt ? matMul(g, wt) : g;
      const dX = mlpInputGradient(mlpParams(gx), act, x, upX);
      const dY = mlpInputGradient(mlpParams(hy), act, yHat, upY);
      return penaltyFromNormSquared(tf.add(tf.sum(tf.square(dX), 1), tf.sum(tf.square(dY), 1)) as Tensor1D);
    },
    dispose() {
      for (const v of variables) v.dispose();
    },
  };
}

function jointCritic(config: CriticConfig, dx: number, dy: number, rng: Rng): Critic {
  const net: Mlp = createMlp([dx + dy, ...config.hidden, 1], config.activation, rng.fork(1), "critic/f");
  const spectral: SpectralState | undefined = config.spectral ? createSpectralState(net, rng.fork(2)) : undefined;
  const act = config.activation;
  const params = (): MlpParams => (spectral ? spectralParams(net, spectral) : mlpParams(net));
  /** f on first-layer pre-activations (n x H0): the remaining layers. */
  const rest = (p: MlpParams, h0: Tensor2D): Tensor2D => {
    if (p.weights.length === 1) return h0;
    return mlpForward({ weights: p.weights.slice(1), biases: p.biases.slice(1) }, act, activate(h0, act));
  };
  return {
    kind: "joint",
    variables: mlpVariables(net),
    beforeStep() {
      if (spectral) powerIterate(net, spectral);
    },
    scores(x, y, plan) {
      const p = params();
      const w0 = p.weights[0];
      const h0 = w0.shape[1];
      // First layer on [x_i; y_j] = x_i Wx + y_j Wy + b: computed once per row, combined per pair.
      const a = tf.add(matMul(x, tf.slice(w0, [0, 0], [dx, h0])), p.biases[0]) as Tensor2D;
      const c = matMul(y, tf.slice(w0, [dx, 0], [dy, h0]));
      const b = x.shape[0];
      if (plan === "all") {
        const pairs = pairSum(a, c);
        return scoresFromMatrix(tf.reshape(rest(p, pairs), [b, b]) as Tensor2D);
      }
      const k = plan.shifts.length;
      const blocks = [tf.add(a, c) as Tensor2D, ...plan.shifts.map((s) => tf.add(a, rollRows(c, s)) as Tensor2D)];
      const out = tf.reshape(rest(p, tf.concat(blocks, 0) as Tensor2D), [k + 1, b]);
      const positive = tf.reshape(tf.slice(out, [0, 0], [1, b]), [b]) as Tensor1D;
      const negative = transpose2d(tf.slice(out, [1, 0], [k, b]) as Tensor2D);
      return makeScores(positive, negative);
    },
    gradientPenalty(x, y, yNegative, u) {
      const z = tf.concat([x, interpolate(y, yNegative, u)], 1) as Tensor2D;
      const grad = mlpInputGradient(params(), act, z, tf.ones([x.shape[0], 1]) as Tensor2D);
      return penaltyFromNormSquared(tf.square(rowNorm(grad)) as Tensor1D);
    },
    dispose() {
      for (const v of mlpVariables(net)) v.dispose();
      if (spectral) disposeSpectral(spectral);
    },
  };
}
