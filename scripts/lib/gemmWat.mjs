// The WebAssembly text of minfo's float32 matrix product (src/neural/kernels/gemm.wat is generated
// from this by scripts/build-wasm.mjs): C = op(A) op(B), op = identity or transpose, all row-major.
//
// Why: on the concat all-pairs critic three 4096 x 256 x 256 products are ~80% of a training
// step, and tfjs-backend-wasm's XNNPACK matMul runs them at 15-18 G multiply-adds/s here, below
// what one WebAssembly SIMD thread can do (scripts/bench-wasm-ceiling.mjs: 21 G/s). It also needs
// both operands untransposed, so a weight gradient x^T g first transposes x; this product reads
// transposed operands in its packing instead.
//
// The method is Goto and van de Geijn's ("Anatomy of high-performance matrix multiplication",
// ACM TOMS 34(3), 2008): for each block of KC along k, B's rows k0..k0+KC are packed into panels
// of NR = 8 columns (k-major, zero-padded past n), then for each block of MR = 4 rows A's block is
// packed k-major (zero-padded past m) and a 4 x 8 micro-kernel runs over every panel with eight
// f32x4 accumulators. The shape is the fastest of those measured with V8 11 on this machine's
// EPYC (4 x 8: 20.7 G/s from cache; 3 x 8 20.4, 2 x 12 17.5, 6 x 4 16.9; shapes with more
// accumulators, 4 x 12 and 2 x 16, measured 12.7 and 9.1, and unrolling over k made every shape
// slower). Tiles at the matrix's edge are
// computed into a scratch tile and copied.
//
// Summation: each C entry is c = (...((0 + a_0 b_0) + a_1 b_1) + ...) in float32, k in order,
// with the product rounded before the add (WebAssembly has no fused multiply-add without relaxed
// SIMD); blocking along k stores and reloads c, which float32 keeps exactly. That is the order of
// XNNPACK's WebAssembly SIMD GEMM micro-kernels (accumulators start from the zero bias), so the
// results are bit-identical to tfjs-backend-wasm's matMul, and the same on every machine.
//
// gemm(a, b, c, m, n, k, transA, transB, work): byte offsets; A is m x k (k x m stored when
// transA), B is k x n (n x k stored when transB), C is m x n; m, n, k >= 1; work holds
// workBytes(n) bytes (exported too, so that callers size it from the module itself).

import { loadAndInterleave4x4, TRANSPOSED_ROWS } from "./exactWat.mjs";

const MR = 4;
const NR = 8;
const KC = 256;
const A_PACK_BYTES = KC * MR * 4;
const EDGE_BYTES = MR * NR * 4;

// A's packing: element (row r, k index kk) of the block read from A, zero past m.
const A_ELEMENT = `(if (result f32) (i32.lt_u (i32.add (local.get $i0) (local.get $r)) (local.get $m))
          (then (f32.load (i32.add (local.get $a) (i32.shl
            (if (result i32) (local.get $transA)
              (then (i32.add (i32.mul (i32.add (local.get $k0) (local.get $kk)) (local.get $m)) (i32.add (local.get $i0) (local.get $r))))
              (else (i32.add (i32.mul (i32.add (local.get $i0) (local.get $r)) (local.get $k)) (i32.add (local.get $k0) (local.get $kk)))))
            (i32.const 2)))))
          (else (f32.const 0)))`;

