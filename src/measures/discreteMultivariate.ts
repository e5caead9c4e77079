import { countLabels } from "../core/data/contingency.js";
import { jointLabels, type DiscreteVariable } from "../core/data/labels.js";
import { InsufficientSamplesError } from "../core/errors.js";
import type { Labels } from "../core/types.js";
import type { DiscreteEstimatorId } from "../estimators/discrete.js";
import { chaoShenEntropyOfCounts } from "../estimators/discrete/chaoShenEntropyOfCounts.js";
import { grassbergerEntropyOfCounts } from "../estimators/discrete/grassbergerEntropyOfCounts.js";
import { jackknifeEntropyOfCounts } from "../estimators/discrete/jackknifeEntropyOfCounts.js";
import { millerMadowEntropyOfCounts } from "../estimators/discrete/millerMadowEntropyOfCounts.js";
import { nsbEntropyOfCounts } from "../estimators/discrete/nsbEntropyOfCounts.js";
import { pluginEntropyOfCounts } from "../estimators/discrete/pluginEntropyOfCounts.js";
import { combineEntropies, type MultivariateEngine } from "./multivariateEngine.js";

/** Entropy (nats) of a count vector by estimator `id`; `alphabetSize` is used by NSB only. */
export function entropyOfCountsById(id: DiscreteEstimatorId, counts: Int32Array, alphabetSize: number): number {
  switch (id) {
    case "plugin":
      return pluginEntropyOfCounts(counts);
    case "miller-madow":
      return millerMadowEntropyOfCounts(counts);
    case "grassberger":
      return grassbergerEntropyOfCounts(counts);
    case "chao-shen":
      return chaoShenEntropyOfCounts(counts);
    case "jackknife":
      return jackknifeEntropyOfCounts(counts);
    case "nsb":
      return nsbEntropyOfCounts(counts, { alphabetSize: Math.max(alphabetSize, countObserved(counts)) });
  }
}

function countObserved(counts: Int32Array): number {
  let k = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) k++;
  return k;
}

/**
 * Discrete back end: every entropy term of the multiplet (the whole, each variable, each
 * complement) is the entropy estimator `id` applied to the counts of the joint codes, so the
 * plug-in value is the exact TC/DTC/O-information of the empirical distribution, and the
 * corrected estimators (Miller-Madow, Grassberger, Chao-Shen, NSB, jackknife) correct each term.
 * NSB uses the product of the variables' alphabet sizes for a joint term. Entropies of subsets
 * are cached, so a sweep over multiplets computes each subset once. O(N m) per term.
 */
export function discreteEngine(fn: string, id: DiscreteEstimatorId, vars: readonly DiscreteVariable[]): MultivariateEngine {
  const n = vars[0].labels.codes.length;
  const minRows = id === "jackknife" ? 2 : 1;
  if (n < minRows) throw new InsufficientSamplesError(`${fn}: needs at least ${minRows} rows; got ${n}.`, minRows, n);
  const cache = new Map<string, number>();
  const entropy = (subset: readonly number[]): number => {
    const key = subset.join(",");
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    let labels: Labels = vars[subset[0]].labels;
    let alphabet = vars[subset[0]].alphabetSize;
    for (let t = 1; t < subset.length; t++) {
      labels = jointLabels(labels, vars[subset[t]].labels, fn);
      alphabet *= vars[subset[t]].alphabetSize;
    }
    const h = entropyOfCountsById(id, countLabels(labels), alphabet);
    cache.set(key, h);
    return h;
  };
  return {
    id,
    n,
    count: vars.length,
    params: Object.freeze({}),
    warnings: [],
    compute(subset) {
      const m = subset.length;
      const hSingle = new Float64Array(m);
      const hComp = new Float64Array(m);
      for (let j = 0; j < m; j++) {
        hSingle[j] = entropy([subset[j]]);
        hComp[j] = entropy(subset.filter((_, t) => t !== j));
      }
      const hAll = entropy(subset);
      return { ...combineEntropies(hAll, hSingle, hComp), warnings: [], details: {} };
    },
  };
}
