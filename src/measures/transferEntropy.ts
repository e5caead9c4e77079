/**
 * Transfer entropy (Schreiber 2000) and conditional transfer entropy between univariate time
 * series, with local values (Lizier, Prokopenko & Zomaya 2008) and surrogate significance tests.
 *
 *   TE_{Y->X} = I(X_{t+1}; Y^{(l,τ_y)}_{t+1-u} | X^{(k,τ)}_t)
 *   conditional TE: also condition on Z^{(m,τ_z)}_{t+1-u_z} for every other series Z.
 * (reference-facts §7; embeddings in embedding.ts.) Three estimators of the conditional MI on the
 * embedding vectors:
 *   "ksg" (id "ksg-1", default): Frenzel-Pompe algorithm 1 (Frenzel & Pompe 2007; KSG 2004) with
 *       k = 4 neighbours (JIDT/IDTxl default), max-norm, each series z-scored (ddof 0) before
 *       embedding (JIDT's default; IDTxl does not normalise), tied series jittered (seeded,
 *       relative SD `jitter`, default 1e-8 like JIDT), and a Theiler window `theiler` = w
 *       (Theiler 1986): neighbours j with |t_j - t_i| <= w are excluded from the k-NN search and
 *       from every count. Per point (a = X_{t+1}, b = source past, c = conditioning pasts):
 *         te_i = ψ(k) - ψ(n_ac + 1) - ψ(n_bc + 1) + ψ(n_c + 1)
 *       with strict counts inside the joint k-th-neighbour distance ε_i.
 *       O(N log N) per estimate with kd-trees for small total dimension, O(N^2 d) brute force.
 *       Bias: near 0 (may be negative, returned raw with a warning) without coupling; downward
 *       for strong coupling and high total dimension.
 *   "gaussian": closed form 1/2 (log det S_ac + log det S_bc - log det S_abc - log det S_c) of the
 *       sample covariance (gaussianCMI): exact for linear-Gaussian processes, where TE equals
 *       Granger causality / 2 (Barnett, Barrett & Seth 2009). O(N d^2 + d^3). Bias ≈ l/(2N) up.
 *   "discrete" (= "plugin") or any discrete id ("miller-madow", "grassberger", "chao-shen", "nsb",
 *       "jackknife" for bias correction): entropy combination on integer-coded series (use
 *       `symbolize` from embedding.ts for continuous data). Plug-in is biased upward.
 * Local values: one per embedding row (predicted time s = firstTime + i, in details.firstTime);
 * their mean is the estimate (KSG, Gaussian with ridge 0, plug-in).
 *
 * Significance (options.surrogates = S > 0): the rows of the source's past block are permuted
 * (surrogates.ts: "circular" default, "shuffle", "block"), TE recomputed with the same
 * estimator, p = (1 + #{TE_surr >= TE_obs}) / (1 + S) in uncertainty.pValue, and the null
 * distribution (in the result's units) in details.surrogates.nullDistribution.
 *
 * Units: nats, or bits with run.units.
 */
import { hstack } from "../core/data/matrix.js";
import { assertKnownOptions, integerOption, numberOption } from "../core/data/validate.js";
import { finishEstimate } from "../core/estimate.js";
import { InvalidArgumentError, ShapeMismatchError, throwIfAborted, UnsupportedDataError } from "../core/errors.js";
import { toDiscreteVariable } from "../core/data/labels.js";
import { matrix } from "../core/data/matrix.js";
import { countWithin, kthNeighborDistance } from "../core/neighbors/index.js";
import { validateSeed } from "../core/random/rng.js";
import { REFERENCES } from "../core/references.js";
import { digammaInt } from "../core/special/digamma.js";
import { meanCompensated } from "../core/special/sum.js";
import type { Estimate, Labels, Matrix, Reference, ResultWarning, RunOptions, Units } from "../core/types.js";
import { fromNats, resolveUnits } from "../core/units.js";
import { DISCRETE_ESTIMATOR_IDS, discreteCMI, discreteMI, type DiscreteEstimatorId } from "../estimators/discrete.js";
import { gaussianCMI, gaussianMI } from "../estimators/gaussian.js";
import { booleanOption, highDimensionWarning, negativeWarning, prepareKnnData } from "../estimators/knnPrep.js";
import { checkPastSpec, predictionEmbedding, toSeries, type PastSpec, type SeriesInput } from "./embedding.js";
import { permuteRows, surrogateMethodOption, surrogateTest, type SurrogateMethod, type SurrogateTestResult } from "./surrogates.js";

