/**
 * Partial information decomposition (PID) of the information two sources S1, S2 carry about a
 * target T (Williams & Beer 2010) into redundancy, two unique informations and synergy:
 *   I(T; S1, S2) = Red + Unq1 + Unq2 + Syn,  I(T; S1) = Red + Unq1,  I(T; S2) = Red + Unq2.
 * Fixing one atom fixes all four. Measures:
 *   "imin"   Williams-Beer I_min (iMin.ts);
 *   "broja"  Bertschinger-Rauh-Olbrich-Jost-Ay unique information (broja.ts, convex solver with a
 *            duality-gap certificate);
 *   "mmi"    minimum mutual information, Red = min_i I(T; S_i) (for jointly Gaussian variables
 *            with a univariate target this is what BROJA and other measures give, Barrett 2015;
 *            see gaussianPid.ts).
 */
import { toDiscreteVariable, type DiscreteInput } from "../../core/data/labels.js";
import { assertKnownOptions } from "../../core/data/validate.js";
import { InvalidArgumentError, throwIfAborted } from "../../core/errors.js";
import { REFERENCES } from "../../core/references.js";
import type { Diagnostics, Reference, ResultWarning, RunOptions, Units } from "../../core/types.js";
import { fromNats, resolveUnits } from "../../core/units.js";
import { warning } from "../../core/warnings.js";
import { brojaSolve } from "./broja.js";
import { iMinRedundancy } from "./iMin.js";
import { empiricalPidDistribution, pidMarginals, pidMutualInformations, type PidDistribution } from "./pidDistribution.js";

export type PidMeasure = "imin" | "broja" | "mmi";
export const PID_MEASURES: readonly PidMeasure[] = Object.freeze(["imin", "broja", "mmi"]);

/** The four atoms and the three mutual informations, in `units`. */
export interface PidResult {
  readonly measure: PidMeasure;
  /** How the distribution was obtained: "plugin" (empirical frequencies), "gaussian" (covariance) or "distribution" (given). */
  readonly estimator: "plugin" | "gaussian" | "distribution";
  readonly units: Units;
  readonly redundancy: number;
  readonly unique1: number;
  readonly unique2: number;
  readonly synergy: number;
  readonly mutualInformation: { readonly joint: number; readonly source1: number; readonly source2: number };
  /** Rows of data, when estimated from data. */
  readonly n?: number;
  readonly diagnostics: Diagnostics;
  readonly references: readonly Reference[];
}

export interface PidOptions {
  /** Default "broja". */
  readonly measure?: PidMeasure;
  /** BROJA: duality-gap tolerance in nats (default 1e-8). */
  readonly tolerance?: number;
  /** BROJA: iteration cap (default 20000). */
  readonly maxIterations?: number;
}

const KNOWN = ["measure", "tolerance", "maxIterations"] as const;

function resolveMeasure(fn: string, options: PidOptions): PidMeasure {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError(`${fn}: options must be an object; got ${String(options)}.`, "options");
  }
  assertKnownOptions(fn, options, KNOWN);
  const measure = options.measure ?? "broja";
  if (!PID_MEASURES.includes(measure)) {
    throw new InvalidArgumentError(`${fn}: measure must be one of ${PID_MEASURES.join(", ")}; got ${JSON.stringify(measure)}.`, "measure");
  }
  return measure;
}

const MEASURE_REFERENCES: Record<PidMeasure, Reference[]> = {
  imin: [REFERENCES.williamsBeer2010],
  broja: [REFERENCES.bertschinger2014, REFERENCES.williamsBeer2010],
  mmi: [REFERENCES.barrett2015, REFERENCES.williamsBeer2010],
};

/** Builds a frozen PidResult from the redundancy and the mutual informations (nats). */
export function pidFromRedundancy(
  fn: string,
  measure: PidMeasure,
  estimator: PidResult["estimator"],
  redNats: number,
  mi: { joint: number; source1: number; source2: number },
  units: Units,
  extra: { n?: number; details?: Record<string, unknown>; warnings?: ResultWarning[]; references?: Reference[]; startedAt: number; slackNats?: number },
): PidResult {
  const atoms = {
    redundancy: redNats,
    unique1: mi.source1 - redNats,
    unique2: mi.source2 - redNats,
    synergy: mi.joint - mi.source1 - mi.source2 + redNats,
  };
  const warnings = [...(extra.warnings ?? [])];
  // Atoms below -(1e-9 + solver gap) nats: more than rounding or the solver's certified error.
  const negative = Object.entries(atoms).filter(([, v]) => v < -(1e-9 + (extra.slackNats ?? 0)));
  if (negative.length > 0) {
    warnings.push(
      warning(
        "negative-estimate",
        `${fn}: negative PID atom${negative.length > 1 ? "s" : ""} ${negative.map(([k, v]) => `${k} = ${v.toPrecision(4)} nats`).join(", ")}; returned raw, not clipped.`,
      ),
    );
  }
  const c = (v: number) => fromNats(v, units);
  return Object.freeze({
    measure,
    estimator,
    units,
    redundancy: c(atoms.redundancy),
    unique1: c(atoms.unique1),
    unique2: c(atoms.unique2),
    synergy: c(atoms.synergy),
    mutualInformation: Object.freeze({ joint: c(mi.joint), source1: c(mi.source1), source2: c(mi.source2) }),
    ...(extra.n !== undefined ? { n: extra.n } : {}),
    diagnostics: Object.freeze({
      warnings: Object.freeze(warnings),
      elapsedMs: performance.now() - extra.startedAt,
      details: Object.freeze({ ...(extra.details ?? {}) }),
    }),
    references: Object.freeze(extra.references ?? MEASURE_REFERENCES[measure]),
  });
}

