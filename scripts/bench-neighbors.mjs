#!/usr/bin/env node
// Benchmark of the neighbour-search layer against scipy's cKDTree, on the searches a KSG
// estimator makes: k-th neighbour (k = 4, max-norm) in the joint space, then strict radius
// counts in each marginal. Both sides get the same data (written to a temp file) and are timed
// on the search only (tree building included, data loading and process start excluded), best
// of `--repeats` runs, one thread each. Times are CPU time of the process (user + system:
// process.cpuUsage() in Node, time.process_time() in Python), which stays meaningful on a
// shared, loaded machine where wall-clock time mostly measures waiting; `--wall` switches to
// wall-clock time.
//
//   npm run build && node scripts/bench-neighbors.mjs [--sizes 10000,100000] [--dims 1,2,5,10]
//        [--repeats 3] [--module dist/core/neighbors/index.js] [--python /usr/bin/python3]
//        [--methods] (also time every method of the JS side on the joint kNN: cross-over table)
//
// Prints a markdown table; ratio = JS time / scipy time (< 1: JS is faster).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const sizes = opt("sizes", "10000,100000").split(",").map(Number);
const dims = opt("dims", "1,2,5,10").split(",").map(Number);
const repeats = Number(opt("repeats", "3"));
const python = opt("python", "/usr/bin/python3");
const modulePath = resolve(opt("module", "dist/core/neighbors/index.js"));
const methods = args.includes("--methods");
const wall = args.includes("--wall");
const now = () => {
  if (wall) return performance.now();
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const k = 4;

const nb = await import(pathToFileURL(modulePath).href);

// Deterministic data (xorshift + Box-Muller), y = 0.6 x + 0.8 noise column by column.
function makeData(n, d, seed) {
  let s = seed >>> 0 || 1;
  const u = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
  const g = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const x = new Float64Array(n * d);
  const y = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) {
    x[i] = g();
    y[i] = 0.6 * x[i] + 0.8 * g();
  }
  const z = new Float64Array(n * 2 * d);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < d; c++) {
      z[i * 2 * d + c] = x[i * d + c];
      z[i * 2 * d + d + c] = y[i * d + c];
    }
  }
  return { x, y, z };
}

function timeJs(n, d, data, method) {
  const X = { data: data.x, rows: n, cols: d };
  const Y = { data: data.y, rows: n, cols: d };
  const Z = { data: data.z, rows: n, cols: 2 * d };
  let best = { total: Infinity };
  for (let r = 0; r < repeats; r++) {
    const t0 = now();
    const eps = nb.kthNeighborDistance(Z, k, { metric: "max", method: method ?? "auto" });
    const t1 = now();
    const nx = nb.countWithin(X, eps, true, { metric: "max" });
    const ny = nb.countWithin(Y, eps, true, { metric: "max" });
    const t2 = now();
    if (t2 - t0 < best.total) best = { total: t2 - t0, knn: t1 - t0, count: t2 - t1, check: sum(eps) + sum(nx) + sum(ny) };
  }
  return best;
}

function sum(a) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

const PY = String.raw`
import json, sys, time
import numpy as np
from scipy.spatial import cKDTree
path, n, d, k, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
clock = time.perf_counter if sys.argv[6] == "wall" else time.process_time
raw = np.fromfile(path, dtype="<f8")
x = raw[: n * d].reshape(n, d); y = raw[n * d : 2 * n * d].reshape(n, d); z = raw[2 * n * d :].reshape(n, 2 * d)
best = None
for _ in range(repeats):
    t0 = clock()
    dist, _ = cKDTree(z).query(z, k=k + 1, p=np.inf)
    eps = dist[:, -1]
    t1 = clock()
    r = np.nextafter(eps, 0)
    nx = cKDTree(x).query_ball_point(x, r, p=np.inf, return_length=True) - 1
    ny = cKDTree(y).query_ball_point(y, r, p=np.inf, return_length=True) - 1
    t2 = clock()
    res = {"total": (t2 - t0) * 1e3, "knn": (t1 - t0) * 1e3, "count": (t2 - t1) * 1e3,
           "check": float(eps.sum() + nx.sum() + ny.sum())}
    if best is None or res["total"] < best["total"]:
        best = res
print(json.dumps(best))
`;