export type { SeriesInput } from "./embedding.js";

/** Estimator names accepted by the time-series measures. */
export type TimeSeriesEstimatorId = "ksg" | "ksg-1" | "gaussian" | "discrete" | DiscreteEstimatorId;

/** Options shared by transfer entropy and active information storage. */
export interface TimeSeriesOptions {
  /** "ksg" (default), "gaussian", "discrete" (= "plugin") or a discrete estimator id. */
  readonly estimator?: TimeSeriesEstimatorId;
  /** Target history length k (JIDT k_HISTORY). Default 1. */
  readonly history?: number;
  /** Target embedding delay τ (JIDT k_TAU). Default 1. */
  readonly tau?: number;
  /** KSG: neighbours, default 4 (JIDT, IDTxl). */
  readonly k?: number;
  /** KSG: Theiler window w >= 0, in rows (time steps); default 0 (only the point itself). */
  readonly theiler?: number;
  /** KSG: z-score each series (ddof 0) before embedding. Default true. */
  readonly standardize?: boolean;
  /** KSG: relative SD of the seeded jitter added to series with tied values; 0 = off. Default 1e-8. */
  readonly jitter?: number;
  /** Gaussian: ridge on the correlation matrix (see gaussianCMI). Default 0. */
  readonly ridge?: number;
  /** Number of surrogates for a p-value; 0 (default) = no test. */
  readonly surrogates?: number;
  /** "circular" (default), "shuffle" or "block". */
  readonly surrogateMethod?: SurrogateMethod;
  /** "block" surrogates: rows per block (default round(N/10)). */
  readonly blockSize?: number;
  /** "circular" surrogates: smallest shift (default floor(N/10)). */
  readonly minShift?: number;
}

/** A series to condition on, with its own embedding (defaults: history 1, tau 1, lag 1). */
export interface ConditionSeries {
  readonly series: SeriesInput;
  readonly history?: number;
  readonly tau?: number;
  readonly lag?: number;
}

export interface TransferEntropyOptions extends TimeSeriesOptions {
  /** Source history length l (JIDT l_HISTORY). Default 1. */
  readonly sourceHistory?: number;
  /** Source embedding delay τ_y (JIDT l_TAU). Default 1. */
  readonly sourceTau?: number;
  /** Source-target lag u >= 0 (JIDT DELAY): the newest source sample is Y_{t+1-u}. Default 1. */
  readonly lag?: number;
  /** Other series whose pasts are conditioned on (conditional TE). */
  readonly conditions?: readonly (SeriesInput | ConditionSeries)[];
}

/** Resolved estimator family with its settings. */
export interface ResolvedEstimator {
  readonly kind: "ksg" | "gaussian" | "discrete";
  /** Stable id reported in Estimate.estimator: "ksg-1", "gaussian" or the discrete id. */
  readonly id: string;
  readonly k: number;
  readonly theiler: number;
  readonly standardize: boolean;
  readonly jitter: number;
  readonly ridge: number;
  readonly surrogates: number;
  readonly surrogateMethod: SurrogateMethod;
  readonly blockSize?: number;
  readonly minShift?: number;
}

const COMMON_KNOWN = [
  "estimator",
  "history",
  "tau",
  "k",
  "theiler",
  "standardize",
  "jitter",
  "ridge",
  "surrogates",
  "surrogateMethod",
  "blockSize",
  "minShift",
] as const;
const TE_KNOWN = [...COMMON_KNOWN, "sourceHistory", "sourceTau", "lag", "conditions"] as const;
const ESTIMATOR_NAMES = ["ksg", "ksg-1", "gaussian", "discrete", ...DISCRETE_ESTIMATOR_IDS] as const;

/** Default relative jitter for tied series (JIDT's 1e-8 noise, added to tied series only). */
export const TIME_SERIES_JITTER = 1e-8;

