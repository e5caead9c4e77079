/**
 * Web Worker side of `createNeuralWebWorkerPool` (webWorkerPool.ts), a module worker for every
 * estimator, neural ones included: it applies the pool's setup (where TF.js finds its wasm
 * files) and serves replicates with `serveReplicateRequests`. Imports TF.js by package name, so
 * it runs bundled (Vite, webpack 5, esbuild), not from dist/ as it is.
 */
import { serveReplicateRequests } from "../../browser/serveReplicateRequests.js";
import { findEstimator } from "../../estimators/registry.js";
import { allEstimators } from "../allEstimators.js";
import { setWasmDirectory } from "../engine.js";
import type { NeuralWorkerSetup } from "./webWorkerPool.js";

serveReplicateRequests((init, setup) => {
  const wasm = (setup as NeuralWorkerSetup | undefined)?.wasmDirectory;
  if (wasm !== undefined) setWasmDirectory(wasm);
  return findEstimator(init.estimatorId, allEstimators).mi!(init.options);
});
