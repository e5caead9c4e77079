import { InvalidArgumentError } from "../errors.js";

/** Euler-Mascheroni constant, gamma = -digamma(1). */
export const EULER_GAMMA = 0.5772156649015329;

/** Below this the argument is shifted up by the recurrence before the asymptotic series. */
const ASYMPTOTIC_MIN = 10;

/**
 * Asymptotic (Stirling-type) series for x >= 10 (Abramowitz & Stegun 6.3.18):
 *   psi(x) = ln x - 1/(2x) - sum_k B_2k / (2k x^2k)
 *          = ln x - 1/(2x) - 1/(12x^2) + 1/(120x^4) - 1/(252x^6) + 1/(240x^8) - 1/(132x^10)
 *            + 691/(32760x^12) - 1/(12x^14).
 * The first omitted term, 3617/(8160 x^16), is below 5e-17 at x = 10.
 */
function digammaAsymptotic(x: number): number {
  const r = 1 / (x * x);
  const series =
    r *
    (1 / 12 -
      r *
        (1 / 120 -
          r * (1 / 252 - r * (1 / 240 - r * (1 / 132 - r * (691 / 32760 - r * (1 / 12)))))));
  return Math.log(x) - 0.5 / x - series;
}

/** digamma for x > 0 without validation. */
function digammaPositive(x: number): number {
  if (x >= ASYMPTOTIC_MIN) return digammaAsymptotic(x);
  if (Number.isInteger(x)) {
    // psi(n) = H_(n-1) - gamma exactly (A&S 6.3.2): avoids the series' rounding at small integers.
    let harmonic = 0;
    for (let k = 1; k < x; k++) harmonic += 1 / k;
    return harmonic - EULER_GAMMA;
  }
  // Recurrence psi(x) = psi(x + 1) - 1/x, applied until x >= 10 (A&S 6.3.5).
  let shift = 0;
  while (x < ASYMPTOTIC_MIN) {
    shift += 1 / x;
    x += 1;
  }
  return digammaAsymptotic(x) - shift;
}

/**
 * Digamma function psi(x) = d/dx ln Gamma(x).
 *
 * Method: for x >= 10 the asymptotic series above; for 0 < x < 10 the upward recurrence
 * psi(x) = psi(x + 1) - 1/x; for negative non-integer x the reflection formula
 * psi(x) = psi(1 - x) - pi / tan(pi x) (A&S 6.3.7).
 *
 * Accuracy (measured against scipy.special.digamma, see test/core/special/digamma.test.ts):
 * relative error below 1e-14 for x > 0, except near the positive root x0 = 1.46163...,
 * where psi itself passes through zero and the error is absolute, below 1e-15.
 *
 * @throws InvalidArgumentError for NaN, +-Infinity and the poles x = 0, -1, -2, ...
 */
export function digamma(x: number): number {
  if (x > 0 && x < Infinity) return digammaPositive(x);
  if (!Number.isFinite(x) || Number.isInteger(x)) {
    throw new InvalidArgumentError(
      `digamma: x must be finite and not a non-positive integer (a pole); got ${x}.`,
      "x",
    );
  }
  // Reflection; reduce pi x modulo 2 to keep tan accurate for large |x|.
  const frac = x - Math.floor(x); // in (0, 1)
  return digammaPositive(1 - x) - Math.PI / Math.tan(Math.PI * frac);
}

/** Values psi(n) for n = 0..table.length-1 (index 0 unused). Grown on demand, never shrunk. */
let intTable = new Float64Array(0);
/** Arguments above this use the asymptotic series directly (one log, a few multiplies). */
const INT_TABLE_MAX = 1 << 17;

function growIntTable(n: number): void {
  let size = Math.max(1024, intTable.length);
  while (size <= n) size *= 2;
  size = Math.min(size, INT_TABLE_MAX);
  const next = new Float64Array(size);
  next.set(intTable);
  next[0] = NaN; // pole, never returned (digammaInt validates n >= 1)
  for (let i = Math.max(1, intTable.length); i < size; i++) next[i] = digammaPositive(i);
  intTable = next;
}

/**
 * Digamma at a positive integer n, for hot loops (KSG evaluates it N times):
 * psi(n) = H_(n-1) - gamma. Values up to 2^17 come from a lazily grown table (computed by
 * `digamma`, so they agree with it exactly); larger n use the asymptotic series directly.
 * The table costs at most 1 MiB and a one-off fill of about 1 ms.
 *
 * @throws InvalidArgumentError when n is not an integer >= 1.
 */
export function digammaInt(n: number): number {
  if (n < intTable.length && n >= 1 && Number.isInteger(n)) return intTable[n];
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError(`digammaInt: n must be an integer >= 1; got ${n}.`, "n");
  }
  if (n >= INT_TABLE_MAX) return digammaAsymptotic(n);
  growIntTable(n);
  return intTable[n];
}
