#!/usr/bin/env node
// SMILE staircase (Song & Ermon 2020, reference-facts section 3, "Training defaults"):
// dimension 20, true MI 2 -> 4 -> 6 -> 8 -> 10 nats (rho = sqrt(1 - exp(-2 I / d)) per
// coordinate pair), fresh samples every step (x ~ N(0, I_20), y = rho x + sqrt(1 - rho^2) eps),
// batch 64, separable critic (3 hidden ReLU layers of 256, embedding 32), Adam lr 5e-4, no
// gradient clipping. Each estimator trains on its own objective (SMILE: JS gradient with the
// clipped-DV value) and the per-step training-batch estimate is recorded, as in the paper.
// The paper runs 4,000 steps per level; the default here is fewer (--steps) so that a run fits in
// minutes on a small machine. Per level: mean and standard deviation of the batch estimates over
// the last --tail fraction of the level's steps.
//
//   npm run build && node scripts/staircase.mjs [--steps 500] [--tail 0.5]
//       [--estimators infonce,smile,mine,nwj] [--tau 5] [--backend wasm] [--seed 1]
//       [--json out.json] [--svg docs/figures/staircase-neural.svg]
//
// Estimators can run in separate processes (--estimators smile --json a.json) and be merged
// with --merge a.json,b.json --svg ... (no training then).
import { readFileSync, writeFileSync } from "node:fs";
import { createCritic, dvBound, infoNceBound, mineStep, nwjBound, smileBound, jsObjective, tf, updateMineAverage, useBackend } from "../dist/neural/index.js";
import { Adam } from "../dist/neural/adam.js";
import { createRng } from "../dist/core/random/rng.js";
import { flag } from "./lib/flag.mjs";

const opt = flag;
const stepsPerLevel = Number(opt("steps", "500"));
const tail = Number(opt("tail", "0.5"));
const estimators = opt("estimators", "infonce,smile,mine,nwj").split(",").filter(Boolean);
const tau = Number(opt("tau", "5"));
const backend = opt("backend", "wasm");
const seed = Number(opt("seed", "1"));
const jsonOut = opt("json", "");
const svgOut = opt("svg", "");
const merge = opt("merge", "");
const D = 20;
const B = 64;
const LR = 5e-4;
const LEVELS = [2, 4, 6, 8, 10];
const rhoOf = (mi) => Math.sqrt(1 - Math.exp((-2 * mi) / D));

