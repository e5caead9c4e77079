/**
 * Whether minfo's own WebAssembly kernels (softplus, exp, the Adam update) are used where they can
 * be. On by default; off gives TF.js's own ops and the JavaScript Adam loop, i.e. the numerics of
 * minfo before the kernels (stop 13), for comparisons and for bisecting a numerical question.
 * Per thread (module state, like TF.js's backend): worker threads and Web Workers start with the
 * kernels on.
 */
import { InvalidArgumentError } from "../../core/errors.js";

let enabled = true;

/** Turns minfo's own WebAssembly kernels on (default) or off for the neural estimators. */
export function setOwnKernels(on: boolean): void {
  if (typeof on !== "boolean") throw new InvalidArgumentError(`setOwnKernels: on must be true or false; got ${String(on)}.`, "on");
  enabled = on;
}

/** Whether the kernels are on (`setOwnKernels`). */
export function ownKernelsEnabled(): boolean {
  return enabled;
}
