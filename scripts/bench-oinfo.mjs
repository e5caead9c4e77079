#!/usr/bin/env node
// O-information (with TC, DTC, S) speed and agreement: minfo's "gaussian" and "ksg-1" (k = 3)
// estimators against the numpy/scipy reference scripts/peers/oinfo_reference.py on the same data,
// in one run, so machine noise hits both. Times estimation only on both sides (Python reports
// its own seconds, CSV parsing excluded); minfo is timed around multivariateInformation(), which
// is what oInformation / totalCorrelation / dualTotalCorrelation each call (one run gives all four).
//
// Data, table 1: m scalar variables, equicorrelated standard normal with rho = 0.5
// (X_j = sqrt(rho) Z + sqrt(1 - rho) E_j), whose exact values are closed forms:
//   det = (1 - rho)^(m-1) (1 + (m - 1) rho), (S^-1)_jj = (1 + (m - 2) rho) / ((1 - rho)(1 + (m - 1) rho)),
//   TC = -1/2 log det, DTC = 1/2 [log det + m log (S^-1)_jj]   (m = 3: Omega = 0.084950).
// Data, table 2 (sweep): 10 variables, X0..X3 = Z + E (redundant), X4, X5 independent,
// X6 = X4 + X5 + 0.5 E (synergistic), X7 -> X8 -> X9 a Gaussian chain (coefficient 0.6);
// oInformationSweep over all triplets of the first 8 and of all 10.
//
//   npm run build && node scripts/bench-oinfo.mjs [--sizes 1000,10000,100000] [--vars 3,5,8]
//       [--sweep-n 10000] [--sweep-vars 8,10] [--k 3] [--repeats 3] [--write docs/benchmarks.md]
//
// A case whose first run takes over --slow seconds (default 20) is not repeated.
// Needs Debian's python3-numpy and python3-scipy (run with /usr/bin/python3).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { multivariateInformation } from "../dist/measures/multivariateInformation.js";
import { oInformationSweep } from "../dist/measures/oInformationSweep.js";
import { createRng } from "../dist/core/random/rng.js";

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const list = (s) => (s === "" || s === "none" ? [] : s.split(",").map(Number));
const sizes = list(opt("sizes", "1000,10000,100000"));
const varCounts = list(opt("vars", "3,5,8"));
const sweepN = Number(opt("sweep-n", "10000"));
const sweepVars = list(opt("sweep-vars", "8,10"));
const k = Number(opt("k", "3"));
const repeats = Number(opt("repeats", "3"));
const slow = Number(opt("slow", "20"));
const estimators = opt("estimators", "gaussian,ksg").split(",");
const peer = resolve(opt("peer", "scripts/peers/oinfo_reference.py"));
const writeTo = opt("write", "");
const RHO = 0.5;

/** n rows of m equicorrelated standard normals, as m columns. */
function equicorrelated(n, m, seed) {
  const rng = createRng(seed);
  const cols = Array.from({ length: m }, () => new Float64Array(n));
  const a = Math.sqrt(RHO), b = Math.sqrt(1 - RHO);
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    for (let j = 0; j < m; j++) cols[j][i] = a * z + b * rng.normal();
  }
  return cols;
}

function exactEquicorrelated(m) {
  const logDet = (m - 1) * Math.log(1 - RHO) + Math.log(1 + (m - 1) * RHO);
  const invDiag = (1 + (m - 2) * RHO) / ((1 - RHO) * (1 + (m - 1) * RHO));
  const tc = -0.5 * logDet;
  const dtc = 0.5 * (logDet + m * Math.log(invDiag));
  return { tc, dtc, o: tc - dtc };
}

/** The 10-variable sweep data set (see the header). */
function mixed(n, seed) {
  const rng = createRng(seed);
  const cols = Array.from({ length: 10 }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    for (let j = 0; j < 4; j++) cols[j][i] = z + rng.normal();
    cols[4][i] = rng.normal();
    cols[5][i] = rng.normal();
    cols[6][i] = cols[4][i] + cols[5][i] + 0.5 * rng.normal();
    cols[7][i] = rng.normal();
    cols[8][i] = 0.6 * cols[7][i] + rng.normal();
    cols[9][i] = 0.6 * cols[8][i] + rng.normal();
  }
  return cols;
}

