#!/usr/bin/env node
// Neural-estimator time-to-accuracy: training time until the held-out SMILE estimate first comes
// within --rel (10%) of the true MI, minfo (TF.js wasm) against a PyTorch trainer built on the
// reference's critic and bounds (scripts/peers/torch_tta.py, which imports ConcatCritic, js_fgan
// and smile_value from ../shared/peers/torch_neural.py), on the same data and the same split.
//
// Cases (N rows, first half of a seeded permutation trains, the rest is held out):
//   gauss5:  5+5-dimensional Gaussian, I = 2 nats (rho = sqrt(1 - exp(-2 I / d)) per coordinate pair)
//   stair20: 20+20-dimensional Gaussian, I = 4 nats (the second level of the SMILE staircase)
// Implementations:
//   sep:    minfo smile with its defaults (NEURAL_DEFAULTS, NEURAL_LR_DEFAULTS.smile; separable critic) except the evaluation settings below
//   sepref: minfo smile, separable critic with the reference's hyper-parameters (2 x 256 ReLU,
//           embedding 32, batch 64, Adam lr 5e-4, no gradient clipping)
//   sepsoft: sepref with softplus activations
//   concat: minfo smile, joint critic on all B^2 pairs, 2 x 256 ReLU, batch 64, Adam lr 5e-4, no
//           gradient clipping: the reference's critic and hyper-parameters
//   torch:  PyTorch, the same concat critic and hyper-parameters, --threads threads
// Every implementation evaluates the held-out rows every --eval-every steps in chunks of
// --eval-chunk rows (the SMILE value of each chunk's full score matrix, chunk-size weighted
// mean: minfo's read-out) and stops at the first evaluation within --rel of the truth, or after
// its --max-steps. Times are of training only, from the critic's construction: the held-out
// evaluations are excluded on both sides (minfo: the evaluation calls are timed and subtracted;
// torch: the clock stops around them); backend start-up and data loading are excluded too.
//
// minfo runs through its public training loop (trainAndEvaluate, createCritic, jsObjective,
// smileBound, resolveNeuralOptions from minfo/neural) with the same seeded split, critic
// initialisation and batch streams as neuralMI("smile").estimate(x, y, { seed }); the evaluation
// is wrapped to read each held-out value as it is computed and to abort training at the hit.
//
//   npm run build && node scripts/bench-neural-tta.mjs [--n 5000] [--seeds 1,2,3]
//       [--cases gauss5,stair20] [--impls sep,sepref,sepsoft,concat,torch] [--eval-every 25] [--eval-chunk 64]
//       [--max-steps sep=5000,sepref=2000,sepsoft=2000,concat=1000,torch=2000] [--rel 0.1] [--threads 1]
//       [--sep-lr R] [--sep-opts JSON] [--peer-dir ../shared/peers] [--dist dist] [--json out.json]
//       [--kernels off]   (minfo without its own WebAssembly kernels: setOwnKernels(false))
//   node scripts/bench-neural-tta.mjs --merge a.json,b.json   (the table of earlier --json runs)
//
// Needs Debian's python3-torch and python3-numpy (run with /usr/bin/python3).
import { gaussianPairs } from "./lib/gaussianPairs.mjs";
import { npy } from "./lib/npy.mjs";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL, URL } from "node:url";
import { flag } from "./lib/flag.mjs";

const opt = flag;
const n = Number(opt("n", "5000"));
const seeds = opt("seeds", "1,2,3").split(",").map(Number);
const caseIds = opt("cases", "gauss5,stair20").split(",").filter(Boolean);
const impls = opt("impls", "sep,sepref,sepsoft,concat,torch").split(",").filter(Boolean);
const evalEvery = Number(opt("eval-every", "25"));
const evalChunk = Number(opt("eval-chunk", "64"));
const rel = Number(opt("rel", "0.1"));
const threads = opt("threads", "1");
// --sep-lr R: the "sep" implementation with minfo's defaults except the learning rate.
const sepLr = opt("sep-lr", "") === "" ? undefined : Number(opt("sep-lr", ""));
// --sep-opts JSON: other minfo options for "sep" (e.g. '{"batchSize":64}'), on top of the defaults.
const sepOpts = JSON.parse(opt("sep-opts", "{}"));
const maxSteps = { sep: 5000, sepref: 2000, sepsoft: 2000, concat: 1000, torch: 2000 };
for (const kv of opt("max-steps", "").split(",").filter(Boolean)) {
  const [k, v] = kv.split("=");
  maxSteps[k] = Number(v);
}
const peerDir = resolve(opt("peer-dir", "../shared/peers"));
const distDir = resolve(opt("dist", "dist"));
const jsonOut = opt("json", "");
const merge = opt("merge", ""); // print the table of earlier --json outputs (no training)
const here = new URL(".", import.meta.url);

