import type { NamedTensorMap, Tensor, Variable } from "@tensorflow/tfjs-core";
import { tf } from "./engine.js";

/**
 * Adam (Kingma & Ba 2015) with per-call learning rate (for schedules) and optional clipping of
 * the global gradient norm. Moments live in variables owned here; `dispose` frees them.
 */
export class Adam {
  private readonly vars: readonly Variable[];
  private readonly m: Variable[];
  private readonly v: Variable[];
  private t = 0;

  constructor(
    vars: readonly Variable[],
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly eps = 1e-8,
  ) {
    this.vars = vars;
    this.m = vars.map((x) => tf.tidy(() => tf.variable(tf.zerosLike(x), false)));
    this.v = vars.map((x) => tf.tidy(() => tf.variable(tf.zerosLike(x), false)));
  }

  /**
   * One update from `grads` (keyed by variable name, as tf.variableGrads returns them). With
   * clipNorm > 0 the gradients are scaled by clipNorm / max(|g|, clipNorm), |g| the global L2
   * norm. Call inside tf.tidy.
   */
  apply(grads: NamedTensorMap, lr: number, clipNorm: number): void {
    this.t++;
    const gs: Tensor[] = this.vars.map((x) => grads[x.name]);
    let scale: Tensor | undefined;
    if (clipNorm > 0) {
      const norm = tf.sqrt(tf.addN(gs.map((g) => tf.sum(tf.square(g)))));
      scale = tf.div(clipNorm, tf.maximum(norm, clipNorm));
    }
    const c1 = 1 - Math.pow(this.beta1, this.t);
    const c2 = 1 - Math.pow(this.beta2, this.t);
    for (let i = 0; i < this.vars.length; i++) {
      const g = scale ? tf.mul(gs[i], scale) : gs[i];
      const m = tf.add(tf.mul(this.m[i], this.beta1), tf.mul(g, 1 - this.beta1));
      const v = tf.add(tf.mul(this.v[i], this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
      this.m[i].assign(m);
      this.v[i].assign(v);
      const step = tf.div(tf.div(m, c1), tf.add(tf.sqrt(tf.div(v, c2)), this.eps));
      this.vars[i].assign(tf.sub(this.vars[i], tf.mul(step, lr)));
    }
  }

  dispose(): void {
    for (const x of [...this.m, ...this.v]) x.dispose();
  }
}
