import { InvalidArgumentError } from "../core/errors.js";
import type { Estimate, ResultWarning } from "../core/types.js";
import type { EstimatorDescriptor } from "../estimators/descriptor.js";
import type { CliStream } from "./cliIo.js";
import { resolvedOption } from "./estimatorOptions.js";
import { DataError } from "./usageError.js";

/**
 * Runs one estimation. Options were validated when the estimator was built, so an
 * InvalidArgumentError thrown now is about the data (for example k >= N): it becomes a
 * DataError (exit code 3).
 */
export async function runEstimate(fn: () => Estimate | Promise<Estimate>): Promise<Estimate> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw new DataError(e.message, { cause: e });
    throw e;
  }
}

/**
 * How many rows the estimator needs, as "more than `moreThan`": k for kNN estimators (the k-th
 * neighbour of a point must be another point), the largest k of a k-list, else 1.
 */
export function rowsNeeded(d: EstimatorDescriptor, options: Record<string, unknown>): { moreThan: number; why: string } {
  const k = resolvedOption(d, options, "k");
  const ks = Array.isArray(k) ? k.filter((v): v is number => typeof v === "number") : typeof k === "number" ? [k] : [];
  if (ks.length > 0) {
    const kmax = Math.max(...ks);
    return { moreThan: kmax, why: `estimator ${d.id} with k = ${kmax} needs N > k` };
  }
  return { moreThan: 1, why: `estimator ${d.id} needs at least 2 rows` };
}

/** Prints warnings as `warning [code]: message`, one per line. */
export function printWarnings(stream: CliStream, warnings: readonly ResultWarning[]): void {
  for (const w of warnings) stream.write(`warning [${w.code}]: ${w.message}\n`);
}

/** The Estimate as a plain JSON-ready object; `local` only when asked for. */
export function estimateToJson(e: Estimate, includeLocal: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    quantity: e.quantity,
    value: e.value,
    units: e.units,
    estimator: e.estimator,
    params: e.params,
    n: e.n,
  };
  if (e.seed !== undefined) out.seed = e.seed;
  if (e.uncertainty) out.uncertainty = e.uncertainty;
  out.diagnostics = e.diagnostics;
  out.references = e.references;
  if (includeLocal && e.local) out.local = Array.from(e.local);
  return out;
}
