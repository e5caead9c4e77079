import type { NamedTensorMap, Variable } from "@tensorflow/tfjs-core";
import { tf } from "./engine.js";
import { AdamKernel } from "./kernels/adamKernel.js";
import { ownKernelsEnabled } from "./kernels/enabled.js";

/**
 * Adam (Kingma & Ba 2015, Algorithm 1) with per-call learning rate (for schedules) and optional
 * clipping of the global gradient norm.
 *
 * The update runs outside TF.js on the gradients' values (moments in Float64), one read and one
 * write per variable: as TF.js ops it took ~14 kernel calls per variable (~170 per step for the
 * default critic), whose dispatch cost more than the arithmetic on these small tensors
 * (measured: 1.2 of 6.6 ms per step on wasm). It runs in a WebAssembly SIMD kernel
 * (kernels/adamKernel.ts) where the runtime has SIMD, else in the JavaScript loop below; both give
 * the same bits (a test checks), on every backend.
 */
export class Adam {
  private readonly vars: readonly Variable[];
  /** Each variable's first element in the concatenated arrays. */
  private readonly offsets: number[];
  private readonly kernel: AdamKernel | undefined;
  /** JavaScript state (without the kernel): moments and the variables' current values. */
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private readonly w: Float32Array;
  /** beta1^t and beta2^t, by repeated multiplication (exact IEEE arithmetic in every JS engine, where Math.pow may differ by an ulp). */
  private p1 = 1;
  private p2 = 1;

  /** @param useKernel false forces the JavaScript loop (tests compare the two); default: `setOwnKernels`'s setting. */
  constructor(
    vars: readonly Variable[],
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly eps = 1e-8,
    useKernel = ownKernelsEnabled(),
  ) {
    this.vars = vars;
    this.offsets = [];
    let n = 0;
    for (const x of vars) {
      this.offsets.push(n);
      n += x.size;
    }
    this.kernel = useKernel ? AdamKernel.create(n) : undefined;
    const js = this.kernel === undefined;
    this.m = new Float64Array(js ? n : 0);
    this.v = new Float64Array(js ? n : 0);
    this.w = this.kernel ? this.kernel.w : new Float32Array(n);
    vars.forEach((x, i) => this.w.set(x.dataSync() as Float32Array, this.offsets[i]));
  }

  /** Whether the update runs in the WebAssembly kernel. */
  get usesKernel(): boolean {
    return this.kernel !== undefined;
  }

  /**
   * One update from `grads` (keyed by variable name, as tf.variableGrads returns them). With
   * clipNorm > 0 the gradients are scaled by clipNorm / max(|g|, clipNorm), |g| the global L2
   * norm. Call inside tf.tidy (the new values are tensors).
   */
  apply(grads: NamedTensorMap, lr: number, clipNorm: number): void {
    const gs = this.vars.map((x) => grads[x.name].dataSync() as Float32Array);
    this.p1 *= this.beta1;
    this.p2 *= this.beta2;
    const c1 = 1 - this.p1;
    const c2 = 1 - this.p2;
    if (this.kernel) {
      const k = this.kernel;
      gs.forEach((g, i) => k.g.set(g, this.offsets[i]));
      const scale = clipNorm > 0 ? clipNorm / Math.max(Math.sqrt(k.sumSquares()), clipNorm) : 1;
      k.update(scale, this.beta1, this.beta2, c1, c2, lr, this.eps);
    } else {
      this.updateInJavaScript(gs, lr, clipNorm, c1, c2);
    }
    this.vars.forEach((x, i) => {
      const at = this.offsets[i];
      // A copy: the cpu backend keeps the array it is given, and w changes in place next step.
      x.assign(tf.tensor(this.w.slice(at, at + x.size), x.shape, "float32"));
    });
  }

  private updateInJavaScript(gs: Float32Array[], lr: number, clipNorm: number, c1: number, c2: number): void {
    let scale = 1;
    if (clipNorm > 0) {
      let sq = 0;
      for (const g of gs) for (let k = 0; k < g.length; k++) sq += g[k] * g[k];
      scale = clipNorm / Math.max(Math.sqrt(sq), clipNorm);
    }
    const { beta1: b1, beta2: b2, eps, m, v, w } = this;
    gs.forEach((g, i) => {
      const at = this.offsets[i];
      for (let k = 0; k < g.length; k++) {
        const j = at + k;
        const gk = g[k] * scale;
        m[j] = b1 * m[j] + (1 - b1) * gk;
        v[j] = b2 * v[j] + (1 - b2) * gk * gk;
        w[j] -= (lr * (m[j] / c1)) / (Math.sqrt(v[j] / c2) + eps);
      }
    });
  }

  /** Nothing to free (the state is plain arrays and the kernel's memory, collected with this object); kept so that callers need not know. */
  dispose(): void {}
}
