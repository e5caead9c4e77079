import type { MatrixInput } from "../data/validate.js";
import { InvalidArgumentError } from "../errors.js";
import type { Estimate, MIEstimator } from "../types.js";
import { blockBootstrap } from "./blockBootstrap.js";
import { bootstrap } from "./bootstrap.js";
import { jackknife } from "./jackknife.js";
import { permutationTest } from "./permutationTest.js";
import type { InferenceOptions } from "./prepareInference.js";
import { subsample } from "./subsample.js";

/** Interval methods of `estimateWithUncertainty`. */
export type CiMethod = "subsample" | "bootstrap" | "bca" | "block" | "jackknife";

export const CI_METHODS: readonly CiMethod[] = Object.freeze(["subsample", "bootstrap", "bca", "block", "jackknife"]);

export interface UncertaintyRequest extends InferenceOptions {
  /** Interval (and standard error). "jackknife" gives a standard error only. */
  readonly ci?: {
    readonly method?: CiMethod;
    readonly level?: number;
    /** Resamples (default 200 for subsample, 1000 for the bootstraps); groups for "jackknife". */
    readonly replicates?: number;
    readonly m?: number;
    readonly blockLength?: number;
    readonly jackknifeGroups?: number;
  };
  /** Permutation test of independence. */
  readonly test?: { readonly method?: "permutation"; readonly permutations?: number };
}

/**
 * The estimate with the requested uncertainty: an interval by `ci.method` (default "subsample",
 * safe for every estimator) and/or a permutation p-value, from one full-sample estimate. Each
 * part uses its own forked random streams, so adding the test never changes the interval.
 * @throws InvalidArgumentError for an unknown method, plus those of the wrappers it calls.
 */
export async function estimateWithUncertainty(
  estimator: MIEstimator,
  x: MatrixInput,
  y: MatrixInput,
  request: UncertaintyRequest,
): Promise<Estimate> {
  const fn = "estimateWithUncertainty";
  if (typeof request !== "object" || request === null || (!request.ci && !request.test)) {
    throw new InvalidArgumentError(`${fn}: request must ask for ci and/or test; got neither.`, "request");
  }
  const { ci, test, ...shared } = request;
  let e = shared.estimate;
  if (ci) {
    const method = ci.method ?? "subsample";
    const common = { ...shared, estimate: e };
    switch (method) {
      case "subsample":
        e = await subsample(estimator, x, y, { ...common, level: ci.level, replicates: ci.replicates, m: ci.m });
        break;
      case "bootstrap":
      case "bca":
        e = await bootstrap(estimator, x, y, {
          ...common,
          level: ci.level,
          replicates: ci.replicates,
          method: method === "bca" ? "bca" : "percentile",
          jackknifeGroups: ci.jackknifeGroups,
        });
        break;
      case "block":
        e = await blockBootstrap(estimator, x, y, { ...common, level: ci.level, replicates: ci.replicates, blockLength: ci.blockLength });
        break;
      case "jackknife":
        e = await jackknife(estimator, x, y, { ...common, groups: ci.replicates });
        break;
      default:
        throw new InvalidArgumentError(`${fn}: ci.method must be one of ${CI_METHODS.join(", ")}; got ${JSON.stringify(method)}.`, "ci.method");
    }
  }
  if (test) {
    if ((test.method ?? "permutation") !== "permutation") {
      throw new InvalidArgumentError(`${fn}: test.method must be "permutation"; got ${JSON.stringify(test.method)}.`, "test.method");
    }
    e = await permutationTest(estimator, x, y, { ...shared, estimate: e, permutations: test.permutations });
  }
  return e!;
}
