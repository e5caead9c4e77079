import { beforeAll, describe, expect, it } from "vitest";
import type { Tensor, Tensor1D, Tensor2D } from "@tensorflow/tfjs-core";
import { tf, useBackend } from "../../src/neural/engine.js";
import { dense, logSumExp, matMul, softplus, stopGradient } from "../../src/neural/ops.js";
import { createRng } from "../../src/core/random/rng.js";

function randomTensor(shape: number[], seed: number): Tensor {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.normal();
  return tf.tensor(v, shape);
}

function maxAbsDiff(a: Tensor, b: Tensor): number {
  const x = a.dataSync();
  const y = b.dataSync();
  expect(x.length).toBe(y.length);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
}

// float32 arithmetic on O(1) values and sums of <= 16 terms: differences stay ~1e-6.
const TOL = 1e-5;

describe("neural ops: hand-written gradients equal the built-in ones (cpu backend)", () => {
  beforeAll(async () => {
    await useBackend("cpu");
  });

  it("dense: value and gradients w.r.t. x, W, b", () => {
    tf.tidy(() => {
      const x = randomTensor([7, 5], 1) as Tensor2D;
      const w = randomTensor([5, 3], 2) as Tensor2D;
      const b = randomTensor([3], 3) as Tensor1D;
      const up = randomTensor([7, 3], 4);
      const ours = (xx: Tensor, ww: Tensor, bb: Tensor) => tf.sum(tf.mul(tf.tanh(dense(xx as Tensor2D, ww as Tensor2D, bb as Tensor1D)), up));
      const builtin = (xx: Tensor, ww: Tensor, bb: Tensor) => tf.sum(tf.mul(tf.tanh(tf.add(tf.matMul(xx as Tensor2D, ww as Tensor2D), bb)), up));
      expect(maxAbsDiff(ours(x, w, b), builtin(x, w, b))).toBeLessThan(TOL);
      const g1 = tf.grads(ours)([x, w, b]);
      const g2 = tf.grads(builtin)([x, w, b]);
      for (let i = 0; i < 3; i++) expect(maxAbsDiff(g1[i], g2[i])).toBeLessThan(TOL);
    });
  });

  // Each branch of the weight gradient (transpose x, or (g^T x)^T for out < in) and the
  // reshape-transposes of single rows/columns: out = 1 (a critic's output layer), in = 1, n = 1.
  it.each([
    [9, 4, 1],
    [9, 1, 4],
    [1, 4, 3],
    [6, 3, 6],
  ])("dense gradients at n = %i, in = %i, out = %i", (n, din, dout) => {
    tf.tidy(() => {
      const x = randomTensor([n, din], 11) as Tensor2D;
      const w = randomTensor([din, dout], 12) as Tensor2D;
      const b = randomTensor([dout], 13) as Tensor1D;
      const up = randomTensor([n, dout], 14);
      const ours = (xx: Tensor, ww: Tensor, bb: Tensor) => tf.sum(tf.mul(tf.tanh(dense(xx as Tensor2D, ww as Tensor2D, bb as Tensor1D)), up));
      const builtin = (xx: Tensor, ww: Tensor, bb: Tensor) => tf.sum(tf.mul(tf.tanh(tf.add(tf.matMul(xx as Tensor2D, ww as Tensor2D), bb)), up));
      const g1 = tf.grads(ours)([x, w, b]);
      const g2 = tf.grads(builtin)([x, w, b]);
      for (let i = 0; i < 3; i++) {
        expect(g1[i].shape).toEqual(g2[i].shape);
        expect(maxAbsDiff(g1[i], g2[i])).toBeLessThan(TOL);
      }
    });
  });

  it("matMul: gradients of a chain of two products", () => {
    tf.tidy(() => {
      const a = randomTensor([6, 4], 5) as Tensor2D;
      const b = randomTensor([4, 8], 6) as Tensor2D;
      const c = randomTensor([8, 2], 7) as Tensor2D;
      const ours = (aa: Tensor, bb: Tensor) => tf.sum(tf.square(matMul(matMul(aa as Tensor2D, bb as Tensor2D), c)));
      const builtin = (aa: Tensor, bb: Tensor) => tf.sum(tf.square(tf.matMul(tf.matMul(aa as Tensor2D, bb as Tensor2D), c)));
      const g1 = tf.grads(ours)([a, b]);
      const g2 = tf.grads(builtin)([a, b]);
      // values up to ~50; relative float32 error
      for (let i = 0; i < 2; i++) expect(maxAbsDiff(g1[i], g2[i])).toBeLessThan(TOL * 50);
    });
  });

  it("logSumExp: value and softmax gradient, over all elements and along each axis", () => {
    tf.tidy(() => {
      const x = tf.mul(randomTensor([5, 6], 8), 10); // large values exercise the stabilisation
      const up = randomTensor([5], 9);
      const upC = randomTensor([6], 10);
      const cases: [(t: Tensor) => Tensor, (t: Tensor) => Tensor][] = [
        [(t) => logSumExp(t), (t) => tf.logSumExp(t)],
        [(t) => tf.sum(tf.mul(logSumExp(t, 1), up)), (t) => tf.sum(tf.mul(tf.logSumExp(t, 1), up))],
        [(t) => tf.sum(tf.mul(logSumExp(t, 0), upC)), (t) => tf.sum(tf.mul(tf.logSumExp(t, 0), upC))],
        [(t) => tf.sum(tf.mul(logSumExp(t, -1), up)), (t) => tf.sum(tf.mul(tf.logSumExp(t, -1), up))],
      ];
      for (const [ours, builtin] of cases) {
        expect(maxAbsDiff(ours(x), builtin(x))).toBeLessThan(TOL * 10);
        expect(maxAbsDiff(tf.grad(ours)(x), tf.grad(builtin)(x))).toBeLessThan(TOL);
      }
      // Float64 reference for one row: log Σ exp.
      const row = Array.from(x.dataSync().slice(0, 6));
      const m = Math.max(...row);
      const ref = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
      expect(Math.abs(logSumExp(x, 1).dataSync()[0] - ref)).toBeLessThan(1e-4);
    });
  });

  it("stopGradient: identity value, zero gradient", () => {
    tf.tidy(() => {
      const x = randomTensor([4], 11);
      const f = (t: Tensor) => tf.add(tf.sum(tf.square(stopGradient(t))), tf.sum(t));
      expect(maxAbsDiff(stopGradient(x), x)).toBe(0);
      const g = tf.grad(f)(x).dataSync();
      for (const v of g) expect(v).toBeCloseTo(1, 6);
    });
  });

  it.each(["cpu", "wasm"] as const)("softplus on %s: log(1 + e^h) within float32 rounding from h = -120 to 120 (Float64 reference); gradient sigmoid(h) = tf.softplus's", async (backend) => {
    await useBackend(backend);
    try {
      tf.tidy(() => {
        const hs = [-120, -90, -30, -17, -5, -1, -1e-3, 0, 1e-3, 0.5, 1, 5, 17, 30, 90, 120];
        const h = tf.tensor2d(hs, [4, 4]);
        const got = softplus(h as Tensor2D).dataSync();
        hs.forEach((v, i) => {
          const ref = v > 30 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
          // relative float32 rounding of the value plus two ulps of 1 (the log1p term; wasm's
          // sigmoid gives 0 for h below about -17, where e^h < 4.2e-8)
          expect(Math.abs(got[i] - ref), `h = ${v}: ${got[i]} vs ${ref}`).toBeLessThanOrEqual(1.2e-7 * Math.abs(ref) + 2.4e-7);
        });
        expect(got[7]).toBeCloseTo(Math.LN2, 6);
        const up = randomTensor([4, 4], 21);
        const g1 = tf.grad((t: Tensor) => tf.sum(tf.mul(softplus(t as Tensor2D), up)))(h);
        const g2 = tf.grad((t: Tensor) => tf.sum(tf.mul(tf.softplus(t), up)))(h);
        expect(maxAbsDiff(g1, g2)).toBeLessThan(TOL);
      });
    } finally {
      await useBackend("cpu");
    }
  });
});