/**
 * PID of a given joint distribution (exact, no sampling). For "broja", details hold the solver's
 * certificate: `gap` (in `units`; every atom is within it of the exact value), `iterations`,
 * `converged`, `marginalResidual`.
 * @throws InvalidArgumentError for bad options or units.
 * @example
 * const and = pidDistributionFromOutcomes([[0, 0, 0, .25], [0, 1, 0, .25], [1, 0, 0, .25], [1, 1, 1, .25]]);
 * pidFromDistribution(and, { measure: "broja" }, { units: "bits" }).synergy; // 0.5
 */
export function pidFromDistribution(d: PidDistribution, options: PidOptions = {}, run: RunOptions = {}): PidResult {
  return decompose("pidFromDistribution", d, options, run, "distribution", undefined);
}

function decompose(
  fn: string,
  d: PidDistribution,
  options: PidOptions,
  run: RunOptions,
  estimator: PidResult["estimator"],
  n: number | undefined,
): PidResult {
  const startedAt = performance.now();
  const measure = resolveMeasure(fn, options);
  const units = resolveUnits(run.units, fn);
  throwIfAborted(run.signal, fn);
  const m = pidMarginals(d);
  const mi = pidMutualInformations(d, m);
  const details: Record<string, unknown> = {};
  const warnings: ResultWarning[] = [];
  let red: number;
  let slackNats = 0;
  if (measure === "imin") red = iMinRedundancy(d, m);
  else if (measure === "mmi") red = Math.min(mi.source1, mi.source2);
  else {
    const sol = brojaSolve(d, { tolerance: options.tolerance, maxIterations: options.maxIterations }, run.signal, m);
    // Unq1 = min I_Q(T; S1 | S2) = min I_Q(T; S1, S2) - I(T; S2), so Red = I(T; S1) + I(T; S2) - min.
    red = mi.source1 + mi.source2 - sol.value;
    slackNats = sol.gap;
    details.gap = fromNats(sol.gap, units);
    details.lowerBound = fromNats(sol.lowerBound, units);
    details.minJointInformation = fromNats(sol.value, units);
    details.iterations = sol.iterations;
    details.converged = sol.converged;
    details.marginalResidual = sol.marginalResidual;
    if (!sol.converged) {
      warnings.push({
        code: "not-converged",
        message: `${fn}: the BROJA solver stopped after ${sol.iterations} iterations with a duality gap of ${sol.gap.toPrecision(3)} nats (tolerance ${options.tolerance ?? 1e-8}); every atom is within the gap of its exact value.`,
      });
    }
  }
  run.onProgress?.({ done: 1, total: 1, label: `${fn}: ${measure}` });
  return pidFromRedundancy(fn, measure, estimator, red, mi, units, { n, details, warnings, startedAt, slackNats });
}

/**
 * PID of discrete data: sources `s1`, `s2` and target `t` paired row by row (codes, strings,
 * `Labels`, or integer-coded Matrix columns; a multi-column source is one joint variable). The
 * distribution is the empirical one (plug-in), so every atom inherits the plug-in bias: with
 * N samples and K cells, mutual informations are biased upward by about (K - 1)/(2N) nats and
 * spurious synergy appears in small samples; check with more data or a permutation baseline.
 *
 * Complexity O(N + n1 n2 nt) for I_min and MMI; BROJA adds the solver (broja.ts).
 * @throws InvalidArgumentError, UnsupportedDataError, ShapeMismatchError (row counts differ).
 * @example
 * pid([0, 0, 1, 1], [0, 1, 0, 1], [0, 1, 1, 0], { measure: "broja" }, { units: "bits" }).synergy; // 1 (XOR)
 */
export function pid(s1: DiscreteInput, s2: DiscreteInput, t: DiscreteInput, options: PidOptions = {}, run: RunOptions = {}): PidResult {
  const fn = "pid";
  resolveMeasure(fn, options);
  const v1 = toDiscreteVariable(s1, "s1", fn);
  const v2 = toDiscreteVariable(s2, "s2", fn);
  const vt = toDiscreteVariable(t, "t", fn);
  const d = empiricalPidDistribution(v1.labels, v2.labels, vt.labels, fn);
  return decompose(fn, d, options, run, "plugin", v1.labels.codes.length);
}