function packAFunc() {
  // ap[kk][r] = A(i0 + r, k0 + kk). Full blocks: one 16-byte copy per kk (transA: the four rows are
  // adjacent), or a 4 x 4 shuffle transpose per four kk (untransposed A); the rest element by element.
  return `  (func $packA (param $a i32) (param $ap i32) (param $m i32) (param $k i32) (param $i0 i32) (param $k0 i32) (param $kc i32) (param $transA i32)
    (local $kk i32) (local $r i32) (local $src i32) (local $rowBytes i32) (local $dst i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (if (i32.le_u (i32.add (local.get $i0) (i32.const ${MR})) (local.get $m))
      (then
        (if (local.get $transA)
          (then
            (local.set $src (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $k0) (local.get $m)) (local.get $i0)) (i32.const 2))))
            (local.set $rowBytes (i32.shl (local.get $m) (i32.const 2)))
            (loop $copy
              (v128.store (i32.add (local.get $ap) (i32.shl (local.get $kk) (i32.const 4))) (v128.load (local.get $src)))
              (local.set $src (i32.add (local.get $src) (local.get $rowBytes)))
              (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
              (br_if $copy (i32.lt_u (local.get $kk) (local.get $kc))))
            (return))
          (else
            (local.set $rowBytes (i32.shl (local.get $k) (i32.const 2)))
            (local.set $src (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $i0) (local.get $k)) (local.get $k0)) (i32.const 2))))
            (block $done
              (loop $blocks
                (br_if $done (i32.gt_u (i32.add (local.get $kk) (i32.const 4)) (local.get $kc)))
                ${loadAndInterleave4x4().join("\n                ")}
                (local.set $dst (i32.add (local.get $ap) (i32.shl (local.get $kk) (i32.const 4))))
                ${TRANSPOSED_ROWS.map((row, q) => `(v128.store offset=${16 * q} (local.get $dst) ${row})`).join("\n                ")}
                (local.set $src (i32.add (local.get $src) (i32.const 16)))
                (local.set $kk (i32.add (local.get $kk) (i32.const 4)))
                (br $blocks)))))))
    ;; the rest (all of a partial block, or the last kc mod 4 of an untransposed one), one by one
    (block $end
      (loop $each
        (br_if $end (i32.ge_u (local.get $kk) (local.get $kc)))
        (local.set $r (i32.const 0))
        (loop $row
          (f32.store (i32.add (local.get $ap) (i32.shl (i32.add (i32.shl (local.get $kk) (i32.const 2)) (local.get $r)) (i32.const 2)))
            ${A_ELEMENT})
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br_if $row (i32.lt_u (local.get $r) (i32.const ${MR}))))
        (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
        (br $each))))`;
}

// B's packing: element (k index kk, column j0 + c) read from B, zero past n.
const B_ELEMENT = `(if (result f32) (i32.lt_u (i32.add (local.get $j0) (local.get $c)) (local.get $n))
            (then (f32.load (i32.add (local.get $b) (i32.shl
              (if (result i32) (local.get $transB)
                (then (i32.add (i32.mul (i32.add (local.get $j0) (local.get $c)) (local.get $k)) (i32.add (local.get $k0) (local.get $kk))))
                (else (i32.add (i32.mul (i32.add (local.get $k0) (local.get $kk)) (local.get $n)) (i32.add (local.get $j0) (local.get $c)))))
              (i32.const 2)))))
            (else (f32.const 0)))`;

function packBFunc() {
  // bp[panel][kk][c] = B(k0 + kk, 8 panel + c); full panels of untransposed B: two 16-byte copies per kk.
  return `  (func $packB (param $b i32) (param $bp i32) (param $k i32) (param $n i32) (param $k0 i32) (param $kc i32) (param $transB i32)
    (local $j0 i32) (local $kk i32) (local $c i32) (local $src i32) (local $dst i32)
    (local.set $dst (local.get $bp))
    (loop $panels
      (local.set $kk (i32.const 0))
      (if (i32.and (i32.eqz (local.get $transB)) (i32.le_u (i32.add (local.get $j0) (i32.const ${NR})) (local.get $n)))
        (then
          (local.set $src (i32.add (local.get $b) (i32.shl (i32.add (i32.mul (local.get $k0) (local.get $n)) (local.get $j0)) (i32.const 2))))
          (loop $copy
            (v128.store offset=0 (local.get $dst) (v128.load offset=0 (local.get $src)))
            (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $src)))
            (local.set $src (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 2))))
            (local.set $dst (i32.add (local.get $dst) (i32.const ${NR * 4})))
            (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
            (br_if $copy (i32.lt_u (local.get $kk) (local.get $kc)))))
        (else
          (loop $each
            (local.set $c (i32.const 0))
            (loop $col
              (f32.store (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 2)))
                ${B_ELEMENT})
              (local.set $c (i32.add (local.get $c) (i32.const 1)))
              (br_if $col (i32.lt_u (local.get $c) (i32.const ${NR}))))
            (local.set $dst (i32.add (local.get $dst) (i32.const ${NR * 4})))
            (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
            (br_if $each (i32.lt_u (local.get $kk) (local.get $kc))))))
      (local.set $j0 (i32.add (local.get $j0) (i32.const ${NR})))
      (br_if $panels (i32.lt_u (local.get $j0) (local.get $n)))))`;
}

