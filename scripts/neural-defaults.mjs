// Checks neural estimator settings on Gaussian data with known MI (the record behind the
// defaults table in docs/neural.md). Prints one JSON line per (setting, data set, seed): the
// held-out estimate, its relative error, wall and CPU seconds, steps run and the best step.
//
//   npm run build
//   node scripts/neural-defaults.mjs [--estimator smile] [--settings '[{"name":"relu","opts":{"activation":"relu"}}]']
//        [--data g55,g55hi,g2,ind] [--seeds 1,2,3] [--n 5000] [--kernels off]
// --kernels off: without minfo's own WebAssembly kernels (setOwnKernels(false): stop 13's numerics).
//
// Data sets (x ~ N(0, I_d), y = rho x + sqrt(1 - rho^2) e, drawn with minfo's createRng(seed);
// the estimator runs with the same seed): g55 d = 5, rho = 0.5 (0.719 nats); g55hi d = 5,
// 2 nats; g2 d = 1, rho = 0.8 (0.511 nats); ind d = 5, rho = 0 (0 nats); g20 d = 20, 4 nats (the
// SMILE staircase's second level).
import { createRng } from "../dist/core/random/rng.js";
import { gaussianPairs } from "./lib/gaussianPairs.mjs";
import { neuralMI, setOwnKernels } from "../dist/neural/index.js";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const DATA = {
  g55: { d: 5, rho: 0.5 },
  g55hi: { d: 5, rho: Math.sqrt(1 - Math.exp(-0.8)) },
  g2: { d: 1, rho: 0.8 },
  ind: { d: 5, rho: 0 },
  g20: { d: 20, rho: Math.sqrt(1 - Math.exp(-0.4)) },
};
const id = arg("estimator", "smile");
const settings = JSON.parse(arg("settings", '[{"name":"defaults","opts":{}}]'));
const data = arg("data", "g55").split(",");
const seeds = arg("seeds", "1").split(",").map(Number);
const n = Number(arg("n", "5000"));
setOwnKernels(arg("kernels", "on") !== "off");
for (const s of settings) {
  for (const ds of data) {
    const { d, rho } = DATA[ds];
    const truth = -0.5 * d * Math.log(1 - rho * rho);
    for (const seed of seeds) {
      const { x, y } = gaussianPairs(createRng(seed), n, d, rho);
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const e = await neuralMI(id, s.opts).estimate(x, y, { seed });
      const cpu = process.cpuUsage(c0);
      const det = e.diagnostics.details;
      console.log(
        JSON.stringify({
          estimator: id,
          setting: s.name,
          data: ds,
          seed,
          truth: +truth.toFixed(3),
          value: +e.value.toFixed(4),
          relError: truth > 0 ? +(e.value / truth - 1).toFixed(3) : null,
          seconds: +((performance.now() - t0) / 1000).toFixed(1),
          cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(1),
          stepsRun: det.stepsRun,
          bestStep: det.bestStep,
          last: +det.lastValueNats.toFixed(4),
        }),
      );
    }
  }
}
