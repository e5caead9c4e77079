// The WebAssembly text of minfo's exact float32 kernels, whose results are bit-identical to the
// TF.js ops they replace: a 2-d transpose, the two sums of the all-pairs critic's first-layer
// gradient, and the relu gradient (src/neural/kernels/exact.wat is generated from this by
// scripts/build-wasm.mjs).
//
// Why: tfjs-backend-wasm's Transpose is a scalar loop with index arithmetic per element, about
// 10 ns per element (a 4096 x 256 matrix takes ~9-10 ms, as much as half a 4096 x 256 x 256
// product); its Sum over a leading axis transposes first; and its relu gradient is three kernels
// (Step, Cast, Multiply). These kernels move four floats per instruction. A transpose copies; the
// sums add in the same order as TF.js (sequentially over the summed index, in float32, from 0);
// the relu gradient multiplies by the same 0, 1 or NaN as TF.js's step.
//
// transpose(x, y, rows, cols): y (cols x rows) = x^T (rows x cols), both row-major, for the
// leading rows - rows mod 4 rows and cols - cols mod 4 columns (the caller copies the rest).
// 4 x 4 blocks: four row loads, eight i8x16.shuffle, four stores. Columns go in panels of PANEL:
// the PANEL output rows a panel writes are `rows` floats apart, for power-of-two shapes all in one
// L1 set, so a panel wider than the cache's associativity evicts its own lines before four-row
// steps fill them. Measured (V8 11, this machine's EPYC), ms for 4096 x 256 / 256 x 4096:
// panel 4: 0.38 / 0.91; 8: 0.23 / 0.33; 16: 0.83 / 0.22; 32: 2.3 / 0.24; 64: 3.0 / 0.84
// (tfjs-backend-wasm's Transpose: ~9.5 ms for 4096 x 256).
//
// pairSums(d, a, c, b1, b2, h): for d of shape [b1, b2, h] (h a multiple of 4),
// a[i, :] = sum_j d[i, j, :] and c[j, :] = sum_i d[i, j, :].
//
// reluGradient(g, x, y, n): y[i] = g[i] * step(x[i]), step(x) = 1 for x > 0, NaN for NaN, else 0,
// for i < n - n mod 16 (the caller does the rest).

export const PANEL = 8;

/** i8x16.shuffle byte indices picking 32-bit lanes [p, q, r, s] of (first, second). */
function lanes(...picks) {
  return picks.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3]).join(" ");
}

/** The four shuffles of a 4 x 4 float32 transpose: pairs of rows interleaved, then halves joined. */
const SHUFFLE = {
  lowPairs: lanes(0, 4, 1, 5), // (a0 b0 a1 b1)
  highPairs: lanes(2, 6, 3, 7), // (a2 b2 a3 b3)
  lowHalves: lanes(0, 1, 4, 5), // (t0 t1 u0 u1)
  highHalves: lanes(2, 3, 6, 7), // (t2 t3 u2 u3)
};

/**
 * The first half of a 4 x 4 float32 transpose, as WAT lines: rows $r0..$r3 loaded from $src,
 * $src + $rowBytes, ... and interleaved in pairs into $t0..$t3 (v128 locals the caller declares).
 * TRANSPOSED_ROWS[i] is then the expression of the transpose's row i. gemmWat.mjs packs with it too.
 */
export function loadAndInterleave4x4() {
  return [
    `(local.set $r0 (v128.load (local.get $src)))`,
    `(local.set $r1 (v128.load (i32.add (local.get $src) (local.get $rowBytes))))`,
    `(local.set $r2 (v128.load (i32.add (local.get $src) (i32.shl (local.get $rowBytes) (i32.const 1)))))`,
    `(local.set $r3 (v128.load (i32.add (local.get $src) (i32.mul (local.get $rowBytes) (i32.const 3)))))`,
    `(local.set $t0 (i8x16.shuffle ${SHUFFLE.lowPairs} (local.get $r0) (local.get $r1)))`,
    `(local.set $t1 (i8x16.shuffle ${SHUFFLE.highPairs} (local.get $r0) (local.get $r1)))`,
    `(local.set $t2 (i8x16.shuffle ${SHUFFLE.lowPairs} (local.get $r2) (local.get $r3)))`,
    `(local.set $t3 (i8x16.shuffle ${SHUFFLE.highPairs} (local.get $r2) (local.get $r3)))`,
  ];
}

export const TRANSPOSED_ROWS = [
  `(i8x16.shuffle ${SHUFFLE.lowHalves} (local.get $t0) (local.get $t2))`,
  `(i8x16.shuffle ${SHUFFLE.highHalves} (local.get $t0) (local.get $t2))`,
  `(i8x16.shuffle ${SHUFFLE.lowHalves} (local.get $t1) (local.get $t3))`,
  `(i8x16.shuffle ${SHUFFLE.highHalves} (local.get $t1) (local.get $t3))`,
];

