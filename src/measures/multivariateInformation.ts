/**
 * Multivariate information measures of n >= 2 variables X = (X_1, ..., X_n), each a group of
 * one or more columns (Rosas, Mediano, Gastpar & Jensen 2019, Phys. Rev. E 100:032305):
 *   total correlation        TC    = sum_j H(X_j) - H(X)                    (Watanabe 1960)
 *   dual total correlation   DTC   = H(X) - sum_j H(X_j | X_{-j})          (Han 1978)
 *   O-information            Omega = TC - DTC  (> 0: redundancy dominates; < 0: synergy)
 *   S-information            S     = TC + DTC = sum_j I(X_j; X_{-j})
 * with three families of estimators:
 *   "gaussian"  closed forms from the sample covariance (exact for jointly normal data);
 *   "ksg-1"     (alias "ksg") KSG-style kNN estimates with one joint radius per point;
 *   discrete    "plugin", "miller-madow", "grassberger", "chao-shen", "nsb", "jackknife":
 *               entropy combinations on integer or string codes.
 * See gaussianMultivariate.ts, knnMultivariate.ts and discreteMultivariate.ts for the formulas.
 */
import { toDiscreteVariable, type DiscreteInput } from "../core/data/labels.js";
import { assertKnownOptions, assertSameRows, integerOption, numberOption, toMatrix, type MatrixInput } from "../core/data/validate.js";
import { finishEstimate } from "../core/estimate.js";
import { InvalidArgumentError, ShapeMismatchError, throwIfAborted, UnknownEstimatorError } from "../core/errors.js";
import { validateSeed } from "../core/random/rng.js";
import { REFERENCES } from "../core/references.js";
import { meanCompensated } from "../core/special/sum.js";
import type { Estimate, Matrix, Reference, ResultWarning, RunOptions, Units } from "../core/types.js";
import { resolveUnits } from "../core/units.js";
import { warning } from "../core/warnings.js";
import { DISCRETE_ESTIMATOR_IDS, type DiscreteEstimatorId } from "../estimators/discrete.js";
import { booleanOption, DEFAULT_JITTER, jitterOption } from "../estimators/knnPrep.js";
import { discreteEngine } from "./discreteMultivariate.js";
import { gaussianEngine } from "./gaussianMultivariate.js";
import { knnEngine } from "./knnMultivariate.js";
import type { MultivariateEngine, MultivariateRaw } from "./multivariateEngine.js";

/** Estimators of the multivariate measures. */
export type MultivariateEstimatorId = "gaussian" | "ksg-1" | DiscreteEstimatorId;

export const MULTIVARIATE_ESTIMATOR_IDS: readonly MultivariateEstimatorId[] = Object.freeze([
  "gaussian",
  "ksg-1",
  ...DISCRETE_ESTIMATOR_IDS,
]);

/** The four quantities, as they appear in `Estimate.quantity`. */
export type MultivariateQuantity = "total-correlation" | "dual-total-correlation" | "o-information" | "s-information";

export interface MultivariateOptions {
  /** Default "gaussian". "ksg" is accepted as an alias of "ksg-1". */
  readonly estimator?: MultivariateEstimatorId | "ksg";
  /** ksg-1: neighbours, default 3. */
  readonly k?: number;
  /** ksg-1: z-score each column first (default true). */
  readonly standardize?: boolean;
  /** ksg-1: relative SD of seeded jitter for tied columns (default 1e-10; 0 = off). */
  readonly jitter?: number;
  /** gaussian: ridge added to the correlation matrix's diagonal, in [0, 1] (default 0). */
  readonly ridge?: number;
}

/** One variable: a sample (Matrix, rows, or one column) for continuous estimators, codes for discrete ones. */
export type VariableInput = MatrixInput | DiscreteInput;

/** All four measures of one set of variables, from the same neighbour searches or entropies. */
export interface MultivariateResult {
  readonly totalCorrelation: Estimate;
  readonly dualTotalCorrelation: Estimate;
  readonly oInformation: Estimate;
  readonly sInformation: Estimate;
}

const KNOWN = ["estimator", "k", "standardize", "jitter", "ridge"] as const;

