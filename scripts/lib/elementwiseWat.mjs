// The WebAssembly text of minfo's elementwise float32 kernels, softplus and exp
// (src/neural/kernels/elementwise.wat is generated from this by scripts/build-wasm.mjs).
//
// Why: tfjs-backend-wasm runs log, log1p and exp as one scalar libm call per element (65-155 us
// on a 128 x 128 tensor, against 18 us for its vectorised sigmoid), and softplus from TF.js ops
// takes 7 kernels. These kernels use WebAssembly SIMD, four lanes per vector.
//
// WAT has no macros: each per-vector computation is written once here and repeated, statement by
// statement, for UNROLL independent vectors per loop iteration. Measured for softplus on 16 384
// elements (V8 11, x86-64): 34 us, against 41 us for the four vectors one after the other and
// 78 us with a helper function called per vector; pmin/pmax instead of min/max (no NaN
// canonicalisation, NaN still propagates) gained 6 us.
//
// Method:
// - exp(x), x clamped to [-104, 89]: x = k ln2 + r, k = nearest(x / ln2), |r| <= ln2 / 2
//   (Cody-Waite: ln2 = LN2_HI + LN2_LO, k LN2_HI exact); exp(r) by its degree-7 Taylor
//   polynomial (truncation < 6e-9 relative); 2^k = 2^k1 2^k2 with k1 = floor(k / 2), k2 = k - k1,
//   each a normal float built from its exponent bits, so that results overflow to Infinity above
//   88.72 and underflow gradually below -87.3 as they should.
// - softplus(h) = max(h, 0) + log1p(e), e = exp(-|h|) as above with |h| <= 87 (2^-k one normal
//   float; e = 0 for |h| > 87, so softplus(h) = 0 for h < -87, where the true value is below
//   1.7e-38); log1p(e) = 2 atanh(t), t = e / (2 + e) <= 1/3, by its odd series to t^17
//   (truncation < 2e-10 relative).
// Measured error against float64 over every 16th float32: softplus at most 3.5 ulps (h >= -87),
// exp at most 1.2 ulps (normal results; subnormal results within 2 subnormal steps, overflow to
// Infinity exact). NaN in gives NaN out.

import { interleave } from "./interleave.mjs";

export const UNROLL = 4;

const splat = (v) => `(v128.const f32x4 ${v} ${v} ${v} ${v})`;
const INV_LN2 = splat("1.44269504088896341");
const LN2_HI = splat("0.693359375");
const LN2_LO = splat("-2.12194440e-4");
const EXP_TAYLOR = ["1", "1", "0.5", "1.66666666667e-1", "4.16666666667e-2", "8.33333333333e-3", "1.38888888889e-3", "1.98412698413e-4"];
const ATANH_SERIES = ["1", "3.33333333333e-1", "0.2", "1.42857142857e-1", "1.11111111111e-1", "9.09090909091e-2", "7.69230769231e-2", "6.66666666667e-2", "5.88235294118e-2"];

/** Horner's rule for sum_j coef[j] z^j into local p (coef from the constant term up). */
function horner(z, coef, p) {
  const top = coef.length - 1;
  const lines = [`(local.set ${p} (f32x4.add ${splat(coef[top - 1])} (f32x4.mul (local.get ${z}) ${splat(coef[top])})))`];
  for (let j = top - 2; j >= 0; j--) lines.push(`(local.set ${p} (f32x4.add ${splat(coef[j])} (f32x4.mul (local.get ${z}) (local.get ${p}))))`);
  return lines;
}

/** A float32x4 power of two 2^k from an integer-valued float32x4 k in [-126, 127]. */
const pow2 = (k) => `(i32x4.shl (i32x4.add (v128.const i32x4 127 127 127 127) ${k}) (i32.const 23))`;

/** Local names suffixed with the vector's index. */
const names = (i, list) => list.map((n) => `$${n}${i}`);
const SOFTPLUS_LOCALS = ["h", "a", "k", "q", "p", "e", "t", "s", "r"];
const EXP_LOCALS = ["h", "k", "q", "p", "j", "r"];