/** One estimator through the whole staircase: per-step batch estimates. */
async function runEstimator(id) {
  const rng = createRng(seed);
  const dataRng = rng.fork(7); // the same sample stream for every estimator
  const critic = createCritic({ kind: "separable", hidden: [256, 256, 256], embedding: 32, activation: "relu" }, D, D, rng.fork(1));
  const adam = new Adam(critic.variables);
  const values = [];
  let average; // MINE's moving average
  const x = new Float32Array(B * D);
  const y = new Float32Array(B * D);
  const t0 = performance.now();
  for (const mi of LEVELS) {
    const rho = rhoOf(mi);
    const c = Math.sqrt(1 - rho * rho);
    for (let step = 0; step < stepsPerLevel; step++) {
      for (let i = 0; i < B * D; i++) {
        const a = dataRng.normal();
        x[i] = a;
        y[i] = rho * a + c * dataRng.normal();
      }
      const out = tf.tidy(() => {
        const xt = tf.tensor2d(x, [B, D]);
        const yt = tf.tensor2d(y, [B, D]);
        let kept = [];
        const { grads } = tf.variableGrads(() => {
          const s = critic.scores(xt, yt, "all");
          let objective;
          let value;
          if (id === "smile") {
            objective = jsObjective(s); // SMILE's gradient; the value is not taped into the loss
            value = smileBound(s, tau);
          } else if (id === "mine") {
            const m = mineStep(s, average);
            objective = m.objective;
            value = m.value;
            kept.push(tf.keep(m.batchMeanExp));
          } else if (id === "nwj") {
            objective = value = nwjBound(s);
          } else if (id === "infonce") {
            objective = value = infoNceBound(s);
          } else if (id === "dv") {
            objective = value = dvBound(s);
          } else throw new Error(`staircase: unknown estimator ${id}`);
          kept = [tf.keep(value), ...kept];
          return tf.neg(objective);
        }, critic.variables);
        adam.apply(grads, LR, 0);
        const res = tf.stack(kept);
        for (const t of kept) t.dispose();
        return res;
      });
      const v = out.dataSync();
      out.dispose();
      if (id === "mine") average = updateMineAverage(average, v[1], 0.9);
      values.push(v[0]);
    }
    process.stderr.write(`${id}: level ${mi} done (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  const msPerStep = (performance.now() - t0) / values.length;
  adam.dispose();
  critic.dispose();
  return { id, values, msPerStep };
}

/** Per-level mean/sd of the last `tail` of each level, and the mean relative error. */
function summarize(run) {
  const keep = Math.max(1, Math.round(stepsPerLevelOf(run) * tail));
  const levels = LEVELS.map((mi, l) => {
    const n = stepsPerLevelOf(run);
    const seg = run.values.slice(l * n + n - keep, (l + 1) * n).filter(Number.isFinite);
    const mean = seg.reduce((a, b) => a + b, 0) / seg.length;
    const sd = Math.sqrt(seg.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, seg.length - 1));
    return { truth: mi, mean, sd, bias: (mean - mi) / mi };
  });
  return { id: run.id, msPerStep: run.msPerStep, levels };
}
function stepsPerLevelOf(run) {
  return run.values.length / LEVELS.length;
}

/** Exponential moving average with span s (alpha = 2 / (s + 1)), for the figure. */
function ema(v, span) {
  const a = 2 / (span + 1);
  const out = [];
  let m = v[0];
  for (const x of v) {
    m = Number.isFinite(x) ? a * x + (1 - a) * m : m;
    out.push(m);
  }
  return out;
}

/** Small hand-written SVG: one panel per estimator, raw batch estimates (light), EMA (dark), truth (black). */
function staircaseSvg(runs) {
  const W = 260;
  const H = 200;
  const pad = { l: 34, r: 8, t: 22, b: 26 };
  const yMax = 12;
  const yMin = -2;
  const colors = { infonce: "#4e79a7", smile: "#e15759", mine: "#59a14f", nwj: "#f28e2c", dv: "#af7aa1" };
  const panels = runs.map((run, p) => {
    const n = run.values.length;
    const ox = p * W;
    const sx = (i) => ox + pad.l + ((W - pad.l - pad.r) * i) / n;
    const sy = (v) => pad.t + ((H - pad.t - pad.b) * (yMax - Math.min(yMax, Math.max(yMin, v)))) / (yMax - yMin);
    // every `every`-th point (keeps the file small; the panel is ~220 px wide anyway)
    const path = (vals, every) =>
      vals
        .map((v, i) => (i % every === 0 ? `${i ? "L" : "M"}${sx(i).toFixed(0)},${sy(Number.isFinite(v) ? v : yMin).toFixed(1)}` : ""))
        .join("");
    const thin = Math.max(1, Math.floor(n / 1000));
    const per = n / LEVELS.length;
    const truth = LEVELS.map((mi, l) => `M${sx(l * per).toFixed(1)},${sy(mi).toFixed(1)}L${sx((l + 1) * per).toFixed(1)},${sy(mi).toFixed(1)}`).join("");
    const color = colors[run.id] ?? "#333";
    const ticks = [0, 2, 4, 6, 8, 10]
      .map((t) => `<line x1="${ox + pad.l}" x2="${ox + W - pad.r}" y1="${sy(t)}" y2="${sy(t)}" stroke="#eee"/><text x="${ox + pad.l - 4}" y="${sy(t) + 3}" text-anchor="end" font-size="9">${t}</text>`)
      .join("");
    const cap = run.id === "infonce" ? `<path d="M${sx(0)},${sy(Math.log(B))}L${sx(n)},${sy(Math.log(B))}" stroke="#999" stroke-dasharray="4,3"/>` : "";
    return `<g font-family="system-ui, sans-serif">${ticks}<text x="${ox + pad.l}" y="14" font-size="11" font-weight="bold">${run.id}</text>
<path d="${path(run.values, thin)}" fill="none" stroke="${color}" stroke-opacity="0.3" stroke-width="0.6"/>
<path d="${path(ema(run.values, 200), thin * 4)}" fill="none" stroke="${color}" stroke-width="1.5"/>
<path d="${truth}" fill="none" stroke="#000" stroke-width="1"/>${cap}
<rect x="${ox + pad.l}" y="${pad.t}" width="${W - pad.l - pad.r}" height="${H - pad.t - pad.b}" fill="none" stroke="#999"/>
<text x="${ox + W / 2}" y="${H - 8}" text-anchor="middle" font-size="9">step (${n / LEVELS.length} per level)</text></g>`;
  });
  const width = W * runs.length;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${H + 20}" viewBox="0 0 ${width} ${H + 20}">
<rect width="100%" height="100%" fill="white"/>
${panels.join("\n")}
<text x="4" y="${H + 14}" font-family="system-ui, sans-serif" font-size="10">Staircase, d = 20, batch 64, separable critic, Adam 5e-4, fresh samples per step: batch estimate (light, thinned), EMA span 200 (dark), true MI (black), log 64 (dashed). Clipped to [${yMin}, ${yMax}].</text>
</svg>
`;
}

let runs;
if (merge) {
  runs = merge.split(",").flatMap((f) => JSON.parse(readFileSync(f, "utf8")).runs);
} else {
  await useBackend(backend);
  runs = [];
  for (const id of estimators) runs.push(await runEstimator(id));
}
const summary = runs.map(summarize);
console.log(`| estimator | ms/step | ${LEVELS.map((l) => `I = ${l}`).join(" | ")} |`);
console.log(`|---|---|${LEVELS.map(() => "---").join("|")}|`);
for (const s of summary) {
  console.log(`| ${s.id} | ${s.msPerStep.toFixed(1)} | ${s.levels.map((l) => `${l.mean.toFixed(2)} ± ${l.sd.toFixed(2)} (${l.bias >= 0 ? "+" : ""}${(100 * l.bias).toFixed(0)}%)`).join(" | ")} |`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ stepsPerLevel, tail, tau, backend, seed, runs, summary }));
if (svgOut) writeFileSync(svgOut, staircaseSvg(runs));
