import { describe, expect, it } from "vitest";
import type { Tensor1D, Tensor2D } from "@tensorflow/tfjs-core";
import { tf, useBackend } from "../../src/neural/engine.js";
import { fastMatMul } from "../../src/neural/kernels/fastGemm.js";
import { dense, matMul } from "../../src/neural/ops.js";
import { setOwnKernels } from "../../src/neural/index.js";

/** Seeded values in [-1, 1) (a linear congruential stream: the test needs no statistics). */
function values(n: number, seed: number): Float32Array {
  const v = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    v[i] = (s / 2 ** 32) * 2 - 1;
  }
  return v;
}

/** Small integers in [-8, 8]: every product and partial sum is exact in float32 for k < 2^18. */
function integers(n: number, seed: number): Float32Array {
  return values(n, seed).map((x) => Math.round(x * 8));
}

/**
 * max over entries of |C - C_64| / (sum_k |a b|), C_64 in float64: recursive float32 summation
 * keeps this below k u (u = 2^-24; Higham, "Accuracy and Stability of Numerical Algorithms",
 * 2nd ed., eq. 3.5, with the product's rounding adding one u).
 */
function relativeError(c: Float32Array, a: Float32Array, b: Float32Array, m: number, n: number, k: number, tA: boolean, tB: boolean): number {
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let exact = 0;
      let magnitude = 0;
      for (let q = 0; q < k; q++) {
        const p = (tA ? a[q * m + i] : a[i * k + q]) * (tB ? b[j * k + q] : b[q * n + j]);
        exact += p;
        magnitude += Math.abs(p);
      }
      worst = Math.max(worst, Math.abs(c[i * n + j] - exact) / magnitude);
    }
  }
  return worst;
}

const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [4, 8, 1],
  [5, 9, 3],
  [7, 13, 300], // k past one block of 256 in the middle of a tile row
  [64, 64, 64],
  [3, 5, 513], // fewer rows than a tile, three blocks along k
  [17, 31, 258],
  [128, 40, 4],
];

