import type { Matrix, MIEstimator } from "../../core/types.js";
import { discreteMI } from "../discrete.js";
import { gaussianCopulaMI } from "../gaussianCopula.js";
import { ksg } from "../ksg.js";
import { gao, ross } from "../mixed.js";
import { AUTO_RULES } from "./autoRules.js";
import type { AutoChoice } from "./chooseEstimator.js";
import type { AutoProfile } from "./profileData.js";
import { canonicalPairs, normalScores, normSummary } from "./summaries.js";
import { fitCopulaNu } from "./tCopula.js";

/** Ids of the candidates auto compares for continuous X and Y. */
export type AutoCandidateId = "ksg-1" | "gaussian-copula" | "norm-summary" | "canonical-pairs";

/** One estimator of auto's panel: the estimator (transforms applied inside) and why it is there. */
export interface AutoCandidate {
  readonly id: string;
  readonly estimator: MIEstimator;
  /** What the candidate estimates, for the reasons. */
  readonly what: string;
  /** Joint dimension of the kNN problem it solves (sets the bias rate floor); absent for plug-in and parametric estimators. */
  readonly knnDims?: number;
  /**
   * Per-side maps fitted once on the full sample (each from its own side only); the candidate's
   * estimate, subsamples and interval then run on the mapped data. `note` goes to the reasons.
   */
  readonly prepare?: (x: Matrix, y: Matrix) => { x: Matrix; y: Matrix; note: string };
}

/**
 * Joint dimension of the kNN problem behind the rule's choice: dx + dy for KSG and gao, the
 * continuous side's columns for ross (kNN within classes of the discrete side); none for
 * gaussian-copula and the plug-in estimators.
 */
export function ruleKnnDims(rule: AutoChoice, profile: AutoProfile): number | undefined {
  switch (rule.id) {
    case "ksg-1":
    case "gao":
      return profile.dx + profile.dy;
    case "ross":
      return rule.swap ? profile.dy : profile.dx;
    default:
      return undefined;
  }
}

/** The rule's choice as a one-member panel (discrete and mixed data, or panel off). */
export function ruleCandidate(rule: AutoChoice, profile: AutoProfile): AutoCandidate {
  const knnDims = ruleKnnDims(rule, profile);
  return { id: rule.id, estimator: buildEstimator(rule), what: rule.id === "ksg-1" ? "KSG on all columns" : rule.id === "gaussian-copula" ? "Gaussian copula" : rule.id, ...(knnDims !== undefined ? { knnDims } : {}) };
}

function wrap(id: string, f: (x: Matrix, y: Matrix) => [Matrix, Matrix], base: MIEstimator): MIEstimator {
  return {
    id,
    options: base.options,
    estimate: (x, y, run) => {
      const [a, b] = f(x, y);
      return base.estimate(a, b, run);
    },
  };
}

/** The chosen estimator, with the transform applied inside (so every subsample is re-ranked). */
export function buildEstimator(c: AutoChoice): MIEstimator {
  const k = c.options.k as number;
  let inner: MIEstimator;
  switch (c.id) {
    case "ksg-1":
      inner = ksg({ algorithm: 1, k });
      break;
    case "ross": {
      const r = ross({ k });
      inner = { id: r.id, options: r.options, estimate: (x, y, run) => r.estimate(x, y, run) };
      break;
    }
    case "gao":
      inner = gao({ k });
      break;
    case "miller-madow":
    case "nsb": {
      const e = discreteMI(c.id);
      inner = { id: e.id, options: e.options, estimate: (x, y, run) => e.estimate(x, y, run) };
      break;
    }
    default:
      inner = gaussianCopulaMI();
  }
  if (c.transform === "normal-scores") return wrap(inner.id, (x, y) => [normalScores(x), normalScores(y)], inner);
  return inner;
}

/**
 * KSG on the norm summaries: each side's t-copula degrees of freedom by `fitCopulaNu`, its
 * `normSummary` with that ν, then normal scores; a 1 + 1 problem. Fits ν on the data it is given.
 */
