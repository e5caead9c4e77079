/**
 * Differentiable building blocks with hand-written gradients.
 *
 * Why: tfjs-backend-wasm runs its fast (XNNPACK) matMul only when neither input is transposed,
 * and the built-in matMul gradient uses transposed products (13-35x slower, measured). The
 * gradients here transpose explicitly (`tf.transpose`, then a plain `matMul`), or on wasm use
 * minfo's GEMM, which reads transposed operands itself. They equal the
 * built-in ones (test/neural/ops.test.ts checks against `tf.grads` on the cpu backend).
 */
import type { GradSaveFunc, Scalar, Tensor, Tensor1D, Tensor2D } from "@tensorflow/tfjs-core";
import { tf } from "./engine.js";
import { fastExp, fastSoftplus } from "./kernels/fastElementwise.js";
import { fastPairSums, fastReluGradient, fastTranspose2d } from "./kernels/fastExact.js";
import { fastMatMul } from "./kernels/fastGemm.js";

/**
 * op(a) op(b), op = transpose where flagged: on wasm by minfo's GEMM (kernels/fastGemm.ts: reads
 * transposed operands in place, bit-identical to XNNPACK's product, 1.0-1.4x faster), else an
 * explicit transpose and a plain tf.matMul (XNNPACK's fast path takes no transposed operand).
 * No gradient of its own: for work outside the tape (spectral normalisation's power iteration).
 */
export function product(a: Tensor2D, b: Tensor2D, transposeA = false, transposeB = false): Tensor2D {
  return fastMatMul(a, b, transposeA, transposeB) ?? tf.matMul(transposeA ? transposeSmall(a) : a, transposeB ? transposeSmall(b) : b);
}

const matMulCustom = tf.customGrad((...args: (Tensor | GradSaveFunc)[]) => {
  const a = args[0] as Tensor2D;
  const b = args[1] as Tensor2D;
  const save = args[2] as GradSaveFunc;
  save([a, b]);
  return {
    value: product(a, b),
    gradFunc: (dy: Tensor, saved: Tensor[]) => {
      const [sa, sb] = saved as Tensor2D[];
      return [product(dy as Tensor2D, sb, false, true), weightGradient(sa, dy as Tensor2D)];
    },
  };
});

/** a b for 2-d tensors, with a gradient made of untransposed products. */
export function matMul(a: Tensor2D, b: Tensor2D): Tensor2D {
  return matMulCustom(a, b) as Tensor2D;
}

const denseCustom = tf.customGrad((...args: (Tensor | GradSaveFunc)[]) => {
  const x = args[0] as Tensor2D;
  const w = args[1] as Tensor2D;
  const b = args[2] as Tensor1D;
  const save = args[3] as GradSaveFunc;
  save([x, w]);
  return {
    value: tf.add(product(x, w), b),
    gradFunc: (dy: Tensor, saved: Tensor[]) => {
      const [sx, sw] = saved as Tensor2D[];
      const g = dy as Tensor2D;
      // g is the right operand of both products: tfjs-wasm packs it for XNNPACK once (the packed
      // copy is cached by tensor) and the bias gradient 1^T g then costs almost nothing, where
      // a sum over the leading axis would transpose g first.
      const dw = weightGradient(sx, g);
      const db = tf.reshape(product(tf.ones([1, g.shape[0]]), g), [g.shape[1]]);
      return [product(g, sw, false, true), dw, db];
    },
  };
});

/**
 * Transpose that is a reshape for a single row or column (no data movement); on wasm by minfo's
 * SIMD kernel (kernels/fastExact.ts: exact, ~10x faster than tfjs-wasm's Transpose). No gradient.
 */
function transposeSmall(t: Tensor2D): Tensor2D {
  const [r, c] = t.shape;
  if (r === 1 || c === 1) return tf.reshape(t, [c, r]);
  return fastTranspose2d(t) ?? tf.transpose(t);
}

const transposeCustom = tf.customGrad((...args: (Tensor | GradSaveFunc)[]) => {
  const t = args[0] as Tensor2D;
  return { value: transposeSmall(t), gradFunc: (dy: Tensor) => [transposeSmall(dy as Tensor2D)] };
});

/** t^T for a 2-d tensor (tf.transpose, by the SIMD kernel on wasm); its gradient is the transpose. */
export function transpose2d(t: Tensor2D): Tensor2D {
  const [r, c] = t.shape;
  // A single row or column goes to tf.transpose (cheap at that size). Not a reshape: in the wpc
  // joint critic's taped penalty, a reshape of the last layer's Variable fed to matMul read wrong
  // values during training (not in isolation; docs/neural.md "Engine"), and customGrad's value
  // would share its input's data the same way.
  if (r === 1 || c === 1) return tf.transpose(t);
  return transposeCustom(t) as Tensor2D;
}

const pairSumCustom = tf.customGrad((...args: (Tensor | GradSaveFunc)[]) => {
  const a = args[0] as Tensor2D;
  const c = args[1] as Tensor2D;
  const [b1, h] = a.shape;
  const b2 = c.shape[0];
  return {
    value: tf.reshape(tf.add(tf.expandDims(a, 1), tf.expandDims(c, 0)), [b1 * b2, h]),
    gradFunc: (dy: Tensor) => {
      const g = dy as Tensor2D;
      const fast = fastPairSums(g, b1, b2);
      if (fast) return fast;
      const g3 = tf.reshape(g, [b1, b2, h]);
      return [tf.sum(g3, 1), tf.sum(g3, 0)];
    },
  };
});

