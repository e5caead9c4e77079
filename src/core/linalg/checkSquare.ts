import { InvalidArgumentError, ShapeMismatchError } from "../errors.js";

/**
 * Validates an n x n row-major matrix argument of the linear-algebra kernels.
 * @throws InvalidArgumentError, ShapeMismatchError
 */
export function checkSquare(fn: string, arg: string, a: unknown, n: unknown): asserts a is Float64Array {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError(`${fn}: n must be an integer >= 1; got ${String(n)}.`, "n");
  }
  if (!(a instanceof Float64Array)) {
    throw new InvalidArgumentError(`${fn}: ${arg} must be a Float64Array (n * n, row-major); got ${typeof a}.`, arg);
  }
  if (a.length !== n * n) {
    throw new ShapeMismatchError(`${fn}: ${arg} has ${a.length} values; expected n * n = ${n * n}.`);
  }
}
