import { InvalidArgumentError } from "../errors.js";
import type { Rng } from "./rng.js";
import { sampleSize } from "./checkArgs.js";

/**
 * n independent draws from Normal(mean, sd^2) as a Float64Array, using `rng.normal()`
 * (Marsaglia polar method). Same rng state, same output.
 *
 * @throws InvalidArgumentError when n is not a non-negative integer, mean is not finite or sd
 *         is not a finite number >= 0.
 */
export function normalSample(rng: Rng, n: number, mean = 0, sd = 1): Float64Array {
  sampleSize("normalSample", n);
  if (!Number.isFinite(mean)) {
    throw new InvalidArgumentError(`normalSample: mean must be finite; got ${String(mean)}.`, "mean");
  }
  if (typeof sd !== "number" || !Number.isFinite(sd) || sd < 0) {
    throw new InvalidArgumentError(`normalSample: sd must be a finite number >= 0; got ${String(sd)}.`, "sd");
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = mean + sd * rng.normal();
  return out;
}
