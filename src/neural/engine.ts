/**
 * The TF.js engine used by minfo/neural: `@tensorflow/tfjs-core` with the `wasm` backend
 * (default; XNNPACK kernels, binary shipped in the npm package) and the `cpu` backend (pure
 * JavaScript; the reference in tests). Importing `@tensorflow/tfjs-layers` registers the
 * gradients of every op. TF.js keeps one global backend: neural estimates switch it with
 * `useBackend` and should therefore not run concurrently with different backends in one process.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-layers";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { BackendUnavailableError, InvalidArgumentError } from "../core/errors.js";
import { rememberWasmDirectory, wasmDirectory } from "./wasmPrefix.js";

export { tf };

import { NEURAL_BACKENDS, type NeuralBackend } from "./options.js";

export { NEURAL_BACKENDS, type NeuralBackend } from "./options.js";

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === "string";
}

// Node built-ins are imported through variables so that bundlers building for browsers (Vite,
// webpack, esbuild) neither try to resolve them nor warn: this branch never runs there.
const NODE_MODULE = "node:module";
const NODE_PATH = "node:path";

/**
 * Points the wasm backend at the `.wasm` files in the package's `dist` folder. In Node this is a
 * file path resolved from the installed package; in browsers TF.js's default (next to the script)
 * is kept unless `setWasmDirectory` was called.
 */
async function configureWasm(): Promise<void> {
  if (wasmDirectory() !== undefined || !isNode()) return;
  const { createRequire } = (await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_MODULE)) as typeof import("node:module");
  const path = (await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_PATH)) as typeof import("node:path");
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist");
  setWasmPaths(dir + path.sep);
  rememberWasmDirectory(dir + path.sep);
}

/**
 * Sets the folder (or URL prefix ending in "/") that holds the tfjs-backend-wasm `.wasm` files
 * (`tfjs-backend-wasm.wasm`, `-simd.wasm`, `-threaded-simd.wasm` from the package's dist folder).
 * Browsers need it unless the files are served next to the bundled script; call it before the
 * first neural estimate (TF.js reads it when the backend starts).
 */
export function setWasmDirectory(prefix: string): void {
  if (typeof prefix !== "string" || prefix === "") {
    throw new InvalidArgumentError(`setWasmDirectory: prefix must be a non-empty folder path or URL prefix ending in "/"; got ${JSON.stringify(prefix)}.`, "prefix");
  }
  setWasmPaths(prefix);
  rememberWasmDirectory(prefix);
}

/**
 * Makes `name` the active TF.js backend (initialising it on first use).
 * @throws BackendUnavailableError when the backend cannot be initialised.
 */
export async function useBackend(name: NeuralBackend, fn = "useBackend"): Promise<void> {
  if (!NEURAL_BACKENDS.includes(name)) {
    throw new BackendUnavailableError(`${fn}: backend must be one of ${NEURAL_BACKENDS.join(", ")}; got ${String(name)}.`);
  }
  if (tf.engine().backendName === name) return;
  if (name === "wasm") await configureWasm();
  let ok = false;
  // TF.js prints a note suggesting tfjs-node on the cpu backend's first write in Node; library code
  // never prints, so PROD (which silences TF.js warnings) is set only while the backend starts.
  const prod = tf.env().getBool("PROD");
  tf.env().set("PROD", true);
  try {
    ok = await tf.setBackend(name);
    await tf.ready();
    tf.scalar(0).dispose(); // the cpu backend prints its note on its first write
  } catch (e) {
    throw new BackendUnavailableError(`${fn}: the TF.js "${name}" backend could not be initialised (${(e as Error).message}); try backend "cpu".`);
  } finally {
    tf.env().set("PROD", prod);
  }
  if (!ok || tf.getBackend() !== name) {
    // In browsers the usual cause is the .wasm files not being where TF.js looks for them.
    const where = name === "wasm" ? ` (its .wasm files were looked for in ${wasmDirectory() === undefined ? "the default place, next to the script" : JSON.stringify(wasmDirectory())}; see setWasmDirectory)` : "";
    throw new BackendUnavailableError(`${fn}: the TF.js "${name}" backend could not be initialised${where}; try backend "cpu".`);
  }
}
