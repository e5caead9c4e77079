/**
 * Discrete (count-based) estimators of entropy, mutual information and conditional mutual
 * information, for categorical data: integer codes or strings, `Labels`, or integer-coded
 * Matrix columns (several columns are one joint variable).
 *
 * Every estimator id is an entropy estimator of a count vector (see ./discrete/*.ts); MI and
 * CMI are the entropy combinations
 *   I(X;Y)   = H(X) + H(Y) - H(X,Y)
 *   I(X;Y|Z) = H(X,Z) + H(Y,Z) - H(X,Y,Z) - H(Z)
 * with the SAME entropy estimator for every term. Bias of the combination: the plug-in MI is
 * biased upward (about (Kx - 1)(Ky - 1)/(2N) under independence), and it is never negative.
 * Miller-Madow removes the first-order term, (K-hat_XY - K-hat_X - K-hat_Y + 1)/(2N); the
 * other corrections remove more of the bias of each term, but the differences of corrected
 * terms are not bounded below by 0: a negative estimate is returned raw with a
 * `negative-estimate` warning. NSB uses the alphabet size of each term (the product of the
 * variables' alphabet sizes for a joint term), so it is not "NSB for MI" in the sense of a
 * joint prior on p(x, y); it is the difference of NSB entropies.
 *
 * Complexity O(N + K) per term (NSB: O(N + G E), G distinct count values, E ~ 10^3-10^4
 * integrand evaluations).
 */
import { finishEstimate } from "../core/estimate.js";
import { InsufficientSamplesError, ShapeMismatchError, throwIfAborted, UnknownEstimatorError } from "../core/errors.js";
import { countLabels } from "../core/data/contingency.js";
import { jointLabels, toDiscreteVariable, type DiscreteInput, type DiscreteVariable } from "../core/data/labels.js";
import { assertKnownOptions, integerOption } from "../core/data/validate.js";
import { REFERENCES } from "../core/references.js";
import { meanCompensated } from "../core/special/sum.js";
import type { CMIEstimator, EntropyEstimator, Estimate, Labels, MIEstimator, Reference, ResultWarning, RunOptions } from "../core/types.js";
import { fromNats, resolveUnits } from "../core/units.js";
import { smallSampleWarning, warning, WARNING_CODES } from "../core/warnings.js";
import type { EstimatorDescriptor, OptionSpec } from "./descriptor.js";
import { chaoShenEntropyOfCounts } from "./discrete/chaoShenEntropyOfCounts.js";
import { grassbergerEntropyOfCounts } from "./discrete/grassbergerEntropyOfCounts.js";
import { jackknifeEntropyOfCounts } from "./discrete/jackknifeEntropyOfCounts.js";
import { millerMadowEntropyOfCounts } from "./discrete/millerMadowEntropyOfCounts.js";
import { nsbEntropyDetailed } from "./discrete/nsbEntropyOfCounts.js";
import { pluginEntropyOfCounts } from "./discrete/pluginEntropyOfCounts.js";

export type { DiscreteInput } from "../core/data/labels.js";

/** Stable ids of the discrete estimators. */
export type DiscreteEstimatorId = "plugin" | "miller-madow" | "grassberger" | "chao-shen" | "nsb" | "jackknife";

export const DISCRETE_ESTIMATOR_IDS: readonly DiscreteEstimatorId[] = Object.freeze([
  "plugin",
  "miller-madow",
  "grassberger",
  "chao-shen",
  "nsb",
  "jackknife",
]);

export interface DiscreteOptions {
  /**
   * NSB entropy only: alphabet size K (>= the number of distinct values seen). Default: the
   * variable's alphabet (Labels.cardinality; the number of distinct values of raw values; the
   * product over Matrix columns of their distinct values). For MI and CMI each term uses the
   * product of its variables' alphabets; pass `Labels` with the true `cardinality` to set them.
   */
  readonly alphabetSize?: number;
}

