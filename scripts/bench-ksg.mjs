#!/usr/bin/env node
// KSG-1 (k = 3) speed: minfo against the scipy cKDTree reference (../shared/peers/ksg_reference.py)
// on the same data, in one run, so machine noise hits both. Times estimation only on both sides
// (the peer's --json reports seconds around its estimator call; file parsing is excluded).
//
//   npm run build && node scripts/bench-ksg.mjs [--sizes 1000,10000,100000] [--dims 1,2,5,10]
//       [--repeats 3] [--peer ../shared/peers/ksg_reference.py] [--write docs/benchmarks.md]
//
// Needs Debian's python3-numpy and python3-scipy (run with /usr/bin/python3).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ksg } from "../dist/estimators/ksg.js";
import { createRng } from "../dist/core/random/rng.js";

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const sizes = opt("sizes", "1000,10000,100000").split(",").map(Number);
const dims = opt("dims", "1,2,5,10").split(",").map(Number);
const repeats = Number(opt("repeats", "3"));
const peer = resolve(opt("peer", "../shared/peers/ksg_reference.py"));
const writeTo = opt("write", "");

/** d+d Gaussian, y = 0.6 x + 0.8 e per coordinate (true MI = -d/2 log(1 - 0.36)). */
function sample(n, d, seed) {
  const rng = createRng(seed);
  const data = new Float64Array(n * 2 * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const x = rng.normal();
      data[i * 2 * d + j] = x;
      data[i * 2 * d + d + j] = 0.6 * x + 0.8 * rng.normal();
    }
  }
  return data;
}

function split(data, n, d) {
  const x = new Float64Array(n * d), y = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      x[i * d + j] = data[i * 2 * d + j];
      y[i * d + j] = data[i * 2 * d + d + j];
    }
  }
  return [{ data: x, rows: n, cols: d }, { data: y, rows: n, cols: d }];
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const dir = mkdtempSync(join(tmpdir(), "bench-ksg-"));
const rows = [];
try {
  for (const d of dims) {
    for (const n of sizes) {
      const data = sample(n, d, 1);
      const header = [...Array(d).keys()].map((j) => `X${j}`).concat([...Array(d).keys()].map((j) => `Y${j}`));
      const lines = [header.join(",")];
      for (let i = 0; i < n; i++) lines.push(Array.from(data.subarray(i * 2 * d, (i + 1) * 2 * d)).join(","));
      const file = join(dir, `d${d}-n${n}.csv`);
      writeFileSync(file, lines.join("\n") + "\n");
      const [x, y] = split(data, n, d);
      const est = ksg({ algorithm: 1, k: 3, jitter: 0 });
      const ours = [], theirs = [];
      let ourValue = NaN, peerValue = NaN;
      for (let r = 0; r < repeats; r++) {
        const t0 = performance.now();
        ourValue = est.estimate(x, y, { local: false }).value;
        ours.push((performance.now() - t0) / 1000);
        const out = JSON.parse(execFileSync("/usr/bin/python3", [peer, file, String(d), String(d), "--k", "3", "--json"], { encoding: "utf8" }));
        theirs.push(out.seconds);
        peerValue = out.value;
      }
      const row = { n, d, minfo: median(ours), scipy: median(theirs), ratio: median(ours) / median(theirs), diff: Math.abs(ourValue - peerValue) };
      rows.push(row);
      console.error(`d=${d}+${d} n=${n}: minfo ${row.minfo.toFixed(3)} s, scipy ${row.scipy.toFixed(3)} s, ratio ${row.ratio.toFixed(2)}, |diff| ${row.diff.toExponential(1)}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const table = [
  "| dims | N | minfo (s) | scipy cKDTree (s) | minfo / scipy | abs. difference of estimates |",
  "|---|---|---|---|---|---|",
  ...rows.map((r) => `| ${r.d}+${r.d} | ${r.n} | ${r.minfo.toFixed(4)} | ${r.scipy.toFixed(4)} | ${r.ratio.toFixed(2)} | ${r.diff.toExponential(1)} |`),
].join("\n");
console.log(table);
if (writeTo) {
  const begin = "<!-- bench-ksg:begin -->", end = "<!-- bench-ksg:end -->";
  const doc = readFileSync(writeTo, "utf8");
  const cmd = `node scripts/bench-ksg.mjs ${args.filter((a, i) => a !== "--write" && args[i - 1] !== "--write").join(" ")}`.trim();
  const block = `${begin}\nMeasured ${new Date().toISOString().slice(0, 10)}, median of ${repeats} runs, \`${cmd}\`:\n\n${table}\n${end}`;
  const i = doc.indexOf(begin), j = doc.indexOf(end);
  writeFileSync(writeTo, i >= 0 && j > i ? doc.slice(0, i) + block + doc.slice(j + end.length) : doc + "\n" + block + "\n");
}
