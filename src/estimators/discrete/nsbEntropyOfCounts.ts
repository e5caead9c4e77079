import { InvalidArgumentError } from "../../core/errors.js";
import { countsOfCounts } from "../../core/data/contingency.js";
import { digamma } from "../../core/special/digamma.js";
import { logGamma } from "../../core/special/logGamma.js";
import { trigamma } from "../../core/special/trigamma.js";
import { checkCounts } from "./checkCounts.js";

/** Everything the NSB computation found, for diagnostics. */
export interface NsbResult {
  /** Posterior mean entropy, nats. */
  readonly value: number;
  /**
   * Posterior standard deviation of the entropy, nats: sqrt(E[H^2] - E[H]^2) under the NSB
   * posterior (E[H^2] at fixed beta in closed form, then mixed over beta like the mean).
   */
  readonly posteriorSd: number;
  readonly alphabetSize: number;
  readonly n: number;
  readonly observedBins: number;
  /** N - K-hat: the number of coincidences; 0 means the posterior is dominated by the prior. */
  readonly coincidences: number;
  /** log beta at the maximum of the posterior density over log beta. */
  readonly logBetaMode: number;
  /** Integration range of log beta (integrand below e^-50 of its maximum outside). */
  readonly logBetaRange: readonly [number, number];
  /** Integrand evaluations. */
  readonly evaluations: number;
  /** False when the evaluation budget ran out before the error target was met. */
  readonly converged: boolean;
}

/** ln Gamma(x + n) - ln Gamma(x) for x > 0, n >= 0 integer, accurate also for huge x. */
function logRising(x: number, n: number): number {
  if (n <= 16) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.log(x + j);
    return s;
  }
  if (x >= 20) {
    // Stirling difference, rearranged so that nothing of size x ln x cancels:
    // (x - 1/2) log1p(n/x) + n ln(x + n) - n + s(x + n) - s(x).
    return (x - 0.5) * Math.log1p(n / x) + n * Math.log(x + n) - n + stirlingTail(x + n) - stirlingTail(x);
  }
  return logGamma(x + n) - logGamma(x);
}

/** Stirling series remainder ln Gamma(y) - [(y - 1/2) ln y - y + ln(2 pi)/2] for y >= 20. */
function stirlingTail(y: number): number {
  const r = 1 / (y * y);
  return (1 / 12 - r * (1 / 360 - r * (1 / 1260 - r * (1 / 1680 - r * (1 / 1188))))) / y;
}

/** trigamma(x) - 1/x, without cancellation for large x. */
function trigammaMinusReciprocal(x: number): number {
  if (x >= 20) {
    const r = 1 / (x * x);
    // 1/(2x^2) + 1/(6x^3) - 1/(30x^5) + 1/(42x^7) - 1/(30x^9)
    return 0.5 * r + (r / x) * (1 / 6 - r * (1 / 30 - r * (1 / 42 - r * (1 / 30))));
  }
  return trigamma(x) - 1 / x;
}

