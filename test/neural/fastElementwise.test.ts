import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { tf, useBackend } from "../../src/neural/engine.js";
import { fastExp, fastSoftplus, softplusFloat64 } from "../../src/neural/kernels/fastElementwise.js";
import { logSumExp, softplus } from "../../src/neural/ops.js";
import { Adam } from "../../src/neural/adam.js";
import { ownKernelsEnabled, setOwnKernels } from "../../src/neural/index.js";

/** Distance from a float32 result to the float64 truth in units of the truth's float32 ulp. */
function ulps(got: number, truth: number): number {
  return Math.abs(got - truth) / 2 ** (Math.floor(Math.log2(Math.abs(truth))) - 23);
}

/** An evenly spaced grid over [lo, hi] of n float32 values, then the special ones. */
function grid(n: number, lo: number, hi: number, special: number[] = []): Float32Array {
  const v = new Float32Array(n + special.length);
  for (let i = 0; i < n; i++) v[i] = n === 1 ? lo : lo + ((hi - lo) * i) / (n - 1);
  v.set(special, n);
  return v;
}

describe("fastSoftplus and fastExp: the WebAssembly SIMD kernels (wasm backend)", () => {
  it("the generated elementwise.wat and elementwiseWasm.ts are up to date with their generator", () => {
    // exits 1 with a message when scripts/lib/elementwiseWat.mjs changed without a rebuild
    expect(() => execFileSync(process.execPath, ["scripts/build-wasm.mjs", "--check"], { stdio: "pipe" })).not.toThrow();
  });

  it("is within 4 float32 ulps of log1p(exp(h)) on [-87, 100], 0 below -87, and exact on the specials", async () => {
    await useBackend("wasm");
    // 200 003 values: not a multiple of the kernel's 16-element block, so the tail path runs too
    const special = [0, -0, 1e-30, -1e-30, 87.5, -87.5, -88, -200, 200, 1e6, -1e6, Infinity, -Infinity, NaN];
    const h = grid(200_003 - special.length, -100, 100, special);
    const t = tf.tensor1d(h);
    const y = fastSoftplus(t)!;
    expect(y).toBeDefined();
    const got = y.dataSync();
    tf.dispose([t, y]);
    let worst = 0;
    for (let i = 0; i < h.length; i++) {
      const x = h[i];
      if (Number.isNaN(x)) {
        expect(got[i]).toBeNaN();
        continue;
      }
      const truth = softplusFloat64(x);
      if (x < -87) expect(got[i], `h = ${x}`).toBe(0);
      else if (x === Infinity) expect(got[i]).toBe(Infinity);
      else worst = Math.max(worst, ulps(got[i], truth));
    }
    expect(worst).toBeLessThanOrEqual(4);
    expect(worst).toBeGreaterThan(0); // it is an approximation, not a lookup of the reference
  });

  it("gives the same values for every tensor size (block and tail paths within 4 ulps)", async () => {
    await useBackend("wasm");
    for (const n of [1, 3, 15, 16, 17, 31, 33, 128]) {
      const h = grid(n, -9, 9);
      const t = tf.tensor1d(h);
      const y = fastSoftplus(t)!;
      const got = y.dataSync();
      tf.dispose([t, y]);
      for (let i = 0; i < n; i++) expect(ulps(got[i], softplusFloat64(h[i])), `n = ${n}, h = ${h[i]}`).toBeLessThanOrEqual(4);
    }
  });

  it("matches the TF.js-op softplus of the cpu backend, keeps the gradient sigmoid(h) and leaks no tensors", async () => {
    const h = grid(4096, -30, 30);
    await useBackend("cpu");
    expect(fastSoftplus(tf.tensor1d(h))).toBeUndefined(); // never on the cpu backend
    const [cpuValue, cpuGrad] = tf.tidy(() => {
      const x = tf.tensor2d(h, [64, 64]);
      return [softplus(x).dataSync(), tf.grad((z: tf.Tensor) => tf.sum(softplus(z)))(x).dataSync()];
    });
    await useBackend("wasm");
    const before = tf.memory().numTensors;
    const [wasmValue, wasmGrad] = tf.tidy(() => {
      const x = tf.tensor2d(h, [64, 64]);
      return [softplus(x).dataSync(), tf.grad((z: tf.Tensor) => tf.sum(softplus(z)))(x).dataSync()];
    });
    expect(tf.memory().numTensors).toBe(before);
    for (let i = 0; i < h.length; i++) {
      expect(Math.abs(wasmValue[i] - cpuValue[i]), `h = ${h[i]}`).toBeLessThanOrEqual(4e-6 * Math.max(1, Math.abs(cpuValue[i])));
      expect(Math.abs(wasmGrad[i] - 1 / (1 + Math.exp(-h[i]))), `h = ${h[i]}`).toBeLessThan(1e-6);
      expect(Math.abs(cpuGrad[i] - 1 / (1 + Math.exp(-h[i]))), `h = ${h[i]}`).toBeLessThan(1e-6);
    }
  });

  it("exp is within 1.5 float32 ulps of e^x, overflows to Infinity, underflows gradually and keeps NaN", async () => {
    await useBackend("wasm");
    const special = [0, -0, 88.5, 88.8, 1000, -87.5, -100, -103.9, -104.5, -1000, Infinity, -Infinity, NaN];
    const x = grid(100_003 - special.length, -87.3, 88.7, special);
    const t = tf.tensor1d(x);
    const y = fastExp(t)!;
    const got = y.dataSync();
    tf.dispose([t, y]);
    let worst = 0;
    for (let i = 0; i < x.length; i++) {
      const truth = Math.exp(x[i]);
      if (Number.isNaN(x[i])) expect(got[i]).toBeNaN();
      else if (Math.fround(truth) === Infinity || Math.fround(truth) < 2 ** -126) expect(got[i], `x = ${x[i]}`).toBe(Math.fround(truth)); // overflow and the subnormal range
      else worst = Math.max(worst, ulps(got[i], truth));
    }
    expect(worst).toBeLessThanOrEqual(1.5);
    expect(worst).toBeGreaterThan(0);
  });

  it("logSumExp and its softmax gradient on wasm (fast exp) match the cpu backend (TF.js exp)", async () => {
    const v = grid(40 * 33, -20, 20);
    const run = () =>
      tf.tidy(() => {
        const x = tf.tensor2d(v, [40, 33]);
        const up = tf.tensor1d(Array.from({ length: 40 }, (_, i) => Math.cos(i)));
        const f = (z: tf.Tensor) => tf.sum(tf.mul(logSumExp(z, 1), up));
        return [logSumExp(x, 1).dataSync(), tf.grad(f)(x).dataSync(), Float32Array.of(logSumExp(x).dataSync()[0])];
      });
    await useBackend("cpu");
    const cpu = run();
    await useBackend("wasm");
    const before = tf.memory().numTensors;
    const wasm = run();
    expect(tf.memory().numTensors).toBe(before);
    for (let k = 0; k < cpu.length; k++) for (let i = 0; i < cpu[k].length; i++) expect(Math.abs(wasm[k][i] - cpu[k][i])).toBeLessThan(2e-6 * Math.max(1, Math.abs(cpu[k][i])));
  });

  it("setOwnKernels(false) turns the kernels off (TF.js ops, the JavaScript Adam loop) and back on; a non-boolean is a typed error", async () => {
    await useBackend("wasm");
    const t = tf.tensor1d([0.5, -2]);
    const v = tf.variable(tf.tensor1d([1, 2]), true, "own-kernels-switch");
    try {
      expect(ownKernelsEnabled()).toBe(true);
      setOwnKernels(false);
      expect(fastSoftplus(t)).toBeUndefined();
      expect(fastExp(t)).toBeUndefined();
      expect(new Adam([v]).usesKernel).toBe(false);
      setOwnKernels(true);
      const y = fastSoftplus(t)!;
      expect(y).toBeDefined();
      y.dispose();
      expect(new Adam([v]).usesKernel).toBe(true);
      expect(() => setOwnKernels("no" as unknown as boolean)).toThrow(/setOwnKernels: on must be true or false; got no/);
    } finally {
      setOwnKernels(true);
      tf.dispose([t, v]);
    }
  });

  it("does not read or write outside its tensors (neighbours in the backend's memory stay intact)", async () => {
    await useBackend("wasm");
    tf.tidy(() => {
      const a = tf.fill([37], 7);
      const x = tf.tensor1d(grid(37, -3, 3));
      const b = tf.fill([37], -7);
      const y = fastSoftplus(x)!;
      const c = tf.fill([5], 3);
      expect(Array.from(a.dataSync()).every((v) => v === 7)).toBe(true);
      expect(Array.from(b.dataSync()).every((v) => v === -7)).toBe(true);
      expect(Array.from(c.dataSync()).every((v) => v === 3)).toBe(true);
      expect(y.shape).toEqual([37]);
    });
  });
});