/**
 * Every pair of rows added: row i * b2 + j of the result is a_i + c_j (a: b1 x h, c: b2 x h), the
 * first layer of a concatenated critic on all pairs. Its gradient sums over the other index (on
 * wasm in one pass by the SIMD kernel, bit-identical to tf.sum).
 */
export function pairSum(a: Tensor2D, c: Tensor2D): Tensor2D {
  return pairSumCustom(a, c) as Tensor2D;
}

/**
 * x^T g: g stays the right operand. (tfjs-wasm's XNNPACK matMul packs its right operand, the
 * dominant cost when that is a fresh n x 256 activation; the alternative (g^T x)^T packs x instead
 * and measured slower for a width-1 output layer.)
 */
function weightGradient(x: Tensor2D, g: Tensor2D): Tensor2D {
  return product(x, g, true, false);
}

/** Dense layer x W + b (x: n x in, W: in x out, b: out), with the explicit-transpose gradient. */
export function dense(x: Tensor2D, w: Tensor2D, b: Tensor1D): Tensor2D {
  return denseCustom(x, w, b) as Tensor2D;
}

/** e^x; on wasm by the SIMD kernel (kernels/fastElementwise.ts: ~18 us on 128 x 128 against 155 us). No gradient of its own. */
function exp(x: Tensor): Tensor {
  return fastExp(x) ?? tf.exp(x);
}

function lseCustom(axis: number | null) {
  return tf.customGrad((...args: (Tensor | GradSaveFunc)[]) => {
    const x = args[0] as Tensor;
    const save = args[1] as GradSaveFunc;
    const ax = axis === null ? undefined : axis;
    const m = tf.max(x, ax, true);
    // A row of -Infinity would give m = -Inf and NaN; scores are finite, so m is finite.
    const lseKeep = tf.add(m, tf.log(tf.sum(exp(tf.sub(x, m)), ax, true)));
    save([x, lseKeep]);
    const value = axis === null ? tf.reshape(lseKeep, []) : tf.squeeze(lseKeep, [axis]);
    return {
      value,
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [sx, sl] = saved;
        const softmax = exp(tf.sub(sx, sl));
        const dyKeep = axis === null ? tf.reshape(dy, sl.shape) : tf.expandDims(dy, axis);
        return [tf.mul(dyKeep, softmax)];
      },
    };
  });
}

const lseAll = lseCustom(null);
const lseByAxis = new Map<number, ReturnType<typeof lseCustom>>();

/**
 * Stabilised log-sum-exp, log Σ exp(x) = m + log Σ exp(x - m), over `axis` (all elements when
 * absent); its gradient is the softmax of x along that axis.
 */
export function logSumExp(x: Tensor, axis?: number): Tensor {
  if (axis === undefined) return lseAll(x) as Scalar;
  const ax = axis < 0 ? x.rank + axis : axis;
  let f = lseByAxis.get(ax);
  if (!f) {
    f = lseCustom(ax);
    lseByAxis.set(ax, f);
  }
  return f(x);
}

const stopGradientCustom = tf.customGrad((...args: (Tensor | GradSaveFunc)[]) => {
  const x = args[0] as Tensor;
  return { value: tf.clone(x), gradFunc: (dy: Tensor) => [tf.zerosLike(dy)] };
});

/** Identity in the forward pass, zero gradient (TF's stop_gradient). */
export function stopGradient<T extends Tensor>(x: T): T {
  return stopGradientCustom(x) as T;
}

const softplusCustom = tf.customGrad((...args: (Tensor | GradSaveFunc)[]) => {
  const h = args[0] as Tensor;
  const save = args[1] as GradSaveFunc;
  save([h]);
  // On wasm one SIMD kernel (kernels/fastElementwise.ts: ~35 us on 128 x 128, against ~106 us of
  // kernels plus dispatch for the 7-op form below, whose log1p runs a scalar libm call per element).
  // Elsewhere: softplus(h) = max(h, 0) + log(1 + e^-|h|) = max(h, 0) - log1p(-sigmoid(-|h|)):
  // nothing overflows (sigmoid(-|h|) is in [0, 1/2]); absolute error within float32 rounding of 1
  // for every finite h. (tf.softplus runs a scalar log1p(exp(x)) per element on tfjs-wasm: 233 us.)
  const value = fastSoftplus(h) ?? tf.sub(tf.relu(h), tf.log1p(tf.neg(tf.sigmoid(tf.neg(tf.abs(h))))));
  return { value, gradFunc: (dy: Tensor, saved: Tensor[]) => [tf.mul(dy, tf.sigmoid(saved[0]))] };
});

/** softplus(h) = log(1 + e^h) elementwise, with gradient sigmoid(h). */
export function softplus<T extends Tensor>(h: T): T {
  return softplusCustom(h) as T;
}

const reluCustom = tf.customGrad((...args: (Tensor | GradSaveFunc)[]) => {
  const h = args[0] as Tensor;
  const save = args[1] as GradSaveFunc;
  save([h]);
  return {
    value: tf.relu(h),
    gradFunc: (dy: Tensor, saved: Tensor[]) => [fastReluGradient(dy, saved[0]) ?? tf.mul(dy, tf.cast(tf.step(saved[0]), "float32"))],
  };
});

/**
 * relu(h) = max(h, 0) (tf.relu), with TF.js's gradient dy * step(h); on wasm that gradient is one
 * SIMD kernel instead of three (kernels/fastExact.ts, bit-identical).
 */
export function relu<T extends Tensor>(h: T): T {
  return reluCustom(h) as T;
}