/** Validates the options shared by TE and AIS. */
export function resolveTimeSeriesEstimator(fn: string, o: TimeSeriesOptions): ResolvedEstimator {
  const name = o.estimator ?? "ksg";
  if (typeof name !== "string" || !(ESTIMATOR_NAMES as readonly string[]).includes(name)) {
    throw new InvalidArgumentError(
      `${fn}: estimator must be one of ${ESTIMATOR_NAMES.map((e) => JSON.stringify(e)).join(", ")}; got ${JSON.stringify(name)}.`,
      "estimator",
    );
  }
  const kind = name === "ksg" || name === "ksg-1" ? "ksg" : name === "gaussian" ? "gaussian" : "discrete";
  const id = kind === "ksg" ? "ksg-1" : name === "discrete" ? "plugin" : name;
  const surrogates = integerOption(fn, "surrogates", o.surrogates ?? 0, 0);
  const surrogateMethod = surrogateMethodOption(fn, o.surrogateMethod ?? "circular");
  return Object.freeze({
    kind,
    id,
    k: integerOption(fn, "k", o.k ?? 4, 1),
    theiler: integerOption(fn, "theiler", o.theiler ?? 0, 0),
    standardize: booleanOption(fn, "standardize", o.standardize ?? true),
    jitter: numberOption(fn, "jitter", o.jitter ?? TIME_SERIES_JITTER, 0, 1),
    ridge: numberOption(fn, "ridge", o.ridge ?? 0, 0, 1),
    surrogates,
    surrogateMethod,
    ...(o.blockSize !== undefined ? { blockSize: integerOption(fn, "blockSize", o.blockSize, 1) } : {}),
    ...(o.minShift !== undefined ? { minShift: integerOption(fn, "minShift", o.minShift, 1) } : {}),
  });
}

/**
 * Estimator-specific params for the result: only the settings the estimator uses.
 */
export function estimatorParams(r: ResolvedEstimator): Record<string, unknown> {
  const p: Record<string, unknown> = { estimator: r.id };
  if (r.kind === "ksg") Object.assign(p, { k: r.k, theiler: r.theiler, standardize: r.standardize, jitter: r.jitter });
  if (r.kind === "gaussian") p.ridge = r.ridge;
  if (r.surrogates > 0) {
    p.surrogates = r.surrogates;
    p.surrogateMethod = r.surrogateMethod;
    if (r.blockSize !== undefined) p.blockSize = r.blockSize;
    if (r.minShift !== undefined) p.minShift = r.minShift;
  }
  return p;
}

/**
 * KSG-style (conditional) mutual information with a Theiler window, per point:
 *   with c:    ψ(k) - ψ(n_ac + 1) - ψ(n_bc + 1) + ψ(n_c + 1)      (Frenzel-Pompe algorithm 1)
 *   without c: ψ(k) + ψ(N) - ψ(n_a + 1) - ψ(n_b + 1)               (KSG algorithm 1, eq. 8)
 * ε_i = max-norm distance to the k-th joint neighbour among rows j with |i - j| > theiler;
 * counts are strict (< ε_i) over the same rows. ψ(N) is kept with a Theiler window, as in JIDT;
 * for w << N the difference from ψ(N - 2w) is negligible.
 * Inputs are prepared (standardised) blocks with the same rows; `out` receives the values.
 */
export function ksgLocalValues(a: Matrix, b: Matrix, c: Matrix | undefined, k: number, theiler: number, out: Float64Array = new Float64Array(a.rows)): Float64Array {
  const n = a.rows;
  const search = { metric: "max", exclude: theiler } as const;
  const joint = c ? hstack(a, b, c) : hstack(a, b);
  const eps = kthNeighborDistance(joint, k, search);
  const psiK = digammaInt(k);
  if (c) {
    const nac = countWithin(hstack(a, c), eps, true, search);
    const nbc = countWithin(hstack(b, c), eps, true, search);
    const nc = countWithin(c, eps, true, search);
    for (let i = 0; i < n; i++) out[i] = psiK - digammaInt(nac[i] + 1) - digammaInt(nbc[i] + 1) + digammaInt(nc[i] + 1);
  } else {
    const na = countWithin(a, eps, true, search);
    const nb = countWithin(b, eps, true, search);
    const psiN = digammaInt(n);
    for (let i = 0; i < n; i++) out[i] = psiK + psiN - digammaInt(na[i] + 1) - digammaInt(nb[i] + 1);
  }
  return out;
}

/** Integer codes of a block (one joint variable) with its alphabet size, for the discrete estimators. */
function blockLabels(m: Matrix, fn: string): Labels {
  const v = toDiscreteVariable(m, "embedding", fn);
  return { codes: v.labels.codes, cardinality: Math.max(v.alphabetSize, v.labels.cardinality) };
}