function transposeFunc() {
  return `  (func (export "transpose") (param $x i32) (param $y i32) (param $rows i32) (param $cols i32)
    (local $rows4 i32) (local $cols4 i32) (local $j0 i32) (local $jEnd i32) (local $i i32) (local $j i32)
    (local $rowBytes i32) (local $outRowBytes i32) (local $src i32) (local $dst i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $rows4 (i32.and (local.get $rows) (i32.const -4)))
    (local.set $cols4 (i32.and (local.get $cols) (i32.const -4)))
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $outRowBytes (i32.shl (local.get $rows) (i32.const 2)))
    (if (i32.or (i32.eqz (local.get $rows4)) (i32.eqz (local.get $cols4))) (then (return)))
    (local.set $j0 (i32.const 0))
    (loop $panels
      (local.set $jEnd (i32.add (local.get $j0) (i32.const ${PANEL})))
      (if (i32.gt_u (local.get $jEnd) (local.get $cols4)) (then (local.set $jEnd (local.get $cols4))))
      (local.set $i (i32.const 0))
      (loop $rowsLoop
        (local.set $j (local.get $j0))
        (loop $block
          ;; src = x + 4 (i cols + j); dst = y + 4 (j rows + i)
          (local.set $src (i32.add (local.get $x) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $j)) (i32.const 2))))
          (local.set $dst (i32.add (local.get $y) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $rows)) (local.get $i)) (i32.const 2))))
          ${loadAndInterleave4x4().join("\n          ")}
          (v128.store (local.get $dst) ${TRANSPOSED_ROWS[0]})
          (v128.store (i32.add (local.get $dst) (local.get $outRowBytes)) ${TRANSPOSED_ROWS[1]})
          (v128.store (i32.add (local.get $dst) (i32.shl (local.get $outRowBytes) (i32.const 1))) ${TRANSPOSED_ROWS[2]})
          (v128.store (i32.add (local.get $dst) (i32.mul (local.get $outRowBytes) (i32.const 3))) ${TRANSPOSED_ROWS[3]})
          (local.set $j (i32.add (local.get $j) (i32.const 4)))
          (br_if $block (i32.lt_u (local.get $j) (local.get $jEnd))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br_if $rowsLoop (i32.lt_u (local.get $i) (local.get $rows4))))
      (local.set $j0 (local.get $jEnd))
      (br_if $panels (i32.lt_u (local.get $j0) (local.get $cols4)))))`;
}

function pairSumsFunc() {
  // a: one pass per i over its b2 rows, the h-vector accumulated in place (a[i] starts at 0).
  // c: c[j] starts at 0 and every i adds d[i, j] (sequential in i, as TF.js's Sum over axis 0).
  return `  (func (export "pairSums") (param $d i32) (param $a i32) (param $c i32) (param $b1 i32) (param $b2 i32) (param $h i32)
    (local $rowBytes i32) (local $i i32) (local $j i32) (local $k i32) (local $src i32) (local $dstA i32) (local $dstC i32) (local $v v128)
    (local.set $rowBytes (i32.shl (local.get $h) (i32.const 2)))
    (memory.fill (local.get $a) (i32.const 0) (i32.mul (local.get $b1) (local.get $rowBytes)))
    (memory.fill (local.get $c) (i32.const 0) (i32.mul (local.get $b2) (local.get $rowBytes)))
    (local.set $src (local.get $d))
    (local.set $i (i32.const 0))
    (loop $iLoop
      (local.set $dstA (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
      (local.set $j (i32.const 0))
      (loop $jLoop
        (local.set $dstC (i32.add (local.get $c) (i32.mul (local.get $j) (local.get $rowBytes))))
        (local.set $k (i32.const 0))
        (loop $kLoop
          (local.set $v (v128.load (i32.add (local.get $src) (local.get $k))))
          (v128.store (i32.add (local.get $dstA) (local.get $k)) (f32x4.add (v128.load (i32.add (local.get $dstA) (local.get $k))) (local.get $v)))
          (v128.store (i32.add (local.get $dstC) (local.get $k)) (f32x4.add (v128.load (i32.add (local.get $dstC) (local.get $k))) (local.get $v)))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $kLoop (i32.lt_u (local.get $k) (local.get $rowBytes))))
        (local.set $src (i32.add (local.get $src) (local.get $rowBytes)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $jLoop (i32.lt_u (local.get $j) (local.get $b2))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $iLoop (i32.lt_u (local.get $i) (local.get $b1)))))`;
}

function reluGradientFunc() {
  const vectors = [0, 1, 2, 3];
  const body = vectors.flatMap((v) => [
    `(local.set $x${v} (v128.load offset=${16 * v} align=4 (local.get $x)))`,
    // step: 1 where x > 0 (the mask's bits and 1.0), x itself (NaN) where x != x, else 0
    `(local.set $s${v} (v128.bitselect (local.get $x${v}) (v128.and (f32x4.gt (local.get $x${v}) (v128.const f32x4 0 0 0 0)) (v128.const f32x4 1 1 1 1)) (f32x4.ne (local.get $x${v}) (local.get $x${v}))))`,
    `(v128.store offset=${16 * v} align=4 (local.get $y) (f32x4.mul (v128.load offset=${16 * v} align=4 (local.get $g)) (local.get $s${v})))`,
  ]);
  const locals = vectors.map((v) => `(local $x${v} v128) (local $s${v} v128)`).join(" ");
  return `  (func (export "reluGradient") (param $g i32) (param $x i32) (param $y i32) (param $n i32)
    (local $end i32) ${locals}
    (local.set $end (i32.add (local.get $x) (i32.shl (i32.and (local.get $n) (i32.const -16)) (i32.const 2))))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        ${body.join("\n        ")}
        (local.set $g (i32.add (local.get $g) (i32.const 64)))
        (local.set $x (i32.add (local.get $x) (i32.const 64)))
        (local.set $y (i32.add (local.get $y) (i32.const 64)))
        (br $blocks))))`;
}

/** The module text: memory imported from env (tfjs-backend-wasm's). */
export function exactWat() {
  return `;; Generated by scripts/build-wasm.mjs from scripts/lib/exactWat.mjs; do not edit.
(module
  (import "env" "memory" (memory 0))
${transposeFunc()}
${pairSumsFunc()}
${reluGradientFunc()})
`;
}
