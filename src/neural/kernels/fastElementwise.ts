/**
 * softplus and exp as WebAssembly SIMD kernels (elementwise.wat, from
 * scripts/lib/elementwiseWat.mjs) working on tfjs-backend-wasm's own memory, registered as the
 * TF.js kernels "MinfoSoftplus" and "MinfoExp" for the wasm backend.
 *
 * Why: on tfjs-backend-wasm, log, log1p and exp run one scalar libm call per element (65-155 us
 * on a 128 x 128 tensor) and softplus from TF.js ops takes 7 kernels (~106 us plus dispatch).
 * These take ~34 us (softplus) and ~18 us (exp).
 * Accuracy (every 16th float32 against float64): softplus within 4 ulps (3.5 measured) for
 * h >= -87 and 0 below (true value < 1.7e-38); exp within 1.2 ulps, overflowing to Infinity and
 * underflowing gradually as it should. NaN stays NaN.
 *
 * Used only when it can be: the active backend is wasm, the runtime has WebAssembly SIMD and the
 * backend's memory can be imported (not the threaded build's shared memory in browsers);
 * otherwise `fastSoftplus` / `fastExp` return undefined and callers use TF.js ops. The cpu
 * backend (the tests' reference) never uses them.
 */
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import type { KernelFunc, Tensor, TensorInfo } from "@tensorflow/tfjs-core";
import { tf } from "../engine.js";
import { ELEMENTWISE_WASM_BASE64 } from "./elementwiseWasm.js";
import { backendKernels, canRunOnBackend, memoryOf, offsetOf } from "./backendKernels.js";

type Elementwise = (x: number, y: number, n: number) => void;

interface ElementwiseExports {
  /** y[i] = f(x[i]) for i < n - n mod 16; x, y byte offsets of float32 arrays in the memory. */
  readonly softplus: Elementwise;
  readonly exp: Elementwise;
}

/** Elements per iteration of the kernels' loops (4 vectors of 4 lanes); the rest is done here. */
const BLOCK = 16;

/** softplus in float64 (the elements after a kernel's last whole block; the tests' reference). */
export function softplusFloat64(h: number): number {
  return Math.max(h, 0) + Math.log1p(Math.exp(-Math.abs(h)));
}

const instanceFor = backendKernels<ElementwiseExports>(ELEMENTWISE_WASM_BASE64);

/** A TF.js kernel applying `pick(exports)` to every element, the tail with `float64`. */
function elementwiseKernel(pick: (e: ElementwiseExports) => Elementwise, float64: (v: number) => number): KernelFunc {
  return ({ inputs, backend }) => {
    const x = inputs.x as TensorInfo;
    const wasm = backend as BackendWasm;
    const out = wasm.makeOutput(x.shape, "float32"); // allocates in the backend's memory
    const n = x.shape.reduce((a, b) => a * b, 1);
    const from = offsetOf(wasm, x);
    const to = offsetOf(wasm, out);
    pick(instanceFor(wasm)!)(from, to, n); // the callers below checked the instance
    const start = n - (n % BLOCK);
    if (start < n) {
      // views made now: makeOutput may have grown the memory
      const buffer = memoryOf(wasm)!.buffer;
      const xs = new Float32Array(buffer, from, n);
      const ys = new Float32Array(buffer, to, n);
      for (let i = start; i < n; i++) ys[i] = float64(xs[i]);
    }
    return out;
  };
}

const SOFTPLUS_KERNEL = "MinfoSoftplus";
const EXP_KERNEL = "MinfoExp";
tf.registerKernel({ kernelName: SOFTPLUS_KERNEL, backendName: "wasm", kernelFunc: elementwiseKernel((e) => e.softplus, softplusFloat64) });
tf.registerKernel({ kernelName: EXP_KERNEL, backendName: "wasm", kernelFunc: elementwiseKernel((e) => e.exp, Math.exp) });

/** Runs `kernel` on h when the kernels are available for it, else undefined. */
function runFast<T extends Tensor>(kernel: string, h: T): T | undefined {
  if (h.dtype !== "float32" || !canRunOnBackend(instanceFor)) return undefined;
  return tf.engine().runKernel(kernel, { x: h }) as T;
}

/**
 * softplus(h) = log(1 + e^h) elementwise by the SIMD kernel, or undefined when it is not
 * available (another backend, no SIMD, shared memory, `setOwnKernels(false)`) or h is not float32. No gradient: callers
 * wrap it (ops.ts `softplus`, gradient sigmoid(h)).
 */
export function fastSoftplus<T extends Tensor>(h: T): T | undefined {
  return runFast(SOFTPLUS_KERNEL, h);
}

/** e^x elementwise by the SIMD kernel, or undefined as for `fastSoftplus`. No gradient (callers wrap it). */
export function fastExp<T extends Tensor>(x: T): T | undefined {
  return runFast(EXP_KERNEL, x);
}
