#!/usr/bin/env node
// Neural estimators on heavy-tailed bmi tasks (docs/neural.md, "Heavy tails"): smile on bmi's
// z-scored sample (N = 5000, sample seed 0, estimator seed 0) of each task, once per setting.
// One JSON line per (task, setting): truth, estimate, steps run, best step, wall seconds.
//
//   npm run build
//   node scripts/neural-heavy-tails.mjs TASK_IDS SETTINGS_JSON
//   node scripts/neural-heavy-tails.mjs student-identity-2-2-1,student-identity-5-5-2 \
//       '{"defaults":{},"ns":{"normalScores":true},"nsfast3":{"normalScores":true,"lr":0.003,"patience":0}}'
import { task, standardizeSample } from "../dist/bench/tasks.js";
import { neuralMI } from "../dist/neural/index.js";

const ids = (process.argv[2] ?? "student-identity-2-2-1").split(",");
const settings = JSON.parse(process.argv[3] ?? '{"defaults":{}}');
for (const id of ids) {
  const t = task(id);
  const s = standardizeSample(t.sample(5000, 0));
  for (const [name, options] of Object.entries(settings)) {
    const t0 = performance.now();
    const e = await neuralMI("smile", options).estimate(s.x, s.y, { seed: 0 });
    const d = e.diagnostics.details;
    const line = { task: id, truth: +t.truth.toFixed(3), setting: name, estimate: +e.value.toFixed(3), stepsRun: d.stepsRun, bestStep: d.bestStep };
    process.stdout.write(JSON.stringify({ ...line, seconds: +((performance.now() - t0) / 1000).toFixed(1) }) + "\n");
  }
}