export interface DiscreteEntropyEstimator extends EntropyEstimator<DiscreteOptions> {
  estimate(x: DiscreteInput, run?: RunOptions): Estimate;
}
export interface DiscreteMIEstimator extends MIEstimator<DiscreteOptions> {
  estimate(x: DiscreteInput, y: DiscreteInput, run?: RunOptions): Estimate;
}
export interface DiscreteCMIEstimator extends CMIEstimator<DiscreteOptions> {
  estimate(x: DiscreteInput, y: DiscreteInput, z: DiscreteInput, run?: RunOptions): Estimate;
}

interface TermResult {
  readonly nats: number;
  readonly sd?: number;
  readonly observedBins: number;
  readonly alphabetSize: number;
  readonly n: number;
}

interface IdSpec {
  readonly summary: string;
  readonly references: () => readonly Reference[];
  readonly minRows: number;
  /** Entropy of one term in nats, with a posterior SD where the method has one (NSB). */
  readonly term: (counts: Int32Array, alphabetSize: number, warnings: ResultWarning[], label: string) => { nats: number; sd?: number };
}

const SPECS: Record<DiscreteEstimatorId, IdSpec> = {
  plugin: {
    summary: "Plug-in (maximum-likelihood) entropy and MI of discrete codes; biased (MI upward).",
    references: () => [REFERENCES.coverThomas2006],
    minRows: 1,
    term: (c) => ({ nats: pluginEntropyOfCounts(c) }),
  },
  "miller-madow": {
    summary: "Miller-Madow bias-corrected plug-in: + (observed bins - 1)/(2N) per entropy term.",
    references: () => [REFERENCES.miller1955],
    minRows: 1,
    term: (c) => ({ nats: millerMadowEntropyOfCounts(c) }),
  },
  grassberger: {
    summary: "Grassberger (2003) coincidence-corrected entropy, G(n) digamma form.",
    references: () => [REFERENCES.grassberger2003],
    minRows: 1,
    term: (c) => ({ nats: grassbergerEntropyOfCounts(c) }),
  },
  "chao-shen": {
    summary: "Chao-Shen (2003) coverage-adjusted Horvitz-Thompson entropy, for unseen categories.",
    references: () => [REFERENCES.chaoShen2003],
    minRows: 1,
    term: (c) => ({ nats: chaoShenEntropyOfCounts(c) }),
  },
  nsb: {
    summary: "NSB Bayesian entropy (posterior mean under a mixture of Dirichlet priors flat in entropy).",
    references: () => [REFERENCES.nemenman2002],
    minRows: 1,
    term: (c, k, warnings, label) => {
      const r = nsbEntropyDetailed(c, k);
      if (r.coincidences === 0 && r.n > 1) {
        warnings.push(
          warning(
            WARNING_CODES.smallSample,
            `nsb: ${label} has no coincidences (all ${r.n} values distinct); the NSB estimate is dominated by the prior and pulled towards log K = ${Math.log(k).toPrecision(6)} nats.`,
          ),
        );
      }
      return { nats: r.value, sd: r.posteriorSd };
    },
  },
  jackknife: {
    summary: "Jackknife (leave-one-out) bias-corrected plug-in entropy.",
    references: () => [REFERENCES.zahl1977],
    minRows: 2,
    term: (c) => ({ nats: jackknifeEntropyOfCounts(c) }),
  },
};

const OPTION_SPECS: Record<DiscreteEstimatorId, readonly OptionSpec[]> = {
  plugin: [],
  "miller-madow": [],
  grassberger: [],
  "chao-shen": [],
  jackknife: [],
  nsb: [
    {
      name: "alphabetSize",
      type: "integer",
      description:
        "Entropy only: alphabet size K (>= distinct values seen). Default: the variable's alphabet (distinct values, or the product over columns).",
      min: 1,
    },
  ],
};

