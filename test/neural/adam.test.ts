import type { Scalar } from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { tf, useBackend } from "../../src/neural/engine.js";
import { Adam } from "../../src/neural/adam.js";

/** Kingma & Ba 2015, Algorithm 1, in Float64, with the global-norm clipping of Adam.apply. */
function referenceAdam(w0: number[][], grads: (w: number[][]) => number[][], steps: number, lr: number, clip: number): number[][] {
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  const w = w0.map((r) => [...r]);
  const m = w0.map((r) => r.map(() => 0));
  const v = w0.map((r) => r.map(() => 0));
  for (let t = 1; t <= steps; t++) {
    const g = grads(w);
    const norm = Math.sqrt(g.flat().reduce((s, x) => s + x * x, 0));
    const scale = clip > 0 ? clip / Math.max(norm, clip) : 1;
    for (let i = 0; i < w.length; i++) {
      for (let k = 0; k < w[i].length; k++) {
        const gk = g[i][k] * scale;
        m[i][k] = b1 * m[i][k] + (1 - b1) * gk;
        v[i][k] = b2 * v[i][k] + (1 - b2) * gk * gk;
        w[i][k] -= (lr * m[i][k]) / (1 - b1 ** t) / (Math.sqrt(v[i][k] / (1 - b2 ** t)) + eps);
      }
    }
  }
  return w;
}

describe("Adam (plain-JavaScript update of TF.js variables)", () => {
  beforeAll(async () => {
    await useBackend("cpu");
  });

  // f(w) = Σ_i Σ_k c_ik (w_ik - t_ik)^2 / 2 over two variables: gradient c ⊙ (w - t).
  const target = [[1, -2, 0.5], [3, -0.25]];
  const curv = [[1, 10, 0.1], [2, 0.5]];
  const w0 = [[0, 0, 0], [-1, 4]];
  const gradOf = (w: number[][]) => w.map((r, i) => r.map((x, k) => curv[i][k] * (x - target[i][k])));

  it.each([
    ["no clipping", 0],
    ["clipNorm 0.5 (active: the gradient norm starts at 21.7)", 0.5],
  ])("follows Algorithm 1 in Float64 to float32 rounding over 25 steps: %s", (_label, clip) => {
    const vars = w0.map((r, i) => tf.variable(tf.tensor1d(r), true, `adam-test-${clip}-${i}`));
    const adam = new Adam(vars);
    try {
      for (let s = 0; s < 25; s++) {
        tf.tidy(() => {
          const { grads } = tf.variableGrads(() => {
            let f = tf.scalar(0);
            vars.forEach((x, i) => (f = tf.add(f, tf.div(tf.sum(tf.mul(tf.tensor1d(curv[i]), tf.square(tf.sub(x, tf.tensor1d(target[i]))))), 2))));
            return f as Scalar;
          }, vars);
          adam.apply(grads, 0.05, clip as number);
        });
      }
      const ref = referenceAdam(w0, gradOf, 25, 0.05, clip as number);
      vars.forEach((x, i) => {
        const got = Array.from(x.dataSync());
        got.forEach((g, k) => expect(Math.abs(g - ref[i][k]), `var ${i}[${k}]: ${g} vs ${ref[i][k]}`).toBeLessThan(2e-6));
      });
      // The first step moves every coordinate by lr against the sign of its gradient (m̂/√v̂ = ±1).
      const one = referenceAdam(w0, gradOf, 1, 0.05, clip as number);
      one.flat().forEach((x, j) => expect(Math.abs(x - w0.flat()[j])).toBeCloseTo(0.05, 6));
    } finally {
      adam.dispose();
      for (const x of vars) x.dispose();
    }
  });

  it.each([
    ["no clipping", 0],
    ["clipNorm 1 (active)", 1],
  ])("the WebAssembly kernel gives the JavaScript loop's bits exactly (sizes not multiples of the kernel's block, 30 steps): %s", (_label, clip) => {
    // sizes 7, 129 and 1: the kernel's SIMD blocks of 4 and its scalar tail both run
    const shapes = [[7], [43, 3], [1]];
    let seed = 12345;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    const make = (tag: string) => shapes.map((sh, i) => tf.variable(tf.tensor(Float32Array.from({ length: sh.reduce((a, b) => a * b, 1) }, (_, k) => Math.sin(k + i)), sh), true, `adam-bits-${tag}-${clip}-${i}`));
    const withKernel = make("kernel");
    const inJs = make("js");
    const a = new Adam(withKernel);
    const b = new Adam(inJs, 0.9, 0.999, 1e-8, false);
    expect(a.usesKernel).toBe(true);
    expect(b.usesKernel).toBe(false);
    try {
      for (let s = 0; s < 30; s++) {
        // the same gradients (heavy-tailed values, some large) for both
        const gs = shapes.map((sh) => Float32Array.from({ length: sh.reduce((p, q) => p * q, 1) }, () => next() ** 3 * 5));
        const lr = 0.01 * (1 + Math.cos(s));
        tf.tidy(() => {
          a.apply(Object.fromEntries(withKernel.map((x, i) => [x.name, tf.tensor(gs[i], x.shape)])), lr, clip as number);
          b.apply(Object.fromEntries(inJs.map((x, i) => [x.name, tf.tensor(gs[i], x.shape)])), lr, clip as number);
        });
      }
      withKernel.forEach((x, i) => expect(Array.from(x.dataSync())).toEqual(Array.from(inJs[i].dataSync())));
      // and they moved: not a comparison of two untouched copies
      expect(withKernel[1].dataSync()[5]).not.toBe(Math.fround(Math.sin(5 + 1)));
    } finally {
      for (const x of [...withKernel, ...inJs]) x.dispose();
    }
  });
});