function writeCsv(file, cols) {
  const n = cols[0].length;
  const lines = [cols.map((_, j) => `x${j}`).join(",")];
  for (let i = 0; i < n; i++) lines.push(cols.map((c) => c[i]).join(","));
  writeFileSync(file, lines.join("\n") + "\n");
}

const asVariables = (cols) => cols.map((c) => ({ data: c, rows: c.length, cols: 1 }));
const pyEstimator = (e) => (e === "ksg" ? "ksg" : "gaussian");
const minfoOptions = (e) => (e === "ksg" ? { estimator: "ksg-1", k } : { estimator: "gaussian" });
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const python = (argv) => JSON.parse(execFileSync("/usr/bin/python3", [peer, ...argv, "--json"], { encoding: "utf8", maxBuffer: 1 << 28 }));

/** Runs f up to `repeats` times (once when the first run exceeds `slow` s); median seconds and the last result. */
function timed(f) {
  const secs = [];
  let last;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    last = f();
    const s = typeof last?.seconds === "number" ? last.seconds : (performance.now() - t0) / 1000;
    secs.push(s);
    if (r === 0 && s > slow) break;
  }
  return { seconds: median(secs), runs: secs.length, result: last };
}

// Warm up the JIT once (both estimators, a sweep too) so the first timed case is not penalised.
{
  const w = asVariables(mixed(2000, 99));
  for (const e of estimators) {
    multivariateInformation(w.slice(0, 4), minfoOptions(e), { local: false });
    oInformationSweep(w.slice(0, 5), minfoOptions(e));
  }
}

