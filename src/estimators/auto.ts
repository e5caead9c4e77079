import { toPairedMatrices, type MatrixInput } from "../core/data/validate.js";
import { InsufficientSamplesError, throwIfAborted } from "../core/errors.js";
import { validateSeed } from "../core/random/rng.js";
import { REFERENCES } from "../core/references.js";
import type { Estimate, MIEstimator, ResultWarning, RunOptions, Units } from "../core/types.js";
import { resolveUnits } from "../core/units.js";
import { WARNING_CODES } from "../core/warnings.js";
import { AUTO_RULES } from "./auto/autoRules.js";
import { candidatePanel, ruleCandidate, type AutoCandidate } from "./auto/candidatePanel.js";
import { candidateInterval, type CandidateInterval } from "./auto/candidateInterval.js";
import { chooseEstimator, defaultK, fmt, SUBSAMPLE_REASON } from "./auto/chooseEstimator.js";
import { profileData } from "./auto/profileData.js";
import { AUTO_ID, AUTO_KINDS, resolveAutoOptions, type AutoOptions, type ResolvedAutoOptions } from "./auto/resolveAutoOptions.js";
import type { EstimatorDescriptor } from "./descriptor.js";
import { SingularCovarianceError } from "./gaussian.js";

/**
 * `auto`: picks an MI estimator and its settings from the data's regime and returns the estimate
 * with a confidence interval and the reasons for the choice (docs/estimators.md, section "auto";
 * calibration in docs/benchmarks.md, `node scripts/calibrate-auto.mjs`). The parts live in
 * ./auto/: resolveAutoOptions (options), profileData (the regime), chooseEstimator and autoRules
 * (the rules), summaries and candidatePanel (the lower-bound candidates), candidateInterval
 * (subsampling interval with the bias term).
 */

export { AUTO_RULES } from "./auto/autoRules.js";
export { buildEstimator, candidatePanel, canonicalPairsEstimator, normSummaryEstimator, ruleCandidate, ruleKnnDims, type AutoCandidate } from "./auto/candidatePanel.js";
export { candidateInterval, extrapolateBias, rateFloorRatio, widenedInterval, type BiasExtrapolation, type CandidateInterval } from "./auto/candidateInterval.js";
export { chooseEstimator, defaultK, type AutoChoice } from "./auto/chooseEstimator.js";
export { profileData, type AutoProfile, type ColumnProfile } from "./auto/profileData.js";
export { resolveAutoOptions, type AutoKind, type AutoOptions, type ResolvedAutoOptions } from "./auto/resolveAutoOptions.js";
export { canonicalPairs, normalScores, normSummary, tScores, whiten } from "./auto/summaries.js";
export { copulaLogLikelihood, fitCopulaNu, T_COPULA_NU_GRID } from "./auto/tCopula.js";

/** An auto estimator: `estimate(x, y, run)` resolves to an Estimate with `uncertainty.ci`. */
export interface AutoEstimator extends MIEstimator<ResolvedAutoOptions> {
  estimate(x: MatrixInput, y: MatrixInput, run?: RunOptions): Promise<Estimate>;
}

/** Stable warning codes added by auto. */
export const AUTO_WARNING_CODES = Object.freeze({
  /** The chosen estimator assumes a Gaussian copula; other dependence is (largely) missed. */
  gaussianAssumption: "gaussian-assumption",
  /**
   * The upper end comes from a kNN candidate whose estimate still rises with N (rate floor of the
   * bias term); the shared code WARNING_CODES.stillRising, which the neural estimators also use.
   */
  stillRising: WARNING_CODES.stillRising,
} as const);

const DEFAULT_RESAMPLES = 100;

function describe(c: CandidateInterval, what: string, level: number): string {
  return (
    `candidate ${c.id} (${what}): ${fmt(c.value, 4)}, ${Math.round(level * 100)}% interval [${fmt(c.lower, 4)}, ${fmt(c.upper, 4)}], ` +
    `simultaneous lower end ${fmt(c.selectionLower, 4)}` +
    (c.bias?.rateFloor ? `; still rising with N (subsample means ${fmt(c.bias.meanQuarter, 4)} at N/4, ${fmt(c.bias.meanHalf, 4)} at N/2): upper end extended by ${fmt(c.bias.extra, 4)} (decay ratio ${fmt(c.bias.ratioUsed!, 3)} per doubling)` : "")
  );
}

