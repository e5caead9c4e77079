import { beforeAll, describe, expect, it } from "vitest";
import type { Tensor, Tensor1D, Tensor2D } from "@tensorflow/tfjs-core";
import { tf, useBackend } from "../../src/neural/engine.js";
import { createCritic, rollRows } from "../../src/neural/critics/critic.js";
import { createMlp, createSpectralState, disposeSpectral, mlpForward, mlpInputGradient, mlpParams, powerIterate, spectralParams, ACTIVATIONS } from "../../src/neural/critics/mlp.js";
import { createGaussianConditional } from "../../src/neural/critics/gaussianConditional.js";
import { createRng } from "../../src/core/random/rng.js";

function randn(rows: number, cols: number, seed: number): Tensor2D {
  const rng = createRng(seed);
  const v = new Float32Array(rows * cols);
  for (let i = 0; i < v.length; i++) v[i] = rng.normal();
  return tf.tensor2d(v, [rows, cols]);
}
const arr = (t: Tensor) => Array.from(t.dataSync());
function expectAllClose(a: number[], b: number[], tol: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b[i])));
}

describe("neural critics (cpu backend)", () => {
  beforeAll(async () => {
    await useBackend("cpu");
  });

  it("weights come from the seeded Rng: same seed, same network; Glorot range", () => {
    const a = createMlp([3, 4, 2], "relu", createRng(1), "a");
    const b = createMlp([3, 4, 2], "relu", createRng(1), "b");
    const c = createMlp([3, 4, 2], "relu", createRng(2), "c");
    expect(arr(a.weights[0])).toEqual(arr(b.weights[0]));
    expect(arr(a.weights[0])).not.toEqual(arr(c.weights[0]));
    const bound = Math.sqrt(6 / 7);
    for (const v of arr(a.weights[0])) expect(Math.abs(v)).toBeLessThanOrEqual(bound);
    for (const m of [a, b, c]) for (const v of [...m.weights, ...m.biases]) v.dispose();
  });

  for (const act of ACTIVATIONS) {
    it(`mlpInputGradient equals autodiff's input gradient (${act})`, () => {
      const net = createMlp([3, 5, 4, 2], act, createRng(3), "n");
      tf.tidy(() => {
        const x = randn(6, 3, 4);
        const up = randn(6, 2, 5);
        const ours = mlpInputGradient(mlpParams(net), act, x, up);
        const auto = tf.grad((t: Tensor) => tf.sum(tf.mul(mlpForward(mlpParams(net), act, t as Tensor2D), up)))(x);
        expectAllClose(arr(ours), arr(auto), 1e-5);
      });
      for (const v of [...net.weights, ...net.biases]) v.dispose();
    });
  }

  it("spectral normalisation: power iteration converges to the top singular value; normalised layer has norm 1", () => {
    const net = createMlp([2, 2], "relu", createRng(6), "s");
    net.weights[0].assign(tf.tensor2d([3, 0, 0, 1], [2, 2]));
    const st = createSpectralState(net, createRng(7));
    for (let i = 0; i < 30; i++) powerIterate(net, st);
    tf.tidy(() => {
      const w = spectralParams(net, st).weights[0];
      // diag(3, 1) / 3: singular values 1 and 1/3
      expectAllClose(arr(w), [1, 0, 0, 1 / 3], 1e-5);
    });
    disposeSpectral(st);
    for (const v of [...net.weights, ...net.biases]) v.dispose();
  });

  it("joint critic: the first-layer trick equals the MLP on concatenated pairs (shifts and all pairs)", () => {
    const critic = createCritic({ kind: "joint", hidden: [5], embedding: 4, activation: "tanh" }, 2, 3, createRng(8));
    tf.tidy(() => {
      const x = randn(4, 2, 9);
      const y = randn(4, 3, 10);
      // direct: the network on [x_i; y_j]
      const net = critic.variables;
      const direct = (xi: Tensor2D, yj: Tensor2D) => {
        const z = tf.concat([xi, yj], 1) as Tensor2D;
        const h = tf.tanh(tf.add(tf.matMul(z, net[0] as unknown as Tensor2D), net[2]));
        return tf.add(tf.matMul(h as Tensor2D, net[1] as unknown as Tensor2D), net[3]);
      };
      const s = critic.scores(x, y, { shifts: [1, 3] });
      expectAllClose(arr(s.positive), arr(tf.reshape(direct(x, y), [-1])), 1e-5);
      const neg = arr(s.negative); // 4 x 2
      const n1 = arr(tf.reshape(direct(x, rollRows(y, 1)), [-1]));
      const n3 = arr(tf.reshape(direct(x, rollRows(y, 3)), [-1]));
      expectAllClose(neg, [0, 1, 2, 3].flatMap((i) => [n1[i], n3[i]]), 1e-5);
      // rollRows: row i of the result is row (i + s) mod B
      expectAllClose(arr(rollRows(tf.tensor2d([[0], [1], [2], [3]]), 1)), [1, 2, 3, 0], 0);
      const all = critic.scores(x, y, "all");
      expect(all.count).toBe(12);
      const m = arr(all.negative);
      for (let i = 0; i < 4; i++) {
        for (let j = 0; j < 4; j++) {
          const v = arr(direct(tf.slice(x, [i, 0], [1, -1]) as Tensor2D, tf.slice(y, [j, 0], [1, -1]) as Tensor2D))[0];
          expect(Math.abs(m[i * 4 + j] - v)).toBeLessThan(1e-5);
        }
      }
    });
    critic.dispose();
  });

  it("separable and bilinear critics: F = g(x) W h(y)^T; the gradient penalty matches autodiff", () => {
    for (const kind of ["separable", "bilinear", "joint"] as const) {
      const critic = createCritic({ kind, hidden: [4], embedding: 3, activation: "tanh" }, 2, 2, createRng(11));
      tf.tidy(() => {
        const x = randn(5, 2, 12);
        const y = randn(5, 2, 13);
        const yNeg = rollRows(y, 2);
        const u = tf.tensor2d([[0.1], [0.5], [0.9], [0.3], [0.7]]);
        const yHat = tf.add(tf.mul(u, y), tf.mul(tf.sub(1, u), yNeg)) as Tensor2D;
        // autodiff reference: f(x_i, ŷ_i) is the diagonal of the score matrix on (x, ŷ)
        const fDiag = (a: Tensor, b: Tensor) => tf.sum(critic.scores(a as Tensor2D, b as Tensor2D, "all").positive);
        const [gx, gy] = tf.grads(fDiag)([x, yHat]);
        const norms = tf.sqrt(tf.add(tf.sum(tf.square(gx), 1), tf.sum(tf.square(gy), 1)));
        const expected = tf.mean(tf.square(tf.sub(norms, 1)));
        expect(Math.abs(arr(critic.gradientPenalty(x, y, yNeg, u as Tensor2D))[0] - arr(expected)[0])).toBeLessThan(1e-5);
      });
      critic.dispose();
    }
  });

  it("CLUB's Gaussian q: L[i, j] = log N(y_j; mu(x_i), diag exp(lv(x_i))) matches a Float64 evaluation", () => {
    const q = createGaussianConditional(2, 2, [4], "tanh", createRng(14));
    tf.tidy(() => {
      const x = randn(3, 2, 15);
      const y = randn(3, 2, 16);
      const s = q.logLikelihoodScores(x, y);
      // recompute mu and lv with plain ops
      const [w0, w1, b0, b1] = q.variables as unknown as Tensor[];
      const out = arr(tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(x, w0 as Tensor2D), b0)) as Tensor2D, w1 as Tensor2D), b1));
      const ys = arr(y);
      const m = arr(s.negative);
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) {
          let ll = 0;
          for (let k = 0; k < 2; k++) {
            const mu = out[i * 4 + k];
            const lv = 5 * Math.tanh(out[i * 4 + 2 + k] / 5);
            ll += -0.5 * ((ys[j * 2 + k] - mu) ** 2 * Math.exp(-lv) + lv + Math.log(2 * Math.PI));
          }
          expect(Math.abs(m[i * 3 + j] - ll)).toBeLessThan(1e-4 * Math.max(1, Math.abs(ll)));
        }
      }
      expectAllClose(arr(s.positive as Tensor1D), [0, 4, 8].map((k) => m[k]), 1e-6);
    });
    q.dispose();
  });
});