/** One value of I(a; b | c) (or I(a; b) without c) by the resolved estimator; nats. */
interface CmiValue {
  readonly valueNats: number;
  readonly localNats?: Float64Array;
  readonly warnings: readonly ResultWarning[];
}

/**
 * The (conditional) MI engine on embedded blocks: a = target future, b = the block permuted by
 * surrogates, c = conditioning blocks (undefined for plain MI). `evaluate(perm)` recomputes
 * with the rows of b permuted.
 */
export function cmiEngine(
  fn: string,
  r: ResolvedEstimator,
  a: Matrix,
  b: Matrix,
  c: Matrix | undefined,
): { evaluate(perm: Int32Array | null, local: boolean): CmiValue } {
  if (r.kind === "ksg") {
    const buf = new Float64Array(b.data.length);
    const out = new Float64Array(a.rows);
    return {
      evaluate(perm, local) {
        const bb = perm ? matrix(permuteRows(b.data, b.cols, perm, buf), b.rows, b.cols) : b;
        const values = ksgLocalValues(a, bb, c, r.k, r.theiler, out);
        const valueNats = meanCompensated(values);
        return { valueNats, ...(local ? { localNats: Float64Array.from(values) } : {}), warnings: [] };
      },
    };
  }
  if (r.kind === "gaussian") {
    const buf = new Float64Array(b.data.length);
    return {
      evaluate(perm, local) {
        const bb = perm ? matrix(permuteRows(b.data, b.cols, perm, buf), b.rows, b.cols) : b;
        const e = c
          ? gaussianCMI({ ridge: r.ridge }).estimate(a, bb, c, { local })
          : gaussianMI({ ridge: r.ridge }).estimate(a, bb, { local });
        return { valueNats: e.value, ...(e.local ? { localNats: e.local } : {}), warnings: e.diagnostics.warnings };
      },
    };
  }
  const id = r.id as DiscreteEstimatorId;
  const la = blockLabels(a, fn);
  const lb = blockLabels(b, fn);
  const lc = c ? blockLabels(c, fn) : undefined;
  const codes = new Int32Array(lb.codes.length);
  return {
    evaluate(perm, local) {
      let bb = lb;
      if (perm) {
        for (let i = 0; i < perm.length; i++) codes[i] = lb.codes[perm[i]];
        bb = { codes, cardinality: lb.cardinality };
      }
      const e = lc ? discreteCMI(id).estimate(la, bb, lc, { local }) : discreteMI(id).estimate(la, bb, { local });
      return { valueNats: e.value, ...(e.local ? { localNats: e.local } : {}), warnings: e.diagnostics.warnings };
    },
  };
}

/** Throws unless every value of the series is an integer (discrete estimators). */
export function assertIntegerSeries(fn: string, name: string, v: Float64Array): void {
  for (let t = 0; t < v.length; t++) {
    if (!Number.isInteger(v[t])) {
      throw new UnsupportedDataError(
        `${fn}: ${name} must hold integer codes for a discrete estimator; time ${t} is ${v[t]} (symbolize() bins a continuous series).`,
      );
    }
  }
}

/** Rows the estimator needs after embedding. */
export function minimumRows(r: ResolvedEstimator, dims: number): number {
  if (r.kind === "ksg") return r.k + 2 * r.theiler + 1;
  if (r.kind === "gaussian") return r.ridge > 0 ? 2 : dims + 1;
  return 1;
}

