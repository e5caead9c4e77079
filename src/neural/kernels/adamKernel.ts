/**
 * The Adam update as a WebAssembly SIMD kernel (adam.wat, from scripts/lib/adamWat.mjs), with its
 * own memory holding the gradients, weights and moments of one optimiser. It computes bit for bit
 * what the JavaScript loop in ../adam.ts computes (same float64 operations in the same order), two
 * float64 lanes at a time: the loop is bound by its three divisions and square root per weight.
 * Measured on the default critic (42 816 weights), the whole `Adam.apply` (gradients read, update,
 * variables written): 0.26 ms against 0.64 ms with the loop (scripts/bench-kernels.mjs).
 */
import { ADAM_WASM_BASE64 } from "./adamWasm.js";
import { compileKernelModule } from "./wasmModule.js";

interface AdamExports {
  readonly memory: WebAssembly.Memory;
  sumSquares(g: number, n: number): number;
  adam(g: number, m: number, v: number, w: number, n: number, scale: number, b1: number, omb1: number, b2: number, omb2: number, c1: number, c2: number, lr: number, eps: number): void;
}

let compiled: WebAssembly.Module | null | undefined;


/** Optimiser state in a kernel's memory: views of the gradients, weights and moments of n weights. */
export class AdamKernel {
  readonly g: Float32Array;
  readonly w: Float32Array;
  private readonly exports: AdamExports;
  private readonly gAt: number;
  private readonly wAt: number;
  private readonly mAt: number;
  private readonly vAt: number;

  private constructor(
    exports: AdamExports,
    readonly n: number,
  ) {
    this.exports = exports;
    const padded = Math.ceil(n / 4) * 4; // keeps every array 16-byte aligned
    this.gAt = 0;
    this.wAt = 4 * padded;
    this.mAt = 8 * padded;
    this.vAt = 16 * padded;
    const bytes = 24 * padded;
    const have = exports.memory.buffer.byteLength;
    if (bytes > have) exports.memory.grow(Math.ceil((bytes - have) / 65536));
    // views made after growing (growing detaches the old buffer); moments start at 0 (fresh memory)
    this.g = new Float32Array(exports.memory.buffer, this.gAt, n);
    this.w = new Float32Array(exports.memory.buffer, this.wAt, n);
  }

  /** A kernel for n weights, or undefined where WebAssembly SIMD is missing. */
  static create(n: number): AdamKernel | undefined {
    if (compiled === undefined) compiled = compileKernelModule(ADAM_WASM_BASE64);
    if (!compiled) return undefined;
    return new AdamKernel(new WebAssembly.Instance(compiled, {}).exports as unknown as AdamExports, n);
  }

  /** Σ g_k² over the gradients, summed in index order. */
  sumSquares(): number {
    return this.exports.sumSquares(this.gAt, this.n);
  }

  /** One update of w, m, v from g (g already scaled by `scale` inside: g_k · scale). */
  update(scale: number, b1: number, b2: number, c1: number, c2: number, lr: number, eps: number): void {
    this.exports.adam(this.gAt, this.mAt, this.vAt, this.wAt, this.n, scale, b1, 1 - b1, b2, 1 - b2, c1, c2, lr, eps);
  }
}
