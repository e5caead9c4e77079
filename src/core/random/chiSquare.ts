import type { Rng } from "./rng.js";
import { positiveNumber } from "./checkArgs.js";
import { gamma } from "./gamma.js";

/**
 * One draw from the chi-square distribution with `df` degrees of freedom (any real df > 0):
 * chi2_df = Gamma(shape = df/2, scale = 2). Mean df, variance 2 df.
 *
 * @throws InvalidArgumentError when df is not a finite number > 0.
 */
export function chiSquare(rng: Rng, df: number): number {
  positiveNumber("chiSquare", "df", df);
  return gamma(rng, df / 2, 2);
}