/** Runs the observed estimate and the surrogate test; shared by TE and AIS. */
export function runTimeSeriesMeasure(args: {
  fn: string;
  quantity: string;
  r: ResolvedEstimator;
  a: Matrix;
  b: Matrix;
  c: Matrix | undefined;
  /** Series that are constant (KSG): the measure is exactly 0. */
  constantShortCircuit: boolean;
  params: Record<string, unknown>;
  details: Record<string, unknown>;
  warnings: ResultWarning[];
  references: readonly Reference[];
  seed: number;
  units: Units;
  run: RunOptions;
  startedAt: number;
}): Estimate {
  const { fn, r, a, b, c, run, units } = args;
  const n = a.rows;
  const warnings = args.warnings;
  const details = args.details;
  const total = 1 + r.surrogates;
  throwIfAborted(run.signal, fn);
  const engine = args.constantShortCircuit ? undefined : cmiEngine(fn, r, a, b, c);
  let valueNats = 0;
  let localNats: Float64Array | undefined;
  if (engine) {
    if (r.kind === "ksg") {
      const hd = highDimensionWarning(fn, a.cols + b.cols + (c ? c.cols : 0), n);
      if (hd) warnings.push(hd);
    }
    const obs = engine.evaluate(null, run.local !== false);
    valueNats = obs.valueNats;
    localNats = obs.localNats;
    for (const w of obs.warnings) if (w.code !== "negative-estimate") warnings.push(w);
  } else {
    localNats = run.local !== false ? new Float64Array(n) : undefined;
    details.shortCircuit = "constant-series";
  }
  run.onProgress?.({ done: 1, total, label: `${fn}: estimate` });
  let test: SurrogateTestResult | undefined;
  if (r.surrogates > 0) {
    const stat = engine ? (perm: Int32Array) => engine.evaluate(perm, false).valueNats : () => 0;
    test = surrogateTest(
      fn,
      n,
      valueNats,
      stat,
      r.surrogates,
      { method: r.surrogateMethod, ...(r.blockSize !== undefined ? { blockSize: r.blockSize } : {}), ...(r.minShift !== undefined ? { minShift: r.minShift } : {}) },
      args.seed,
      run,
      { offset: 1, total },
    );
    details.surrogates = {
      method: test.method,
      count: test.count,
      pValue: test.pValue,
      ...(test.blockSize !== undefined ? { blockSize: test.blockSize } : {}),
      ...(test.minShift !== undefined ? { minShift: test.minShift } : {}),
      nullDistribution: Array.from(test.nullDistribution, (v) => fromNats(v, units)),
    };
  }
  const neg = negativeWarning(fn, valueNats, args.quantity.replace(/-/g, " "));
  if (neg) warnings.push(neg);
  return finishEstimate(
    {
      quantity: args.quantity,
      valueNats,
      estimator: r.id,
      params: args.params,
      n,
      seed: args.seed,
      ...(localNats && run.local !== false ? { localNats } : {}),
      ...(test ? { uncertaintyNats: { pValue: test.pValue } } : {}),
      warnings,
      details,
      references: args.references,
      startedAt: args.startedAt,
    },
    units,
  );
}

/** References of a time-series estimate. */
export function timeSeriesReferences(first: readonly Reference[], r: ResolvedEstimator): Reference[] {
  const refs = [...first];
  if (r.kind === "ksg") {
    refs.push(REFERENCES.frenzel2007, REFERENCES.kraskov2004);
    if (r.theiler > 0) refs.push(REFERENCES.theiler1986);
  }
  if (r.surrogates > 0) refs.push(REFERENCES.phipsonSmyth2010);
  return refs;
}

/**
 * Standardises and jitters (KSG) the series, each as its own variable (prepareKnnData), so that
 * all embedding columns of a series share the same transformation. Returns prepared series, the
 * warnings, and whether any of `mustVary` is constant.
 */
export function prepareSeries(
  fn: string,
  r: ResolvedEstimator,
  series: readonly { name: string; values: Float64Array }[],
  seed: number,
): { values: Float64Array[]; warnings: ResultWarning[]; constant: boolean[] } {
  if (r.kind !== "ksg") {
    if (r.kind === "discrete") for (const s of series) assertIntegerSeries(fn, s.name, s.values);
    return { values: series.map((s) => s.values), warnings: [], constant: series.map(() => false) };
  }
  const prep = prepareKnnData(
    fn,
    series.map((s) => ({ name: s.name, matrix: matrix(s.values, s.values.length, 1) })),
    { standardize: r.standardize, jitter: r.jitter },
    seed,
  );
  return {
    values: prep.variables.map((v) => v.matrix.data),
    warnings: [...prep.warnings],
    constant: prep.variables.map((v) => v.allConstant),
  };
}

function conditionSpec(fn: string, c: SeriesInput | ConditionSeries, i: number): { values: Float64Array; spec: PastSpec } {
  const isSpec = typeof c === "object" && c !== null && "series" in c;
  const name = `conditions[${i}]`;
  const values = toSeries(isSpec ? c.series : c, name, fn);
  const s: Partial<ConditionSeries> = isSpec ? c : {};
  return {
    values,
    spec: checkPastSpec(fn, name, { history: s.history ?? 1, tau: s.tau ?? 1, lag: s.lag ?? 1 }, 0),
  };
}

