import { integerOption } from "../core/data/validate.js";
import { InvalidArgumentError, throwIfAborted } from "../core/errors.js";
import { validateSeed } from "../core/random/rng.js";
import type { RunOptions, Units } from "../core/types.js";
import { fromNats, resolveUnits } from "../core/units.js";
import { multivariateEngine, resolveMultivariateOptions, type MultivariateOptions, type VariableInput } from "./multivariateInformation.js";

export interface OInformationSweepOptions extends MultivariateOptions {
  /** Smallest multiplet size, default 3 (O-information is 0 for pairs). */
  readonly minOrder?: number;
  /** Largest multiplet size, default min(n, minOrder) ... at most the number of variables. */
  readonly maxOrder?: number;
  /** Refuse sweeps with more multiplets than this (default 1e6). */
  readonly maxMultiplets?: number;
}

/** One multiplet's measures, in `units`. */
export interface Multiplet {
  /** Variable indices, ascending. */
  readonly variables: readonly number[];
  readonly order: number;
  readonly totalCorrelation: number;
  readonly dualTotalCorrelation: number;
  readonly oInformation: number;
  readonly sInformation: number;
}

export interface OInformationSweepResult {
  /** Every multiplet, ranked by O-information, descending: most redundant first, most synergistic last. */
  readonly multiplets: readonly Multiplet[];
  readonly units: Units;
  readonly estimator: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly n: number;
  readonly seed: number;
  readonly elapsedMs: number;
}

/** C(n, m) as a float (exact for the sizes allowed here). */
function binomial(n: number, m: number): number {
  let c = 1;
  for (let i = 1; i <= m; i++) c = (c * (n - m + i)) / i;
  return Math.round(c);
}

/**
 * O-information (and TC, DTC, S) of every multiplet of `variables` with minOrder <= size <=
 * maxOrder, ranked by O-information (the hoi-style exhaustive sweep). The variables are
 * validated and prepared once (one correlation matrix for "gaussian", one standardisation and
 * jitter for "ksg-1", one encoding for discrete estimators, whose subset entropies are cached);
 * then each multiplet costs what `multivariateInformation` costs for it.
 *
 * Multiplets are visited in lexicographic order within each size; `run.onProgress` is called
 * after each (done / total multiplets) and `run.signal` is checked between multiplets.
 *
 * @throws InvalidArgumentError for orders outside [2, n] or min > max, or more than
 *   `maxMultiplets` multiplets; AbortError when aborted; as `multivariateInformation` otherwise.
 * @example
 * const r = oInformationSweep(columnsAsVariables(m), { maxOrder: 4 });
 * r.multiplets[0]; // the most redundant multiplet
 */
export function oInformationSweep(
  variables: readonly VariableInput[],
  options: OInformationSweepOptions = {},
  run: RunOptions = {},
): OInformationSweepResult {
  const fn = "oInformationSweep";
  const startedAt = performance.now();
  const { minOrder: minRaw, maxOrder: maxRaw, maxMultiplets: limitRaw, ...rest } = options ?? {};
  const o = resolveMultivariateOptions(fn, rest);
  const units = resolveUnits(run.units, fn);
  const seed = validateSeed(run.seed, fn);
  const count = Array.isArray(variables) ? variables.length : 0;
  const minOrder = integerOption(fn, "minOrder", minRaw ?? 3, 2, Math.max(2, count));
  const maxOrder = integerOption(fn, "maxOrder", maxRaw ?? minOrder, minOrder, Math.max(minOrder, count));
  const limit = integerOption(fn, "maxMultiplets", limitRaw ?? 1_000_000, 1);
  if (count < minOrder) {
    throw new InvalidArgumentError(`${fn}: variables must hold at least minOrder = ${minOrder} variables; got ${count}.`, "variables");
  }
  let total = 0;
  for (let m = minOrder; m <= maxOrder; m++) total += binomial(count, m);
  if (total > limit) {
    throw new InvalidArgumentError(
      `${fn}: ${total} multiplets of ${count} variables with sizes ${minOrder}..${maxOrder} exceed maxMultiplets = ${limit}; lower maxOrder or raise maxMultiplets.`,
      "maxOrder",
    );
  }
  throwIfAborted(run.signal, fn);
  const engine = multivariateEngine(fn, variables, o, seed);
  const out: Multiplet[] = [];
  let done = 0;
  for (let m = minOrder; m <= maxOrder; m++) {
    const idx = Array.from({ length: m }, (_, j) => j);
    for (;;) {
      throwIfAborted(run.signal, fn);
      const subset = [...idx];
      const raw = engine.compute(subset, run);
      out.push(
        Object.freeze({
          variables: Object.freeze(subset),
          order: m,
          totalCorrelation: fromNats(raw.tc, units),
          dualTotalCorrelation: fromNats(raw.dtc, units),
          oInformation: fromNats(raw.tc - raw.dtc, units),
          sInformation: fromNats(raw.tc + raw.dtc, units),
        }),
      );
      run.onProgress?.({ done: ++done, total, label: `${fn}: multiplet ${subset.join(",")}` });
      // Next combination in lexicographic order.
      let p = m - 1;
      while (p >= 0 && idx[p] === count - m + p) p--;
      if (p < 0) break;
      idx[p]++;
      for (let q = p + 1; q < m; q++) idx[q] = idx[q - 1] + 1;
    }
  }
  out.sort((a, b) => b.oInformation - a.oInformation);
  return Object.freeze({
    multiplets: Object.freeze(out),
    units,
    estimator: engine.id,
    params: engine.params,
    n: engine.n,
    seed,
    elapsedMs: performance.now() - startedAt,
  });
}