describe("fastMatMul: minfo's WebAssembly SIMD matrix product (wasm backend)", () => {
  it("is within recursive summation's error bound of float64, for every transpose and edge shape", async () => {
    await useBackend("wasm");
    for (const [m, n, k] of SHAPES) {
      for (const tA of [false, true]) {
        for (const tB of [false, true]) {
          const av = values(m * k, m * 7 + k);
          const bv = values(k * n, n * 13 + k);
          const c = tf.tidy(() => {
            const a = tf.tensor2d(av, tA ? [k, m] : [m, k]);
            const b = tf.tensor2d(bv, tB ? [n, k] : [k, n]);
            const out = fastMatMul(a, b, tA, tB)!;
            expect(out.shape).toEqual([m, n]);
            return out.dataSync() as Float32Array;
          });
          const label = `${m} x ${k} x ${n}, transposeA ${tA}, transposeB ${tB}`;
          expect(relativeError(c, av, bv, m, n, k, tA, tB), label).toBeLessThanOrEqual((k + 1) * 2 ** -24);
        }
      }
    }
  });

  it("is bit-identical to tfjs-wasm's matMul (XNNPACK, transposes made explicit), for every transpose and edge shape", async () => {
    await useBackend("wasm");
    const shapes: [number, number, number][] = [...SHAPES, [1, 100, 128], [100, 1, 128], [512, 256, 256], [256, 64, 1100]];
    for (const [m, n, k] of shapes) {
      for (const tA of [false, true]) {
        for (const tB of [false, true]) {
          tf.tidy(() => {
            const a = tf.tensor2d(values(m * k, m + 3 * k), tA ? [k, m] : [m, k]);
            const b = tf.tensor2d(values(k * n, n + 5 * k), tB ? [n, k] : [k, n]);
            const mine = new Uint32Array(fastMatMul(a, b, tA, tB)!.dataSync().buffer.slice(0));
            const xnnpack = new Uint32Array(tf.matMul(tA ? tf.transpose(a) : a, tB ? tf.transpose(b) : b).dataSync().buffer.slice(0));
            let differing = 0;
            for (let i = 0; i < mine.length; i++) if (mine[i] !== xnnpack[i]) differing++;
            expect(differing, `${m} x ${k} x ${n}, transposeA ${tA}, transposeB ${tB}`).toBe(0);
          });
        }
      }
    }
  });

  it("is exact where float32 is (small integers) and then equals tf.matMul on both backends", async () => {
    await useBackend("wasm");
    const [m, n, k] = [37, 19, 700];
    const av = integers(m * k, 1);
    const bv = integers(k * n, 2);
    const mine = tf.tidy(() => fastMatMul(tf.tensor2d(av, [k, m]), tf.tensor2d(bv, [n, k]), true, true)!.dataSync());
    for (const backend of ["wasm", "cpu"] as const) {
      await useBackend(backend);
      const reference = tf.tidy(() => tf.matMul(tf.tensor2d(av, [k, m]), tf.tensor2d(bv, [n, k]), true, true).dataSync());
      expect(Array.from(mine), backend).toEqual(Array.from(reference));
    }
  });

  it("leaves its inputs, its neighbours in memory and the tensor count as they were (scratch freed)", async () => {
    await useBackend("wasm");
    tf.tidy(() => tf.ones([1])); // the backend set up before counting
    const before = tf.memory();
    const buffersBefore = tf.backend().numDataIds(); // the backend's own count: the scratch is no engine tensor
    tf.tidy(() => {
      const guard1 = tf.fill([33], 7);
      const a = tf.tensor2d(values(9 * 300, 3), [9, 300]);
      const guard2 = tf.fill([33], -7);
      const b = tf.tensor2d(values(300 * 11, 4), [300, 11]);
      const [aCopy, bCopy] = [a.dataSync().slice(), b.dataSync().slice()];
      const c = fastMatMul(a, b)!;
      expect(c.shape).toEqual([9, 11]);
      expect(Array.from(a.dataSync())).toEqual(Array.from(aCopy));
      expect(Array.from(b.dataSync())).toEqual(Array.from(bCopy));
      expect(Array.from(guard1.dataSync()).every((v) => v === 7)).toBe(true);
      expect(Array.from(guard2.dataSync()).every((v) => v === -7)).toBe(true);
    });
    const after = tf.memory();
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytes).toBe(before.numBytes);
    expect(tf.backend().numDataIds()).toBe(buffersBefore);
  });

  it("declines when kernels are off, on another backend, or for non-float32 input", async () => {
    await useBackend("wasm");
    tf.tidy(() => {
      expect(fastMatMul(tf.ones([2, 2], "int32") as Tensor2D, tf.ones([2, 2]) as Tensor2D)).toBeUndefined();
      setOwnKernels(false);
      try {
        expect(fastMatMul(tf.ones([2, 2]) as Tensor2D, tf.ones([2, 2]) as Tensor2D)).toBeUndefined();
      } finally {
        setOwnKernels(true);
      }
    });
    await useBackend("cpu");
    tf.tidy(() => {
      expect(fastMatMul(tf.ones([2, 2]) as Tensor2D, tf.ones([2, 2]) as Tensor2D)).toBeUndefined();
    });
  });
});

describe("ops.ts's matMul and dense with the GEMM", () => {
  it("values and gradients are bit-identical with minfo's kernels on and off (XNNPACK) on wasm, no tensor leaks", async () => {
    await useBackend("wasm");
    const [rows, width] = [300, 72];
    const xv = values(rows * width, 5);
    const wv = values(width * width, 6).map((v) => v / 8);
    const bv = values(width, 7);
    const run = () =>
      tf.tidy(() => {
        const f = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => {
          const w2 = ww as Tensor2D;
          const h = tf.tanh(dense(xx as Tensor2D, w2, bb as Tensor1D)) as Tensor2D;
          return tf.sum(tf.square(matMul(h, w2)));
        };
        const { value, grads } = tf.valueAndGrads(f)([tf.tensor2d(xv, [rows, width]), tf.tensor2d(wv, [width, width]), tf.tensor1d(bv)]);
        return [value, ...grads].map((t) => Array.from(new Uint32Array(t.dataSync().buffer.slice(0))));
      });
    const before = tf.memory().numTensors;
    const mine = run();
    expect(tf.memory().numTensors).toBe(before);
    setOwnKernels(false);
    let reference: number[][];
    try {
      reference = run();
    } finally {
      setOwnKernels(true);
    }
    for (let o = 0; o < reference.length; o++) expect(mine[o], `output ${o}`).toEqual(reference[o]);
  });
});
