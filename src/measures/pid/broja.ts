import { integerOption, numberOption } from "../../core/data/validate.js";
import { throwIfAborted } from "../../core/errors.js";
import { choleskyInto } from "../../core/linalg/cholesky.js";
import { choleskySolve } from "../../core/linalg/solveSpd.js";
import { pidMarginals, type PidDistribution, type PidMarginals } from "./pidDistribution.js";

/** Solver settings of the BROJA optimisation. */
export interface BrojaSolverOptions {
  /** Stop when the duality gap (nats) is at most this. Default 1e-8 (double precision limits the certificate to ~1e-10). */
  readonly tolerance?: number;
  /** Newton steps at most (all barrier rounds together). Default 2000. */
  readonly maxIterations?: number;
}

/** The solution of min_{Q in Delta_P} I_Q(T; S1, S2), with its certificate. */
export interface BrojaSolution {
  /** I_Q(T; S1, S2) at the returned Q (nats): an upper bound on the minimum. */
  readonly value: number;
  /** A dual lower bound on the minimum (nats): lowerBound <= min <= value. */
  readonly lowerBound: number;
  /** value - lowerBound (nats): every PID atom computed from `value` is within this of the exact one. */
  readonly gap: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Largest violation of the constraints Q(s1, t) = P(s1, t), Q(s2, t) = P(s2, t). */
  readonly marginalResidual: number;
  /** The optimiser Q(s1, s2, t), laid out like PidDistribution.p. */
  readonly q: Float64Array;
}

interface Ctx {
  readonly n1: number;
  readonly n2: number;
  readonly nt: number;
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly pt: Float64Array;
  readonly p1: Float64Array;
  readonly p2: Float64Array;
  /** Cells (s1, s2, t) with P(s1, t) > 0 and P(s2, t) > 0: the only ones Q may use. */
  readonly full: Uint8Array;
}

/** Outer (barrier) rounds at most; tau grows 10x per round. */
const MAX_ROUNDS = 40;
/** Newton steps per centering at most. */
const MAX_NEWTON = 60;

/**
 * Solves the BROJA optimisation (Bertschinger, Rauh, Olbrich, Jost & Ay 2014, Entropy 16:2161,
 * eq. 4 / Lemma 4):
 *   min I_Q(T; S1, S2) over Delta_P = {Q >= 0 : Q(s1, t) = P(s1, t), Q(s2, t) = P(s2, t)}.
 * The objective is convex on the polytope Delta_P, a product over t of transportation
 * polytopes on the cells with P(s1, t) > 0 and P(s2, t) > 0 (the only cells Q may use).
 *
 * Method: primal log-barrier interior point (Boyd & Vandenberghe 2004, ch. 11). For
 * tau = 1, 10, 100, ... Newton's method with equality constraints minimises
 *   tau I_Q(T; S1, S2) - sum_i log Q_i,  A Q = (P(s1, t), P(s2, t)),
 * from the strictly feasible start Q0 = P(s1, t) P(s2, t) / P(t); each Newton step keeps A Q
 * fixed and a backtracking line search keeps Q > 0. The Hessian of I_Q is block diagonal over
 * the cells (s1, s2) (diagonal plus rank one), so the Newton system reduces to a Schur complement
 * over the constraints, solved by Cholesky: O(n1 n2 nt^2 + (nt (n1 + n2))^3) per step.
 *
 * Certificate (Lagrangian duality, derived here): for any multipliers lambda(s1, t), mu(s2, t)
 * and shifts alpha(s1), beta(s2) with
 *   c(s1, s2) = log sum_t P(t) exp(lambda(s1, t) + mu(s2, t)) <= alpha(s1) + beta(s2),
 * L = sum lambda P(s1, t) + sum mu P(s2, t) - sum alpha P(s1) - sum beta P(s2) is a lower bound
 * on the minimum. The Newton system's equality multipliers give lambda, mu (on the central path
 * c <= 0 and L = I_Q - m / tau, m the number of cells); alpha, beta come from alternating
 * c-transforms, which make L a valid bound even off the central path. The solver stops when
 * I_Q - L <= tolerance; every PID atom is an affine function of the minimum with coefficient
 * +-1, so each is exact to within `gap`.
 */
