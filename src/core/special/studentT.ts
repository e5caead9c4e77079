import { regularizedIncompleteBeta } from "./incompleteBeta.js";
import { logGamma } from "./logGamma.js";
import { normalCdf } from "./normalCdf.js";
import { normalQuantile } from "./normalQuantile.js";

/**
 * Student t distribution with ν > 0 degrees of freedom; ν = Infinity is the standard normal.
 * Used for the t-copula scores of auto's norm summary. Callers validate ν > 0 and 0 < p < 1.
 */

const HALF_LOG_2PI = 0.9189385332046728;

/** log density of t_ν: log Γ((ν+1)/2) − log Γ(ν/2) − ½ log(νπ) − ((ν+1)/2) log(1 + t²/ν). */
export function studentTLogDensity(t: number, nu: number): number {
  if (nu === Infinity) return -0.5 * t * t - HALF_LOG_2PI;
  return logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI) - ((nu + 1) / 2) * Math.log1p((t * t) / nu);
}

/** CDF of t_ν: ½ I_{ν/(ν+t²)}(ν/2, ½) for t < 0 (A&S 26.7.1 written with the incomplete beta), 1 − that for t > 0. */
export function studentTCdf(t: number, nu: number): number {
  if (nu === Infinity) return normalCdf(t);
  if (t === 0) return 0.5;
  const tail = 0.5 * regularizedIncompleteBeta(nu / (nu + t * t), nu / 2, 0.5);
  return t < 0 ? tail : 1 - tail;
}

/**
 * Quantile of t_ν. Closed forms for ν = 1 (tan π(p − ½)), ν = 2 ((2p − 1)/√(2p(1 − p))) and
 * ν = ∞ (normalQuantile); otherwise Newton's method on the CDF inside a bracket that bisection
 * keeps valid, started at `guess` (a nearby quantile, for tables) or at the Cornish-Fisher term
 * z(1 + (z² + 1)/(4ν)); converges to ~1e-14 relative.
 */
export function studentTQuantile(p: number, nu: number, guess?: number): number {
  if (nu === Infinity) return normalQuantile(p);
  if (nu === 1) return Math.tan(Math.PI * (p - 0.5));
  if (nu === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  if (p === 0.5) return 0;
  if (p > 0.5) return -studentTQuantile(1 - p, nu, guess === undefined ? undefined : -guess);
  // p < 1/2: the quantile is negative; bracket [lo, 0].
  const z = normalQuantile(p);
  let t = guess !== undefined && guess < 0 && Number.isFinite(guess) ? guess : z * (1 + (z * z + 1) / (4 * nu));
  let hi = 0;
  let lo = Math.min(t, -1);
  while (studentTCdf(lo, nu) > p) {
    hi = lo;
    lo *= 4;
  }
  if (t <= lo || t >= hi) t = 0.5 * (lo + hi);
  for (let iter = 0; iter < 200; iter++) {
    const f = studentTCdf(t, nu) - p;
    if (f > 0) hi = t;
    else lo = t;
    const step = f / Math.exp(studentTLogDensity(t, nu));
    let next = t - step;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - t) <= 1e-14 * Math.max(1, Math.abs(t))) return next;
    t = next;
  }
  return t;
}