function tileFunc() {
  const accs = [];
  for (let r = 0; r < MR; r++) for (let v = 0; v < 2; v++) accs.push([r, v]);
  const name = ([r, v]) => `$c${r}_${v}`;
  const load = accs.map((rv) => `(local.set ${name(rv)} (v128.load offset=${16 * rv[1]} (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const ${rv[0]})))))`);
  const store = accs.map((rv) => `(v128.store offset=${16 * rv[1]} (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const ${rv[0]}))) (local.get ${name(rv)}))`);
  const step = [`(local.set $b0 (v128.load offset=0 (local.get $bp)))`, `(local.set $b1 (v128.load offset=16 (local.get $bp)))`];
  for (let r = 0; r < MR; r++) {
    step.push(`(local.set $s (v128.load32_splat offset=${4 * r} (local.get $ap)))`);
    for (let v = 0; v < 2; v++) step.push(`(local.set ${name([r, v])} (f32x4.add (local.get ${name([r, v])}) (f32x4.mul (local.get $s) (local.get $b${v}))))`);
  }
  // One k per iteration: unrolling measured slower with V8 11 (20.7 G/s; 14.2 with two k, 7.1 with four).
  return `  (func $tile (param $ap i32) (param $bp i32) (param $c i32) (param $ldc i32) (param $kc i32) (param $accumulate i32)
    (local $apEnd i32) (local $b0 v128) (local $b1 v128) (local $s v128) ${accs.map((rv) => `(local ${name(rv)} v128)`).join(" ")}
    (if (local.get $accumulate) (then ${load.join(" ")}))
    (local.set $apEnd (i32.add (local.get $ap) (i32.shl (local.get $kc) (i32.const 4))))
    (loop $k
      ${step.join("\n      ")}
      (local.set $ap (i32.add (local.get $ap) (i32.const ${MR * 4})))
      (local.set $bp (i32.add (local.get $bp) (i32.const ${NR * 4})))
      (br_if $k (i32.lt_u (local.get $ap) (local.get $apEnd))))
    ${store.join("\n    ")})`;
}

function copyFunc() {
  return `  (func $copy (param $src i32) (param $srcLd i32) (param $dst i32) (param $dstLd i32) (param $rows i32) (param $cols i32)
    (local $r i32) (local $j i32)
    (loop $row
      (local.set $j (i32.const 0))
      (loop $col
        (f32.store (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 2))) (f32.load (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $col (i32.lt_u (local.get $j) (local.get $cols))))
      (local.set $src (i32.add (local.get $src) (local.get $srcLd)))
      (local.set $dst (i32.add (local.get $dst) (local.get $dstLd)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $row (i32.lt_u (local.get $r) (local.get $rows)))))`;
}

