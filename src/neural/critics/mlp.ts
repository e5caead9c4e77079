import type { Tensor1D, Tensor2D, Variable } from "@tensorflow/tfjs-core";
import type { Rng } from "../../core/random/rng.js";
import { tf } from "../engine.js";
import { dense, matMul, product, relu, softplus, transpose2d } from "../ops.js";

import type { Activation } from "../options.js";

export { ACTIVATIONS, type Activation } from "../options.js";

/** A multilayer perceptron: hidden layers with `activation`, a linear output layer. */
export interface Mlp {
  readonly sizes: readonly number[];
  readonly activation: Activation;
  /** W_l of shape [in, out]. */
  readonly weights: readonly Variable[];
  readonly biases: readonly Variable[];
}

/** The weights and biases an MLP is applied with (the variables, or spectrally normalised copies). */
export interface MlpParams {
  readonly weights: readonly Tensor2D[];
  readonly biases: readonly Tensor1D[];
}

/**
 * An MLP with layer sizes `sizes` = [in, hidden..., out]. Weights are Glorot-uniform,
 * U(-a, a) with a = sqrt(6 / (in + out)), drawn from minfo's seeded `rng` (not tf.random, so
 * the same seed gives the same network on every backend); biases start at 0.
 */
export function createMlp(sizes: readonly number[], activation: Activation, rng: Rng, _label = "mlp"): Mlp {
  const weights: Variable[] = [];
  const biases: Variable[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const init = glorot(fanIn, fanOut, rng);
    // tf.tidy frees the initial tensor; variables survive tidy.
    weights.push(tf.tidy(() => tf.variable(tf.tensor2d(init, [fanIn, fanOut]), true)));
    biases.push(tf.tidy(() => tf.variable(tf.zeros([fanOut]), true)));
  }
  return { sizes: [...sizes], activation, weights, biases };
}

/** Glorot-uniform values for an [in, out] weight matrix. */
export function glorot(fanIn: number, fanOut: number, rng: Rng): Float32Array {
  const a = Math.sqrt(6 / (fanIn + fanOut));
  const w = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < w.length; i++) w[i] = a * (2 * rng.float64() - 1);
  return w;
}

export function mlpVariables(m: Mlp): Variable[] {
  return [...m.weights, ...m.biases];
}

export function mlpParams(m: Mlp): MlpParams {
  return { weights: m.weights as unknown as Tensor2D[], biases: m.biases as unknown as Tensor1D[] };
}

export function activate(h: Tensor2D, activation: Activation): Tensor2D {
  switch (activation) {
    case "relu":
      return relu(h);
    case "tanh":
      return tf.tanh(h);
    case "elu":
      return tf.elu(h);
    case "softplus":
      return softplus(h);
  }
}

/** act'(h), differentiable where the derivative is (relu' and the kink of elu have zero gradient). */
function activationDerivative(h: Tensor2D, activation: Activation): Tensor2D {
  switch (activation) {
    case "relu":
      return tf.step(h);
    case "tanh":
      return tf.sub(1, tf.square(tf.tanh(h)));
    case "elu": {
      const pos = tf.step(h);
      return tf.add(pos, tf.mul(tf.sub(1, pos), tf.exp(tf.minimum(h, 0))));
    }
    case "softplus":
      return tf.sigmoid(h);
  }
}

/** Applies the MLP to the rows of x (n x in) -> n x out. */
export function mlpForward(p: MlpParams, activation: Activation, x: Tensor2D): Tensor2D {
  let a = x;
  const last = p.weights.length - 1;
  for (let l = 0; l <= last; l++) {
    const h = dense(a, p.weights[l], p.biases[l]);
    a = l < last ? activate(h, activation) : h;
  }
  return a;
}

/**
 * Forward pass plus the gradient of Σ_k upstream[i, k] * out[i, k] with respect to each input
 * row x_i (n x in), written as explicit ops (δ_in = (δ ⊙ act'(h)) W^T) so that it is itself
 * differentiable with respect to the weights: a gradient penalty needs no second-order autodiff.
 */
export function mlpInputGradient(p: MlpParams, activation: Activation, x: Tensor2D, upstream: Tensor2D): Tensor2D {
  const pre: Tensor2D[] = [];
  let a = x;
  const last = p.weights.length - 1;
  for (let l = 0; l < last; l++) {
    const h = dense(a, p.weights[l], p.biases[l]);
    pre.push(h);
    a = activate(h, activation);
  }
  let delta = matMul(upstream, transpose2d(p.weights[last]));
  for (let l = last - 1; l >= 0; l--) {
    delta = matMul(tf.mul(delta, activationDerivative(pre[l], activation)), transpose2d(p.weights[l]));
  }
  return delta;
}

/** Power-iteration vectors of spectral normalisation, one pair per layer (kept tensors). */
export interface SpectralState {
  u: Tensor2D[]; // out x 1
  v: Tensor2D[]; // in x 1
}

/** Random unit start vectors u (from the seeded rng), v from one multiplication. */
export function createSpectralState(m: Mlp, rng: Rng): SpectralState {
  const st: SpectralState = { u: [], v: [] };
  for (let l = 0; l < m.weights.length; l++) {
    const out = m.sizes[l + 1];
    const u0 = new Float32Array(out);
    for (let i = 0; i < out; i++) u0[i] = rng.normal();
    st.u.push(
      tf.tidy(() => {
        const t = tf.tensor2d(u0, [out, 1]);
        return tf.div(t, tf.add(tf.norm(t), 1e-12)) as Tensor2D;
      }),
    );
    st.v.push(tf.zeros([m.sizes[l], 1]) as Tensor2D);
  }
  powerIterate(m, st);
  return st;
}

/**
 * One power iteration per layer (Miyato et al. 2018): v = W u / |W u|, u = W^T v / |W^T v|.
 * Run outside the gradient tape, once per training step; the old vectors are disposed.
 */
export function powerIterate(m: Mlp, st: SpectralState): void {
  for (let l = 0; l < m.weights.length; l++) {
    const w = m.weights[l] as unknown as Tensor2D;
    const [v, u] = tf.tidy(() => {
      const wu = product(w, st.u[l]);
      const vv = tf.div(wu, tf.add(tf.norm(wu), 1e-12)) as Tensor2D;
      const wv = product(w, vv, true);
      const uu = tf.div(wv, tf.add(tf.norm(wv), 1e-12)) as Tensor2D;
      return [vv, uu];
    });
    st.v[l].dispose();
    st.u[l].dispose();
    st.v[l] = v;
    st.u[l] = u;
  }
}

/**
 * Spectrally normalised parameters W_l / sigma_l with sigma_l = v^T W_l u (u, v constants), so
 * that each layer is 1-Lipschitz; with 1-Lipschitz activations the MLP is too.
 */
export function spectralParams(m: Mlp, st: SpectralState): MlpParams {
  const weights = m.weights.map((wv, l) => {
    const w = wv as unknown as Tensor2D;
    const sigma = tf.sum(tf.mul(matMul(transpose2d(st.v[l]), w), transpose2d(st.u[l])));
    return tf.div(w, sigma) as Tensor2D;
  });
  return { weights, biases: m.biases as unknown as Tensor1D[] };
}

export function disposeSpectral(st: SpectralState): void {
  for (const t of [...st.u, ...st.v]) t.dispose();
}
