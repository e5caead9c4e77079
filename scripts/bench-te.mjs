#!/usr/bin/env node
// Transfer-entropy speed and agreement: minfo (Gaussian and KSG/Frenzel-Pompe, k = 4) against
// the numpy/scipy reference scripts/peers/te_reference.py on the same data, in one run, so
// machine noise hits both. Data: the VAR(1) x_{t+1} = 0.5 x_t + 0.4 y_t + e, y_{t+1} = 0.6 y_t + e
// (unit innovations), whose exact TE(y -> x) at k = l = 1 is 0.10207 nats. Times estimation only
// on both sides (standardisation + embedding + estimate; file parsing excluded).
//
//   npm run build && node scripts/bench-te.mjs [--sizes 1000,10000,100000] [--history 1]
//       [--source-history 1] [--repeats 3] [--write docs/benchmarks.md]
//
// Needs Debian's python3-numpy and python3-scipy (run with /usr/bin/python3).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { transferEntropy } from "../dist/measures/transferEntropy.js";
import { createRng } from "../dist/core/random/rng.js";

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const sizes = opt("sizes", "1000,10000,100000").split(",").map(Number);
const history = Number(opt("history", "1"));
const sourceHistory = Number(opt("source-history", "1"));
const repeats = Number(opt("repeats", "3"));
const peer = resolve(opt("peer", "scripts/peers/te_reference.py"));
const writeTo = opt("write", "");
const EXACT = 0.10207447991923796; // k = l = 1 (test/measures/transferEntropy.test.ts oracle)

function simulate(n, seed) {
  const rng = createRng(seed);
  const x = new Float64Array(n), y = new Float64Array(n);
  let xv = 0, yv = 0;
  for (let t = -500; t < n; t++) {
    const nx = 0.5 * xv + 0.4 * yv + rng.normal();
    const ny = 0.6 * yv + rng.normal();
    xv = nx;
    yv = ny;
    if (t >= 0) {
      x[t] = xv;
      y[t] = yv;
    }
  }
  return { x, y };
}

// Warm up the JIT once (both estimators) so the first timed size is not penalised.
{
  const w = simulate(2000, 99);
  for (const estimator of ["gaussian", "ksg"]) transferEntropy(w.y, w.x, { estimator, history, sourceHistory }, { local: false });
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const dir = mkdtempSync(join(tmpdir(), "bench-te-"));
const rows = [];
try {
  for (const n of sizes) {
    const { x, y } = simulate(n, 1);
    const lines = ["x,y"];
    for (let t = 0; t < n; t++) lines.push(`${x[t]},${y[t]}`);
    const file = join(dir, `var-${n}.csv`);
    writeFileSync(file, lines.join("\n") + "\n");
    for (const estimator of ["gaussian", "ksg"]) {
      const ours = [], theirs = [];
      let ourValue = NaN, peerValue = NaN;
      for (let r = 0; r < repeats; r++) {
        const t0 = performance.now();
        ourValue = transferEntropy(y, x, { estimator, history, sourceHistory }, { local: false }).value;
        ours.push((performance.now() - t0) / 1000);
        const out = JSON.parse(
          execFileSync("/usr/bin/python3", [peer, file, "--estimator", estimator, "--history", String(history), "--source-history", String(sourceHistory), "--json"], {
            encoding: "utf8",
          }),
        );
        theirs.push(out.seconds);
        peerValue = out.value;
      }
      const row = { n, estimator, minfo: median(ours), peer: median(theirs), ourValue, peerValue };
      rows.push(row);
      console.error(
        `N=${n} ${estimator}: minfo ${row.minfo.toFixed(4)} s (${ourValue.toFixed(5)}), numpy/scipy ${row.peer.toFixed(4)} s (${peerValue.toFixed(5)}), |diff| ${Math.abs(ourValue - peerValue).toExponential(1)}`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const exactNote = history === 1 && sourceHistory === 1 ? ` (exact ${EXACT.toFixed(5)})` : "";
const table = [
  `| N | estimator | minfo (s) | numpy/scipy (s) | minfo / peer | minfo TE (nats)${exactNote} | peer TE | abs. difference |`,
  "|---|---|---|---|---|---|---|---|",
  ...rows.map(
    (r) =>
      `| ${r.n} | ${r.estimator} | ${r.minfo.toFixed(4)} | ${r.peer.toFixed(4)} | ${(r.minfo / r.peer).toFixed(2)} | ${r.ourValue.toFixed(5)} | ${r.peerValue.toFixed(5)} | ${Math.abs(r.ourValue - r.peerValue).toExponential(1)} |`,
  ),
].join("\n");
console.log(table);
if (writeTo) {
  const begin = "<!-- bench-te:begin -->", end = "<!-- bench-te:end -->";
  const doc = readFileSync(writeTo, "utf8");
  const cmd = `node scripts/bench-te.mjs ${args.filter((a, i) => a !== "--write" && args[i - 1] !== "--write").join(" ")}`.trim();
  const block = `${begin}\nMeasured ${new Date().toISOString().slice(0, 10)}, median of ${repeats} runs, history k = ${history}, source history l = ${sourceHistory}, \`${cmd}\`:\n\n${table}\n${end}`;
  const i = doc.indexOf(begin), j = doc.indexOf(end);
  writeFileSync(writeTo, i >= 0 && j > i ? doc.slice(0, i) + block + doc.slice(j + end.length) : doc + "\n" + block + "\n");
}