const dir = mkdtempSync(join(tmpdir(), "bench-oinfo-"));
const rows = [];
const sweeps = [];
const fmtS = (s) => (s < 0.01 ? s.toFixed(5) : s < 1 ? s.toFixed(4) : s.toFixed(2));
try {
  for (const m of varCounts) {
    for (const n of sizes) {
      const cols = equicorrelated(n, m, 1000 * m + 1);
      const vars = asVariables(cols);
      const file = join(dir, `eq-${m}-${n}.csv`);
      writeCsv(file, cols);
      for (const e of estimators) {
        const ours = timed(() => multivariateInformation(vars, minfoOptions(e), { local: false }));
        const theirs = timed(() => python([file, "--estimator", pyEstimator(e), "--k", String(k)]));
        const r = ours.result, p = theirs.result;
        const ov = { tc: r.totalCorrelation.value, dtc: r.dualTotalCorrelation.value, o: r.oInformation.value };
        const diff = Math.max(Math.abs(ov.tc - p.tc), Math.abs(ov.dtc - p.dtc), Math.abs(ov.o - p.o));
        const row = { m, n, e, minfo: ours.seconds, peer: theirs.seconds, runs: Math.min(ours.runs, theirs.runs), ov, p, diff, exact: exactEquicorrelated(m) };
        rows.push(row);
        console.error(
          `m=${m} N=${n} ${e}: minfo ${fmtS(row.minfo)} s (O ${ov.o.toFixed(5)}), numpy/scipy ${fmtS(row.peer)} s (O ${p.o.toFixed(5)}), max |diff| ${diff.toExponential(1)}`,
        );
      }
    }
  }
  if (sweepVars.length > 0) {
    const all = mixed(sweepN, 7);
    for (const m of sweepVars) {
      const cols = all.slice(0, m);
      const vars = asVariables(cols);
      const file = join(dir, `sweep-${m}.csv`);
      writeCsv(file, cols);
      for (const e of estimators) {
        const ours = timed(() => oInformationSweep(vars, { ...minfoOptions(e), minOrder: 3, maxOrder: 3 }));
        const theirs = timed(() => python([file, "--estimator", pyEstimator(e), "--k", String(k), "--sweep", "3"]));
        const key = (v) => v.join(",");
        const peerO = new Map(theirs.result.multiplets.map((r) => [key(r.slice(0, 3)), r]));
        let diff = 0;
        for (const t of ours.result.multiplets) {
          const q = peerO.get(key(t.variables));
          diff = Math.max(diff, Math.abs(t.totalCorrelation - q[3]), Math.abs(t.dualTotalCorrelation - q[4]), Math.abs(t.oInformation - q[5]));
        }
        const ms = ours.result.multiplets;
        const s = {
          m,
          n: sweepN,
          e,
          count: ms.length,
          minfo: ours.seconds,
          peer: theirs.seconds,
          diff,
          top: ms[0],
          bottom: ms[ms.length - 1],
        };
        sweeps.push(s);
        console.error(
          `sweep m=${m} N=${sweepN} ${e}: ${s.count} triplets, minfo ${fmtS(s.minfo)} s, numpy/scipy ${fmtS(s.peer)} s, max |diff| ${diff.toExponential(1)}; most redundant ${s.top.variables} (${s.top.oInformation.toFixed(4)}), most synergistic ${s.bottom.variables} (${s.bottom.oInformation.toFixed(4)})`,
        );
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const name = (e) => (e === "ksg" ? `ksg-1 (k = ${k})` : "gaussian");
const table = [
  "| variables | N | estimator | minfo (s) | numpy/scipy (s) | minfo / peer | minfo Ω (nats) | exact Ω | minfo TC | minfo DTC | max abs. diff. TC, DTC, Ω |",
  "|---|---|---|---|---|---|---|---|---|---|---|",
  ...rows.map(
    (r) =>
      `| ${r.m} | ${r.n} | ${name(r.e)} | ${fmtS(r.minfo)} | ${fmtS(r.peer)} | ${(r.minfo / r.peer).toFixed(2)} | ${r.ov.o.toFixed(5)} | ${r.exact.o.toFixed(5)} | ${r.ov.tc.toFixed(5)} | ${r.ov.dtc.toFixed(5)} | ${r.diff.toExponential(1)} |`,
  ),
].join("\n");
const sweepTable = sweeps.length
  ? [
      "| variables | triplets | N | estimator | minfo (s) | numpy/scipy (s) | minfo / peer | most redundant (Ω) | most synergistic (Ω) | max abs. diff. over all triplets |",
      "|---|---|---|---|---|---|---|---|---|---|",
      ...sweeps.map(
        (s) =>
          `| ${s.m} | ${s.count} | ${s.n} | ${name(s.e)} | ${fmtS(s.minfo)} | ${fmtS(s.peer)} | ${(s.minfo / s.peer).toFixed(2)} | {${s.top.variables.join(",")}} (${s.top.oInformation.toFixed(4)}) | {${s.bottom.variables.join(",")}} (${s.bottom.oInformation.toFixed(4)}) | ${s.diff.toExponential(1)} |`,
      ),
    ].join("\n")
  : "";
console.log(table);
if (sweepTable) console.log("\n" + sweepTable);
if (writeTo) {
  const begin = "<!-- bench-oinfo:begin -->", end = "<!-- bench-oinfo:end -->";
  const doc = readFileSync(writeTo, "utf8");
  const cmd = `node scripts/bench-oinfo.mjs ${args.filter((a, i) => a !== "--write" && args[i - 1] !== "--write").join(" ")}`.trim();
  const block = [
    begin,
    `Measured ${new Date().toISOString().slice(0, 10)}, median of up to ${repeats} runs (1 when the first exceeds ${slow} s), \`npm run build && ${cmd}\`.`,
    "Equicorrelated standard normals (ρ = 0.5), one scalar column per variable; both sides time",
    "estimation only and compute TC, DTC, Ω and S in one pass:",
    "",
    table,
    ...(sweepTable ? ["", `oInformationSweep over all triplets (minOrder = maxOrder = 3) of the 10-variable mixed set (redundant X0..X3, synergistic X4, X5, X6 = X4 + X5 + noise, chain X7 → X8 → X9), N = ${sweepN}:`, "", sweepTable] : []),
    end,
  ].join("\n");
  const i = doc.indexOf(begin), j = doc.indexOf(end);
  writeFileSync(
    writeTo,
    i >= 0 && j > i ? doc.slice(0, i) + block + doc.slice(j + end.length) : `${doc.trimEnd()}\n\n## O-information (scripts/bench-oinfo.mjs)\n\n${block}\n`,
  );
}
