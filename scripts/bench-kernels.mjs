// minfo's own WebAssembly kernels (src/neural/kernels): accuracy over every 16th float32 against
// float64, and time per call on a 128 x 128 tensor against the tfjs-backend-wasm ops they replace.
//   npm run build && node scripts/bench-kernels.mjs
import { ELEMENTWISE_WASM_BASE64 } from "../dist/neural/kernels/elementwiseWasm.js";
import { fastExp, fastSoftplus } from "../dist/neural/kernels/fastElementwise.js";
import { tf, useBackend } from "../dist/neural/engine.js";

const bytes = Uint8Array.from(atob(ELEMENTWISE_WASM_BASE64), (c) => c.charCodeAt(0));
const N = 1 << 22;
const memory = new WebAssembly.Memory({ initial: Math.ceil((8 * N) / 65536) });
const kernels = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
const x = new Float32Array(memory.buffer, 0, N);
const y = new Float32Array(memory.buffer, 4 * N, N);
const bits = new Uint32Array(1);
const asFloat = new Float32Array(bits.buffer);
const references = {
  softplus: { f: (h) => Math.max(h, 0) + Math.log1p(Math.exp(-Math.abs(h))), from: -87 },
  exp: { f: Math.exp, from: -Infinity },
};

console.log("accuracy (every 16th float32, normal float32 results; ulps of the float64 value):");
for (const [name, { f, from }] of Object.entries(references)) {
  let worst = 0;
  let at = 0;
  for (const sign of [0, 0x80000000]) {
    for (let start = 0; start < 0x7f800000; start += 16 * N) {
      let m = 0;
      for (; m < N && start + 16 * m < 0x7f800000; m++) {
        bits[0] = (start + 16 * m) | sign;
        x[m] = asFloat[0];
      }
      kernels[name](0, 4 * N, m - (m % 16));
      for (let i = 0; i < m - (m % 16); i++) {
        const truth = f(x[i]);
        if (x[i] < from || !(Math.abs(Math.fround(truth)) >= 2 ** -126) || !Number.isFinite(Math.fround(truth))) continue;
        const u = Math.abs(y[i] - truth) / 2 ** (Math.floor(Math.log2(Math.abs(truth))) - 23);
        if (u > worst) [worst, at] = [u, x[i]];
      }
    }
  }
  console.log(`  ${name}: at most ${worst.toFixed(2)} ulps (at ${at})`);
}

await useBackend("wasm");
const h = tf.randomNormal([128, 128], 0, 3, "float32", 1);
const hAbs = tf.abs(h);
const ops = {
  "softplus, minfo kernel": () => fastSoftplus(h),
  "softplus, TF.js ops (the form used elsewhere)": () => tf.tidy(() => tf.sub(tf.relu(h), tf.log1p(tf.neg(tf.sigmoid(tf.neg(tf.abs(h))))))),
  "softplus, tf.softplus": () => tf.softplus(h),
  "exp, minfo kernel": () => fastExp(h),
  "exp, tf.exp": () => tf.exp(h),
  "log1p, tf.log1p": () => tf.log1p(hAbs),
  "sigmoid, tf.sigmoid (vectorised, for scale)": () => tf.sigmoid(h),
};
console.log("time per call on 128 x 128 (tfjs-backend-wasm, median of 5 rounds of 2000):");
for (const [name, op] of Object.entries(ops)) {
  for (let i = 0; i < 200; i++) op().dispose();
  const rounds = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    for (let i = 0; i < 2000; i++) op().dispose();
    rounds.push(((performance.now() - t) / 2000) * 1000);
  }
  rounds.sort((a, b) => a - b);
  console.log(`  ${name}: ${rounds[2].toFixed(1)} us`);
}

// Adam's update for the default critic's 42 816 weights (5+5 inputs, 128 x 128, embedding 32):
// the whole apply (reading the gradients, the update, writing the variables), kernel against the
// JavaScript loop.
const { Adam } = await import("../dist/neural/adam.js");
const shapes = [[5, 128], [128], [128, 128], [128], [128, 32], [32]];
const make = (tag) => [...shapes, ...shapes].map((sh, i) => tf.variable(tf.randomNormal(sh, 0, 0.1, "float32", i), true, `bench-adam-${tag}-${i}`));
console.log("Adam update, 42 816 weights, clipNorm 10 (median of 5 rounds of 500):");
for (const [name, useKernel] of [["kernel", true], ["JavaScript loop", false]]) {
  const vars = make(name);
  const grads = Object.fromEntries(vars.map((v, i) => [v.name, tf.randomNormal(v.shape, 0, 1, "float32", 100 + i)]));
  const adam = new Adam(vars, 0.9, 0.999, 1e-8, useKernel);
  for (let i = 0; i < 100; i++) tf.tidy(() => adam.apply(grads, 1e-3, 10));
  const rounds = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    for (let i = 0; i < 500; i++) tf.tidy(() => adam.apply(grads, 1e-3, 10));
    rounds.push(((performance.now() - t) / 500) * 1000);
  }
  rounds.sort((a, b) => a - b);
  console.log(`  ${name}: ${rounds[2].toFixed(0)} us`);
}