/**
 * Posterior mean entropy of the NSB estimator (Nemenman, Shafee, Bialek 2002, arXiv
 * physics/0108025), nats.
 *
 * Model: a mixture of symmetric Dirichlet(beta) priors on K bins, weighted so that the prior
 * on the a-priori mean entropy xi(beta) = psi(K beta + 1) - psi(beta + 1) is flat on (0, log K).
 * With evidence p(n | beta) = Gamma(K beta)/Gamma(N + K beta) prod_{i=1..K} Gamma(n_i + beta)/Gamma(beta)
 * and posterior mean at fixed beta
 *   <H>_beta = psi(N + K beta + 1) - sum_{i=1..K} (n_i + beta)/(N + K beta) psi(n_i + beta + 1),
 * where the sum runs over ALL K bins (each empty bin adds beta/(N + K beta) psi(beta + 1)),
 *   H_NSB = int dxi p(n | beta(xi)) <H>_beta(xi) / int dxi p(n | beta(xi)).
 *
 * Computation: the integral is taken over t = log beta with Jacobian dxi/dt = beta xi'(beta),
 * xi'(beta) = K psi1(K beta + 1) - psi1(beta + 1) (rearranged to avoid cancellation at large
 * beta). The log integrand is evaluated on a grid to find its maximum and the range where it
 * is within e^-50 of it; the mode is refined by golden-section search and its width from the
 * curvature; exp(log integrand - max) is integrated by adaptive Simpson (relative tolerance
 * 1e-12, or the rounding level of the log evidence for large N) on cells that grow
 * geometrically away from the mode. Counts are grouped by value, so one evaluation
 * costs O(number of distinct counts).
 *
 * K: `alphabetSize`, default counts.length (so pass zero counts for unseen bins, or give K).
 * K must be >= the number of occupied bins. K = 1 gives 0.
 *
 * No coincidences (every count <= 1, K-hat = N): with finite K the posterior is still proper
 * and the estimate is returned (it is then dominated by the prior and pulled towards log K);
 * estimator objects attach a `small-sample` warning. Other implementations return NaN here.
 *
 * @throws InvalidArgumentError for bad counts or alphabetSize; InsufficientSamplesError when N = 0.
 */
export function nsbEntropyOfCounts(counts: ArrayLike<number>, options: { alphabetSize?: number } = {}): number {
  return nsbEntropyDetailed(counts, options.alphabetSize).value;
}

