import { assertKnownOptions, integerOption, numberOption } from "../../core/data/validate.js";
import { InvalidArgumentError } from "../../core/errors.js";

/** Kind of one variable as auto sees it. */
export type AutoKind = "auto" | "continuous" | "discrete";

/** Options of the `auto` estimator. */
export interface AutoOptions {
  /** Confidence level of the interval, in (0, 1). Default 0.95. */
  readonly level?: number;
  /**
   * Subsamples per subsample size (two sizes, N/2 and N/4) and candidate; default 100, at least 10.
   */
  readonly resamples?: number;
  /** Neighbours for kNN choices; default by N: clamp(round(√N / 10), 3, 10). */
  readonly k?: number;
  /** Kind of X: "auto" (default: integer columns with few distinct values are discrete), "continuous" or "discrete". */
  readonly xKind?: AutoKind;
  /** Kind of Y, as xKind. */
  readonly yKind?: AutoKind;
  /**
   * Per-column monotone transform of continuous columns before KSG: "normal-scores" (default:
   * ranks, then Φ⁻¹(rank/(N+1)); MI is invariant to it) or "none" (KSG's z-scoring only).
   */
  readonly transform?: "normal-scores" | "none";
  /**
   * Widen the kNN interval by the extrapolated remaining bias (default true; see `auto`).
   * false gives the plain m = N/2 subsampling interval.
   */
  readonly biasTerm?: boolean;
  /**
   * For continuous X and Y, also compute the lower-bound candidates (gaussian-copula, the
   * norm summary, the leading canonical pairs; docs/estimators.md, "auto") and keep the one
   * with the highest simultaneous lower confidence end (default true). false keeps the rule's
   * choice alone (KSG or gaussian-copula).
   */
  readonly panel?: boolean;
  /** Older name of `panel` (false: the rule's choice alone). Default true. */
  readonly copulaCheck?: boolean;
}

export interface ResolvedAutoOptions {
  readonly level: number;
  readonly resamples: number | "default";
  readonly k: number | "by-n";
  readonly xKind: AutoKind;
  readonly yKind: AutoKind;
  readonly transform: "normal-scores" | "none";
  readonly biasTerm: boolean;
  readonly panel: boolean;
}

export const AUTO_ID = "auto";
const KNOWN = ["level", "resamples", "k", "xKind", "yKind", "transform", "biasTerm", "panel", "copulaCheck"] as const;
export const AUTO_KINDS: readonly AutoKind[] = ["auto", "continuous", "discrete"];

function choice<T extends string>(fn: string, name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    throw new InvalidArgumentError(`${fn}: ${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}; got ${JSON.stringify(value)}.`, name);
  }
  return value as T;
}

function flag(fn: string, name: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw new InvalidArgumentError(`${fn}: ${name} must be a boolean; got ${String(value)}.`, name);
  return value;
}

/** Validates auto's options (unknown names rejected) and fills the defaults. */
export function resolveAutoOptions(options: AutoOptions): ResolvedAutoOptions {
  const fn = AUTO_ID;
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError(`${fn}: options must be an object; got ${String(options)}.`, "options");
  }
  assertKnownOptions(fn, options, KNOWN);
  const level = numberOption(fn, "level", options.level ?? 0.95, 0, 1);
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError(`${fn}: level must be a number in (0, 1); got ${level}.`, "level");
  const biasTerm = flag(fn, "biasTerm", options.biasTerm ?? true);
  const copulaCheck = flag(fn, "copulaCheck", options.copulaCheck ?? true);
  const panel = flag(fn, "panel", options.panel ?? true) && copulaCheck;
  return Object.freeze({
    level,
    resamples: options.resamples === undefined ? "default" : integerOption(fn, "resamples", options.resamples, 10),
    k: options.k === undefined ? "by-n" : integerOption(fn, "k", options.k, 1),
    xKind: choice(fn, "xKind", options.xKind ?? "auto", AUTO_KINDS),
    yKind: choice(fn, "yKind", options.yKind ?? "auto", AUTO_KINDS),
    transform: choice(fn, "transform", options.transform ?? "normal-scores", ["normal-scores", "none"] as const),
    biasTerm,
    panel,
  });
}
