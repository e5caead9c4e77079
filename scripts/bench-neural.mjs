#!/usr/bin/env node
// Neural-estimator training speed: minfo (TF.js, wasm and cpu backends) against the PyTorch
// reference trainer (../shared/peers/torch_neural.py) on the same data and the same critic
// (concatenated ReLU MLP, 2 hidden layers of 256, all B x B pairs per batch, SMILE, Adam lr 5e-4,
// batch 64), in one run so that machine noise hits both. ms/step is training only on both sides:
// minfo's from its onProgress timestamps between step 1 and the last step (start-up and the
// held-out evaluation excluded), torch's from its steps_per_second (training loop only).
//
//   npm run build && node scripts/bench-neural.mjs [--n 5000] [--d 5] [--steps 200] [--batch 64]
//       [--hidden 256] [--backends wasm,cpu] [--threads 1] [--wasm-threads 1]
//       [--peer ../shared/peers/torch_neural.py] [--write docs/benchmarks.md]
//
// --threads: PyTorch's threads. --wasm-threads N > 1: tfjs-backend-wasm's threaded-SIMD build
// with an N-thread XNNPACK pool. TF.js 4.22 disables it in Node (WASM_HAS_MULTITHREAD_SUPPORT is
// false there, tfjs issue 3830) and its start-up assumes a browser, so this script forces it on
// with three process-wide work-arounds, for measurement only (see enableWasmThreads).
//
// Needs Debian's python3-torch and python3-numpy (run with /usr/bin/python3).
import { gaussianPairs } from "./lib/gaussianPairs.mjs";
import { npy } from "./lib/npy.mjs";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir, cpus } from "node:os";
import { join, resolve } from "node:path";
import { getThreadsCount, setThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import { dense, neuralMI, tf, useBackend } from "../dist/neural/index.js";
import { createRng } from "../dist/core/random/rng.js";
import { flag } from "./lib/flag.mjs";

const opt = flag;
const n = Number(opt("n", "5000"));
const d = Number(opt("d", "5"));
const steps = Number(opt("steps", "200"));
const batch = Number(opt("batch", "64"));
const hidden = Number(opt("hidden", "256"));
const backends = opt("backends", "wasm,cpu").split(",").filter(Boolean);
const threads = opt("threads", "1");
const wasmThreads = Number(opt("wasm-threads", "1"));
const peer = resolve(opt("peer", "../shared/peers/torch_neural.py"));
const writeTo = opt("write", "");
const rho = 0.5;
const truth = (-d / 2) * Math.log(1 - rho * rho);

/** d+d Gaussian, y = rho x + sqrt(1 - rho^2) e per coordinate. */
const sample = (seed) => gaussianPairs(createRng(seed), n, d, rho);


/**
 * Starts the wasm backend with tfjs-backend-wasm's threaded-SIMD binary and an n-thread pool in
 * Node. TF.js 4.22 does not support this (its feature flag is false in Node); three work-arounds,
 * all process-wide and for this benchmark only:
 * 1. the flag WASM_HAS_MULTITHREAD_SUPPORT is set to true;
 * 2. the backend hands Emscripten its pthread worker script and its main script as Blob URLs,
 *    which Node's worker_threads cannot load: Blobs made during start-up keep their text and
 *    their object URLs become files in a temporary folder (the main script gets the bundle's
 *    module variables it refers to, and the worker's importScripts loads that file);
 * 3. the backend caps the pool at os.cpus().length / 2 (it assumes two hyper-threads per core),
 *    so os.cpus() reports 2n entries while the backend starts.
 */
async function enableWasmThreads(n) {
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", true);
  setThreadsCount(n);
  const dir = mkdtempSync(join(tmpdir(), "minfo-wasm-threads-"));
  const mainFile = join(dir, "main.cjs");
  const NativeBlob = globalThis.Blob;
  const texts = new WeakMap();
  globalThis.Blob = class extends NativeBlob {
    constructor(parts, options) {
      super(parts, options);
      const text = parts.every((p) => typeof p === "string") ? parts.join("") : undefined;
      texts.set(this, text);
      if (text?.startsWith("var WasmBackendModuleThreadedSimd")) {
        const prelude = "var require$$0 = require('fs'), require$$1 = require('path'), require$$3 = require('perf_hooks'), require$$4 = require('os'), commonjsGlobal = globalThis;\n";
        writeFileSync(mainFile, prelude + text);
      }
    }
  };
  const createObjectURL = globalThis.URL.createObjectURL;
  let k = 0;
  globalThis.URL.createObjectURL = (blob) => {
    const text = texts.get(blob);
    if (text === undefined) return createObjectURL(blob);
    const file = join(dir, `worker${k++}.cjs`);
    const redirect = `\n;{ const load = global.importScripts; global.importScripts = (u) => load(String(u).startsWith("blob:") ? ${JSON.stringify(mainFile)} : u); }\n`;
    writeFileSync(file, text + redirect);
    return file;
  };
  const realCpus = os.cpus;
  os.cpus = () => Array.from({ length: 2 * n }, () => realCpus()[0]);
  try {
    await useBackend("wasm");
  } finally {
    os.cpus = realCpus;
    globalThis.Blob = NativeBlob;
    globalThis.URL.createObjectURL = createObjectURL;
  }
  return getThreadsCount();
}
let wasmThreadsActual = 1;
if (wasmThreads > 1 && backends.includes("wasm")) wasmThreadsActual = await enableWasmThreads(wasmThreads);

const { x, y } = sample(1);
const rows = [];

async function minfoRow(backend, critic) {
  const times = [];
  const options = {
    backend,
    critic,
    allPairs: critic === "joint",
    activation: "relu", // the reference critic's (minfo's default is softplus since cc7eabd)
    hidden: [hidden, hidden],
    batchSize: batch,
    lr: 5e-4,
    lrSchedule: "constant", // the reference's (smile/nwj/mine default to cosine)
    steps,
    evalEvery: steps,
    patience: 0,
    // a small held-out set in small chunks: the (untimed) final evaluation stays cheap
    evalBatchSize: 32,
    trainFraction: 0.9,
  };
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const e = await neuralMI("smile", options).estimate(x, y, { seed: 0, onProgress: (p) => times.push([p.done, performance.now(), cpuMs()]) });
  const first = times.find(([s]) => s === 1);
  const lastT = times.find(([s]) => s === steps);
  const [, last] = lastT;
  rows.push({
    impl: "minfo (TF.js)",
    where: backend === "wasm" ? `wasm, ${wasmThreadsActual} thread(s)` : `${backend}, 1 thread`,
    critic: critic === "joint" ? "concat MLP, all B^2 pairs" : "separable g(x)'h(y), e = 32",
    msPerStep: (last - first[1]) / (steps - 1),
    cpuMsPerStep: (lastT[2] - first[2]) / (steps - 1),
    estimate: e.value,
  });
}

/** One dense layer's forward + weight gradient, hand-written vs built-in gradient (wasm). */
async function denseGradientTimes() {
  await useBackend("wasm");
  const rowsN = batch * batch;
  const xs = tf.randomNormal([rowsN, hidden]);
  const up = tf.randomNormal([rowsN, hidden]);
  const w = tf.variable(tf.randomNormal([hidden, hidden]));
  const b = tf.variable(tf.zeros([hidden]));
  const out = {};
  const fns = {
    custom: () => tf.sum(tf.mul(dense(xs, w, b), up)),
    builtin: () => tf.sum(tf.mul(tf.add(tf.matMul(xs, w), b), up)),
  };
  for (const [name, f] of Object.entries(fns)) {
    const run = () => tf.tidy(() => tf.variableGrads(f, [w, b]).grads[w.name].dataSync());
    run();
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) run();
    out[name] = (performance.now() - t0) / 5;
  }
  for (const t of [xs, up, w, b]) t.dispose();
  return out;
}
const denseTimes = await denseGradientTimes();

