#!/usr/bin/env node
// Coverage of 0 by auto's interval on independent data (docs/benchmarks.md, section "auto"):
// X ~ N(0, I_d), Y ~ N(0, I_d) independent, N rows, seeds 1..S; prints one line per seed and
// the coverage. The panel keeps the candidate with the highest Bonferroni lower end, so the
// interval should still cover 0 at about the nominal rate (or more).
//
//   npx tsc -p tsconfig.build.json --outDir /tmp/auto-dist
//   node scripts/calibrate-auto-null.mjs --dist /tmp/auto-dist --n 2000 --d 3 --seeds 40 --resamples 50
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { flag } from "./lib/flag.mjs";

const opt = flag;
const dist = resolve(opt("dist", "dist"));
const { auto } = await import(pathToFileURL(`${dist}/estimators/auto.js`).href);
const { createRng } = await import(pathToFileURL(`${dist}/core/random/rng.js`).href);
const n = Number(opt("n", "2000"));
const d = Number(opt("d", "3"));
const seeds = Number(opt("seeds", "40"));
const resamples = Number(opt("resamples", "50"));
let covered = 0;
const chosen = {};
for (let seed = 1; seed <= seeds; seed++) {
  const rng = createRng(1000 + seed);
  const draw = () => ({ data: Float64Array.from({ length: n * d }, () => rng.normal()), rows: n, cols: d });
  const x = draw();
  const y = draw();
  const e = await auto({ resamples }).estimate(x, y, { seed });
  const ci = e.uncertainty.ci;
  const c = ci.lower <= 0 && 0 <= ci.upper;
  if (c) covered++;
  const id = e.diagnostics.details.choice.id;
  chosen[id] = (chosen[id] ?? 0) + 1;
  console.log(`seed ${seed} ${id} ${e.value.toFixed(4)} [${ci.lower.toFixed(4)}, ${ci.upper.toFixed(4)}] ${c ? "covers 0" : "misses 0"}`);
}
console.log(`coverage of 0: ${covered}/${seeds}; kept: ${JSON.stringify(chosen)}; n = ${n}, ${d} x ${d}, resamples = ${resamples}`);
