// The ceiling for the concat all-pairs critic's per-step time on this machine: how many
// multiply-adds per second one thread of WebAssembly SIMD (128-bit f32x4, no fused multiply-add
// in Node 20) can do at best, against what TF.js's XNNPACK matMul and PyTorch's single-thread
// matmul reach on the critic's 4096 x 256 x 256 product, and minfo's own GEMM. A training step of that critic needs
// three such products (forward, input gradient, weight gradient), so 3 x 268M multiply-adds at
// the WebAssembly ceiling bounds minfo's step from below.
//   npm run build && node scripts/bench-wasm-ceiling.mjs [--torch /usr/bin/python3]
// Compare the ceiling with PyTorch's whole step from scripts/bench-neural.mjs on the same machine.
import { execFileSync } from "node:child_process";
import wabtInit from "wabt";
import { tf, useBackend } from "../dist/neural/engine.js";
import { fastMatMul } from "../dist/neural/kernels/fastGemm.js";
import { flag } from "./lib/flag.mjs";

const M = 4096;
const K = 256;
const N = 256;
const MACS = M * K * N;

/**
 * Register-only loop: `na` x `nb` independent accumulators, acc_ij += a_i * b_j per iteration
 * (one f32x4.mul and one f32x4.add each: 4 multiply-adds). The b_j are loaded from memory every
 * iteration (load ports are separate from the arithmetic ones) so that no product is
 * loop-invariant. The arithmetic ceiling: a GEMM micro-kernel also spends slots on splats.
 */
function registerLoopWat(na, nb) {
  const locals = [];
  const init = [];
  const body = [];
  for (let i = 0; i < na; i++) {
    locals.push(`(local $a${i} v128)`);
    init.push(`(local.set $a${i} (f32x4.splat (f32.const ${(1 + i / 64).toFixed(6)})))`);
  }
  for (let j = 0; j < nb; j++) locals.push(`(local $b${j} v128)`);
  for (let j = 0; j < nb; j++) body.push(`(local.set $b${j} (v128.load offset=${16 * j} (i32.const 0)))`);
  const accs = [];
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) {
      locals.push(`(local $acc${i}_${j} v128)`);
      accs.push(`(local.get $acc${i}_${j})`);
      body.push(`(local.set $acc${i}_${j} (f32x4.add (local.get $acc${i}_${j}) (f32x4.mul (local.get $a${i}) (local.get $b${j}))))`);
    }
  }
  return `(module
  (memory 1)
  (func (export "run") (param $iters i32) (result f32)
    ${locals.join(" ")}
    ${init.join("\n    ")}
    (loop $l
      ${body.join("\n      ")}
      (local.set $iters (i32.sub (local.get $iters) (i32.const 1)))
      (br_if $l (i32.gt_s (local.get $iters) (i32.const 0))))
    (f32x4.extract_lane 0 ${accs.reduce((s, v) => `(f32x4.add ${s} ${v})`)})))`;
}

/**
 * The inner loop of a 6 x 8 GEMM micro-kernel, as XNNPACK's WebAssembly SIMD kernels do it:
 * per k, two f32x4 loads of B's row, six load-splats of A's column, 12 mul + 12 add into 12
 * accumulators. A and B stay in L1 (k wraps every 64), so this is the best a kernel of this
 * shape can do with packed operands.
 */
function microKernelWat() {
  const rows = 6;
  const locals = [];
  for (let r = 0; r < rows; r++) for (let v = 0; v < 2; v++) locals.push(`(local $c${r}_${v} v128)`);
  const body = [
    `(local.set $b0 (v128.load offset=0 (local.get $pb)))`,
    `(local.set $b1 (v128.load offset=16 (local.get $pb)))`,
  ];
  for (let r = 0; r < rows; r++) {
    body.push(`(local.set $s (v128.load32_splat offset=${4 * r} (local.get $pa)))`);
    for (let v = 0; v < 2; v++) {
      body.push(`(local.set $c${r}_${v} (f32x4.add (local.get $c${r}_${v}) (f32x4.mul (local.get $s) (local.get $b${v}))))`);
    }
  }
  const sum = [];
  for (let r = 0; r < rows; r++) for (let v = 0; v < 2; v++) sum.push(`(local.get $c${r}_${v})`);
  return `(module
  (memory (export "memory") 1)
  (func (export "run") (param $iters i32) (result f32)
    (local $pa i32) (local $pb i32) (local $k i32) (local $b0 v128) (local $b1 v128) (local $s v128) ${locals.join(" ")}
    (loop $l
      (local.set $pa (i32.mul (local.get $k) (i32.const 24)))
      (local.set $pb (i32.add (i32.const 4096) (i32.shl (local.get $k) (i32.const 5))))
      ${body.join("\n      ")}
      (local.set $k (i32.and (i32.add (local.get $k) (i32.const 1)) (i32.const 63)))
      (local.set $iters (i32.sub (local.get $iters) (i32.const 1)))
      (br_if $l (i32.gt_s (local.get $iters) (i32.const 0))))
    (f32x4.extract_lane 0 ${sum.reduce((s, v) => `(f32x4.add ${s} ${v})`)})))`;
}