/**
 * Transfer entropy TE_{source -> target} (see the module comment for the definition, the
 * estimators and the surrogate test). Returns an Estimate with quantity "transfer-entropy",
 * params { estimator, history, tau, sourceHistory, sourceTau, lag, conditions, k, theiler, ... },
 * local values per embedding row, details { rows, firstTime, dims, surrogates? }.
 *
 * @throws InvalidArgumentError for bad options; ShapeMismatchError when the series lengths
 *   differ; NonFiniteValueError; InsufficientSamplesError when the embedding leaves too few rows
 *   (KSG: k + 2 theiler + 1); UnsupportedDataError for non-integer series with a discrete
 *   estimator; SingularCovarianceError (Gaussian, ridge 0) for a constant series; AbortError.
 * @example
 * const te = transferEntropy(y, x, { estimator: "ksg", history: 2, surrogates: 99 }, { seed: 1 });
 * te.value; te.uncertainty?.pValue;
 */
export function transferEntropy(source: SeriesInput, target: SeriesInput, options: TransferEntropyOptions = {}, run: RunOptions = {}): Estimate {
  const startedAt = performance.now();
  const fn = "transferEntropy";
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError(`${fn}: options must be an object; got ${String(options)}.`, "options");
  }
  assertKnownOptions(fn, options, TE_KNOWN);
  const r = resolveTimeSeriesEstimator(fn, options);
  const units = resolveUnits(run.units, fn);
  const seed = validateSeed(run.seed, fn);
  const targetSpec = checkPastSpec(fn, "target", { history: options.history ?? 1, tau: options.tau ?? 1, lag: 1 }, 1);
  const sourceSpec = checkPastSpec(fn, "source", { history: options.sourceHistory ?? 1, tau: options.sourceTau ?? 1, lag: options.lag ?? 1 }, 0);
  const conditionsIn = options.conditions ?? [];
  if (!Array.isArray(conditionsIn)) {
    throw new InvalidArgumentError(`${fn}: conditions must be an array of series; got ${typeof conditionsIn}.`, "conditions");
  }
  const xs = toSeries(target, "target", fn);
  const ys = toSeries(source, "source", fn);
  const conds = conditionsIn.map((c, i) => conditionSpec(fn, c as SeriesInput | ConditionSeries, i));
  for (const [name, v] of [["source", ys], ...conds.map((c, i) => [`conditions[${i}]`, c.values] as const)] as const) {
    if (v.length !== xs.length) {
      throw new ShapeMismatchError(`${fn}: ${name} has ${v.length} time points but target has ${xs.length}; the series must be aligned in time.`);
    }
  }
  const prep = prepareSeries(
    fn,
    r,
    [{ name: "target", values: xs }, { name: "source", values: ys }, ...conds.map((c, i) => ({ name: `conditions[${i}]`, values: c.values }))],
    seed,
  );
  const dims = 1 + targetSpec.history + sourceSpec.history + conds.reduce((s, c) => s + c.spec.history, 0);
  const emb = predictionEmbedding(
    fn,
    prep.values[0],
    [
      { series: prep.values[0], spec: targetSpec },
      { series: prep.values[1], spec: sourceSpec },
      ...conds.map((c, i) => ({ series: prep.values[2 + i], spec: c.spec })),
    ],
    minimumRows(r, dims),
  );
  const [targetPast, sourcePast, ...condPasts] = emb.pasts;
  const c = condPasts.length > 0 ? hstack(targetPast, ...condPasts) : targetPast;
  const params: Record<string, unknown> = {
    ...estimatorParams(r),
    history: targetSpec.history,
    tau: targetSpec.tau,
    sourceHistory: sourceSpec.history,
    sourceTau: sourceSpec.tau,
    lag: sourceSpec.lag,
    ...(conds.length > 0 ? { conditions: conds.map((q) => ({ ...q.spec })) } : {}),
  };
  const details: Record<string, unknown> = {
    rows: emb.rows,
    firstTime: emb.firstTime,
    seriesLength: xs.length,
    dims: { future: 1, targetPast: targetSpec.history, sourcePast: sourceSpec.history, conditions: conds.map((q) => q.spec.history) },
  };
  return runTimeSeriesMeasure({
    fn,
    quantity: "transfer-entropy",
    r,
    a: emb.future,
    b: sourcePast,
    c,
    constantShortCircuit: prep.constant[0] || prep.constant[1],
    params,
    details,
    warnings: prep.warnings,
    references: timeSeriesReferences([REFERENCES.schreiber2000, REFERENCES.lizier2008], r),
    seed,
    units,
    run,
    startedAt,
  });
}
