import { AUTO_RULES } from "./autoRules.js";
import type { AutoProfile } from "./profileData.js";
import { resolveAutoOptions, type AutoOptions } from "./resolveAutoOptions.js";

/** The estimator auto picked, with its settings and why. */
export interface AutoChoice {
  readonly id: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** Always "subsample" (m-out-of-n at N/2, widened by the extrapolated bias). */
  readonly interval: "subsample";
  readonly transform: "normal-scores" | "none";
  /** Ross needs continuous X and discrete Y: true when auto passes (y, x). */
  readonly swap: boolean;
  readonly reasons: readonly string[];
}

export const SUBSAMPLE_REASON =
  "interval: m-out-of-n subsampling at m = N/2 (no repeated rows, unlike a bootstrap), widened by the bias extrapolated from subsamples at N/2 and N/4";

/** Default k for kNN choices: clamp(round(√N / 10), 3, 10). */
export function defaultK(n: number): number {
  return Math.min(10, Math.max(3, Math.round(Math.sqrt(n) / 10)));
}

export const fmt = (v: number, digits = 2) => (Number.isInteger(v) ? String(v) : v.toFixed(digits));

/**
 * The estimator for a profile, by the rules of docs/estimators.md ("auto"), with the reasons.
 * Pure: no data needed beyond the profile.
 */