function resolveId(id: string): DiscreteEstimatorId {
  if (!(DISCRETE_ESTIMATOR_IDS as readonly string[]).includes(id)) {
    throw new UnknownEstimatorError(id, DISCRETE_ESTIMATOR_IDS);
  }
  return id as DiscreteEstimatorId;
}

function resolveOptions(id: DiscreteEstimatorId, options: DiscreteOptions, fn: string, quantity: "entropy" | "mi" | "cmi"): DiscreteOptions {
  const known = id === "nsb" && quantity === "entropy" ? ["alphabetSize"] : [];
  assertKnownOptions(fn, options ?? {}, known);
  if (options?.alphabetSize !== undefined) {
    return Object.freeze({ alphabetSize: integerOption(fn, "alphabetSize", options.alphabetSize, 1) });
  }
  return Object.freeze({});
}

function checkRows(fn: string, vars: readonly [string, DiscreteVariable][], minRows: number): number {
  const [name0, v0] = vars[0];
  const n = v0.labels.codes.length;
  for (const [name, v] of vars.slice(1)) {
    if (v.labels.codes.length !== n) {
      throw new ShapeMismatchError(
        `${fn}: ${name} has ${v.labels.codes.length} rows but ${name0} has ${n}; they must be paired row by row.`,
      );
    }
  }
  if (n < minRows) {
    throw new InsufficientSamplesError(`${fn}: needs at least ${minRows} rows; got ${n}.`, minRows, n);
  }
  return n;
}

/** The generic `small-sample` warning (N < SMALL_SAMPLE_ROWS), unless a more specific one was given. */
function addSmallSample(fn: string, n: number, warnings: ResultWarning[]): void {
  if (warnings.some((w) => w.code === WARNING_CODES.smallSample)) return;
  const w = smallSampleWarning(fn, n);
  if (w) warnings.push(w);
}

function entropyTerm(spec: IdSpec, labels: Labels, alphabetSize: number, warnings: ResultWarning[], label: string, id: string): TermResult {
  const counts = countLabels(labels);
  let observedBins = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) observedBins++;
  const n = labels.codes.length;
  if (id !== "nsb" && observedBins === n && n > 1) {
    warnings.push(
      warning(
        WARNING_CODES.smallSample,
        `${id}: ${label} has no repeated values (${n} distinct in ${n} rows); the estimate is dominated by sampling bias.`,
      ),
    );
  }
  return { ...spec.term(counts, alphabetSize, warnings, label), observedBins, alphabetSize, n };
}

function termDetails(terms: Record<string, TermResult>, units: "nats" | "bits"): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, t] of Object.entries(terms)) {
    out[k] = Object.freeze({
      value: fromNats(t.nats, units),
      ...(t.sd !== undefined ? { posteriorSd: fromNats(t.sd, units) } : {}),
      observedBins: t.observedBins,
      alphabetSize: t.alphabetSize,
    });
  }
  return { terms: Object.freeze(out) };
}

function negativeWarning(fn: string, v: number, what: string): ResultWarning | undefined {
  // Below -1e-12 nats: more than the rounding of a plug-in sum.
  if (v < -1e-12) {
    return warning(WARNING_CODES.negativeEstimate, `${fn}: the ${what} estimate is negative (${v.toPrecision(4)} nats); returned raw, not clipped.`);
  }
  return undefined;
}

/**
 * Entropy estimator `id` for one discrete variable. Returns nats by default (`run.units`).
 * Plug-in also returns local values -log p-hat(x_i). NSB reports the posterior standard
 * deviation of the entropy as `uncertainty.se` (a Bayesian error bar, not a frequentist SE).
 * @throws InvalidArgumentError (options, data), UnsupportedDataError (non-integer Matrix values),
 *   InsufficientSamplesError (no rows; jackknife: fewer than 2).
 * @example discreteEntropy("miller-madow").estimate(["a", "b", "a", "c"]).value
 */