/** As `nsbEntropyOfCounts`, with diagnostics. */
export function nsbEntropyDetailed(counts: ArrayLike<number>, alphabetSize?: number): NsbResult {
  const fn = "nsbEntropyOfCounts";
  const { n, observedBins } = checkCounts(counts, fn);
  const K = alphabetSize ?? counts.length;
  if (typeof K !== "number" || !Number.isInteger(K) || K < observedBins || K < 1) {
    throw new InvalidArgumentError(
      `${fn}: alphabetSize must be an integer >= the number of occupied bins (${observedBins}); got ${String(K)}.`,
      "alphabetSize",
    );
  }
  const base = { alphabetSize: K, n, observedBins, coincidences: n - observedBins };
  if (K === 1) return { ...base, value: 0, posteriorSd: 0, logBetaMode: NaN, logBetaRange: [NaN, NaN], evaluations: 0, converged: true };

  const { values, multiplicity } = countsOfCounts(counts);
  const groups = values.length;
  const empty = K - observedBins;
  let evaluations = 0;

  const logIntegrand = (t: number): number => {
    evaluations++;
    const beta = Math.exp(t);
    let logEv = -logRising(K * beta, n);
    for (let j = 0; j < groups; j++) logEv += multiplicity[j] * logRising(beta, values[j]);
    const u = K * beta + 1;
    const v = beta + 1;
    const dxi = (K - 1) / (u * v) + K * trigammaMinusReciprocal(u) - trigammaMinusReciprocal(v);
    return dxi > 0 ? logEv + Math.log(dxi) + t : -Infinity;
  };
  /**
   * Posterior moments of H at fixed beta (Dirichlet with a_i = n_i + beta, A = N + K beta),
   * derived from E[log p_i] = psi(b_i) - psi(B) and Cov(log p_i, log p_k) = psi1(b_i) delta_ik
   * - psi1(B) under Dirichlet(b):
   *   E[H]   = psi(A + 1) - sum_i (a_i/A) psi(a_i + 1)
   *   E[H^2] = [sum_{i != k} a_i a_k (d_i d_k - psi1(A + 2))
   *             + sum_i a_i (a_i + 1) ((psi(a_i + 2) - psi(A + 2))^2 + psi1(a_i + 2) - psi1(A + 2))] / (A (A + 1)),
   *   d_i = psi(a_i + 1) - psi(A + 2). Bins are grouped (equal counts, and all empty bins).
   */
  const moments = (t: number, out: Float64Array): void => {
    const beta = Math.exp(t);
    const A = n + K * beta;
    const D = digamma(A + 2);
    const T = trigamma(A + 2);
    let s1 = 0; // sum a psi(a + 1)
    let sd = 0; // sum a d
    let sd2 = 0; // sum a^2 d^2
    let sa2 = 0; // sum a^2
    let diag = 0;
    const add = (a: number, m: number): void => {
      const p1 = digamma(a + 1);
      const d = p1 - D;
      const e = p1 + 1 / (a + 1) - D; // psi(a + 2) - psi(A + 2)
      s1 += m * a * p1;
      sd += m * a * d;
      sd2 += m * a * a * d * d;
      sa2 += m * a * a;
      diag += m * a * (a + 1) * (e * e + trigamma(a + 2) - T);
    };
    if (empty > 0) add(beta, empty);
    for (let j = 0; j < groups; j++) add(values[j] + beta, multiplicity[j]);
    out[0] = digamma(A + 1) - s1 / A;
    out[1] = (sd * sd - sd2 - T * (A * A - sa2) + diag) / (A * (A + 1));
  };

  // Grid search for the maximum and the support of the integrand over t = log beta.
  const step = 0.25;
  const DROP = 50;
  const T_LIMIT = 300;
  let lo = -50;
  let hi = 50;
  const grid = new Map<number, number>();
  const at = (idx: number): number => {
    let g = grid.get(idx);
    if (g === undefined) {
      g = logIntegrand(idx * step);
      grid.set(idx, g);
    }
    return g;
  };
  let iLo = Math.round(lo / step);
  let iHi = Math.round(hi / step);
  let gMax = -Infinity;
  let iMax = iLo;
  for (;;) {
    for (let i = iLo; i <= iHi; i++) {
      const g = at(i);
      if (g > gMax) {
        gMax = g;
        iMax = i;
      }
    }
    let extended = false;
    if (at(iLo) > gMax - DROP && lo > -T_LIMIT) {
      lo = Math.max(lo - 50, -T_LIMIT);
      iLo = Math.round(lo / step);
      extended = true;
    }
    if (at(iHi) > gMax - DROP && hi < T_LIMIT) {
      hi = Math.min(hi + 50, T_LIMIT);
      iHi = Math.round(hi / step);
      extended = true;
    }
    if (!extended) break;
  }
  let a = iMax;
  while (a > iLo && at(a) > gMax - DROP) a--;
  let b = iMax;
  while (b < iHi && at(b) > gMax - DROP) b++;
  const tA = a * step;
  const tB = b * step;

  // Refine the mode by golden-section search within one grid step, then estimate the width
  // sigma = 1/sqrt(-g'') of the peak (the posterior over log beta narrows like 1/sqrt(N)).
  let l = Math.max(tA, (iMax - 1) * step);
  let r = Math.min(tB, (iMax + 1) * step);
  const INV_PHI = (Math.sqrt(5) - 1) / 2;
  let c1 = r - INV_PHI * (r - l);
  let c2 = l + INV_PHI * (r - l);
  let g1 = logIntegrand(c1);
  let g2 = logIntegrand(c2);
  for (let it = 0; it < 60 && r - l > 1e-9; it++) {
    if (g1 >= g2) {
      r = c2;
      c2 = c1;
      g2 = g1;
      c1 = r - INV_PHI * (r - l);
      g1 = logIntegrand(c1);
    } else {
      l = c1;
      c1 = c2;
      g1 = g2;
      c2 = l + INV_PHI * (r - l);
      g2 = logIntegrand(c2);
    }
  }
  let tMode = g1 >= g2 ? c1 : c2;
  const gMode = Math.max(g1, g2);
  if (gMode >= gMax) gMax = gMode;
  else tMode = iMax * step;
  const delta = 1e-3;
  const curvature = (logIntegrand(tMode + delta) - 2 * logIntegrand(tMode) + logIntegrand(tMode - delta)) / (delta * delta);
  const sigma = curvature < 0 && Number.isFinite(curvature) ? Math.min(step, 1 / Math.sqrt(-curvature)) : step;

  // Cells: geometric steps sigma * {0.5, 1, 2, 4, ...} on both sides of the mode, clipped to
  // [tA, tB]; adaptive Simpson refines inside each cell.
  const breaks: number[] = [tMode];
  for (let s = 0.5 * sigma; tMode - s > tA; s *= 2) breaks.unshift(tMode - s);
  if (tA < tMode) breaks.unshift(tA);
  for (let s = 0.5 * sigma; tMode + s < tB; s *= 2) breaks.push(tMode + s);
  if (tB > tMode) breaks.push(tB);

  // Integrand vector (w, w E[H], w E[H^2]) with w = exp(g - gMax).
  const mom = new Float64Array(2);
  const evalAt = (t: number): Float64Array => {
    const o = new Float64Array(3);
    const w = Math.exp(logIntegrand(t) - gMax);
    o[0] = w;
    if (w > 0) {
      moments(t, mom);
      o[1] = w * mom[0];
      o[2] = w * mom[1];
    }
    return o;
  };
  // The integral of w is about sigma sqrt(2 pi); each cell gets an absolute tolerance of
  // relTol * sigma, relTol = 1e-12, raised to the rounding level of the log evidence
  // (~1e-15 N log N) for large N. Cells narrower than sigma / 4096 are accepted, and the
  // whole run stops refining after MAX_EVALUATIONS integrand evaluations. Error control is on
  // w and w E[H]; w E[H^2] rides along.
  const relTol = Math.max(1e-12, 1e-15 * n * Math.log(n + 2));
  const tol = relTol * sigma;
  const minWidth = sigma / 4096;
  const MAX_EVALUATIONS = 200_000;
  let converged = true;
  const z = new Float64Array(3);
  const simpson = (x0: number, x1: number, f0: Float64Array, fm: Float64Array, f1: Float64Array, whole: Float64Array, eps: number): void => {
    const m = 0.5 * (x0 + x1);
    const h = x1 - x0;
    const fl = evalAt(0.5 * (x0 + m));
    const fr = evalAt(0.5 * (m + x1));
    const left = new Float64Array(3);
    const right = new Float64Array(3);
    for (let c = 0; c < 3; c++) {
      left[c] = (h / 12) * (f0[c] + 4 * fl[c] + fm[c]);
      right[c] = (h / 12) * (fm[c] + 4 * fr[c] + f1[c]);
    }
    const errW = left[0] + right[0] - whole[0];
    const errH = left[1] + right[1] - whole[1];
    const scale = Math.max(1, Math.abs(whole[1] / (whole[0] || 1)));
    const ok = Math.abs(errW) <= 15 * eps && Math.abs(errH) <= 15 * eps * scale;
    if (ok || h < minWidth || evaluations > MAX_EVALUATIONS) {
      if (!ok && evaluations > MAX_EVALUATIONS) converged = false;
      for (let c = 0; c < 3; c++) z[c] += left[c] + right[c] + (left[c] + right[c] - whole[c]) / 15;
      return;
    }
    simpson(x0, m, f0, fl, fm, left, eps / 2);
    simpson(m, x1, fm, fr, f1, right, eps / 2);
  };
  for (let i = 0; i + 1 < breaks.length; i++) {
    const x0 = breaks[i];
    const x1 = breaks[i + 1];
    const f0 = evalAt(x0);
    const fm = evalAt(0.5 * (x0 + x1));
    const f1 = evalAt(x1);
    const whole = new Float64Array(3);
    for (let c = 0; c < 3; c++) whole[c] = ((x1 - x0) / 6) * (f0[c] + 4 * fm[c] + f1[c]);
    simpson(x0, x1, f0, fm, f1, whole, tol);
  }
  const value = z[1] / z[0];
  const variance = z[2] / z[0] - value * value;
  return {
    ...base,
    value,
    posteriorSd: Math.sqrt(Math.max(variance, 0)),
    logBetaMode: tMode,
    logBetaRange: [tA, tB],
    evaluations,
    converged,
  };
}