/** Resolved options (defaults filled in) and the estimator id. */
export interface ResolvedMultivariateOptions {
  readonly estimator: MultivariateEstimatorId;
  readonly k: number;
  readonly standardize: boolean;
  readonly jitter: number;
  readonly ridge: number;
}

/** Validates options. @throws InvalidArgumentError, UnknownEstimatorError */
export function resolveMultivariateOptions(fn: string, options: MultivariateOptions = {}): ResolvedMultivariateOptions {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError(`${fn}: options must be an object; got ${String(options)}.`, "options");
  }
  assertKnownOptions(fn, options, KNOWN);
  const raw = options.estimator ?? "gaussian";
  const estimator = raw === "ksg" ? "ksg-1" : raw;
  if (!(MULTIVARIATE_ESTIMATOR_IDS as readonly string[]).includes(estimator)) {
    throw new UnknownEstimatorError(String(raw), [...MULTIVARIATE_ESTIMATOR_IDS, "ksg"]);
  }
  return Object.freeze({
    estimator: estimator as MultivariateEstimatorId,
    k: integerOption(fn, "k", options.k ?? 3, 1),
    standardize: booleanOption(fn, "standardize", options.standardize ?? true),
    jitter: jitterOption(fn, options.jitter ?? DEFAULT_JITTER),
    ridge: numberOption(fn, "ridge", options.ridge ?? 0, 0, 1),
  });
}

/**
 * Validates the variables and binds them to the back end of `o.estimator`.
 * @throws InvalidArgumentError (fewer than 2 variables, bad data), ShapeMismatchError (row
 *   counts differ), NonFiniteValueError, UnsupportedDataError (non-integer codes for a
 *   discrete estimator), InsufficientSamplesError.
 */
export function multivariateEngine(fn: string, variables: readonly VariableInput[], o: ResolvedMultivariateOptions, seed: number): MultivariateEngine {
  if (!Array.isArray(variables) || variables.length < 2) {
    throw new InvalidArgumentError(
      `${fn}: variables must be an array of at least 2 variables (each a Matrix, rows or one column); got ${
        Array.isArray(variables) ? `${variables.length}` : typeof variables
      }.`,
      "variables",
    );
  }
  if (o.estimator === "gaussian" || o.estimator === "ksg-1") {
    const mats: Matrix[] = variables.map((v, j) => toMatrix(v, `variables[${j}]`, fn));
    assertSameRows(
      fn,
      mats.map((m, j) => [`variables[${j}]`, m] as [string, Matrix]),
    );
    mats.forEach((m, j) => {
      if (m.cols < 1) throw new InvalidArgumentError(`${fn}: variables[${j}] must have at least one column; got 0.`, "variables");
    });
    return o.estimator === "gaussian" ? gaussianEngine(fn, mats, o.ridge) : knnEngine(fn, mats, o, seed);
  }
  const vars = variables.map((v, j) => toDiscreteVariable(v as DiscreteInput, `variables[${j}]`, fn));
  const n = vars[0].labels.codes.length;
  vars.forEach((v, j) => {
    if (v.labels.codes.length !== n) {
      throw new ShapeMismatchError(
        `${fn}: variables[${j}] has ${v.labels.codes.length} rows but variables[0] has ${n}; they must be paired row by row.`,
      );
    }
  });
  return discreteEngine(fn, o.estimator, vars);
}

function estimatorReferences(id: string): Reference[] {
  switch (id) {
    case "gaussian":
      return [REFERENCES.coverThomas2006];
    case "ksg-1":
      return [REFERENCES.kraskov2004];
    case "miller-madow":
      return [REFERENCES.miller1955];
    case "grassberger":
      return [REFERENCES.grassberger2003];
    case "chao-shen":
      return [REFERENCES.chaoShen2003];
    case "nsb":
      return [REFERENCES.nemenman2002];
    case "jackknife":
      return [REFERENCES.zahl1977];
    default:
      return [REFERENCES.coverThomas2006];
  }
}