const neural = await import(pathToFileURL(join(distDir, "neural/index.js")).href);
const { createRng } = await import(pathToFileURL(join(distDir, "core/random/rng.js")).href);
const { createCritic, jsObjective, resolveNeuralOptions, smileBound, tf, trainAndEvaluate, useBackend, NEURAL_DEFAULTS, setOwnKernels } = neural;
const kernelsOff = opt("kernels", "on") === "off";
setOwnKernels(!kernelsOff);

const CASES = {
  gauss5: { d: 5, mi: 2, dataSeed: 1000, label: "5+5 Gaussian, I = 2 nats" },
  stair20: { d: 20, mi: 4, dataSeed: 2000, label: "20+20 Gaussian (staircase level), I = 4 nats" },
};

/** d+d Gaussian with I = mi nats: y = rho x + sqrt(1 - rho^2) e per coordinate. */
const sample = (d, mi, seed) => gaussianPairs(createRng(seed), n, d, Math.sqrt(1 - Math.exp((-2 * mi) / d)));


/** The train/held-out split of neuralMI's estimate for `seed` (same permutation, same size). */
function split(seed, trainFraction) {
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const r = createRng(seed).fork(0);
  for (let i = n - 1; i > 0; i--) {
    const j = r.int(i + 1);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  const nTrain = Math.min(n - 2, Math.max(2, Math.round(n * trainFraction)));
  return { train: perm.subarray(0, nTrain), test: perm.subarray(nTrain) };
}

/** Rows of m z-scored with the training rows' mean and sd (n - 1), as float32. */
function prepare(m, rows, fitRows) {
  const d = m.cols;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (const i of fitRows) for (let j = 0; j < d; j++) mean[j] += m.data[i * d + j] / fitRows.length;
  for (const i of fitRows) for (let j = 0; j < d; j++) sd[j] += (m.data[i * d + j] - mean[j]) ** 2 / (fitRows.length - 1);
  const out = new Float32Array(rows.length * d);
  for (let r = 0; r < rows.length; r++) for (let j = 0; j < d; j++) out[r * d + j] = (m.data[rows[r] * d + j] - mean[j]) / (Math.sqrt(sd[j]) || 1);
  return tf.tensor2d(out, [rows.length, d]);
}

const cpuS = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function minfoOptions(impl, steps) {
  const evalOpts = { steps, evalEvery, evalBatchSize: evalChunk, patience: 0, readout: "last" };
  if (impl === "sep") return resolveNeuralOptions("smile", { ...sepOpts, ...evalOpts, ...(sepLr === undefined ? {} : { lr: sepLr }) });
  const ref = { ...evalOpts, hidden: [256, 256], batchSize: 64, lr: 5e-4, clipNorm: 0, lrSchedule: "constant", activation: "relu", trainFraction: 0.5, standardize: true, tau: 5 };
  if (impl === "sepref") return resolveNeuralOptions("smile", { ...ref, critic: "separable", embedding: 32 });
  if (impl === "sepsoft") return resolveNeuralOptions("smile", { ...ref, critic: "separable", embedding: 32, activation: "softplus" });
  return resolveNeuralOptions("smile", { ...ref, critic: "joint", allPairs: true });
}

/** One minfo training run to the first held-out value within rel of the truth. */
async function minfoRun(impl, data, seed, truth) {
  const r = minfoOptions(impl, maxSteps[impl]);
  const rng = createRng(seed);
  const { train, test } = split(seed, r.trainFraction);
  const tensors = {
    xTrain: prepare(data.x, train, train),
    yTrain: prepare(data.y, train, train),
    xTest: prepare(data.x, test, train),
    yTest: prepare(data.y, test, train),
  };
  const nTest = test.length;
  const curve = [];
  let hit = null;
  let step = 0;
  let evalWall = 0;
  let evalCpu = 0;
  let acc = 0;
  let seen = 0;
  let mark = null;
  const abort = new globalThis.AbortController();
  const w0 = performance.now();
  const c0 = cpuS();
  const critic = createCritic({ kind: r.critic, hidden: r.hidden, embedding: r.embedding, activation: r.activation }, data.x.cols, data.y.cols, rng.fork(1));
  const problem = {
    variables: critic.variables,
    beforeStep: () => critic.beforeStep(),
    step: (x, y) => {
      // As neuralMI("smile") trains: the JS gradient, the SMILE value outside the loss.
      const s = critic.scores(x, y, "all");
      return { loss: tf.neg(jsObjective(s)), value: smileBound(s, r.tau) };
    },
    evaluate: (x, y) => {
      const t = performance.now();
      const c = cpuS();
      if (seen === 0) mark = { wall: (t - w0) / 1000 - evalWall, cpu: c - c0 - evalCpu };
      const v = smileBound(critic.scores(x, y, "all"), r.tau);
      acc += v.dataSync()[0] * x.shape[0];
      seen += x.shape[0];
      evalWall += (performance.now() - t) / 1000;
      evalCpu += cpuS() - c;
      if (seen === nTest) {
        const value = acc / nTest;
        curve.push([step, value, mark.wall, mark.cpu]);
        if (hit === null && Math.abs(value - truth) <= rel * truth) {
          hit = { step, value, wall_s: mark.wall, cpu_s: mark.cpu };
          abort.abort();
        }
        acc = 0;
        seen = 0;
      }
      return { value: v, criterion: v };
    },
  };
  try {
    await trainAndEvaluate(problem, tensors, r, { fn: "smile", rng: rng.fork(2), signal: abort.signal, onProgress: (p) => (step = p.done) });
  } catch (e) {
    if (!abort.signal.aborted) throw e;
  } finally {
    critic.dispose();
    for (const t of Object.values(tensors)) t.dispose();
  }
  const last = curve[curve.length - 1];
  return { curve, hit, msPerStep: (1000 * last[2]) / last[0], cpuMsPerStep: (1000 * last[3]) / last[0] };
}

function torchRun(dir, data, seed, truth) {
  const { train } = split(seed, 0.5);
  writeFileSync(join(dir, "X.npy"), npy(data.x));
  writeFileSync(join(dir, "Y.npy"), npy(data.y));
  writeFileSync(join(dir, "T.npy"), npy({ data: Float64Array.from(train), rows: train.length, cols: 1 }));
  const out = execFileSync(
    "/usr/bin/python3",
    [new URL("peers/torch_tta.py", here).pathname, "--x", join(dir, "X.npy"), "--y", join(dir, "Y.npy"), "--train", join(dir, "T.npy"), "--peer-dir", peerDir,
      "--truth", String(truth), "--rel", String(rel), "--batch-size", "64", "--hidden", "256", "--layers", "2", "--lr", "5e-4",
      "--max-steps", String(maxSteps.torch), "--eval-every", String(evalEvery), "--eval-chunk", String(evalChunk), "--seed", String(seed), "--threads", threads],
    // torch.set_num_threads alone leaves an OpenMP helper thread working (measured: CPU time = 2x
    // wall with --threads 1); the variables make --threads N mean N threads in all.
    { encoding: "utf8", maxBuffer: 1 << 26, env: { ...process.env, OMP_NUM_THREADS: threads, MKL_NUM_THREADS: threads } },
  );
  const r = JSON.parse(out.trim().split("\n").pop());
  torchVersion = r.torch;
  return { curve: r.curve, hit: r.hit, msPerStep: r.ms_per_step, cpuMsPerStep: r.cpu_ms_per_step };
}

let torchVersion = "?";
let defaults = NEURAL_DEFAULTS;
// smile's own learning-rate defaults (files written before they existed carry only the base ones)
let smileLr = neural.NEURAL_LR_DEFAULTS.smile;
const runs = [];
const mergedCmds = [];
if (merge) {
  for (const f of merge.split(",")) {
    const j = JSON.parse(readFileSync(f, "utf8"));
    runs.push(...j.runs);
    mergedCmds.push(j.cmd);
    torchVersion = j.torchVersion ?? torchVersion;
    defaults = j.defaults ?? defaults;
    smileLr = j.smileLr ?? { lr: defaults.lr, lrSchedule: defaults.lrSchedule };
  }
} else {
await useBackend("wasm");
const dir = mkdtempSync(join(tmpdir(), "minfo-bench-tta-"));
try {
  for (const id of caseIds) {
    const c = CASES[id];
    for (const seed of seeds) {
      const data = sample(c.d, c.mi, c.dataSeed + seed);
      for (const impl of impls) {
        const t = performance.now();
        const res = impl === "torch" ? torchRun(dir, data, seed, c.mi) : await minfoRun(impl, data, seed, c.mi);
        runs.push({ case: id, seed, impl, ...res });
        const h = res.hit;
        console.error(
          `${id} seed ${seed} ${impl}: ${h ? `hit at step ${h.step} (${h.value.toFixed(3)}), ${h.wall_s.toFixed(1)} s wall, ${h.cpu_s.toFixed(1)} s CPU` : `no hit in ${res.curve[res.curve.length - 1][0]} steps (last ${res.curve[res.curve.length - 1][1].toFixed(3)})`}` +
            `; ${res.cpuMsPerStep.toFixed(1)} CPU ms/step; run ${((performance.now() - t) / 1000).toFixed(0)} s`,
        );
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
}

const median = (a) => {
  if (a.length === 0) return NaN;
  const s = [...a].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Median over seeds, counting a miss as +Infinity (so the median is finite only if most seeds hit). */
const medHit = (rs, f) => median(rs.map((r) => (r.hit ? f(r.hit) : Infinity)));
const fmt = (v, p = 1) => (Number.isFinite(v) ? v.toFixed(p) : "-");
const IMPL = {
  sep: `minfo wasm, separable (defaults: ${defaults.hidden.join("x")} ${defaults.activation}, e = ${defaults.embedding}, B = ${defaults.batchSize}, lr ${sepLr ?? smileLr.lr} ${smileLr.lrSchedule}, clip ${defaults.clipNorm}${Object.keys(sepOpts).length ? `; ${JSON.stringify(sepOpts)}` : ""})`,
  sepref: "minfo wasm, separable (2x256 relu, e = 32, B = 64, lr 5e-4)",
  sepsoft: "minfo wasm, separable (2x256 softplus, e = 32, B = 64, lr 5e-4)",
  concat: "minfo wasm, concat all-pairs (2x256, B = 64, lr 5e-4)",
  torch: `PyTorch ${torchVersion}, concat all-pairs (2x256, B = 64, lr 5e-4), ${threads} thread(s)`,
};
const lines = [
  "| case | implementation | hits | steps to 10% (median) | train wall s (median) | train CPU s (median) | CPU ms/step | CPU time ratio vs PyTorch | wall ratio vs PyTorch |",
  "|---|---|---|---|---|---|---|---|---|",
];
for (const id of caseIds) {
  const torchRs = runs.filter((r) => r.case === id && r.impl === "torch");
  const tCpu = medHit(torchRs, (h) => h.cpu_s);
  const tWall = medHit(torchRs, (h) => h.wall_s);
  for (const impl of impls) {
    const rs = runs.filter((r) => r.case === id && r.impl === impl);
    if (rs.length === 0) continue;
    const cpu = medHit(rs, (h) => h.cpu_s);
    const wall = medHit(rs, (h) => h.wall_s);
    const ratio = (a, b) => (impl === "torch" || !torchRs.length ? "" : Number.isFinite(a) && Number.isFinite(b) ? `${(a / b).toFixed(2)}x` : "-");
    lines.push(
      `| ${CASES[id].label} | ${IMPL[impl]} | ${rs.filter((r) => r.hit).length}/${rs.length} | ${fmt(medHit(rs, (h) => h.step), 0)} | ${fmt(wall)} | ${fmt(cpu)} | ` +
        `${fmt(median(rs.map((r) => r.cpuMsPerStep)))} | ${ratio(cpu, tCpu)} | ${ratio(wall, tWall)} |`,
    );
  }
}
const maxs = impls.map((i) => `${i}=${maxSteps[i]}`).join(",");
const cmd = `node scripts/bench-neural-tta.mjs --n ${n} --seeds ${seeds.join(",")} --cases ${caseIds.join(",")} --impls ${impls.join(",")} --eval-every ${evalEvery} --eval-chunk ${evalChunk} --max-steps ${maxs} --rel ${rel} --threads ${threads}${sepLr === undefined ? "" : ` --sep-lr ${sepLr}`}${Object.keys(sepOpts).length ? ` --sep-opts '${JSON.stringify(sepOpts)}'` : ""}${kernelsOff ? " --kernels off" : ""}`;
console.log(lines.join("\n"));
console.log(`\nPer seed: steps to the hit (held-out value; train CPU s), or '-' (no hit within the cap; the highest held-out value and its step):`);
for (const id of caseIds) {
  for (const impl of impls) {
    const rs = runs.filter((r) => r.case === id && r.impl === impl);
    if (rs.length === 0) continue;
    const peak = (r) => r.curve.reduce((a, c) => (c[1] > a[1] ? c : a));
    const one = (r) =>
      r.hit ? `${r.hit.step} (${r.hit.value.toFixed(2)}; ${r.hit.cpu_s.toFixed(1)} s CPU)` : `- (${r.curve[r.curve.length - 1][0]} steps; peak ${peak(r)[1].toFixed(2)} at ${peak(r)[0]})`;
    console.log(`${id} ${impl}: ${rs.map(one).join(", ")}`);
  }
}
console.log(`\nMachine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}). ${merge ? `Merged runs of: ${mergedCmds.join(" ; ")}` : `Command: ${cmd}`}`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ cmd, torchVersion, defaults, smileLr, runs }));
