import type { Command } from "commander";
import { InvalidArgumentError } from "../core/errors.js";
import { CI_METHODS, estimateWithUncertainty, type CiMethod, type UncertaintyRequest } from "../core/inference/estimateWithUncertainty.js";
import type { Estimate, Matrix, MIEstimator } from "../core/types.js";
import { findEstimator } from "../estimators/registry.js";
import { allEstimators } from "./allEstimators.js";
import { createWorkerPool } from "../node/pool.js";
import type { CliIo } from "./cliIo.js";
import { createProgress, type ProgressDisplay } from "./progress.js";
import { parseSeed } from "./runOptions.js";
import { DataError, UsageError } from "./usageError.js";

/** The uncertainty flags of `minfo estimate`, as commander hands them over. */
export interface UncertaintyFlags {
  ci?: string;
  replicates?: string;
  ciMethod?: string;
  test?: string;
  permutations?: string;
  workers?: string;
  progress?: boolean;
}

/** Declares --ci, --replicates, --ci-method, --test, --permutations, --workers and --progress. */
export function declareUncertaintyOptions(cmd: Command): void {
  cmd
    .option("--ci <level>", "confidence interval at this level, e.g. 0.95 (resampling; see --ci-method)")
    .option("--replicates <R>", "resamples for --ci (default 200 for subsample, 1000 for bootstrap, bca, block)")
    .option(
      "--ci-method <m>",
      "subsample (m = N/2 without replacement; default for kNN and mixed estimators), bootstrap (percentile; default otherwise), bca or block (moving blocks of N^(1/3) rows, for time series)",
    )
    .option("--test <t>", "permutation: p-value of a test of independence (Y rows shuffled)")
    .option("--permutations <B>", "permutations for --test (default 200)")
    .option("--workers <N>", "run replicates on N worker threads (results identical to one thread)")
    .option("--progress", "show the progress bar even when stderr is not a terminal");
  // Check the flags before any file is read.
  cmd.hook("preAction", (command) => {
    const flags = command.opts<UncertaintyFlags & { z?: string; estimator?: string }>();
    if (flags.z !== undefined && wantsUncertainty(flags)) {
      throw new UsageError("options --ci and --test apply to I(X;Y) only, not to the conditional MI (--z).");
    }
    // auto already returns a calibrated interval; resampling it would rerun its whole search per replicate.
    if (flags.estimator === "auto" && flags.ci !== undefined) {
      throw new UsageError("option --ci does not apply to --estimator auto, which returns its own interval (set its level with --level).");
    }
    parseUncertaintyFlags(flags, undefined);
  });
}

function positiveInteger(flag: string, raw: string, min: number): number {
  const s = raw.trim();
  const v = Number(s);
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(v) || v < min) throw new UsageError(`option ${flag} must be an integer >= ${min}; got "${raw}".`);
  return v;
}

/** Whether any uncertainty flag asks for work. */
export function wantsUncertainty(flags: UncertaintyFlags): boolean {
  return flags.ci !== undefined || flags.test !== undefined;
}

/**
 * Parses the flags into a request, before any data is read.
 * @param family the estimator's family: kNN and mixed estimators default to subsampling
 *   (the plain bootstrap is biased for them: docs/uncertainty.md).
 * @throws UsageError for bad values, or flags that need --ci/--test.
 */
export function parseUncertaintyFlags(flags: UncertaintyFlags, family: string | undefined): Omit<UncertaintyRequest, "seed" | "units"> {
  const wantCi = flags.ci !== undefined;
  const wantTest = flags.test !== undefined;
  if (!wantCi && (flags.replicates !== undefined || flags.ciMethod !== undefined)) {
    throw new UsageError(`options --replicates and --ci-method need --ci <level>.`);
  }
  if (!wantTest && flags.permutations !== undefined) throw new UsageError(`option --permutations needs --test permutation.`);
  let ci: UncertaintyRequest["ci"];
  if (wantCi) {
    const level = Number(flags.ci);
    if (!(flags.ci!.trim() !== "" && level > 0 && level < 1)) throw new UsageError(`option --ci must be a level in (0, 1), e.g. 0.95; got "${flags.ci}".`);
    const knn = family === "knn" || family === "mixed";
    const method = (flags.ciMethod ?? (knn ? "subsample" : "bootstrap")) as CiMethod;
    if (!CI_METHODS.includes(method) || method === "jackknife") {
      throw new UsageError(`option --ci-method must be subsample, bootstrap, bca or block; got "${flags.ciMethod}".`);
    }
    ci = { method, level, ...(flags.replicates !== undefined ? { replicates: positiveInteger("--replicates", flags.replicates, 2) } : {}) };
  }
  let test: UncertaintyRequest["test"];
  if (wantTest) {
    if (flags.test !== "permutation") throw new UsageError(`option --test must be permutation; got "${flags.test}".`);
    test = { method: "permutation", ...(flags.permutations !== undefined ? { permutations: positiveInteger("--permutations", flags.permutations, 1) } : {}) };
  }
  const runner = flags.workers !== undefined ? createWorkerPool({ workers: positiveInteger("--workers", flags.workers, 1) }) : undefined;
  return { ...(ci ? { ci } : {}), ...(test ? { test } : {}), ...(runner ? { runner } : {}) };
}

/**
 * Adds the requested interval and/or p-value to the full-sample estimate `e` (computed by
 * `estimator` on x, y in that order), with a progress bar per phase on stderr. Without
 * --ci/--test, returns `e` unchanged. `options` are the command's parsed options
 * (UncertaintyFlags and --seed, which seeds the resampling).
 * @throws UsageError when asked for an estimator that is not an MI estimator (--z); DataError for
 *   errors from the data (as runEstimate).
 */
export async function addUncertainty(
  io: CliIo,
  options: object,
  e: Estimate,
  estimator: MIEstimator | undefined,
  x: Matrix,
  y: Matrix,
): Promise<Estimate> {
  const flags = options as UncertaintyFlags & { seed?: string };
  if (!wantsUncertainty(flags)) return e;
  if (!estimator) throw new UsageError("options --ci and --test apply to I(X;Y) only, not to the conditional MI (--z).");
  const family = findEstimator(e.estimator, allEstimators).family;
  const request = parseUncertaintyFlags(flags, family);
  let bar: ProgressDisplay | undefined;
  let label: string | undefined;
  try {
    return await estimateWithUncertainty(estimator, x, y, {
      ...request,
      seed: parseSeed(flags.seed),
      units: e.units,
      estimate: e,
      onProgress: (p) => {
        if (p.label !== label) {
          bar?.stop();
          label = p.label;
          bar = createProgress(io, flags.progress === true, p.total, label ?? "replicates");
        }
        bar!.update(p.done, p.total);
      },
    });
  } catch (err) {
    if (err instanceof InvalidArgumentError) throw new DataError(err.message, { cause: err });
    throw err;
  } finally {
    bar?.stop();
  }
}