function timePy(n, d, data) {
  const dir = mkdtempSync(join(tmpdir(), "bench-nb-"));
  try {
    const file = join(dir, "data.f64");
    const all = new Float64Array(4 * n * d);
    all.set(data.x, 0);
    all.set(data.y, n * d);
    all.set(data.z, 2 * n * d);
    writeFileSync(file, new Uint8Array(all.buffer));
    const res = spawnSync(python, ["-c", PY, file, String(n), String(d), String(k), String(repeats), wall ? "wall" : "cpu"], {
      encoding: "utf8",
      env: { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1" },
      maxBuffer: 1 << 20,
    });
    if (res.status !== 0) throw new Error(`python failed: ${res.stderr}`);
    return JSON.parse(res.stdout.trim().split("\n").pop());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Warm-up (JIT) on a small problem of every shape, untimed.
for (const d of dims) timeJs(2000, d, makeData(2000, d, 1));

const ms = (v) => (v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
console.log(
  `node ${process.version}, k = ${k}, max-norm, best of ${repeats}; ${wall ? "wall-clock" : "CPU"} times in ms (tree building included)`,
);
console.log("");
console.log("| N | d (x+y) | JS kNN | JS counts | JS total | scipy kNN | scipy counts | scipy total | ratio JS/scipy | same result |");
console.log("|---|---|---|---|---|---|---|---|---|---|");
for (const n of sizes) {
  for (const d of dims) {
    const data = makeData(n, d, 12345 + n + d);
    const js = timeJs(n, d, data);
    const py = timePy(n, d, data);
    // Same numbers on both sides (sums of radii and counts), as a guard against timing different work.
    const same = Math.abs(js.check - py.check) <= 1e-9 * Math.abs(py.check) ? "yes" : `NO (${js.check} vs ${py.check})`;
    console.log(
      `| ${n} | ${d}+${d} | ${ms(js.knn)} | ${ms(js.count)} | ${ms(js.total)} | ${ms(py.knn)} | ${ms(py.count)} | ${ms(py.total)} | ${(js.total / py.total).toFixed(2)} | ${same} |`,
    );
  }
}

if (methods) {
  // Cross-over for method "auto": KSG-shaped work at each dimension D (kNN in the D-dim data,
  // then strict counts in a D-dim marginal with the radii of a 2D-dim joint), per method.
  const crossDims = opt("cross-dims", "2,3,4,6,8,10,12,14,16,20").split(",").map(Number);
  const crossSizes = opt("cross-sizes", "1000,10000").split(",").map(Number);
  console.log("");
  console.log(`Cross-over (${wall ? "wall-clock" : "CPU"} ms, best of ${repeats}): kthNeighborDistance (k = 4) on D columns, countWithin on D columns`);
  console.log("");
  console.log("| N | D | kNN kdtree | kNN brute | count kdtree | count brute |");
  console.log("|---|---|---|---|---|---|");
  for (const n of crossSizes) {
    for (const D of crossDims) {
      const data = makeData(n, D, 999 + n + D);
      const X = { data: data.x, rows: n, cols: D };
      const Z = { data: data.z, rows: n, cols: 2 * D };
      const eps = nb.kthNeighborDistance(Z, k, { metric: "max" });
      const best = (f) => {
        let b = Infinity;
        for (let r = 0; r < repeats; r++) {
          const t0 = now();
          f();
          b = Math.min(b, now() - t0);
        }
        return ms(b);
      };
      const row = [n, D];
      for (const method of ["kdtree", "brute"]) row.push(best(() => nb.kthNeighborDistance(X, k, { metric: "max", method })));
      for (const method of ["kdtree", "brute"]) row.push(best(() => nb.countWithin(X, eps, true, { metric: "max", method })));
      console.log(`| ${row.join(" | ")} |`);
    }
  }
}