export function chooseEstimator(profile: AutoProfile, options: AutoOptions = {}): AutoChoice {
  const o = resolveAutoOptions(options);
  const { n, dx, dy, xKind, yKind } = profile;
  const reasons: string[] = [];
  const kinds = `X ${xKind} (${dx} column${dx === 1 ? "" : "s"}), Y ${yKind} (${dy} column${dy === 1 ? "" : "s"}), N = ${n}`;
  const discreteCols = profile.columns.filter((c) => c.kind === "discrete");
  if (discreteCols.length > 0) {
    const forced = (v: "x" | "y") => (v === "x" ? o.xKind : o.yKind) === "discrete";
    const auto = discreteCols.filter((c) => !forced(c.variable));
    if (auto.length > 0) {
      reasons.push(
        `discrete columns (integer values, at most max(${AUTO_RULES.discreteDistinctFloor}, √N) = ${Math.max(AUTO_RULES.discreteDistinctFloor, Math.floor(Math.sqrt(n)))} distinct): ` +
          auto.map((c) => `${c.variable}[${c.column}] (${c.distinct} values)`).join(", "),
      );
    }
  }
  const k = o.k === "by-n" ? defaultK(n) : o.k;
  const kReason = o.k === "by-n" ? `k = ${k} from N (clamp(round(√N/10), 3, 10): small k keeps the bias at high MI small, larger N affords less variance)` : `k = ${k} (given)`;
  if (xKind === "discrete" && yKind === "discrete") {
    const cells = profile.jointSupport;
    const ratio = n / Math.max(1, cells);
    if (ratio >= AUTO_RULES.millerMadowRowsPerCell) {
      reasons.push(`${kinds}: all discrete -> plug-in family`);
      reasons.push(
        `N / (observed joint support ${cells}) = ${fmt(ratio, 1)} >= ${AUTO_RULES.millerMadowRowsPerCell}: Miller-Madow (the plug-in bias (Kx-1)(Ky-1)/(2N) is first order and corrected)`,
      );
      return Object.freeze({ id: "miller-madow", options: Object.freeze({}), interval: "subsample", transform: "none", swap: false, reasons: Object.freeze(reasons.concat([SUBSAMPLE_REASON])) });
    }
    reasons.push(`${kinds}: all discrete -> plug-in family`);
    reasons.push(`N / (observed joint support ${cells}) = ${fmt(ratio, 1)} < ${AUTO_RULES.millerMadowRowsPerCell}: sparse counts, NSB (Bayesian entropy estimates; Miller-Madow's first-order correction fails when cells are few-count)`);
    return Object.freeze({ id: "nsb", options: Object.freeze({}), interval: "subsample", transform: "none", swap: false, reasons: Object.freeze(reasons.concat([SUBSAMPLE_REASON])) });
  }
  if (xKind !== "continuous" || yKind !== "continuous") {
    const oneSide = (xKind === "continuous" && yKind === "discrete") || (xKind === "discrete" && yKind === "continuous");
    if (oneSide) {
      const swap = xKind === "discrete";
      reasons.push(`${kinds}: one variable continuous, the other discrete -> ross (kNN within classes; MI is symmetric${swap ? ", so (Y, X) is passed" : ""})`);
      reasons.push(kReason);
      reasons.push(SUBSAMPLE_REASON);
      return Object.freeze({ id: "ross", options: Object.freeze({ k }), interval: "subsample", transform: "none", swap, reasons: Object.freeze(reasons) });
    }
    reasons.push(`${kinds}: discrete and continuous columns mixed within a variable -> gao (kNN with ties counted as a discrete atom)`);
    reasons.push(kReason);
    reasons.push(SUBSAMPLE_REASON);
    return Object.freeze({ id: "gao", options: Object.freeze({ k }), interval: "subsample", transform: "none", swap: false, reasons: Object.freeze(reasons) });
  }
  const d = dx + dy;
  const heavy = profile.columns.filter((c) => c.tailRatio > AUTO_RULES.heavyTailRatio);
  const tied = profile.columns.filter((c) => c.tiedFraction > 0);
  const needN = 20 * 2 ** (d / 2);
  if (d <= AUTO_RULES.maxKnnDims && n >= needN) {
    reasons.push(`${kinds}: continuous, dx + dy = ${d} <= ${AUTO_RULES.maxKnnDims} and N >= 20·2^(d/2) = ${Math.ceil(needN)} -> KSG (algorithm 1)`);
    reasons.push(kReason);
    if (heavy.length > 0) {
      reasons.push(
        `heavy tails (tail ratio > ${AUTO_RULES.heavyTailRatio}× normal): ${heavy.map((c) => `${c.variable}[${c.column}] ${fmt(c.tailRatio, 1)}`).join(", ")}` +
          (o.transform === "normal-scores" ? "; the normal-score transform removes them" : "; transform \"none\" keeps them (kNN neighbourhoods are distorted)"),
      );
    }
    reasons.push(
      o.transform === "normal-scores"
        ? "each column replaced by its normal scores Φ⁻¹(rank/(N+1)) (a per-column monotone map: MI unchanged; Gaussian-like margins suit KSG's max-norm neighbourhoods)"
        : "columns only z-scored (transform \"none\")",
    );
    if (tied.length > 0) reasons.push(`tied values in ${tied.map((c) => `${c.variable}[${c.column}] (${fmt(c.tiedFraction * 100, 1)}% of rows)`).join(", ")}: broken by KSG's seeded jitter`);
    reasons.push(SUBSAMPLE_REASON);
    return Object.freeze({ id: "ksg-1", options: Object.freeze({ k }), interval: "subsample", transform: o.transform, swap: false, reasons: Object.freeze(reasons) });
  }
  return copulaChoice(reasons, [
    d > AUTO_RULES.maxKnnDims
      ? `${kinds}: continuous, dx + dy = ${d} > ${AUTO_RULES.maxKnnDims}: kNN estimators are strongly biased low in high dimension -> gaussian-copula`
      : `${kinds}: continuous, N < 20·2^(d/2) = ${Math.ceil(needN)} rows for d = ${d}: too few rows for kNN -> gaussian-copula`,
  ]);
}

export function copulaChoice(reasons: readonly string[], why: readonly string[]): AutoChoice {
  const all = [
    ...reasons,
    ...why,
    "gaussian-copula is invariant to monotone maps of each column (heavy tails and skew do not matter) but sees only the normal-score correlations: a lower bound for other dependence",
    SUBSAMPLE_REASON,
  ];
  return Object.freeze({ id: "gaussian-copula", options: Object.freeze({}), interval: "subsample", transform: "none", swap: false, reasons: Object.freeze(all) });
}