export function brojaSolve(
  d: PidDistribution,
  options: BrojaSolverOptions = {},
  signal?: AbortSignal,
  m: PidMarginals = pidMarginals(d),
): BrojaSolution {
  const fn = "broja";
  const tol = numberOption(fn, "tolerance", options.tolerance ?? 1e-8, 0, 1);
  const maxIter = integerOption(fn, "maxIterations", options.maxIterations ?? 2000, 1);
  const first = solveOnSupport(d, m, tol, maxIter, signal);
  if (first.converged) return first;
  // Optimum on the boundary: whole cells (s1, s2) empty at the optimum keep ~1e-13 of mass under
  // the barrier, and the iteration can stall a little above the tolerance. Solve again with
  // those cells removed, from the current point; the dual bound is still taken over every
  // allowed cell, so it remains a certificate for the original problem.
  const { n1, n2, nt } = d;
  const mass = new Float64Array(n1 * n2);
  let total = 0;
  for (let c = 0; c < n1 * n2; c++) {
    for (let t = 0; t < nt; t++) mass[c] += first.q[c * nt + t];
    total += mass[c];
  }
  const drop = new Uint8Array(n1 * n2);
  let dropped = 0;
  for (let c = 0; c < n1 * n2; c++) {
    if (mass[c] > 0 && mass[c] < 1e-9 * total) {
      drop[c] = 1;
      dropped++;
    }
  }
  if (dropped === 0 || first.iterations >= maxIter) return first;
  const second = solveOnSupport(d, m, tol, maxIter - first.iterations, signal, drop, first.q);
  const value = Math.min(first.value, second.value);
  const lowerBound = Math.max(first.lowerBound, second.lowerBound);
  const pick = second.value <= first.value && second.marginalResidual <= 1e-13 ? second : first;
  return Object.freeze({
    ...pick,
    value,
    lowerBound,
    gap: Math.max(0, value - lowerBound),
    iterations: first.iterations + second.iterations,
    converged: value - lowerBound <= tol,
  });
}

/**
 * The interior-point solve of brojaSolve on the allowed cells minus `drop` (cells s1 * n2 + s2),
 * started from `start` (a feasible Q with the dropped cells' mass moved back by proportional
 * fitting) or from the product P(s1, t) P(s2, t) / P(t).
 */