/**
 * Automatic MI estimator: profiles the data (`profileData`), picks an estimator and its settings
 * (`chooseEstimator`), runs it and attaches a `level` confidence interval: m-out-of-n
 * subsampling (Politis & Romano 1994) at m = ⌊N/2⌋ with the finite-population scale
 * (docs/uncertainty.md), plus subsamples at m = ⌊N/4⌋ whose mean gives the bias extrapolation of
 * `extrapolateBias`; the interval is the subsampling interval extended in the bias direction by
 * `extra` (method "subsample-bias"; "subsample" with biasTerm false or when N/4 is too small).
 * No bootstrap: a resample with replacement repeats rows, which kNN estimators see as distance 0
 * and which shifts bias-corrected estimators (gaussian-copula, Miller-Madow) by their bias at the
 * smaller effective sample size.
 *
 * For continuous X and Y (`panel`, default true) auto compares a panel of candidates
 * (`candidatePanel`): the rule's choice (KSG on the normal scores, or gaussian-copula in high
 * dimension or at small N), gaussian-copula, the norm summary (KSG on the Mahalanobis norms of the
 * normal scores, 1 + 1) and the leading canonical pairs (KSG on 2 + 2). The summaries estimate
 * I(f(X); g(Y)) for per-side maps f, g, a lower bound on I(X; Y) in the population by the
 * data-processing inequality, with less kNN bias than the full data; the Gaussian-copula value
 * is a lower bound in 1 × 1 (and exact for Gaussian copulas). Each
 * candidate gets its interval and a lower end at the Bonferroni level 1 − α/K (K candidates);
 * auto keeps the candidate with the highest such lower end (so the reported lower end is a
 * simultaneous lower confidence bound: no upward selection bias from taking a maximum), reports
 * that candidate's full-sample value, and takes as upper end the largest upper end of the panel.
 * The value is the kept candidate's raw full-sample estimate (never clipped, never
 * bias-corrected); diagnostics.details.choice holds { id, options, reasons, interval, transform },
 * details.candidates every candidate's value and intervals, details.compared their values,
 * details.profile the measured regime, details.bias the kept candidate's extrapolation,
 * details.plain the interval without bias terms.
 *
 * Cost: per candidate 1 + B·(1/2 + 1/4) full-sample runs (B = resamples, default 100).
 * Units: nats by default; `run.units = "bits"`.
 * @throws InvalidArgumentError for bad options or data; ShapeMismatchError; NonFiniteValueError;
 *   InsufficientSamplesError for fewer than 20 rows; the chosen estimator's errors.
 * @example
 * const e = await auto().estimate(x, y, { seed: 1 });
 * e.uncertainty.ci; e.diagnostics.details.choice.reasons;
 */