const QUANTITY_REFERENCES: Record<MultivariateQuantity, Reference[]> = {
  "total-correlation": [REFERENCES.watanabe1960, REFERENCES.rosas2019],
  "dual-total-correlation": [REFERENCES.han1978, REFERENCES.rosas2019],
  "o-information": [REFERENCES.rosas2019],
  "s-information": [REFERENCES.rosas2019],
};

const NON_NEGATIVE: Record<MultivariateQuantity, string | undefined> = {
  "total-correlation": "total correlation",
  "dual-total-correlation": "dual total correlation",
  "o-information": undefined,
  "s-information": "S-information",
};

/** Builds the four Estimates of one multiplet from a back end's raw values. */
export function multivariateEstimates(
  fn: string,
  engine: MultivariateEngine,
  raw: MultivariateRaw,
  subset: readonly number[],
  units: Units,
  seed: number,
  wantLocal: boolean,
  startedAt: number,
): MultivariateResult {
  const build = (quantity: MultivariateQuantity, sign: number): Estimate => {
    let localNats: Float64Array | undefined;
    let valueNats: number;
    if (raw.localTc && raw.localDtc) {
      const lt = raw.localTc;
      const ld = raw.localDtc;
      localNats = new Float64Array(lt.length);
      if (sign === 0) localNats.set(lt);
      else if (sign === 2) localNats.set(ld);
      else for (let i = 0; i < lt.length; i++) localNats[i] = lt[i] + sign * ld[i];
      valueNats = meanCompensated(localNats);
    } else {
      valueNats = sign === 0 ? raw.tc : sign === 2 ? raw.dtc : raw.tc + sign * raw.dtc;
    }
    const warnings: ResultWarning[] = [...engine.warnings, ...raw.warnings];
    const what = NON_NEGATIVE[quantity];
    // Below -1e-12 nats: more than rounding. The true TC, DTC and S are >= 0.
    if (what && valueNats < -1e-12) {
      warnings.push(
        warning(
          "negative-estimate",
          `${fn}: the ${what} estimate ${valueNats.toPrecision(6)} nats is below 0 (the true value is >= 0); returned raw, not clipped.`,
        ),
      );
    }
    return finishEstimate(
      {
        quantity,
        valueNats,
        estimator: engine.id,
        params: { ...engine.params, variables: subset.length },
        n: engine.n,
        seed,
        ...(localNats && wantLocal ? { localNats } : {}),
        warnings,
        details: { ...raw.details, subset: [...subset] },
        references: [...QUANTITY_REFERENCES[quantity], ...estimatorReferences(engine.id)],
        startedAt,
      },
      units,
    );
  };
  return Object.freeze({
    totalCorrelation: build("total-correlation", 0),
    dualTotalCorrelation: build("dual-total-correlation", 2),
    oInformation: build("o-information", -1),
    sInformation: build("s-information", 1),
  });
}

/**
 * Total correlation, dual total correlation, O-information and S-information of `variables`
 * (n >= 2, paired row by row), all from the same estimator run: with "ksg-1" the four share one
 * joint neighbour search per point, so DTC = TC - Omega and S = TC + DTC hold exactly (also
 * pointwise, in `local`); with "gaussian" and the discrete estimators they share the entropy
 * terms, so the identities hold to rounding.
 *
 * Complexity: gaussian O(N D^2 + n D^3); ksg-1 one kNN search and 2n radius counts
 * (O(N log N) each with a kd-tree for D <= 10, O(N^2 D) brute force); discrete O(N n) per
 * entropy term, 2n + 1 terms.
 *
 * Bias: gaussian is exact for normal data up to sampling error (TC biased upward by about
 * d(d-1)/(4N) nats under independence for d scalar variables, by Wilks' theorem);
 * ksg-1 has the KSG biases (near 0 at independence, downward for strong dependence and in
 * high dimension); the plug-in TC is biased upward (about (prod K_j - sum K_j + n - 1)/(2N)),
 * the corrected discrete estimators remove most of it but may go negative (returned raw with a
 * `negative-estimate` warning). O-information may be negative by definition.
 *
 * Units: nats by default; `run.units = "bits"` divides by ln 2.
 *
 * @throws InvalidArgumentError, UnknownEstimatorError (options), ShapeMismatchError,
 *   NonFiniteValueError, UnsupportedDataError, InsufficientSamplesError (data),
 *   SingularCovarianceError (gaussian with a singular covariance and ridge 0).
 * @example
 * const r = multivariateInformation([a, b, c], { estimator: "ksg", k: 4 }, { units: "bits" });
 * r.oInformation.value; // > 0 redundancy-dominated, < 0 synergy-dominated
 */