for (const backend of backends) {
  await minfoRow(backend, "joint");
  await minfoRow(backend, "separable");
}

const dir = mkdtempSync(join(tmpdir(), "minfo-bench-neural-"));
try {
  writeFileSync(join(dir, "X.npy"), npy(x));
  writeFileSync(join(dir, "Y.npy"), npy(y));
  // The peer's main() inside a wrapper that prints the process's CPU seconds (user + system) after
  // its JSON line; two runs (steps / 5 and steps) cancel start-up, data loading and evaluation.
  const wrapper =
    "import importlib.util, json, resource, sys\n" +
    "spec = importlib.util.spec_from_file_location('peer', sys.argv[1]); m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n" +
    "m.main(sys.argv[2:])\n" +
    "r = resource.getrusage(resource.RUSAGE_SELF); print(json.dumps({'cpu_s': r.ru_utime + r.ru_stime}))\n";
  const torchRun = (s) => {
    const out = execFileSync(
      "/usr/bin/python3",
      ["-c", wrapper, peer, "--x", join(dir, "X.npy"), "--y", join(dir, "Y.npy"), "--estimator", "smile", "--steps", String(s), "--batch-size", String(batch),
        "--hidden", String(hidden), "--layers", "2", "--lr", "5e-4", "--threads", threads, "--eval-batches", "10"],
      // As in bench-neural-tta.mjs: OpenMP/MKL limited too, so --threads N means N threads in all.
      { encoding: "utf8", maxBuffer: 1 << 24, env: { ...process.env, OMP_NUM_THREADS: threads, MKL_NUM_THREADS: threads } },
    );
    const lines = out.trim().split("\n");
    return { res: JSON.parse(lines[lines.length - 2]), cpuS: JSON.parse(lines[lines.length - 1]).cpu_s };
  };
  const short = Math.max(2, Math.round(steps / 5));
  const a = torchRun(short);
  const { res, cpuS } = torchRun(steps);
  const r = res.results[0];
  rows.push({
    impl: `PyTorch ${res.env.torch}`,
    where: `cpu, ${threads} thread(s)`,
    critic: "concat MLP, all B^2 pairs",
    msPerStep: 1000 / r.steps_per_second,
    cpuMsPerStep: (1000 * (cpuS - a.cpuS)) / (steps - short),
    estimate: r.estimate_nats,
  });
} catch (e) {
  console.error(`torch peer failed: ${e.message.split("\n")[0]}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const cmd = `node scripts/bench-neural.mjs --n ${n} --d ${d} --steps ${steps} --batch ${batch} --hidden ${hidden} --backends ${backends.join(",")} --threads ${threads}${wasmThreads > 1 ? ` --wasm-threads ${wasmThreads}` : ""}`;
const lines = [
  `Data: ${d}+${d}-dimensional Gaussian, rho = ${rho} per coordinate pair (I = ${truth.toFixed(3)} nats), N = ${n}. SMILE, Adam lr 5e-4, batch ${batch}, ` +
    `2 hidden layers of ${hidden} (ReLU), ${steps} steps; estimate = minfo's held-out value (10% of rows, chunks of 32) / torch's mean of the last 10% of training values ` +
    `(short runs: for speed, not accuracy). Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), shared with other jobs.`,
  "",
  "| implementation | backend | critic | ms/step (wall) | CPU ms/step | estimate (nats) |",
  "|---|---|---|---|---|---|",
  ...rows.map((r) => `| ${r.impl} | ${r.where} | ${r.critic} | ${r.msPerStep.toFixed(1)} | ${r.cpuMsPerStep.toFixed(1)} | ${r.estimate === null ? "-" : r.estimate.toFixed(3)} |`),
  "",
  "CPU ms/step: the process's user + system CPU time per training step (minfo: process.cpuUsage between step 1 and the last step; " +
    "PyTorch: getrusage difference between a run of steps/5 and one of steps, so start-up, loading and evaluation cancel). On a machine shared with " +
    "other jobs this is the fairer comparison: wall time includes waiting for a core.",
  "",
  `One dense layer (${batch * batch} x ${hidden} times ${hidden} x ${hidden}), forward + weight gradient on wasm: hand-written gradient with explicit ` +
    `transposes ${denseTimes.custom.toFixed(1)} ms, built-in matMul gradient ${denseTimes.builtin.toFixed(1)} ms ` +
    `(${(denseTimes.builtin / denseTimes.custom).toFixed(1)}x).`,
  "",
  `Command: \`npm run build && ${cmd}\``,
];
console.log(lines.join("\n"));
if (writeTo) {
  const prev = readFileSync(writeTo, "utf8");
  writeFileSync(writeTo, `${prev.trimEnd()}\n\n## Neural estimators: training speed (minfo vs PyTorch)\n\n${lines.join("\n")}\n`);
}
// the threaded wasm backend keeps its pthread workers alive
process.exit(0);