export function auto(options: AutoOptions = {}): AutoEstimator {
  const resolved = resolveAutoOptions(options);
  return Object.freeze({
    id: AUTO_ID,
    options: resolved,
    async estimate(x: MatrixInput, y: MatrixInput, run: RunOptions = {}): Promise<Estimate> {
      const fn = AUTO_ID;
      const startedAt = performance.now();
      const units: Units = resolveUnits(run.units, fn);
      const seed = validateSeed(run.seed, fn);
      const [xm, ym] = toPairedMatrices(fn, { x, y });
      const n = xm.rows;
      if (n < AUTO_RULES.minRows) {
        throw new InsufficientSamplesError(`${fn}: needs at least ${AUTO_RULES.minRows} rows for an estimate with an interval; got ${n}.`, AUTO_RULES.minRows, n);
      }
      throwIfAborted(run.signal, fn);
      const profile = profileData(xm, ym, resolved.xKind, resolved.yKind);
      const rule = chooseEstimator(profile, options);
      const k0 = rule.options.k as number | undefined;
      if (k0 !== undefined && k0 >= Math.floor(n / 2)) {
        throw new InsufficientSamplesError(`${fn}: k = ${k0} needs more than 2k = ${2 * k0} rows (subsamples of N/2 rows); got ${n}.`, 2 * k0 + 2, n);
      }
      const [ax, ay] = rule.swap ? [ym, xm] : [xm, ym];
      const continuous = profile.xKind === "continuous" && profile.yKind === "continuous";
      const kPanel = k0 ?? (resolved.k === "by-n" ? defaultK(n) : resolved.k);
      const panel: AutoCandidate[] =
        continuous && resolved.panel ? candidatePanel(rule, profile, kPanel) : [ruleCandidate(rule, profile)];
      const B = resolved.resamples === "default" ? DEFAULT_RESAMPLES : resolved.resamples;
      const runOpts = { seed, units, signal: run.signal, local: run.local, onProgress: run.onProgress };
      const results: CandidateInterval[] = [];
      // ran[j] is the candidate behind results[j]; a summary candidate whose covariance is singular
      // (duplicated or monotonically related columns) is skipped with a reason, the rule's own
      // choice (panel[0]) never is. The Bonferroni level keeps the planned panel size.
      const ran: AutoCandidate[] = [];
      const notes: (string | undefined)[] = [];
      const skipped: string[] = [];
      for (const [j, c] of panel.entries()) {
        const knn = c.knnDims !== undefined;
        try {
          const prepared = c.prepare?.(ax, ay);
          const r = await candidateInterval(c.id, c.estimator, prepared?.x ?? ax, prepared?.y ?? ay, {
            level: resolved.level,
            candidates: panel.length,
            replicates: B,
            biasTerm: resolved.biasTerm,
            minRows: knn ? 2 * kPanel + 1 : 3,
            ...(c.knnDims !== undefined ? { knnDims: c.knnDims } : {}),
            run: runOpts,
          });
          results.push(r);
          ran.push(c);
          notes.push(prepared?.note);
        } catch (e) {
          if (j === 0 || !(e instanceof SingularCovarianceError)) throw e;
          skipped.push(`candidate ${c.id} skipped: ${e.message}`);
        }
      }
      let best = 0;
      for (let j = 1; j < results.length; j++) if (results[j].selectionLower > results[best].selectionLower) best = j;
      const kept = results[best];
      const K = results.length;
      let upper = kept.upper;
      let plainUpper = kept.plain.upper;
      for (const r of results) {
        upper = Math.max(upper, r.upper);
        plainUpper = Math.max(plainUpper, r.plain.upper);
      }
      const lower = kept.selectionLower;
      const plainLower = kept.plain.selectionLower;
      const method = kept.bias ? "subsample-bias" : "subsample";
      // Reasons: the rule's (without its interval line), the panel, the selection, the interval.
      const reasons = rule.reasons.filter((r) => r !== SUBSAMPLE_REASON);
      if (K > 1) {
        reasons.push(
          `continuous X and Y: a panel of ${K} candidates; the summaries are lower bounds of I(X; Y) in the population (I(f(X); g(Y)) <= I(X; Y), data-processing inequality), gaussian-copula in 1 x 1 and for Gaussian copulas`,
        );
        for (let j = 0; j < K; j++) reasons.push(describe(results[j], ran[j].what + (notes[j] ? `; ${notes[j]}` : ""), resolved.level));
        reasons.push(
          `kept ${kept.id}: the highest lower end at the Bonferroni level 1 − ${Number((1 - resolved.level).toPrecision(6))}/${panel.length} (a simultaneous lower confidence end for I, so the maximum carries no selection bias); ` +
            `upper end: the largest candidate upper end ${fmt(upper, 4)}`,
        );
      }
      reasons.push(...skipped);
      reasons.push(SUBSAMPLE_REASON);
      const warnings: ResultWarning[] = [...kept.base.diagnostics.warnings];
      // No consistent candidate was run (full KSG was ruled out) and the copula was kept.
      if (kept.id === "gaussian-copula" && rule.id === "gaussian-copula" && continuous) {
        warnings.push(
          Object.freeze({
            code: AUTO_WARNING_CODES.gaussianAssumption,
            message:
              `${fn}: chose gaussian-copula for ${profile.dx + profile.dy} continuous dimensions at N = ${n}; it measures only the dependence of a Gaussian copula ` +
              `(exact for Gaussian data after any monotone map of each column) and is a lower bound in 1 x 1 (and usually below the truth otherwise) for other dependence` +
              (K > 1 ? `; the low-dimensional summaries compared with it (${results.filter((r) => r.id !== "gaussian-copula").map((r) => r.id).join(", ")}) did not find more.` : "."),
          }),
        );
      }
      // The upper end set by a kNN candidate that still rises with N: the truth may be far above the value.
      const top = results.reduce((a, b) => (b.upper > a.upper ? b : a));
      if (top.bias?.rateFloor && top.bias.extra > 0) {
        const b = top.bias;
        const d = ran[results.indexOf(top)].knnDims;
        warnings.push(
          Object.freeze({
            code: AUTO_WARNING_CODES.stillRising,
            message:
              `${fn}: ${top.id} still rises with the sample size (mean over subsamples of N/4 rows ${fmt(b.meanQuarter, 4)}, of N/2 rows ${fmt(b.meanHalf, 4)}, all N rows ${fmt(top.value, 4)}): ` +
              `the estimate has not converged and the truth may lie well above the reported ${fmt(kept.value, 4)}; the upper end ${fmt(upper, 4)} allows a bias decaying as slowly as N^(-1/${d}), the kNN rate in ${d} dimensions. More rows narrow it.`,
          }),
        );
      }
      const keptOptions = kept.id === "gaussian-copula" ? Object.freeze({}) : kept.id === rule.id ? rule.options : Object.freeze({ k: kPanel });
      const transform = kept.id === rule.id ? rule.transform : kept.id === "gaussian-copula" ? "none" : "normal-scores";
      const choiceOut = Object.freeze({ id: kept.id, options: keptOptions, reasons: Object.freeze(reasons), interval: method, transform, swapped: rule.swap, resamples: B, rule: rule.id });
      const candidates = results.map((r) =>
        Object.freeze({ id: r.id, value: r.value, lower: r.lower, upper: r.upper, selectionLower: r.selectionLower, plain: r.plain, se: r.se, ...(r.bias ? { bias: r.bias } : {}) }),
      );
      const compared = Object.fromEntries(results.map((r) => [r.id, r.value]));
      return Object.freeze({
        quantity: "mutual-information",
        value: kept.value,
        units,
        estimator: AUTO_ID,
        params: Object.freeze({ ...resolved, chosen: kept.id, chosenOptions: keptOptions, resamples: B }),
        n,
        seed,
        uncertainty: Object.freeze({ se: kept.se, ci: Object.freeze({ lower, upper, level: resolved.level, method }) }),
        ...(kept.base.local ? { local: kept.base.local } : {}),
        diagnostics: Object.freeze({
          warnings: Object.freeze(warnings),
          elapsedMs: performance.now() - startedAt,
          details: Object.freeze({
            choice: choiceOut,
            ...(K > 1 ? { compared, candidates: Object.freeze(candidates) } : {}),
            profile,
            chosenDetails: kept.base.diagnostics.details,
            subsample: kept.subsample,
            ...(kept.bias ? { bias: kept.bias } : {}),
            plain: Object.freeze({ lower: plainLower, upper: plainUpper }),
          }),
        }),
        references: Object.freeze([...kept.base.references]),
      });
    },
  });
}

