/**
 * Where the tfjs-backend-wasm `.wasm` files are, as last set (engine.ts's setWasmDirectory, or its
 * Node default). Kept in a module without TF.js so that the page side of
 * `createNeuralWebWorkerPool` can read it without bundling TF.js into the page.
 */
let prefix: string | undefined;

/** The prefix last given to `setWasmDirectory` (or resolved in Node), undefined when none is set. */
export function wasmDirectory(): string | undefined {
  return prefix;
}

/** Records the prefix handed to TF.js (engine.ts only). */
export function rememberWasmDirectory(p: string): void {
  prefix = p;
}