export function normSummaryEstimator(k: number): MIEstimator {
  return wrap("norm-summary", (x, y) => [normalScores(fittedNormSummary(x).summary), normalScores(fittedNormSummary(y).summary)], ksg({ algorithm: 1, k }));
}

/** One side's norm summary with its own fitted t-copula ν (`fitCopulaNu`, then `normSummary`). */
function fittedNormSummary(m: Matrix): { summary: Matrix; nu: number } {
  const nu = fitCopulaNu(m).nu;
  return { summary: normSummary(m, nu), nu };
}

/**
 * The norm-summary candidate of the panel: ν and the summaries are fitted once on the full sample
 * (`prepare`); each subsample re-ranks the two summary columns and runs KSG on them.
 */
function normSummaryCandidate(k: number): AutoCandidate {
  return {
    id: "norm-summary",
    estimator: wrap("norm-summary", (x, y) => [normalScores(x), normalScores(y)], ksg({ algorithm: 1, k })),
    what: "KSG on the Mahalanobis norms of the t-copula scores (1 + 1)",
    knnDims: 2,
    prepare: (x, y) => {
      const fx = fittedNormSummary(x);
      const fy = fittedNormSummary(y);
      const side = (m: Matrix, nu: number) => (m.cols === 1 ? "one column" : nu === Infinity ? "Gaussian copula (normal scores)" : `t copula with ${nu} degrees of freedom`);
      return { x: fx.summary, y: fy.summary, note: `fitted per side by pseudo-likelihood: X ${side(x, fx.nu)}, Y ${side(y, fy.nu)}` };
    },
  };
}

/** KSG on the r leading canonical pairs of the normal scores (each variate normal-scored again). */
export function canonicalPairsEstimator(k: number, r: number): MIEstimator {
  return wrap(
    "canonical-pairs",
    (x, y) => {
      const [u, v] = canonicalPairs(normalScores(x), normalScores(y), r);
      return [normalScores(u), normalScores(v)];
    },
    ksg({ algorithm: 1, k }),
  );
}

/**
 * The panel for continuous X and Y: the rule's choice first (KSG on normal scores, or
 * gaussian-copula), then gaussian-copula (if not already there), the norm summary (when a side
 * has 2 or more columns) and the r = min(2, dx, dy) leading canonical pairs (when 2r < dx + dy),
 * each summary only when N/4 rows suffice for KSG in its dimension (20 · 2^(d/2) rows).
 * The summaries estimate I(f(X); g(Y)) for per-side maps f, g: a lower bound on I(X; Y) in the
 * population (data-processing inequality); gaussian-copula is one in 1 × 1 and for Gaussian copulas.
 */
export function candidatePanel(rule: AutoChoice, profile: AutoProfile, k: number): AutoCandidate[] {
  const { n, dx, dy } = profile;
  const out: AutoCandidate[] = [ruleCandidate(rule, profile)];
  if (rule.id !== "gaussian-copula") out.push({ id: "gaussian-copula", estimator: gaussianCopulaMI(), what: "Gaussian copula (a lower bound of I with Gaussianised margins)" });
  const enough = (d: number) => Math.floor(n / 4) >= AUTO_RULES.summaryRowsPerDim * 2 ** (d / 2) && Math.floor(n / 4) > 2 * k;
  if (Math.max(dx, dy) >= 2 && enough(2)) {
    out.push(normSummaryCandidate(k));
  }
  const r = Math.min(AUTO_RULES.canonicalPairs, dx, dy);
  if (2 * r < dx + dy && enough(2 * r)) {
    out.push({ id: "canonical-pairs", estimator: canonicalPairsEstimator(k, r), what: `KSG on the ${r} leading canonical pair${r === 1 ? "" : "s"} of the normal scores (${r} + ${r})`, knnDims: 2 * r });
  }
  return out;
}
