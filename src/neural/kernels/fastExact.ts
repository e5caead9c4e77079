/**
 * Exact float32 kernels as WebAssembly SIMD (exact.wat, from scripts/lib/exactWat.mjs) in
 * tfjs-backend-wasm's memory, registered as the TF.js kernels "MinfoTranspose2D",
 * "MinfoPairSums" and "MinfoReluGradient" for the wasm backend.
 *
 * Why: tfjs-backend-wasm's Transpose moves one element per ~10 ns; on the concat all-pairs
 * critic its two 4096 x 256 transposes took ~20 of ~80 ms per gradient, its Sum over a leading
 * axis (the first layer's gradient over pairs) transposes first, and its relu gradient is three
 * kernels. All three are exact: the transpose copies, the sums add in TF.js's order (sequentially
 * over the summed index, in float32, from 0), and the relu gradient multiplies by TF.js's step, so
 * every result is bit-identical to the TF.js ops (test/neural/fastExact.test.ts).
 *
 * As for fastElementwise.ts: used only on the wasm backend with WebAssembly SIMD and an
 * importable memory, and while `setOwnKernels` is on; otherwise the functions return undefined
 * and callers use TF.js ops.
 */
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { util, type KernelFunc, type Tensor, type Tensor2D, type TensorInfo } from "@tensorflow/tfjs-core";
import { tf } from "../engine.js";
import { backendKernels, canRunOnBackend, memoryOf, offsetOf } from "./backendKernels.js";
import { EXACT_WASM_BASE64 } from "./exactWasm.js";

interface ExactExports {
  /** y = x^T on the leading rows - rows mod 4 rows and cols - cols mod 4 columns (byte offsets). */
  transpose(x: number, y: number, rows: number, cols: number): void;
  /** For d of shape [b1, b2, h], h % 4 = 0: a = sum over axis 1 ([b1, h]), c = sum over axis 0 ([b2, h]). */
  pairSums(d: number, a: number, c: number, b1: number, b2: number, h: number): void;
  /** y[i] = g[i] * step(x[i]) for i < n - n mod 16 (byte offsets). */
  reluGradient(g: number, x: number, y: number, n: number): void;
}

const instanceFor = backendKernels<ExactExports>(EXACT_WASM_BASE64);

const transposeKernel: KernelFunc = ({ inputs, backend }) => {
  const x = inputs.x as TensorInfo;
  const wasm = backend as BackendWasm;
  const [rows, cols] = x.shape;
  const out = wasm.makeOutput([cols, rows], "float32");
  const from = offsetOf(wasm, x);
  const to = offsetOf(wasm, out);
  instanceFor(wasm)!.transpose(from, to, rows, cols);
  const rows4 = rows - (rows % 4);
  const cols4 = cols - (cols % 4);
  if (rows4 < rows || cols4 < cols) {
    // the edge the kernel leaves: the last rows mod 4 rows and the last cols mod 4 columns
    const buffer = memoryOf(wasm)!.buffer; // views made now: makeOutput may have grown the memory
    const xs = new Float32Array(buffer, from, rows * cols);
    const ys = new Float32Array(buffer, to, rows * cols);
    for (let i = 0; i < rows; i++) {
      for (let j = i < rows4 ? cols4 : 0; j < cols; j++) ys[j * rows + i] = xs[i * cols + j];
    }
  }
  return out;
};

const pairSumsKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const d = inputs.d as TensorInfo;
  const wasm = backend as BackendWasm;
  const { b1, b2 } = attrs as unknown as { b1: number; b2: number };
  const h = d.shape[1];
  const a = wasm.makeOutput([b1, h], "float32");
  const c = wasm.makeOutput([b2, h], "float32");
  instanceFor(wasm)!.pairSums(offsetOf(wasm, d), offsetOf(wasm, a), offsetOf(wasm, c), b1, b2, h);
  return [a, c];
};

/** TF.js's step(x) for the relu gradient: 1 for x > 0, NaN for NaN, else 0. */
function step(x: number): number {
  return x > 0 ? 1 : Number.isNaN(x) ? NaN : 0;
}

const reluGradientKernel: KernelFunc = ({ inputs, backend }) => {
  const g = inputs.g as TensorInfo;
  const x = inputs.x as TensorInfo;
  const wasm = backend as BackendWasm;
  const out = wasm.makeOutput(x.shape, "float32");
  const n = x.shape.reduce((a, b) => a * b, 1);
  const [gAt, xAt, outAt] = [offsetOf(wasm, g), offsetOf(wasm, x), offsetOf(wasm, out)];
  instanceFor(wasm)!.reluGradient(gAt, xAt, outAt, n);
  const start = n - (n % 16);
  if (start < n) {
    const buffer = memoryOf(wasm)!.buffer;
    const [gs, xs, ys] = [gAt, xAt, outAt].map((at) => new Float32Array(buffer, at, n));
    for (let i = start; i < n; i++) ys[i] = Math.fround(gs[i] * step(xs[i]));
  }
  return out;
};

const TRANSPOSE_KERNEL = "MinfoTranspose2D";
const PAIR_SUMS_KERNEL = "MinfoPairSums";
const RELU_GRADIENT_KERNEL = "MinfoReluGradient";
tf.registerKernel({ kernelName: TRANSPOSE_KERNEL, backendName: "wasm", kernelFunc: transposeKernel });
tf.registerKernel({ kernelName: PAIR_SUMS_KERNEL, backendName: "wasm", kernelFunc: pairSumsKernel });
tf.registerKernel({ kernelName: RELU_GRADIENT_KERNEL, backendName: "wasm", kernelFunc: reluGradientKernel });

/** t^T for a float32 matrix by the SIMD kernel, or undefined when it is not available. No gradient. */
export function fastTranspose2d(t: Tensor2D): Tensor2D | undefined {
  if (t.dtype !== "float32" || t.size === 0 || !canRunOnBackend(instanceFor)) return undefined;
  return tf.engine().runKernel(TRANSPOSE_KERNEL, { x: t }) as Tensor2D;
}

/**
 * For d of shape [b1 * b2, h] read as [b1, b2, h]: [sum over the b2 index ([b1, h]), sum over the
 * b1 index ([b2, h])], by the SIMD kernel, or undefined when it is not available or h is not a
 * multiple of 4. No gradient.
 */
export function fastPairSums(d: Tensor2D, b1: number, b2: number): [Tensor2D, Tensor2D] | undefined {
  const h = d.shape[1];
  if (d.dtype !== "float32" || h % 4 !== 0 || b1 * b2 !== d.shape[0] || d.size === 0 || !canRunOnBackend(instanceFor)) return undefined;
  return tf.engine().runKernel(PAIR_SUMS_KERNEL, { d }, { b1, b2 } as unknown as Record<string, number>) as unknown as [Tensor2D, Tensor2D];
}

/** g * step(x) elementwise (the relu gradient, TF.js's step) by the SIMD kernel, or undefined when it is not available. */
export function fastReluGradient<T extends Tensor>(g: T, x: T): T | undefined {
  if (g.dtype !== "float32" || x.dtype !== "float32" || !util.arraysEqual(g.shape, x.shape) || !canRunOnBackend(instanceFor)) return undefined;
  return tf.engine().runKernel(RELU_GRADIENT_KERNEL, { g, x }) as T;
}