export function discreteEntropy(id: DiscreteEstimatorId, options: DiscreteOptions = {}): DiscreteEntropyEstimator {
  const fn = resolveId(id);
  const spec = SPECS[fn];
  const resolved = resolveOptions(fn, options, fn, "entropy");
  return Object.freeze({
    id: fn,
    options: resolved,
    estimate(x: DiscreteInput, run: RunOptions = {}): Estimate {
      const startedAt = performance.now();
      const units = resolveUnits(run.units, fn);
      throwIfAborted(run.signal, fn);
      const vx = toDiscreteVariable(x, "x", fn);
      const n = checkRows(fn, [["x", vx]], spec.minRows);
      const k = resolved.alphabetSize ?? vx.alphabetSize;
      const warnings: ResultWarning[] = [];
      const terms = { "H(X)": entropyTerm(spec, vx.labels, k, warnings, "X", fn) };
      let valueNats = terms["H(X)"].nats;
      let localNats: Float64Array | undefined;
      if (fn === "plugin") {
        const counts = countLabels(vx.labels);
        localNats = new Float64Array(n);
        const codes = vx.labels.codes;
        for (let i = 0; i < n; i++) localNats[i] = -Math.log(counts[codes[i]] / n);
        valueNats = meanCompensated(localNats);
      }
      addSmallSample(fn, n, warnings);
      return finishEstimate(
        {
          quantity: "entropy",
          valueNats,
          estimator: fn,
          params: fn === "nsb" ? { alphabetSize: k } : { ...resolved },
          n,
          ...(localNats && run.local !== false ? { localNats } : {}),
          ...(terms["H(X)"].sd !== undefined ? { uncertaintyNats: { se: terms["H(X)"].sd } } : {}),
          warnings,
          details: { ...termDetails(terms, units), ...(fn === "nsb" ? { uncertaintyMethod: "NSB posterior standard deviation" } : {}) },
          references: spec.references(),
          startedAt,
        },
        units,
      );
    },
  });
}

/**
 * MI estimator `id`: I = H(X) + H(Y) - H(X,Y), every term with the same entropy estimator
 * (see the module comment for the bias). Plug-in also returns local values
 * log(N n_xy / (n_x n_y)), whose mean is the estimate.
 * @throws InvalidArgumentError, UnsupportedDataError, ShapeMismatchError (row counts differ),
 *   InsufficientSamplesError.
 * @example discreteMI("plugin").estimate([0, 0, 1, 1], ["a", "a", "b", "b"]).value // ln 2
 */
export function discreteMI(id: DiscreteEstimatorId, options: DiscreteOptions = {}): DiscreteMIEstimator {
  const fn = resolveId(id);
  const spec = SPECS[fn];
  const resolved = resolveOptions(fn, options, fn, "mi");
  return Object.freeze({
    id: fn,
    options: resolved,
    estimate(x: DiscreteInput, y: DiscreteInput, run: RunOptions = {}): Estimate {
      const startedAt = performance.now();
      const units = resolveUnits(run.units, fn);
      throwIfAborted(run.signal, fn);
      const vx = toDiscreteVariable(x, "x", fn);
      const vy = toDiscreteVariable(y, "y", fn);
      const n = checkRows(fn, [["x", vx], ["y", vy]], spec.minRows);
      const xy = jointLabels(vx.labels, vy.labels, fn);
      const warnings: ResultWarning[] = [];
      const terms = {
        "H(X)": entropyTerm(spec, vx.labels, vx.alphabetSize, warnings, "X", fn),
        "H(Y)": entropyTerm(spec, vy.labels, vy.alphabetSize, warnings, "Y", fn),
        "H(X,Y)": entropyTerm(spec, xy, vx.alphabetSize * vy.alphabetSize, warnings, "(X,Y)", fn),
      };
      let valueNats = terms["H(X)"].nats + terms["H(Y)"].nats - terms["H(X,Y)"].nats;
      let localNats: Float64Array | undefined;
      if (fn === "plugin") {
        const cx = countLabels(vx.labels);
        const cy = countLabels(vy.labels);
        const cxy = countLabels(xy);
        const ax = vx.labels.codes;
        const ay = vy.labels.codes;
        const axy = xy.codes;
        localNats = new Float64Array(n);
        for (let i = 0; i < n; i++) localNats[i] = Math.log((n * cxy[axy[i]]) / (cx[ax[i]] * cy[ay[i]]));
        valueNats = meanCompensated(localNats);
      }
      const neg = negativeWarning(fn, valueNats, "mutual information");
      if (neg) warnings.push(neg);
      addSmallSample(fn, n, warnings);
      return finishEstimate(
        {
          quantity: "mutual-information",
          valueNats,
          estimator: fn,
          params: { ...resolved, combination: "H(X) + H(Y) - H(X,Y)" },
          n,
          ...(localNats && run.local !== false ? { localNats } : {}),
          warnings,
          details: termDetails(terms, units),
          references: spec.references(),
          startedAt,
        },
        units,
      );
    },
  });
}

