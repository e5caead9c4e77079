/**
 * minfo's kernels that work in tfjs-backend-wasm's own memory (elementwise.wat, exact.wat): one
 * instance per backend memory, importing it, so that a kernel reads and writes TF.js tensors in
 * place. Shared by fastElementwise.ts and fastExact.ts.
 */
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import type { TensorInfo } from "@tensorflow/tfjs-core";
import { tf } from "../engine.js";
import { ownKernelsEnabled } from "./enabled.js";
import { compileKernelModule } from "./wasmModule.js";

/** The backend's WebAssembly memory, when it exposes one. */
export function memoryOf(backend: BackendWasm): WebAssembly.Memory | undefined {
  const memory = (backend.wasm as unknown as { asm?: { memory?: unknown } }).asm?.memory;
  return memory instanceof WebAssembly.Memory ? memory : undefined;
}

/** Byte offset of a tensor's data in the backend's memory. */
export function offsetOf(backend: BackendWasm, t: TensorInfo): number {
  return backend.dataIdMap.get(t.dataId)!.memoryOffset;
}

/**
 * The exports of the module in `base64` bound to a backend's memory (compiled once, instantiated
 * once per memory), or null where they cannot be: no WebAssembly SIMD, no exposed memory, or a
 * shared memory (the threaded build), which these modules do not declare.
 */
export function backendKernels<T>(base64: string): (backend: BackendWasm) => T | null {
  let compiled: WebAssembly.Module | null | undefined;
  const instances = new WeakMap<WebAssembly.Memory, T | null>();
  return (backend) => {
    const memory = memoryOf(backend);
    if (!memory) return null;
    let inst = instances.get(memory);
    if (inst === undefined) {
      if (compiled === undefined) compiled = compileKernelModule(base64);
      try {
        inst = compiled ? (new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as T) : null;
      } catch {
        inst = null;
      }
      instances.set(memory, inst);
    }
    return inst;
  };
}

/**
 * Whether a kernel of `kernels` may run on the active backend now: kernels on (`setOwnKernels`),
 * the wasm backend active, and the module bound to its memory.
 */
export function canRunOnBackend<T>(kernels: (backend: BackendWasm) => T | null): boolean {
  return ownKernelsEnabled() && tf.getBackend() === "wasm" && kernels(tf.backend() as BackendWasm) !== null;
}
