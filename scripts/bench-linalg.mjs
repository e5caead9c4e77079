#!/usr/bin/env node
// Linear algebra speed: minfo's Cholesky, log-determinant and symmetric eigen-decomposition
// against ml-matrix (installed OUTSIDE the project, it is not a dependency) on random SPD
// matrices, same inputs, interleaved so machine noise hits both. Also checks agreement.
//
//   mkdir -p /tmp/mlm && (cd /tmp/mlm && npm init -y && npm i ml-matrix)
//   npm run build && node scripts/bench-linalg.mjs [--ml /tmp/mlm/node_modules/ml-matrix/matrix.mjs]
//       [--sizes 10,50,200] [--dist dist] [--budget 1000 (ms per timing)]
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const sizes = opt("sizes", "10,50,200").split(",").map(Number);
const budgetMs = Number(opt("budget", "1000"));
const dist = resolve(opt("dist", "dist"));
const ml = await import(pathToFileURL(resolve(opt("ml", "/tmp/mlm/node_modules/ml-matrix/matrix.mjs"))).href);
const { cholesky } = await import(pathToFileURL(`${dist}/core/linalg/cholesky.js`).href);
const { logDet } = await import(pathToFileURL(`${dist}/core/linalg/logDet.js`).href);
const { symmetricEigen } = await import(pathToFileURL(`${dist}/core/linalg/symmetricEigen.js`).href);
const { createRng } = await import(pathToFileURL(`${dist}/core/random/rng.js`).href);

/** A = G G^T / n + I with G standard normal: SPD, condition number ~ 5. */
function randomSpd(n, seed) {
  const rng = createRng(seed);
  const g = new Float64Array(n * n);
  for (let i = 0; i < g.length; i++) g[i] = rng.normal();
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += g[i * n + k] * g[j * n + k];
      a[i * n + j] = a[j * n + i] = s / n + (i === j ? 1 : 0);
    }
  return a;
}

/** Median time per call in microseconds, running each for about `budgetMs`. */
function time(fn) {
  for (let i = 0; i < 3; i++) fn(); // warm-up (JIT)
  const samples = [];
  const end = performance.now() + budgetMs;
  while (performance.now() < end || samples.length < 5) {
    const t0 = performance.now();
    fn();
    samples.push((performance.now() - t0) * 1000);
  }
  samples.sort((x, y) => x - y);
  return samples[samples.length >> 1];
}

const rows = [];
for (const n of sizes) {
  const a = randomSpd(n, n);
  const rowsArr = Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, i * n + n)));
  const fmt = (v) => (v < 100 ? v.toFixed(1) : v.toFixed(0));
  // Agreement checks.
  const ldMine = logDet(a, n);
  const mlChol = new ml.CholeskyDecomposition(new ml.Matrix(rowsArr));
  const lMl = mlChol.lowerTriangularMatrix;
  let ldMl = 0;
  for (let i = 0; i < n; i++) ldMl += 2 * Math.log(lMl.get(i, i));
  const evMine = symmetricEigen(a, n).values;
  const evMl = new ml.EigenvalueDecomposition(new ml.Matrix(rowsArr), { assumeSymmetric: true }).realEigenvalues;
  let evDiff = 0;
  for (let i = 0; i < n; i++) evDiff = Math.max(evDiff, Math.abs(evMine[i] - evMl[i]));
  const ops = [
    ["cholesky", () => cholesky(a, n), () => new ml.CholeskyDecomposition(new ml.Matrix(rowsArr))],
    ["logDet", () => logDet(a, n), () => {
      const l = new ml.CholeskyDecomposition(new ml.Matrix(rowsArr)).lowerTriangularMatrix;
      let s = 0;
      for (let i = 0; i < n; i++) s += Math.log(l.get(i, i));
      return 2 * s;
    }],
    ["symmetricEigen", () => symmetricEigen(a, n), () => new ml.EigenvalueDecomposition(new ml.Matrix(rowsArr), { assumeSymmetric: true })],
    ["eigenvalues only", () => symmetricEigen(a, n, { vectors: false }), null],
  ];
  for (const [name, mine, theirs] of ops) {
    const tm = time(mine);
    const tt = theirs ? time(theirs) : NaN;
    rows.push(`| ${name} | ${n} | ${fmt(tm)} | ${theirs ? fmt(tt) : "-"} | ${theirs ? (tt / tm).toFixed(2) : "-"} |`);
  }
  rows.push(`| (agreement) | ${n} | logDet diff ${Math.abs(ldMine - ldMl).toExponential(1)} | max eigenvalue diff ${evDiff.toExponential(1)} | |`);
}
console.log(`node ${process.version}, ${process.arch}`);
console.log("| operation | n | minfo (us) | ml-matrix (us) | ml-matrix / minfo |");
console.log("|---|---:|---:|---:|---:|");
for (const r of rows) console.log(r);
