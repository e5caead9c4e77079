/**
 * minfo's float32 matrix product as WebAssembly SIMD (gemm.wat, from scripts/lib/gemmWat.mjs) in
 * tfjs-backend-wasm's memory, registered as the TF.js kernel "MinfoMatMul" for the wasm backend.
 *
 * Why: the concat all-pairs critic's step is three 4096 x 256 x 256 products, which XNNPACK runs
 * at 15-18 G multiply-adds/s on this machine's EPYC; this product runs at 19-20 G/s, within 10%
 * of one WebAssembly SIMD thread's ceiling here (scripts/bench-wasm-ceiling.mjs), and reads transposed
 * operands while packing, so x^T g needs no transpose first. Method: Goto and van de Geijn (ACM
 * TOMS 34(3), 2008), a 4 x 8 micro-kernel over packed panels (details in the generator).
 *
 * Bit-identical to tfjs-wasm's XNNPACK product (tf.matMul of untransposed operands): both add each
 * entry's k products in order in float32, the product rounded before the add, starting from 0, so
 * the neural estimators' results are the same with and without it (test/neural/fastGemm.test.ts
 * compares every shape class bit for bit, and bounds the error against float64 too). Measured
 * (scripts/bench-gemm.mjs): 1.04-1.17x XNNPACK's speed on untransposed operands, 1.13-1.44x where
 * one is transposed (XNNPACK needs a transposed copy first). As the other kernels: only on the wasm
 * backend with WebAssembly SIMD and an importable memory, while `setOwnKernels` is on.
 */
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import type { KernelFunc, Tensor2D, TensorInfo } from "@tensorflow/tfjs-core";
import { tf } from "../engine.js";
import { backendKernels, canRunOnBackend, offsetOf } from "./backendKernels.js";
import { GEMM_WASM_BASE64 } from "./gemmWasm.js";

interface GemmExports {
  /** C (m x n) = op(A) op(B); byte offsets; A stored k x m when transA, B stored n x k when transB. */
  gemm(a: number, b: number, c: number, m: number, n: number, k: number, transA: number, transB: number, work: number): void;
  /** Scratch bytes gemm needs for n columns. */
  workBytes(n: number): number;
}

const instanceFor = backendKernels<GemmExports>(GEMM_WASM_BASE64);

interface GemmAttrs {
  transposeA: boolean;
  transposeB: boolean;
}

const gemmKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const a = inputs.a as TensorInfo;
  const b = inputs.b as TensorInfo;
  const { transposeA, transposeB } = attrs as unknown as GemmAttrs;
  const wasm = backend as BackendWasm;
  const kernels = instanceFor(wasm)!;
  const [m, k] = transposeA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const n = transposeB ? b.shape[0] : b.shape[1];
  const out = wasm.makeOutput([m, n], "float32");
  // scratch as a tensor of the backend's own allocator, freed before returning
  const work = wasm.makeOutput([Math.ceil(kernels.workBytes(n) / 4)], "float32");
  try {
    // offsets read after both allocations (either may have grown the memory; offsets stay valid)
    kernels.gemm(offsetOf(wasm, a), offsetOf(wasm, b), offsetOf(wasm, out), m, n, k, transposeA ? 1 : 0, transposeB ? 1 : 0, offsetOf(wasm, work));
  } finally {
    wasm.disposeData(work.dataId, true);
  }
  return out;
};

const GEMM_KERNEL = "MinfoMatMul";
tf.registerKernel({ kernelName: GEMM_KERNEL, backendName: "wasm", kernelFunc: gemmKernel });

/**
 * op(a) op(b) for float32 matrices (op: transpose when its flag is set) by the SIMD kernel, or
 * undefined when it is not available (the caller uses tf.matMul). No gradient. Shapes must agree
 * (the caller's contract).
 */
export function fastMatMul(a: Tensor2D, b: Tensor2D, transposeA = false, transposeB = false): Tensor2D | undefined {
  if (a.dtype !== "float32" || b.dtype !== "float32" || a.size === 0 || b.size === 0 || !canRunOnBackend(instanceFor)) return undefined;
  return tf.engine().runKernel(GEMM_KERNEL, { a, b }, { transposeA, transposeB } as unknown as Record<string, boolean>) as Tensor2D;
}
