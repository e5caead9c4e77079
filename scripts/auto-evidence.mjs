#!/usr/bin/env node
// The measurements behind auto's two latest design choices (docs/benchmarks.md and
// docs/estimators.md, "auto"), on bmi v1 samples (task.sample(n, seed), z-scored):
//
//   --what spiral-trend   full KSG (k = 3) on spiral-multinormal-sparse-3-3-2-2.0 at N = 500 ... 32000,
//                         seeds 1-3: the estimate still rises ~0.05 nats per doubling (the rate floor)
//   --what norm-summary   KSG 1 + 1 on the norm summaries with normal scores vs each side's fitted
//                         t-copula ν, mean of seeds 1-8 at N = 2000 (k = 4) and 5000 (k = 7)
//
//   npm run build && node scripts/auto-evidence.mjs --what spiral-trend
import { flag } from "./lib/flag.mjs";
import { standardizeSample, tasks } from "../dist/bench/tasks.js";
import { ksg } from "../dist/estimators/ksg.js";
import { fitCopulaNu, normalScores, normSummary } from "../dist/estimators/auto.js";

const what = flag("what", "spiral-trend");
const task = (id) => tasks("bmi-v1").find((t) => t.id === id);

if (what === "spiral-trend") {
  const t = task("spiral-multinormal-sparse-3-3-2-2.0");
  console.log(`${t.id}, truth ${t.truth.toFixed(3)}; full KSG (k = 3), seeds 1-3`);
  for (const n of [500, 1000, 2000, 4000, 8000, 16000, 32000]) {
    const vals = [];
    for (const seed of [1, 2, 3]) {
      const s = standardizeSample(t.sample(n, seed));
      vals.push((await ksg({ algorithm: 1, k: 3 }).estimate(s.x, s.y, { seed })).value);
    }
    console.log(`N = ${n}: ${vals.map((v) => v.toFixed(3)).join(", ")}; mean ${(vals.reduce((a, b) => a + b) / 3).toFixed(3)}`);
  }
} else if (what === "norm-summary") {
  for (const id of ["student-identity-5-5-2", "student-identity-3-3-2", "student-identity-2-2-1", "student-identity-5-5-3"]) {
    const t = task(id);
    for (const [n, k] of [[2000, 4], [5000, 7]]) {
      let normal = 0;
      let fitted = 0;
      const seeds = 8;
      for (let seed = 1; seed <= seeds; seed++) {
        const s = standardizeSample(t.sample(n, seed));
        const est = ksg({ algorithm: 1, k });
        normal += (await est.estimate(normalScores(normSummary(s.x)), normalScores(normSummary(s.y)), { seed })).value / seeds;
        const side = (m) => normalScores(normSummary(m, fitCopulaNu(m).nu));
        fitted += (await est.estimate(side(s.x), side(s.y), { seed })).value / seeds;
      }
      console.log(`${id} N = ${n}: truth ${t.truth.toFixed(3)}, normal scores ${normal.toFixed(3)}, fitted-ν t scores ${fitted.toFixed(3)}`);
    }
  }
} else {
  console.error(`--what must be spiral-trend or norm-summary; got ${what}`);
  process.exit(2);
}
