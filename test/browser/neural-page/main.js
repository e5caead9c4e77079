/* global window, location, URL */
// The page of test/browser/neural.test.ts, bundled by Vite from the compiled dist/ tree the way
// an application imports minfo/neural: window.minfoNeural.run(spec) runs one estimate, or one
// subsample interval on a Web Worker pool (spec.pool: "neural" or "classical") or on the
// sequential runner, and returns a JSON string with the result or the error.
import { subsample } from "../../../dist/index.js";
import { createWebWorkerPool } from "../../../dist/browser/index.js";
import { neuralMI, setWasmDirectory } from "../../../dist/neural/index.js";
import { createNeuralWebWorkerPool } from "../../../dist/neural/browser/index.js";

setWasmDirectory(new URL("/wasm/", location.href).href);

const mat = (m) => ({ data: Float64Array.from(m.data), rows: m.rows, cols: m.cols });
const bits = (values) => Array.from(new Uint8Array(Float64Array.from(values).buffer), (b) => b.toString(16).padStart(2, "0")).join("");

window.minfoNeural = {
  async run(spec) {
    const est = neuralMI(spec.estimator.id, spec.estimator.options);
    const progress = [];
    try {
      if (spec.method === "estimate") {
        const e = await est.estimate(mat(spec.x), mat(spec.y), { seed: spec.seed });
        return JSON.stringify({ ok: true, value: e.value, backend: e.params.backend, warnings: e.diagnostics.warnings.map((w) => w.code), bits: bits([e.value]) });
      }
      const runner =
        spec.pool === "neural" ? createNeuralWebWorkerPool(spec.poolOptions ?? {}) : spec.pool === "classical" ? createWebWorkerPool(spec.poolOptions ?? {}) : undefined;
      const e = await subsample(est, mat(spec.x), mat(spec.y), { ...spec.options, ...(runner ? { runner } : {}), onProgress: (p) => progress.push(p.done) });
      const values = e.diagnostics.details.subsample.values;
      return JSON.stringify({ ok: true, value: e.value, ci: e.uncertainty.ci, values, progress, bits: bits([e.value, e.uncertainty.se, ...values]) });
    } catch (err) {
      return JSON.stringify({ ok: false, error: { class: err?.constructor?.name, code: err?.code, message: err?.message } });
    }
  },
};
window.minfoReady = true;