/** softplus of vector $h{i} into $r{i}. */
function vectorSoftplus(i) {
  const [h, a, k, q, p, e, t, s, r] = names(i, SOFTPLUS_LOCALS);
  return [
    `(local.set ${a} (f32x4.pmin (f32x4.abs (local.get ${h})) ${splat(87)}))`,
    `(local.set ${k} (f32x4.nearest (f32x4.mul (local.get ${a}) ${INV_LN2})))`,
    // q = -r = (k LN2_HI - a) + k LN2_LO, exp(-a) = 2^-k exp(q)
    `(local.set ${q} (f32x4.add (f32x4.sub (f32x4.mul (local.get ${k}) ${LN2_HI}) (local.get ${a})) (f32x4.mul (local.get ${k}) ${LN2_LO})))`,
    ...horner(q, EXP_TAYLOR, p),
    `(local.set ${e} (f32x4.mul (local.get ${p}) ${pow2(`(i32x4.neg (i32x4.trunc_sat_f32x4_s (local.get ${k})))`)}))`,
    `(local.set ${e} (v128.and (local.get ${e}) (f32x4.le (f32x4.abs (local.get ${h})) ${splat(87)})))`,
    `(local.set ${t} (f32x4.div (local.get ${e}) (f32x4.add (local.get ${e}) ${splat(2)})))`,
    `(local.set ${s} (f32x4.mul (local.get ${t}) (local.get ${t})))`,
    ...horner(s, ATANH_SERIES, p),
    `(local.set ${r} (f32x4.add (f32x4.pmax (local.get ${h}) ${splat(0)}) (f32x4.mul (f32x4.add (local.get ${t}) (local.get ${t})) (local.get ${p}))))`,
  ];
}

/** exp of vector $h{i} into $r{i} ($j: k as integers, then k1). */
function vectorExp(i) {
  const [h, k, q, p, j, r] = names(i, EXP_LOCALS);
  return [
    // clamp (pmin/pmax keep NaN: the comparison is false and the first operand is returned)
    `(local.set ${h} (f32x4.pmax (f32x4.pmin (local.get ${h}) ${splat(89)}) ${splat(-104)}))`,
    `(local.set ${k} (f32x4.nearest (f32x4.mul (local.get ${h}) ${INV_LN2})))`,
    // r = (x - k LN2_HI) - k LN2_LO
    `(local.set ${q} (f32x4.sub (f32x4.sub (local.get ${h}) (f32x4.mul (local.get ${k}) ${LN2_HI})) (f32x4.mul (local.get ${k}) ${LN2_LO})))`,
    ...horner(q, EXP_TAYLOR, p),
    `(local.set ${j} (i32x4.trunc_sat_f32x4_s (local.get ${k})))`,
    // p 2^k1 2^k2, k1 = k >> 1 (floor), k2 = k - k1
    `(local.set ${r} (f32x4.mul (f32x4.mul (local.get ${p}) ${pow2(`(i32x4.shr_s (local.get ${j}) (i32.const 1))`)}) ${pow2(`(i32x4.sub (local.get ${j}) (i32x4.shr_s (local.get ${j}) (i32.const 1)))`)}))`,
  ];
}

/** An exported function name(x, y, n): y[i] = f(x[i]) for i < n - n mod (4 UNROLL). */
function elementwiseFunction(name, localNames, vectorStatements) {
  const lanes = Array.from({ length: UNROLL }, (_, i) => i);
  const locals = lanes.map((i) => names(i, localNames).map((n) => `(local ${n} v128)`).join(" "));
  const body = [
    ...lanes.map((i) => `(local.set $h${i} (v128.load offset=${16 * i} align=4 (local.get $x)))`),
    // interleaved, statement by statement across the vectors: V8 keeps the order it is given
    ...interleave(lanes.map((i) => vectorStatements(i))),
    ...lanes.map((i) => `(v128.store offset=${16 * i} align=4 (local.get $y) (local.get $r${i}))`),
  ];
  return `  (func (export "${name}") (param $x i32) (param $y i32) (param $n i32)
    (local $end i32)
    ${locals.join("\n    ")}
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const ${-4 * UNROLL})) (i32.const 2))))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        ${body.join("\n        ")}
        (local.set $x (i32.add (local.get $x) (i32.const ${16 * UNROLL})))
        (local.set $y (i32.add (local.get $y) (i32.const ${16 * UNROLL})))
        (br $blocks))))`;
}

/** The module's text. */
export function elementwiseWat() {
  return `;; Generated by scripts/build-wasm.mjs from scripts/lib/elementwiseWat.mjs (the method and its
;; error bounds are described there); do not edit.
;; Each function: y[i] = f(x[i]) for i < n - n mod ${4 * UNROLL}; x, y byte offsets of float32 arrays
;; (may be equal) in the imported memory. The caller computes the last n mod ${4 * UNROLL} elements.
(module
  (import "env" "memory" (memory 0))
${elementwiseFunction("softplus", SOFTPLUS_LOCALS, vectorSoftplus)}
${elementwiseFunction("exp", EXP_LOCALS, vectorExp)})
`;
}