/**
 * Conditional MI estimator `id`: I(X;Y|Z) = H(X,Z) + H(Y,Z) - H(X,Y,Z) - H(Z), every term with
 * the same entropy estimator. Plug-in also returns local values
 * log(n_xyz n_z / (n_xz n_yz)), whose mean is the estimate.
 * @throws InvalidArgumentError, UnsupportedDataError, ShapeMismatchError, InsufficientSamplesError.
 */
export function discreteCMI(id: DiscreteEstimatorId, options: DiscreteOptions = {}): DiscreteCMIEstimator {
  const fn = resolveId(id);
  const spec = SPECS[fn];
  const resolved = resolveOptions(fn, options, fn, "cmi");
  return Object.freeze({
    id: fn,
    options: resolved,
    estimate(x: DiscreteInput, y: DiscreteInput, z: DiscreteInput, run: RunOptions = {}): Estimate {
      const startedAt = performance.now();
      const units = resolveUnits(run.units, fn);
      throwIfAborted(run.signal, fn);
      const vx = toDiscreteVariable(x, "x", fn);
      const vy = toDiscreteVariable(y, "y", fn);
      const vz = toDiscreteVariable(z, "z", fn);
      const n = checkRows(fn, [["x", vx], ["y", vy], ["z", vz]], spec.minRows);
      const xz = jointLabels(vx.labels, vz.labels, fn);
      const yz = jointLabels(vy.labels, vz.labels, fn);
      const xyz = jointLabels(xz, vy.labels, fn);
      const kx = vx.alphabetSize;
      const ky = vy.alphabetSize;
      const kz = vz.alphabetSize;
      const warnings: ResultWarning[] = [];
      const terms = {
        "H(X,Z)": entropyTerm(spec, xz, kx * kz, warnings, "(X,Z)", fn),
        "H(Y,Z)": entropyTerm(spec, yz, ky * kz, warnings, "(Y,Z)", fn),
        "H(X,Y,Z)": entropyTerm(spec, xyz, kx * ky * kz, warnings, "(X,Y,Z)", fn),
        "H(Z)": entropyTerm(spec, vz.labels, kz, warnings, "Z", fn),
      };
      let valueNats = terms["H(X,Z)"].nats + terms["H(Y,Z)"].nats - terms["H(X,Y,Z)"].nats - terms["H(Z)"].nats;
      let localNats: Float64Array | undefined;
      if (fn === "plugin") {
        const cxz = countLabels(xz);
        const cyz = countLabels(yz);
        const cxyz = countLabels(xyz);
        const cz = countLabels(vz.labels);
        localNats = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          localNats[i] = Math.log((cxyz[xyz.codes[i]] * cz[vz.labels.codes[i]]) / (cxz[xz.codes[i]] * cyz[yz.codes[i]]));
        }
        valueNats = meanCompensated(localNats);
      }
      const neg = negativeWarning(fn, valueNats, "conditional mutual information");
      if (neg) warnings.push(neg);
      addSmallSample(fn, n, warnings);
      return finishEstimate(
        {
          quantity: "conditional-mutual-information",
          valueNats,
          estimator: fn,
          params: { ...resolved, combination: "H(X,Z) + H(Y,Z) - H(X,Y,Z) - H(Z)" },
          n,
          ...(localNats && run.local !== false ? { localNats } : {}),
          warnings,
          details: termDetails(terms, units),
          references: spec.references(),
          startedAt,
        },
        units,
      );
    },
  });
}

