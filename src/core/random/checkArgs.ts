import { InvalidArgumentError } from "../errors.js";

/** A finite number > 0, or InvalidArgumentError in the house style. */
export function positiveNumber(fn: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || !(value > 0)) {
    throw new InvalidArgumentError(`${fn}: ${name} must be a finite number > 0; got ${String(value)}.`, name);
  }
  return value;
}

/** A non-negative safe integer (a sample size), or InvalidArgumentError. */
export function sampleSize(fn: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError(`${fn}: n must be a non-negative integer; got ${String(value)}.`, "n");
  }
  return value;
}
