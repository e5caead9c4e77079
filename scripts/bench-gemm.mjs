// minfo's GEMM (src/neural/kernels/fastGemm.ts) against tfjs-backend-wasm's matMul (XNNPACK) on
// the shapes the critics multiply, time per call, and whether the two agree bit for bit. XNNPACK
// takes only untransposed operands, so its side includes the explicit transpose (minfo's exact
// transpose kernel, as ops.ts did before the GEMM).
//   npm run build && node scripts/bench-gemm.mjs
// Best of 31 calls per shape (10 for the large ones), three interleaved passes, after a 3 s
// warm-up: V8 first runs WebAssembly in its baseline tier.
import { tf, useBackend } from "../dist/neural/engine.js";
import { fastMatMul } from "../dist/neural/kernels/fastGemm.js";
import { fastTranspose2d } from "../dist/neural/kernels/fastExact.js";

await useBackend("wasm");

/** [m, k, n, transposeA, transposeB]: first layers (k = d), hidden layers, their gradients, scores. */
const SHAPES = [
  [128, 1, 128, false, false],
  [128, 5, 128, false, false],
  [128, 16, 128, false, false],
  [128, 64, 128, false, false],
  [128, 128, 128, false, false],
  [128, 128, 128, false, true],
  [128, 128, 128, true, false],
  [5, 128, 128, true, false],
  [128, 128, 1, false, false],
  [128, 128, 1, false, true],
  [128, 128, 32, false, false],
  [128, 32, 128, false, true],
  [1024, 5, 128, false, false],
  [833, 128, 128, false, false],
  [833, 32, 833, false, true],
  [8, 8, 8, false, false],
  [4096, 256, 256, false, false],
  [4096, 256, 256, false, true],
  [256, 4096, 256, true, false],
];

const operands = SHAPES.map(([m, k, n, tA, tB], i) => [
  tf.randomNormal(tA ? [k, m] : [m, k], 0, 1, "float32", 2 * i + 1),
  tf.randomNormal(tB ? [n, k] : [k, n], 0, 1, "float32", 2 * i + 2),
]);
const transpose = (t) => fastTranspose2d(t) ?? tf.transpose(t);
const xnnpack = (i) => {
  const [a, b] = operands[i];
  const [, , , tA, tB] = SHAPES[i];
  return tf.tidy(() => tf.matMul(tA ? transpose(a) : a, tB ? transpose(b) : b));
};
const mine = (i) => {
  const [a, b] = operands[i];
  const [, , , tA, tB] = SHAPES[i];
  return fastMatMul(a, b, tA, tB);
};
const call = (f, i) => {
  const r = f(i);
  r.dataSync();
  r.dispose();
};
function best(f, i, rounds) {
  let t = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    call(f, i);
    t = Math.min(t, performance.now() - t0);
  }
  return t;
}

const identical = SHAPES.map((_, i) => {
  const [p, q] = [xnnpack(i), mine(i)];
  const [u, v] = [new Uint32Array(p.dataSync().buffer.slice(0)), new Uint32Array(q.dataSync().buffer.slice(0))];
  tf.dispose([p, q]);
  return u.every((x, j) => x === v[j]);
});
const warm = performance.now();
while (performance.now() - warm < 3000) {
  SHAPES.forEach(([m, k, n], i) => {
    if (m * k * n < 1e7) {
      call(xnnpack, i);
      call(mine, i);
    }
  });
}
const times = SHAPES.map(() => [Infinity, Infinity]);
for (let pass = 0; pass < 3; pass++) {
  SHAPES.forEach(([m, k, n], i) => {
    const rounds = m * k * n > 1e7 ? 10 : 31;
    times[i][0] = Math.min(times[i][0], best(xnnpack, i, rounds));
    times[i][1] = Math.min(times[i][1], best(mine, i, rounds));
  });
}
console.log("| m x k x n | A transposed | B transposed | XNNPACK (+ transpose) us | minfo GEMM us | speed-up | bit-identical |");
console.log("|---|---|---|---:|---:|---:|---|");
SHAPES.forEach(([m, k, n, tA, tB], i) => {
  const [x, g] = times[i];
  console.log(`| ${m} x ${k} x ${n} | ${tA ? "yes" : "no"} | ${tB ? "yes" : "no"} | ${(x * 1000).toFixed(1)} | ${(g * 1000).toFixed(1)} | ${(x / g).toFixed(2)}x | ${identical[i] ? "yes" : "NO"} |`);
});
tf.dispose(operands.flat());
