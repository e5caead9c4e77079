import { hstack } from "../core/data/matrix.js";
import { throwIfAborted } from "../core/errors.js";
import { countWithin, kthNeighborDistance } from "../core/neighbors/index.js";
import { digammaInt } from "../core/special/digamma.js";
import { meanCompensated } from "../core/special/sum.js";
import type { Matrix, ResultWarning } from "../core/types.js";
import { checkKAgainstN, highDimensionWarning, prepareKnnData, zeroFraction } from "../estimators/knnPrep.js";
import type { MultivariateEngine } from "./multivariateEngine.js";

/** Settings of the kNN back end. */
export interface KnnMultivariateSettings {
  readonly k: number;
  readonly standardize: boolean;
  readonly jitter: number;
}

/**
 * KSG-style kNN back end (Kraskov et al. 2004, algorithm 1, extended to m variables).
 *
 * For each point i: eps_i = max-norm distance to its k-th neighbour in the joint space of the
 * multiplet (the point excluded); n_j(i) = #{l != i : ||x_j,l - x_j,i|| < eps_i} (strict) in
 * variable j alone, and n_-j(i) likewise in all variables but j. With one radius for every
 * space, the Kozachenko-Leonenko log-volume terms cancel exactly (the dimensions of the
 * singletons, and of the complements, add up to the joint's), leaving
 *   TC_i  = psi(k) + (m - 1) psi(N) - sum_j psi(n_j(i) + 1)        (KSG multi-information, JIDT
 *           MultiInfoCalculatorKraskov1)
 *   DTC_i = (m - 1) psi(k) + psi(N) - sum_j psi(n_-j(i) + 1)
 *   Omega_i = TC_i - DTC_i = (2 - m)[psi(k) - psi(N)] + sum_j [psi(n_-j + 1) - psi(n_j + 1)]
 *           (the JIDT OInfoCalculatorKraskov form), S_i = TC_i + DTC_i.
 * So DTC = TC - Omega holds exactly, point by point. For m = 2 all of TC, DTC and S/2 equal KSG-1's
 * I(X1; X2) and Omega = 0.
 *
 * Cost per multiplet: one k-NN search in the joint space and 2m radius counts:
 * O(N log N) each with a kd-tree in low dimension, O(N^2 D) brute force.
 */
export function knnEngine(fn: string, vars: readonly Matrix[], settings: KnnMultivariateSettings, seed: number): MultivariateEngine {
  const n = vars[0].rows;
  checkKAgainstN(fn, [settings.k], n);
  const prep = prepareKnnData(
    fn,
    vars.map((m, j) => ({ name: `variable ${j}`, matrix: m })),
    settings,
    seed,
  );
  const prepared = prep.variables.map((v) => v.matrix);
  const search = { metric: "max" } as const;
  const k = settings.k;
  const psiK = digammaInt(k);
  const psiN = digammaInt(n);
  return {
    id: "ksg-1",
    n,
    count: vars.length,
    params: Object.freeze({ k, standardize: settings.standardize, jitter: settings.jitter, metric: "max" }),
    warnings: prep.warnings,
    compute(subset, run) {
      const m = subset.length;
      const parts = subset.map((j) => prepared[j]);
      const joint = hstack(...parts);
      const warnings: ResultWarning[] = [];
      const hd = highDimensionWarning(fn, joint.cols, n);
      if (hd) warnings.push(hd);
      const eps = kthNeighborDistance(joint, k, search);
      throwIfAborted(run.signal, fn);
      const localTc = new Float64Array(n).fill(psiK + (m - 1) * psiN);
      const localDtc = new Float64Array(n).fill((m - 1) * psiK + psiN);
      for (let j = 0; j < m; j++) {
        const nj = countWithin(parts[j], eps, true, search);
        for (let i = 0; i < n; i++) localTc[i] -= digammaInt(nj[i] + 1);
        const comp = m === 2 ? parts[1 - j] : hstack(...parts.filter((_, t) => t !== j));
        const nc = countWithin(comp, eps, true, search);
        for (let i = 0; i < n; i++) localDtc[i] -= digammaInt(nc[i] + 1);
        throwIfAborted(run.signal, fn);
      }
      const details: Record<string, unknown> = { dims: parts.map((p) => p.cols) };
      if (prep.tiesRemain) details.zeroDistanceFraction = zeroFraction(eps);
      return { tc: meanCompensated(localTc), dtc: meanCompensated(localDtc), localTc, localDtc, warnings, details };
    },
  };
}