function gemmFunc() {
  return `  (func (export "gemm") (param $a i32) (param $b i32) (param $c i32) (param $m i32) (param $n i32) (param $k i32) (param $transA i32) (param $transB i32) (param $work i32)
    (local $ap i32) (local $edge i32) (local $bp i32) (local $k0 i32) (local $kc i32) (local $accumulate i32)
    (local $i0 i32) (local $j0 i32) (local $panel i32) (local $rows i32) (local $cols i32) (local $ldc i32) (local $at i32)
    (local.set $ap (local.get $work))
    (local.set $edge (i32.add (local.get $work) (i32.const ${A_PACK_BYTES})))
    (local.set $bp (i32.add (local.get $edge) (i32.const ${EDGE_BYTES})))
    (local.set $ldc (i32.shl (local.get $n) (i32.const 2)))
    (loop $kBlocks
      (local.set $kc (i32.sub (local.get $k) (local.get $k0)))
      (if (i32.gt_u (local.get $kc) (i32.const ${KC})) (then (local.set $kc (i32.const ${KC}))))
      (call $packB (local.get $b) (local.get $bp) (local.get $k) (local.get $n) (local.get $k0) (local.get $kc) (local.get $transB))
      (local.set $i0 (i32.const 0))
      (loop $rowBlocks
        (call $packA (local.get $a) (local.get $ap) (local.get $m) (local.get $k) (local.get $i0) (local.get $k0) (local.get $kc) (local.get $transA))
        (local.set $rows (i32.sub (local.get $m) (local.get $i0)))
        (if (i32.gt_u (local.get $rows) (i32.const ${MR})) (then (local.set $rows (i32.const ${MR}))))
        (local.set $j0 (i32.const 0))
        (local.set $panel (local.get $bp))
        (loop $panels
          (local.set $cols (i32.sub (local.get $n) (local.get $j0)))
          (if (i32.gt_u (local.get $cols) (i32.const ${NR})) (then (local.set $cols (i32.const ${NR}))))
          (local.set $at (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i0) (local.get $n)) (local.get $j0)) (i32.const 2))))
          (if (i32.and (i32.eq (local.get $rows) (i32.const ${MR})) (i32.eq (local.get $cols) (i32.const ${NR})))
            (then (call $tile (local.get $ap) (local.get $panel) (local.get $at) (local.get $ldc) (local.get $kc) (local.get $accumulate)))
            (else
              (if (local.get $accumulate) (then (call $copy (local.get $at) (local.get $ldc) (local.get $edge) (i32.const ${NR * 4}) (local.get $rows) (local.get $cols))))
              (call $tile (local.get $ap) (local.get $panel) (local.get $edge) (i32.const ${NR * 4}) (local.get $kc) (local.get $accumulate))
              (call $copy (local.get $edge) (i32.const ${NR * 4}) (local.get $at) (local.get $ldc) (local.get $rows) (local.get $cols))))
          (local.set $panel (i32.add (local.get $panel) (i32.shl (local.get $kc) (i32.const ${Math.log2(NR * 4)}))))
          (local.set $j0 (i32.add (local.get $j0) (i32.const ${NR})))
          (br_if $panels (i32.lt_u (local.get $j0) (local.get $n))))
        (local.set $i0 (i32.add (local.get $i0) (i32.const ${MR})))
        (br_if $rowBlocks (i32.lt_u (local.get $i0) (local.get $m))))
      (local.set $accumulate (i32.const 1))
      (local.set $k0 (i32.add (local.get $k0) (local.get $kc)))
      (br_if $kBlocks (i32.lt_u (local.get $k0) (local.get $k)))))`;
}

function workBytesFunc() {
  return `  (func (export "workBytes") (param $n i32) (result i32)
    (i32.add (i32.const ${A_PACK_BYTES + EDGE_BYTES}) (i32.mul (i32.const ${KC * 4}) (i32.and (i32.add (local.get $n) (i32.const ${NR - 1})) (i32.const ${-NR})))))`;
}

/** The module text: memory imported from env (tfjs-backend-wasm's). */
export function gemmWat() {
  return `;; Generated by scripts/build-wasm.mjs from scripts/lib/gemmWat.mjs; do not edit.
(module
  (import "env" "memory" (memory 0))
${packAFunc()}
${packBFunc()}
${tileFunc()}
${copyFunc()}
${gemmFunc()}
${workBytesFunc()})
`;
}
