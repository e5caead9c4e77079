// Accuracy and time of the classical continuous estimators (gaussian, gaussian-copula, histogram,
// adaptive-binning, kde) on seeded bivariate normals: mean and SD over 20 samples, mean ms per call.
// Run after `npm run build`: node scripts/bench-classical.mjs <N> <rho>   (e.g. 1000 0.6)
// Results are recorded in docs/estimators.md.
import { kdeMI } from "../dist/estimators/kde.js";
import { gaussianCopulaMI } from "../dist/estimators/gaussianCopula.js";
import { gaussianMI } from "../dist/estimators/gaussian.js";
import { histogramMI } from "../dist/estimators/histogram.js";
import { adaptiveBinningMI } from "../dist/estimators/adaptiveBinning.js";
import { createRng } from "../dist/core/random/rng.js";
function corr(n, rho, seed) {
  const rng = createRng(seed); const x = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) { x[i] = rng.normal(); y[i] = rho * x[i] + Math.sqrt(1 - rho * rho) * rng.normal(); }
  return { x, y };
}
const ests = {
  "gaussian": () => gaussianMI(), "gaussian-copula": () => gaussianCopulaMI(), "gaussian-copula (no bc)": () => gaussianCopulaMI({ biasCorrect: false }),
  "histogram (5)": () => histogramMI(), "histogram (FD, MM)": () => histogramMI({ binRule: "freedman-diaconis", correction: "miller-madow" }),
  "histogram (12, MM)": () => histogramMI({ bins: 12, correction: "miller-madow" }),
  "adaptive-binning (5)": () => adaptiveBinningMI(), "adaptive-binning (12, MM)": () => adaptiveBinningMI({ bins: 12, correction: "miller-madow" }),
  "kde (scott, resub)": () => kdeMI(), "kde (scott, loo)": () => kdeMI({ mode: "leave-one-out" }),
};
const n = Number(process.argv[2] ?? 1000), rho = Number(process.argv[3] ?? 0.6), reps = 20;
console.log(`N=${n} rho=${rho} truth=${(-0.5*Math.log(1-rho*rho)).toFixed(4)}`);
for (const [name, f] of Object.entries(ests)) {
  const vals = []; let t = 0;
  for (let s = 0; s < reps; s++) { const { x, y } = corr(n, rho, s); const t0 = performance.now(); vals.push(f().estimate(x, y).value); t += performance.now() - t0; }
  const m = vals.reduce((a, b) => a + b) / reps; const sd = Math.sqrt(vals.reduce((a, b) => a + (b - m) ** 2, 0) / (reps - 1));
  console.log(`| ${name} | ${m.toFixed(4)} | ${sd.toFixed(4)} | ${(t / reps).toFixed(1)} |`);
}