export const autoDescriptor: EstimatorDescriptor = Object.freeze<EstimatorDescriptor>({
  id: AUTO_ID,
  summary: "picks the estimator and settings from the data (kinds, N, dimensions, tails) and returns an interval with the reasons",
  family: "meta",
  accepts: Object.freeze(["continuous", "discrete", "mixed"] as const),
  options: Object.freeze([
    { name: "level", type: "number", default: 0.95, min: 0, max: 1, description: "confidence level of the interval" },
    { name: "resamples", type: "integer", min: 10, default: 100, description: "subsamples per subsample size (N/2 and N/4)" },
    { name: "k", type: "integer", min: 1, description: "neighbours for kNN choices (default clamp(round(sqrt(N)/10), 3, 10))" },
    { name: "xKind", type: "string", default: "auto", choices: AUTO_KINDS, description: "kind of X (auto: integer columns with few distinct values are discrete)" },
    { name: "yKind", type: "string", default: "auto", choices: AUTO_KINDS, description: "kind of Y" },
    { name: "transform", type: "string", default: "normal-scores", choices: ["normal-scores", "none"], description: "per-column monotone transform before KSG" },
    { name: "biasTerm", type: "boolean", default: true, description: "widen kNN intervals by the extrapolated bias" },
    { name: "panel", type: "boolean", default: true, description: "continuous data: compare the lower-bound candidates (gaussian-copula, norm summary, canonical pairs) with the rule's choice" },
    { name: "copulaCheck", type: "boolean", default: true, description: "older name of panel" },
  ]),
  references: Object.freeze([REFERENCES.kraskov2004, REFERENCES.ross2014, REFERENCES.gao2017, REFERENCES.miller1955, REFERENCES.nemenman2002]),
  complexity: "per candidate 1 + 0.75·B runs (B = resamples); 1 candidate for discrete or mixed data, 2 to 4 for continuous data",
  mi: (o) => auto(o as AutoOptions),
});