async function instantiate(wat) {
  const wabt = await wabtInit();
  const mod = wabt.parseWat("ceiling.wat", wat, { simd: true });
  try {
    mod.validate();
    const bytes = mod.toBinary({}).buffer;
    return new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;
  } finally {
    mod.destroy();
  }
}

/**
 * Best of `rounds` timings of fn, in seconds, after running it for at least a second: V8 first
 * runs WebAssembly in its baseline compiler and swaps in optimised code later.
 */
function best(fn, rounds = 7) {
  const warm = performance.now();
  while (performance.now() - warm < 1000) fn();
  let t = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    t = Math.min(t, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return t;
}

const gmacs = (macs, s) => macs / s / 1e9;

/** [label, multiply-adds, () => seconds] for every WebAssembly and TF.js measurement. */
const measurements = [];
for (const [na, nb] of [[2, 3], [2, 4], [3, 4]]) {
  const { run } = await instantiate(registerLoopWat(na, nb));
  const iters = 5_000_000;
  measurements.push([`WebAssembly SIMD, register-only loop, ${na * nb} accumulators (f32x4 mul + add)`, iters * na * nb * 4, () => best(() => run(iters))]);
}
{
  const { run } = await instantiate(microKernelWat());
  const iters = 5_000_000;
  measurements.push(["WebAssembly SIMD, 6 x 8 GEMM inner loop from L1 (2 loads, 6 splats, 12 mul + 12 add per k)", iters * 48, () => best(() => run(iters))]);
}
const WASM_ROWS = measurements.length;

await useBackend("wasm");
const a = tf.randomNormal([M, K], 0, 1, "float32", 1);
const b = tf.randomNormal([K, N], 0, 1, "float32", 2);
const at = tf.transpose(a);
const g = tf.randomNormal([M, N], 0, 1, "float32", 3);
const timeOp = (op) =>
  best(() => {
    const r = tf.tidy(op);
    r.dataSync();
    r.dispose();
  });
measurements.push(["TF.js wasm (XNNPACK) matMul, forward 4096 x 256 times 256 x 256", MACS, () => timeOp(() => tf.matMul(a, b))]);
// relu(g): a fresh right operand, packed anew by XNNPACK as in training (the relu costs ~0.5 ms)
measurements.push(["TF.js wasm (XNNPACK) matMul, weight gradient 256 x 4096 times a fresh 4096 x 256", MACS, () => timeOp(() => tf.matMul(at, tf.relu(g)))]);
// minfo's GEMM (src/neural/kernels/fastGemm.ts), which ops.ts uses for every product on wasm; the
// weight gradient a^T relu(g) read transposed in its packing (no transposed copy of a)
measurements.push(["minfo GEMM (fastMatMul), forward 4096 x 256 times 256 x 256", MACS, () => timeOp(() => fastMatMul(a, b))]);
measurements.push(["minfo GEMM (fastMatMul), weight gradient a^T times a fresh 4096 x 256", MACS, () => timeOp(() => fastMatMul(a, tf.relu(g), true, false))]);

// three passes over everything, the best time of each: a pass hit by the shared machine's noise
// only slows its rows down
const seconds = measurements.map(() => Infinity);
for (let pass = 0; pass < 3; pass++) {
  measurements.forEach(([, , time], i) => {
    seconds[i] = Math.min(seconds[i], time());
  });
}
const rows = measurements.map(([label, macs], i) => [label, gmacs(macs, seconds[i])]);

const python = flag("torch", null);
if (python) {
  const script = `
import time, torch
torch.set_num_threads(1)
a = torch.randn(${M}, ${K}); b = torch.randn(${K}, ${N}); g = torch.randn(${M}, ${N})
def best(f, r=7):
    for _ in range(3): f()
    t = 1e9
    for _ in range(r):
        t0 = time.perf_counter(); f(); t = min(t, time.perf_counter() - t0)
    return t
print(best(lambda: a @ b), best(lambda: a.t() @ g), best(lambda: g @ b.t()))
`;
  const out = execFileSync(python, ["-c", script], { env: { ...process.env, OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" } }).toString().trim().split(/\s+/).map(Number);
  rows.push(["PyTorch 1 thread matmul, forward 4096 x 256 times 256 x 256", gmacs(MACS, out[0])]);
  rows.push(["PyTorch 1 thread matmul, weight gradient a^T g", gmacs(MACS, out[1])]);
  rows.push(["PyTorch 1 thread matmul, input gradient g b^T", gmacs(MACS, out[2])]);
}

console.log("| multiply-adds | G multiply-adds / s | 3 products of the concat critic's step at this rate (ms) |");
console.log("|---|---:|---:|");
for (const [name, rate] of rows) console.log(`| ${name} | ${rate.toFixed(1)} | ${((3 * MACS) / rate / 1e6).toFixed(1)} |`);
const ceiling = Math.max(...rows.slice(0, WASM_ROWS).map((r) => r[1]));
console.log(`\nWebAssembly ceiling (the fastest WebAssembly loop above): ${((3 * MACS) / ceiling / 1e6).toFixed(1)} ms for the step's three products alone.`);