/* Per-id factories. */
export const pluginEntropy = (o: DiscreteOptions = {}) => discreteEntropy("plugin", o);
export const pluginMI = (o: DiscreteOptions = {}) => discreteMI("plugin", o);
export const pluginCMI = (o: DiscreteOptions = {}) => discreteCMI("plugin", o);
export const millerMadowEntropy = (o: DiscreteOptions = {}) => discreteEntropy("miller-madow", o);
export const millerMadowMI = (o: DiscreteOptions = {}) => discreteMI("miller-madow", o);
export const millerMadowCMI = (o: DiscreteOptions = {}) => discreteCMI("miller-madow", o);
export const grassbergerEntropy = (o: DiscreteOptions = {}) => discreteEntropy("grassberger", o);
export const grassbergerMI = (o: DiscreteOptions = {}) => discreteMI("grassberger", o);
export const grassbergerCMI = (o: DiscreteOptions = {}) => discreteCMI("grassberger", o);
export const chaoShenEntropy = (o: DiscreteOptions = {}) => discreteEntropy("chao-shen", o);
export const chaoShenMI = (o: DiscreteOptions = {}) => discreteMI("chao-shen", o);
export const chaoShenCMI = (o: DiscreteOptions = {}) => discreteCMI("chao-shen", o);
export const nsbEntropy = (o: DiscreteOptions = {}) => discreteEntropy("nsb", o);
export const nsbMI = (o: DiscreteOptions = {}) => discreteMI("nsb", o);
export const nsbCMI = (o: DiscreteOptions = {}) => discreteCMI("nsb", o);
export const jackknifeEntropy = (o: DiscreteOptions = {}) => discreteEntropy("jackknife", o);
export const jackknifeMI = (o: DiscreteOptions = {}) => discreteMI("jackknife", o);
export const jackknifeCMI = (o: DiscreteOptions = {}) => discreteCMI("jackknife", o);

function discreteDescriptor(id: DiscreteEstimatorId): EstimatorDescriptor {
  const spec = SPECS[id];
  return Object.freeze({
    id,
    summary: spec.summary,
    family: "discrete",
    accepts: ["discrete"],
    options: OPTION_SPECS[id],
    references: spec.references(),
    complexity: id === "nsb" ? "O(N + G E): G distinct counts, E ~ 10^3-10^4 quadrature points" : "O(N + K)",
    mi: (o: Record<string, unknown>) => discreteMI(id, o as DiscreteOptions),
    cmi: (o: Record<string, unknown>) => discreteCMI(id, o as DiscreteOptions),
    entropy: (o: Record<string, unknown>) => discreteEntropy(id, o as DiscreteOptions),
  } satisfies EstimatorDescriptor);
}

/** Registry entry "plugin". */
export const pluginDescriptor: EstimatorDescriptor = discreteDescriptor("plugin");
/** Registry entry "miller-madow". */
export const millerMadowDescriptor: EstimatorDescriptor = discreteDescriptor("miller-madow");
/** Registry entry "grassberger". */
export const grassbergerDescriptor: EstimatorDescriptor = discreteDescriptor("grassberger");
/** Registry entry "chao-shen". */
export const chaoShenDescriptor: EstimatorDescriptor = discreteDescriptor("chao-shen");
/** Registry entry "nsb". */
export const nsbDescriptor: EstimatorDescriptor = discreteDescriptor("nsb");
/** Registry entry "jackknife". */
export const jackknifeDescriptor: EstimatorDescriptor = discreteDescriptor("jackknife");