function solveOnSupport(
  d: PidDistribution,
  m: PidMarginals,
  tol: number,
  maxIter: number,
  signal: AbortSignal | undefined,
  drop?: Uint8Array,
  start?: Float64Array,
): BrojaSolution {
  const fn = "broja";
  const { n1, n2, nt } = d;
  const { a, b, pt, p1, p2 } = m;
  const size = n1 * n2 * nt;
  const full = new Uint8Array(size);
  // Entries (allowed cells), their cell index, and the constraints they enter.
  const entry: number[] = [];
  for (let s1 = 0; s1 < n1; s1++) {
    for (let s2 = 0; s2 < n2; s2++) {
      for (let t = 0; t < nt; t++) {
        if (a[s1 * nt + t] > 0 && b[s2 * nt + t] > 0) {
          full[(s1 * n2 + s2) * nt + t] = 1;
          if (drop === undefined || drop[s1 * n2 + s2] === 0) entry.push((s1 * n2 + s2) * nt + t);
        }
      }
    }
  }
  const ctx: Ctx = { n1, n2, nt, a, b, pt, p1, p2, full };
  const nE = entry.length;
  // Constraint ids: rows (s1, t) with a > 0; columns (s2, t) with b > 0 except the last per t
  // (implied by the others, since both families sum to P(t)).
  const rowId = new Int32Array(n1 * nt).fill(-1);
  const colId = new Int32Array(n2 * nt).fill(-1);
  let nK = 0;
  for (let t = 0; t < nt; t++) {
    for (let s1 = 0; s1 < n1; s1++) if (a[s1 * nt + t] > 0) rowId[s1 * nt + t] = nK++;
    let last = -1;
    for (let s2 = 0; s2 < n2; s2++) if (b[s2 * nt + t] > 0) last = s2;
    for (let s2 = 0; s2 < n2; s2++) if (b[s2 * nt + t] > 0 && s2 !== last) colId[s2 * nt + t] = nK++;
  }
  const target = new Float64Array(nK);
  for (let i = 0; i < n1 * nt; i++) if (rowId[i] >= 0) target[rowId[i]] = a[i];
  for (let i = 0; i < n2 * nt; i++) if (colId[i] >= 0) target[colId[i]] = b[i];
  const eCell = new Int32Array(nE);
  const eT = new Int32Array(nE);
  const eRow = new Int32Array(nE);
  const eCol = new Int32Array(nE);
  const eRk = new Int32Array(nE);
  const eCk = new Int32Array(nE);
  const logPt = new Float64Array(nE);
  for (let e = 0; e < nE; e++) {
    const idx = entry[e];
    const cell = Math.floor(idx / nt);
    const t = idx - cell * nt;
    const s1 = Math.floor(cell / n2);
    const s2 = cell - s1 * n2;
    eCell[e] = cell;
    eT[e] = t;
    eRow[e] = rowId[s1 * nt + t];
    eCol[e] = colId[s2 * nt + t];
    eRk[e] = s1 * nt + t;
    eCk[e] = s2 * nt + t;
    logPt[e] = Math.log(pt[t]);
  }
  // Entries grouped by cell.
  const cellStart = new Int32Array(n1 * n2 + 1);
  for (let e = 0; e < nE; e++) cellStart[eCell[e] + 1]++;
  for (let c = 0; c < n1 * n2; c++) cellStart[c + 1] += cellStart[c];

  const x = new Float64Array(nE);
  for (let e = 0; e < nE; e++) {
    const cell = eCell[e];
    const s1 = Math.floor(cell / n2);
    const s2 = cell - s1 * n2;
    const t = eT[e];
    x[e] = (a[s1 * nt + t] * b[s2 * nt + t]) / pt[t];
  }
  const toQ = (v: Float64Array) => {
    const q = new Float64Array(size);
    for (let e = 0; e < nE; e++) q[entry[e]] = v[e];
    return q;
  };
  const rowAcc = new Float64Array(n1 * nt);
  const colAcc = new Float64Array(n2 * nt);
  /**
   * Restores the marginals of v in place by iterative proportional fitting (rounding in the
   * Newton steps lets A Q drift); returns the largest remaining violation.
   */
  const restore = (v: Float64Array, sweeps: number): number => {
    let worst = Infinity;
    for (let k = 0; k < sweeps; k++) {
      rowAcc.fill(0);
      for (let e = 0; e < nE; e++) rowAcc[eRk[e]] += v[e];
      for (let e = 0; e < nE; e++) v[e] *= a[eRk[e]] / rowAcc[eRk[e]];
      colAcc.fill(0);
      for (let e = 0; e < nE; e++) colAcc[eCk[e]] += v[e];
      for (let e = 0; e < nE; e++) v[e] *= b[eCk[e]] / colAcc[eCk[e]];
      rowAcc.fill(0);
      for (let e = 0; e < nE; e++) rowAcc[eRk[e]] += v[e];
      worst = 0;
      for (let i = 0; i < n1 * nt; i++) if (a[i] > 0) worst = Math.max(worst, Math.abs(rowAcc[i] - a[i]));
      if (worst <= 1e-16) break;
    }
    return worst;
  };
  if (start !== undefined) {
    for (let e = 0; e < nE; e++) x[e] = Math.max(start[entry[e]], 1e-300);
    restore(x, 200);
  }
  const mWork = new Float64Array(nK * nK);
  const lWork = new Float64Array(nK * nK);
  const rWork = new Float64Array(nK);
  const sWork = new Float64Array(nK);
  const vWork = new Float64Array(nE);
  /**
   * Returns v (in place) to the affine set A v = target with the x-weighted least-change
   * correction v <- v - V A^T (A V A^T)^-1 (A v - target), V = diag(v): tiny entries get tiny
   * corrections, so positivity is kept. Returns false (v unchanged) if that fails.
   */
  const correct = (v: Float64Array): boolean => {
    vWork.set(v);
    for (let iter = 0; iter < 4; iter++) {
      rWork.fill(0);
      for (let e = 0; e < nE; e++) {
        if (eRow[e] >= 0) rWork[eRow[e]] += v[e];
        if (eCol[e] >= 0) rWork[eCol[e]] += v[e];
      }
      let worst = 0;
      for (let k = 0; k < nK; k++) {
        rWork[k] -= target[k];
        worst = Math.max(worst, Math.abs(rWork[k]));
      }
      if (worst <= 1e-17) return true;
      mWork.fill(0);
      for (let e = 0; e < nE; e++) {
        const re = eRow[e];
        const ce = eCol[e];
        if (re >= 0) mWork[re * nK + re] += v[e];
        if (ce >= 0) mWork[ce * nK + ce] += v[e];
        if (re >= 0 && ce >= 0) {
          mWork[re * nK + ce] += v[e];
          mWork[ce * nK + re] += v[e];
        }
      }
      for (let k = 0; k < nK; k++) sWork[k] = mWork[k * nK + k] > 0 ? 1 / Math.sqrt(mWork[k * nK + k]) : 1;
      for (let i = 0; i < nK; i++) {
        for (let j = 0; j < nK; j++) mWork[i * nK + j] *= sWork[i] * sWork[j];
        rWork[i] *= sWork[i];
      }
      if (choleskyInto(mWork, nK, lWork) >= 0) break;
      const y = choleskySolve(lWork, nK, rWork);
      for (let k = 0; k < nK; k++) y[k] *= sWork[k];
      let ok = true;
      for (let e = 0; e < nE; e++) {
        v[e] -= v[e] * ((eRow[e] >= 0 ? y[eRow[e]] : 0) + (eCol[e] >= 0 ? y[eCol[e]] : 0));
        if (!(v[e] > 0)) ok = false;
      }
      if (!ok) break;
    }
    const res = residualOf(toQ(v), ctx);
    if (res <= 1e-14) return true;
    v.set(vWork);
    return false;
  };
  const qs = new Float64Array(n1 * n2);
  const cellSums = (v: Float64Array) => {
    qs.fill(0);
    for (let e = 0; e < nE; e++) qs[eCell[e]] += v[e];
  };
  const fOf = (v: Float64Array) => {
    cellSums(v);
    let f = 0;
    for (let e = 0; e < nE; e++) if (v[e] > 0) f += v[e] * (Math.log(v[e] / qs[eCell[e]]) - logPt[e]);
    return f;
  };
  const lam = new Float64Array(n1 * nt);
  const mu = new Float64Array(n2 * nt);
  let value = fOf(x);
  const best = Float64Array.from(x);
  let lower = -Infinity;
  let iterations = 0;
  if (nK === 0 || nE === 0) {
    return finish(value, value, 0, true, x);
  }
  const g = new Float64Array(nE);
  const dInv = new Float64Array(nE);
  const hg = new Float64Array(nE);
  const dx = new Float64Array(nE);
  const xNew = new Float64Array(nE);
  const sch = new Float64Array(nK * nK);
  const rhs = new Float64Array(nK);
  const w = new Float64Array(nK);
  const scale = new Float64Array(nK);
  const l = new Float64Array(nK * nK);
  const atw = new Float64Array(nE);
  const cellScale = new Float64Array(n1 * n2);
  let tau = 1;
  let converged = false;
  const phi = (v: Float64Array) => {
    let barrier = 0;
    for (let e = 0; e < nE; e++) barrier -= Math.log(v[e]);
    return tau * fOf(v) + barrier;
  };
  // H^-1 y per cell: H_s = diag(h_e) - (tau / Q_s) 1 1^T with h_e = tau / x_e + 1 / x_e^2.
  const applyHinv = (y: Float64Array, out: Float64Array) => {
    for (let c = 0; c < n1 * n2; c++) {
      let dot = 0;
      for (let e = cellStart[c]; e < cellStart[c + 1]; e++) dot += dInv[e] * y[e];
      const k = cellScale[c] * dot;
      for (let e = cellStart[c]; e < cellStart[c + 1]; e++) out[e] = dInv[e] * y[e] + k * dInv[e];
    }
  };
  for (let round = 0; round < MAX_ROUNDS && !converged; round++) {
    for (let it = 0; it < MAX_NEWTON; it++) {
      if (iterations >= maxIter) break;
      iterations++;
      if ((iterations & 15) === 0) throwIfAborted(signal, fn);
      cellSums(x);
      for (let e = 0; e < nE; e++) {
        g[e] = tau * (Math.log(x[e] / qs[eCell[e]]) - logPt[e]) - 1 / x[e];
        dInv[e] = (x[e] * x[e]) / (tau * x[e] + 1);
      }
      let finite = true;
      for (let e = 0; e < nE; e++) if (!Number.isFinite(g[e]) || !(dInv[e] > 0)) finite = false;
      if (!finite) break;
      // Sherman-Morrison factor r / (1 - r sum_e dInv_e), r = tau / Q_s. Since
      // tau dInv_e = x_e - x_e / (tau x_e + 1) and sum_e x_e = Q_s, the denominator equals
      // (1 / Q_s) sum_e x_e / (tau x_e + 1): computed that way it has no cancellation.
      for (let c = 0; c < n1 * n2; c++) {
        let den = 0;
        for (let e = cellStart[c]; e < cellStart[c + 1]; e++) den += x[e] / (tau * x[e] + 1);
        cellScale[c] = den > 0 ? tau / den : 0;
      }
      // Schur complement S = A H^-1 A^T and rhs = -A H^-1 g.
      sch.fill(0);
      for (let c = 0; c < n1 * n2; c++) {
        for (let e = cellStart[c]; e < cellStart[c + 1]; e++) {
          for (let f = cellStart[c]; f < cellStart[c + 1]; f++) {
            const h = (e === f ? dInv[e] : 0) + cellScale[c] * dInv[e] * dInv[f];
            const re = eRow[e];
            const ce = eCol[e];
            const rf = eRow[f];
            const cf = eCol[f];
            if (re >= 0 && rf >= 0) sch[re * nK + rf] += h;
            if (re >= 0 && cf >= 0) sch[re * nK + cf] += h;
            if (ce >= 0 && rf >= 0) sch[ce * nK + rf] += h;
            if (ce >= 0 && cf >= 0) sch[ce * nK + cf] += h;
          }
        }
      }
      applyHinv(g, hg);
      // Infeasible-start Newton: rhs = -A H^-1 g - (target - A x), so that a full step also
      // removes the rounding drift of A x (it never accumulates).
      rhs.fill(0);
      for (let e = 0; e < nE; e++) {
        if (eRow[e] >= 0) rhs[eRow[e]] += x[e] - hg[e];
        if (eCol[e] >= 0) rhs[eCol[e]] += x[e] - hg[e];
      }
      for (let k = 0; k < nK; k++) rhs[k] -= target[k];
      // Symmetric diagonal scaling first: near the boundary the constraints of vanishing cells
      // have Schur entries ~x^2, many orders below the others.
      for (let k = 0; k < nK; k++) scale[k] = sch[k * nK + k] > 0 ? 1 / Math.sqrt(sch[k * nK + k]) : 1;
      for (let i = 0; i < nK; i++) {
        for (let j = 0; j < nK; j++) sch[i * nK + j] *= scale[i] * scale[j];
        rhs[i] *= scale[i];
      }
      let pivot = choleskyInto(sch, nK, l);
      if (pivot >= 0) {
        for (let k = 0; k < nK; k++) sch[k * nK + k] += 1e-12;
        pivot = choleskyInto(sch, nK, l);
        if (pivot >= 0) break;
      }
      w.set(choleskySolve(l, nK, rhs));
      for (let k = 0; k < nK; k++) w[k] *= scale[k];
      // dx = -H^-1 (g + A^T w)
      for (let e = 0; e < nE; e++) atw[e] = g[e] + (eRow[e] >= 0 ? w[eRow[e]] : 0) + (eCol[e] >= 0 ? w[eCol[e]] : 0);
      applyHinv(atw, dx);
      let dec = 0;
      for (let e = 0; e < nE; e++) {
        dx[e] = -dx[e];
        dec -= g[e] * dx[e];
      }
      // Multipliers of the original problem: grad I_Q = -(A^T w) / tau + nu, nu >= 0.
      lam.fill(0);
      mu.fill(0);
      for (let t = 0; t < nt; t++) {
        for (let s1 = 0; s1 < n1; s1++) if (rowId[s1 * nt + t] >= 0) lam[s1 * nt + t] = -w[rowId[s1 * nt + t]] / tau;
        for (let s2 = 0; s2 < n2; s2++) if (colId[s2 * nt + t] >= 0) mu[s2 * nt + t] = -w[colId[s2 * nt + t]] / tau;
      }
      if (dec / 2 <= 1e-13) break;
      // Backtracking line search, staying inside Q > 0.
      let step = 1;
      for (let e = 0; e < nE; e++) if (dx[e] < 0) step = Math.min(step, (-0.99 * x[e]) / dx[e]);
      const phi0 = phi(x);
      let accepted = false;
      for (let ls = 0; ls < 60; ls++) {
        for (let e = 0; e < nE; e++) xNew[e] = x[e] + step * dx[e];
        let ok = true;
        for (let e = 0; e < nE; e++) if (!(xNew[e] > 0)) ok = false;
        if (ok && phi(xNew) <= phi0 - 0.25 * step * dec) {
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) break;
      correct(xNew);
      x.set(xNew);
    }
    const polished = Float64Array.from(x);
    let residual = residualOf(toQ(polished), ctx);
    if (residual > 1e-13 && correct(polished)) residual = residualOf(toQ(polished), ctx);
    if (residual > 1e-13) residual = restore(polished, 100);
    if (residual <= 1e-13) {
      const v = fOf(polished);
      if (v < value) {
        value = v;
        best.set(polished);
      }
    }
    cellSums(polished);
    const lb = dualBound(ctx, lam, mu, qs);
    if (Number.isFinite(lb)) lower = Math.max(lower, lb);
    if (value - lower <= tol) converged = true;
    else if (iterations >= maxIter) break;
    else tau *= 10;
  }
  if (!converged) {
    // Multipliers read off the best point's stationarity conditions (exact at the optimum)
    // rather than the last Newton system's (off by the barrier's centering error).
    const q = toQ(best);
    cellSums(best);
    const k = kktMultipliers(ctx, q, qs);
    const lb = dualBound(ctx, k.lam, k.mu, qs);
    if (Number.isFinite(lb)) lower = Math.max(lower, lb);
    converged = value - lower <= tol;
  }
  return finish(value, lower, iterations, converged, best);

  function finish(v: number, lb: number, its: number, conv: boolean, xs: Float64Array): BrojaSolution {
    const q = toQ(xs);
    return Object.freeze({
      value: v,
      lowerBound: lb,
      gap: Math.max(0, v - lb),
      iterations: its,
      converged: conv,
      marginalResidual: residualOf(q, ctx),
      q,
    });
  }
}

/** Largest |Q(s1, t) - P(s1, t)| or |Q(s2, t) - P(s2, t)|. */
function residualOf(q: Float64Array, ctx: Ctx): number {
  const { n1, n2, nt, a, b } = ctx;
  const rows = new Float64Array(n1 * nt);
  const cols = new Float64Array(n2 * nt);
  for (let s1 = 0; s1 < n1; s1++) {
    for (let s2 = 0; s2 < n2; s2++) {
      for (let t = 0; t < nt; t++) {
        const v = q[(s1 * n2 + s2) * nt + t];
        rows[s1 * nt + t] += v;
        cols[s2 * nt + t] += v;
      }
    }
  }
  let worst = 0;
  for (let i = 0; i < n1 * nt; i++) worst = Math.max(worst, Math.abs(rows[i] - a[i]));
  for (let i = 0; i < n2 * nt; i++) worst = Math.max(worst, Math.abs(cols[i] - b[i]));
  return worst;
}

/**
 * The dual lower bound from multipliers lambda (n1 x nt) and mu (n2 x nt): base - min over
 * shifts with alpha(s1) + beta(s2) >= c(s1, s2), the shifts found by alternating c-transforms.
 */
function dualBound(ctx: Ctx, lam: Float64Array, mu: Float64Array, cellMass: Float64Array): number {
  const { n1, n2, nt, a, b, pt, p1, p2, full } = ctx;
  let base = 0;
  for (let i = 0; i < n1 * nt; i++) if (a[i] > 0) base += lam[i] * a[i];
  for (let i = 0; i < n2 * nt; i++) if (b[i] > 0) base += mu[i] * b[i];
  const c = new Float64Array(n1 * n2).fill(-Infinity);
  for (let s1 = 0; s1 < n1; s1++) {
    for (let s2 = 0; s2 < n2; s2++) {
      let mx = -Infinity;
      for (let t = 0; t < nt; t++) {
        if (!full[(s1 * n2 + s2) * nt + t]) continue;
        const v = Math.log(pt[t]) + lam[s1 * nt + t] + mu[s2 * nt + t];
        if (v > mx) mx = v;
      }
      if (mx === -Infinity) continue;
      let sum = 0;
      for (let t = 0; t < nt; t++) {
        if (!full[(s1 * n2 + s2) * nt + t]) continue;
        sum += Math.exp(Math.log(pt[t]) + lam[s1 * nt + t] + mu[s2 * nt + t] - mx);
      }
      c[s1 * n2 + s2] = mx + Math.log(sum);
    }
  }
  const alpha = new Float64Array(n1);
  const beta = new Float64Array(n2);
  let bestShift = supportShift(ctx, c, cellMass);
  let lastShift = Infinity;
  for (let round = 0; round < 8; round++) {
    for (let s1 = 0; s1 < n1; s1++) {
      let mx = -Infinity;
      for (let s2 = 0; s2 < n2; s2++) mx = Math.max(mx, c[s1 * n2 + s2] - (round === 0 ? 0 : beta[s2]));
      alpha[s1] = mx === -Infinity ? 0 : mx;
    }
    for (let s2 = 0; s2 < n2; s2++) {
      let mx = -Infinity;
      for (let s1 = 0; s1 < n1; s1++) mx = Math.max(mx, c[s1 * n2 + s2] - alpha[s1]);
      beta[s2] = mx === -Infinity ? 0 : mx;
    }
    let shift = 0;
    for (let s1 = 0; s1 < n1; s1++) shift += alpha[s1] * p1[s1];
    for (let s2 = 0; s2 < n2; s2++) shift += beta[s2] * p2[s2];
    if (!(shift < lastShift - 1e-16)) break;
    lastShift = shift;
    bestShift = Math.min(bestShift, shift);
  }
  return base - bestShift;
}

/**
 * Shifts from complementary slackness: at the optimum alpha(s1) + beta(s2) = c(s1, s2) on the
 * cells the primal Q uses, so alpha and beta are solved along a spanning forest of those cells
 * (breadth first from each s1), then made feasible (alpha(s1) >= c - beta on every cell) by one
 * c-transform. Alternating c-transforms alone can stop short of the optimal shifts when the
 * optimum sits on the boundary (whole cells (s1, s2) empty), which left gaps of ~1e-8 nats.
 * Returns the shift sum alpha P(s1) + sum beta P(s2) (Infinity if the forest does not reach).
 */
function supportShift(ctx: Ctx, c: Float64Array, cellMass: Float64Array): number {
  const { n1, n2, p1, p2 } = ctx;
  let total = 0;
  for (let i = 0; i < n1 * n2; i++) total += cellMass[i];
  const used = (s1: number, s2: number) => cellMass[s1 * n2 + s2] > 1e-9 * total && c[s1 * n2 + s2] > -Infinity;
  const alpha = new Float64Array(n1).fill(NaN);
  const beta = new Float64Array(n2).fill(NaN);
  for (let root = 0; root < n1; root++) {
    if (!Number.isNaN(alpha[root])) continue;
    alpha[root] = 0;
    const queue: number[] = [root];
    while (queue.length > 0) {
      const node = queue.shift()!;
      if (node < n1) {
        for (let s2 = 0; s2 < n2; s2++) {
          if (Number.isNaN(beta[s2]) && used(node, s2)) {
            beta[s2] = c[node * n2 + s2] - alpha[node];
            queue.push(n1 + s2);
          }
        }
      } else {
        const s2 = node - n1;
        for (let s1 = 0; s1 < n1; s1++) {
          if (Number.isNaN(alpha[s1]) && used(s1, s2)) {
            alpha[s1] = c[s1 * n2 + s2] - beta[s2];
            queue.push(s1);
          }
        }
      }
    }
  }
  // beta of a column without used cells: the smallest feasible value given alpha.
  for (let s2 = 0; s2 < n2; s2++) {
    if (!Number.isNaN(beta[s2])) continue;
    let mx = -Infinity;
    for (let s1 = 0; s1 < n1; s1++) mx = Math.max(mx, c[s1 * n2 + s2] - alpha[s1]);
    beta[s2] = mx === -Infinity ? 0 : mx;
  }
  // Feasibility: raise alpha where some cell is violated (rounding or a non-optimal support).
  for (let s1 = 0; s1 < n1; s1++) {
    let mx = alpha[s1];
    for (let s2 = 0; s2 < n2; s2++) mx = Math.max(mx, c[s1 * n2 + s2] - beta[s2]);
    alpha[s1] = mx;
  }
  let shift = 0;
  for (let s1 = 0; s1 < n1; s1++) shift += alpha[s1] * p1[s1];
  for (let s2 = 0; s2 < n2; s2++) shift += beta[s2] * p2[s2];
  return Number.isFinite(shift) ? shift : Infinity;
}

/**
 * lambda(s1, t) + mu(s2, t) = log(Q(s1, s2, t) / Q(s1, s2)) - log P(t), the stationarity
 * condition of min I_Q on the entries Q uses, solved per t along a spanning forest of the
 * bipartite graph s1 - s2 of used entries (at the optimum the remaining equations hold too).
 * Unreached rows/columns get the smallest value that keeps every c(s1, s2) finite-neutral: 0.
 */
function kktMultipliers(ctx: Ctx, q: Float64Array, cellMass: Float64Array): { lam: Float64Array; mu: Float64Array } {
  const { n1, n2, nt, pt } = ctx;
  const lam = new Float64Array(n1 * nt).fill(NaN);
  const mu = new Float64Array(n2 * nt).fill(NaN);
  let total = 0;
  for (let c = 0; c < n1 * n2; c++) total += cellMass[c];
  const gradient = (s1: number, s2: number, t: number): number => {
    const v = q[(s1 * n2 + s2) * nt + t];
    const cm = cellMass[s1 * n2 + s2];
    return v > 1e-12 * total && cm > 0 ? Math.log(v / cm) - Math.log(pt[t]) : NaN;
  };
  for (let t = 0; t < nt; t++) {
    for (let root = 0; root < n1; root++) {
      if (!Number.isNaN(lam[root * nt + t])) continue;
      lam[root * nt + t] = 0;
      const queue: number[] = [root];
      while (queue.length > 0) {
        const node = queue.shift()!;
        if (node < n1) {
          for (let s2 = 0; s2 < n2; s2++) {
            const g = gradient(node, s2, t);
            if (Number.isNaN(mu[s2 * nt + t]) && !Number.isNaN(g)) {
              mu[s2 * nt + t] = g - lam[node * nt + t];
              queue.push(n1 + s2);
            }
          }
        } else {
          const s2 = node - n1;
          for (let s1 = 0; s1 < n1; s1++) {
            const g = gradient(s1, s2, t);
            if (Number.isNaN(lam[s1 * nt + t]) && !Number.isNaN(g)) {
              lam[s1 * nt + t] = g - mu[s2 * nt + t];
              queue.push(s1);
            }
          }
        }
      }
    }
    for (let s2 = 0; s2 < n2; s2++) if (Number.isNaN(mu[s2 * nt + t])) mu[s2 * nt + t] = 0;
  }
  return { lam, mu };
}