export function multivariateInformation(
  variables: readonly VariableInput[],
  options: MultivariateOptions = {},
  run: RunOptions = {},
): MultivariateResult {
  const fn = "multivariateInformation";
  const startedAt = performance.now();
  const o = resolveMultivariateOptions(fn, options);
  const units = resolveUnits(run.units, fn);
  const seed = validateSeed(run.seed, fn);
  throwIfAborted(run.signal, fn);
  const engine = multivariateEngine(fn, variables, o, seed);
  const subset = Array.from({ length: engine.count }, (_, j) => j);
  const raw = engine.compute(subset, run);
  run.onProgress?.({ done: 1, total: 1, label: `${fn}: ${engine.count} variables` });
  return multivariateEstimates(fn, engine, raw, subset, units, seed, run.local !== false, startedAt);
}

/**
 * Total correlation (multi-information) TC = sum_j H(X_j) - H(X) (Watanabe 1960); for scalar
 * Gaussian variables 1/2 [sum_j log S_jj - log det S]; with "ksg-1" the KSG multi-information
 * psi(k) + (n - 1) psi(N) - <sum_j psi(n_j + 1)>. See `multivariateInformation` for options,
 * complexity, bias and errors.
 * @example totalCorrelation([x, y, z], { estimator: "gaussian" }).value
 */
export function totalCorrelation(variables: readonly VariableInput[], options: MultivariateOptions = {}, run: RunOptions = {}): Estimate {
  return multivariateInformation(variables, options, run).totalCorrelation;
}

/**
 * Dual total correlation (binding information) DTC = H(X) - sum_j H(X_j | X_{-j}) (Han 1978);
 * Gaussian: 1/2 [log det S + sum_j log (S^-1)_jj]. See `multivariateInformation`.
 * @example dualTotalCorrelation([x, y, z]).value
 */
export function dualTotalCorrelation(variables: readonly VariableInput[], options: MultivariateOptions = {}, run: RunOptions = {}): Estimate {
  return multivariateInformation(variables, options, run).dualTotalCorrelation;
}

/**
 * O-information Omega = TC - DTC = (n - 2) H(X) + sum_j [H(X_j) - H(X_{-j})] (Rosas et al. 2019):
 * positive when redundancy dominates, negative when synergy dominates; 0 for n = 2.
 * See `multivariateInformation`.
 * @example oInformation([x, y, z], { estimator: "plugin" }, { units: "bits" }).value
 */
export function oInformation(variables: readonly VariableInput[], options: MultivariateOptions = {}, run: RunOptions = {}): Estimate {
  return multivariateInformation(variables, options, run).oInformation;
}

/**
 * S-information S = TC + DTC = sum_j I(X_j; X_{-j}) (Rosas et al. 2019), the total amount of
 * interdependence. See `multivariateInformation`.
 * @example sInformation([x, y, z]).value
 */
export function sInformation(variables: readonly VariableInput[], options: MultivariateOptions = {}, run: RunOptions = {}): Estimate {
  return multivariateInformation(variables, options, run).sInformation;
}

/** The columns of `m` as separate one-column variables (names carried over). */
export function columnsAsVariables(m: Matrix): Matrix[] {
  const out: Matrix[] = [];
  for (let j = 0; j < m.cols; j++) {
    const data = new Float64Array(m.rows);
    for (let i = 0; i < m.rows; i++) data[i] = m.data[i * m.cols + j];
    const name = m.columnNames?.[j];
    out.push(Object.freeze({ data, rows: m.rows, cols: 1, ...(name !== undefined ? { columnNames: [name] } : {}) }));
  }
  return out;
}
