import type { Estimate, Matrix, RunOptions } from "../core/types.js";
import { InvalidArgumentError } from "../core/errors.js";
import type { EstimatorDescriptor } from "./descriptor.js";
import { builtinEstimators, findEstimator, quantitiesOf, type EstimatorQuantity } from "./registry.js";

/** Estimator id and options together with the per-call run settings, in one flat object. */
export type ShortcutOptions = RunOptions & {
  /** Registry id; defaults: ksg-1 (MI), frenzel-pompe (CMI), kozachenko-leonenko (entropy), knn-kl (divergence). */
  readonly estimator?: string;
  /** Any option of the chosen estimator (k, jitter, bins, ...). */
  readonly [option: string]: unknown;
};

const RUN_KEYS = new Set(["seed", "units", "signal", "onProgress", "local", "estimator"]);

function split(fn: string, quantity: EstimatorQuantity, fallback: string, options: ShortcutOptions, registry: readonly EstimatorDescriptor[]) {
  const id = options.estimator ?? fallback;
  if (typeof id !== "string") throw new InvalidArgumentError(`${fn}: estimator must be a registry id string; got ${String(id)}.`, "estimator");
  const descriptor = findEstimator(id, registry);
  if (!descriptor[quantity]) {
    throw new InvalidArgumentError(
      `${fn}: estimator "${id}" does not compute this quantity (it provides: ${quantitiesOf(descriptor).join(", ")}).`,
      "estimator",
    );
  }
  const estimatorOptions: Record<string, unknown> = {};
  const run: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === "estimator") continue;
    (RUN_KEYS.has(key) ? run : estimatorOptions)[key] = value;
  }
  return { descriptor, estimatorOptions, run: run as RunOptions };
}

/**
 * I(X; Y) with any registered estimator: `mutualInformation(x, y, { estimator: "ksg-1", k: 5, seed: 1 })`.
 * Estimator options and run settings (seed, units, signal, onProgress, local) share one object.
 */
export async function mutualInformation(x: unknown, y: unknown, options: ShortcutOptions = {}, registry = builtinEstimators): Promise<Estimate> {
  const { descriptor, estimatorOptions, run } = split("mutualInformation", "mi", "ksg-1", options, registry);
  return descriptor.mi!(estimatorOptions).estimate(x as Matrix, y as Matrix, run);
}

/** I(X; Y | Z) with any registered estimator that provides conditional MI (default frenzel-pompe). */
export async function conditionalMutualInformation(x: unknown, y: unknown, z: unknown, options: ShortcutOptions = {}, registry = builtinEstimators): Promise<Estimate> {
  const { descriptor, estimatorOptions, run } = split("conditionalMutualInformation", "cmi", "frenzel-pompe", options, registry);
  return descriptor.cmi!(estimatorOptions).estimate(x as Matrix, y as Matrix, z as Matrix, run);
}

/** H(X) with any registered entropy estimator (default kozachenko-leonenko). */
export async function entropy(x: unknown, options: ShortcutOptions = {}, registry = builtinEstimators): Promise<Estimate> {
  const { descriptor, estimatorOptions, run } = split("entropy", "entropy", "kozachenko-leonenko", options, registry);
  return descriptor.entropy!(estimatorOptions).estimate(x as Matrix, run);
}

/** D(P || Q) from samples p ~ P and q ~ Q (default knn-kl). */
export async function klDivergence(p: unknown, q: unknown, options: ShortcutOptions = {}, registry = builtinEstimators): Promise<Estimate> {
  const { descriptor, estimatorOptions, run } = split("klDivergence", "divergence", "knn-kl", options, registry);
  return descriptor.divergence!(estimatorOptions).estimate(p as Matrix, q as Matrix, run);
}
