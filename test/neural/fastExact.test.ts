import { describe, expect, it } from "vitest";
import type { Tensor2D } from "@tensorflow/tfjs-core";
import { tf, useBackend } from "../../src/neural/engine.js";
import { fastPairSums, fastReluGradient, fastTranspose2d } from "../../src/neural/kernels/fastExact.js";
import { pairSum, relu, transpose2d } from "../../src/neural/ops.js";
import { setOwnKernels } from "../../src/neural/index.js";

/** The bits of a tensor's values (so that -0, NaN payloads and every rounding are compared). */
function bits(t: tf.Tensor): Uint32Array {
  return new Uint32Array(Float32Array.from(t.dataSync() as Float32Array).buffer);
}

/** Index of the first differing element, or -1 (cheaper than toEqual on large arrays). */
function firstDifference(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** rows x cols of varied magnitudes and signs, with -0, NaN and infinities mixed in. */
function matrix(rows: number, cols: number, seed: number): Tensor2D {
  const v = new Float32Array(rows * cols);
  let s = seed;
  for (let i = 0; i < v.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    v[i] = ((s / 2 ** 32) * 2 - 1) * 10 ** ((i % 7) - 3);
  }
  if (v.length > 11) [v[3], v[7], v[11]] = [-0, NaN, -Infinity];
  return tf.tensor2d(v, [rows, cols]);
}

describe("fastTranspose2d, fastPairSums and fastReluGradient: the exact WebAssembly SIMD kernels (wasm backend)", () => {
  it("transposes exactly like tf.transpose for every shape (4 x 4 blocks, panel edges and the scalar edge)", async () => {
    await useBackend("wasm");
    const shapes = [
      [1024, 64],
      [64, 1024],
      [64, 256],
      [5, 7],
      [3, 3],
      [1, 9],
      [9, 1],
      [17, 12],
      [12, 17],
      [33, 70],
    ];
    for (const [r, c] of shapes) {
      tf.tidy(() => {
        const x = matrix(r, c, r * 1000 + c);
        const fast = fastTranspose2d(x)!;
        expect(fast, `${r} x ${c}`).toBeDefined();
        expect(fast.shape).toEqual([c, r]);
        expect(firstDifference(bits(fast), bits(tf.transpose(x))), `${r} x ${c}`).toBe(-1);
      });
    }
  });

  it("pair sums are bit-identical to tf.sum over each index of the [b1, b2, h] view", async () => {
    await useBackend("wasm");
    for (const [b1, b2, h] of [
      [64, 64, 256],
      [3, 5, 4],
      [1, 7, 8],
      [7, 1, 12],
    ]) {
      tf.tidy(() => {
        const d = matrix(b1 * b2, h, b1 + 31 * b2 + h);
        const [a, c] = fastPairSums(d, b1, b2)!;
        const d3 = tf.reshape(d, [b1, b2, h]);
        expect(a.shape).toEqual([b1, h]);
        expect(c.shape).toEqual([b2, h]);
        expect(firstDifference(bits(a), bits(tf.sum(d3, 1))), `${b1} x ${b2} x ${h}, over j`).toBe(-1);
        expect(firstDifference(bits(c), bits(tf.sum(d3, 0))), `${b1} x ${b2} x ${h}, over i`).toBe(-1);
      });
    }
  });

  it("the relu gradient equals TF.js's dy * step(x) bit for bit (NaN where TF.js gives NaN), for every size", async () => {
    await useBackend("wasm");
    const special = [0, -0, 1e-45, -1e-45, 3, -3, Infinity, -Infinity, NaN];
    for (const n of [1, 9, 15, 16, 17, 33, 4096 * 3 + 5]) {
      tf.tidy(() => {
        const xs = new Float32Array(n);
        const gs = new Float32Array(n);
        for (let i = 0; i < n; i++) {
          xs[i] = special[i % special.length] * (i % 2 ? 1 : 0.5);
          gs[i] = special[(i * 7 + 3) % special.length] - (i % 3);
        }
        const [x, g] = [tf.tensor1d(xs), tf.tensor1d(gs)];
        const mine = fastReluGradient(g, x)!.dataSync();
        const reference = tf.mul(g, tf.cast(tf.step(x), "float32")).dataSync();
        for (let i = 0; i < n; i++) {
          if (Number.isNaN(reference[i])) expect(mine[i], `n = ${n}, i = ${i}`).toBeNaN();
          else expect(mine[i], `n = ${n}, i = ${i}`).toBe(reference[i]); // toBe is Object.is: -0 and +0 differ
        }
      });
    }
  });

  it("declines what it does not handle (h not a multiple of 4, shape mismatches, kernels off, another backend)", async () => {
    await useBackend("wasm");
    tf.tidy(() => {
      expect(fastPairSums(matrix(6, 6, 1), 2, 3)).toBeUndefined(); // h = 6
      expect(fastPairSums(matrix(6, 8, 1), 2, 4)).toBeUndefined(); // 2 x 4 != 6 rows
      expect(fastReluGradient(matrix(2, 8, 1), matrix(8, 2, 1))).toBeUndefined(); // shapes differ
      setOwnKernels(false);
      try {
        expect(fastTranspose2d(matrix(8, 8, 2))).toBeUndefined();
        expect(fastReluGradient(matrix(2, 8, 1), matrix(2, 8, 2))).toBeUndefined();
        expect(fastPairSums(matrix(6, 8, 1), 2, 3)).toBeUndefined();
      } finally {
        setOwnKernels(true);
      }
    });
    await useBackend("cpu");
    tf.tidy(() => {
      expect(fastTranspose2d(matrix(8, 8, 2))).toBeUndefined();
      expect(fastPairSums(matrix(6, 8, 1), 2, 3)).toBeUndefined();
    });
  });

  it("transpose2d and pairSum: values and gradients equal TF.js's on wasm and the cpu backend, no tensor leaks", async () => {
    const a0 = matrix(6, 8, 3).arraySync();
    const c0 = matrix(5, 8, 4).arraySync();
    const w0 = matrix(8, 3, 5).arraySync();
    const finite = (rows: number[][], fill: number) => tf.tensor2d(rows.map((r) => r.map((v) => (Number.isFinite(v) ? v : fill))));
    const run = (mine: boolean): Uint32Array[] => {
      const outputs = tf.tidy(() => {
        const a = finite(a0, 0.5);
        const c = finite(c0, -0.25);
        const w = finite(w0, 2);
        const f = (p: tf.Tensor, q: tf.Tensor) => {
          const [p2, q2] = [p as Tensor2D, q as Tensor2D];
          const pairs = mine ? pairSum(p2, q2) : (tf.reshape(tf.add(tf.expandDims(p2, 1), tf.expandDims(q2, 0)), [30, 8]) as Tensor2D);
          const s = tf.matMul(mine ? relu(pairs) : tf.relu(pairs), w);
          const t = mine ? transpose2d(s as Tensor2D) : tf.transpose(s);
          return tf.sum(tf.mul(t, tf.sin(t)));
        };
        const { value, grads } = tf.valueAndGrads(f)([a, c]);
        return [value, ...grads];
      });
      const result = outputs.map(bits);
      tf.dispose(outputs);
      return result;
    };
    for (const backend of ["wasm", "cpu"]) {
      await useBackend(backend as "wasm" | "cpu");
      const before = tf.memory().numTensors;
      const mine = run(true);
      const reference = run(false);
      expect(tf.memory().numTensors).toBe(before);
      for (let k = 0; k < reference.length; k++) expect(mine[k], `${backend}, output ${k}`).toEqual(reference[k]);
    }
  });

  it("does not read or write outside its tensors (neighbours in the backend's memory stay intact)", async () => {
    await useBackend("wasm");
    tf.tidy(() => {
      const before = tf.fill([37], 7);
      const x = matrix(9, 13, 6);
      const after = tf.fill([37], -7);
      const y = fastTranspose2d(x)!;
      const d = matrix(12, 8, 7);
      const [a, c] = fastPairSums(d, 3, 4)!;
      const last = tf.fill([5], 3);
      expect(Array.from(before.dataSync()).every((v) => v === 7)).toBe(true);
      expect(Array.from(after.dataSync()).every((v) => v === -7)).toBe(true);
      expect(Array.from(last.dataSync()).every((v) => v === 3)).toBe(true);
      expect([y.shape, a.shape, c.shape]).toEqual([
        [13, 9],
        [3, 8],
        [4, 8],
      ]);
    });
  });
});
