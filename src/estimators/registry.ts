import { UnknownEstimatorError } from "../core/errors.js";
import type { EstimatorDescriptor } from "./descriptor.js";
import { adaptiveBinningDescriptor } from "./adaptiveBinning.js";
import { autoDescriptor } from "./auto.js";
import { frenzelPompeDescriptor } from "./conditional.js";
import {
  chaoShenDescriptor,
  grassbergerDescriptor,
  jackknifeDescriptor,
  millerMadowDescriptor,
  nsbDescriptor,
  pluginDescriptor,
} from "./discrete.js";
import { knnKlDescriptor } from "./divergence.js";
import { gaussianDescriptor } from "./gaussian.js";
import { gaussianCopulaDescriptor } from "./gaussianCopula.js";
import { histogramDescriptor } from "./histogram.js";
import { kdeDescriptor } from "./kde.js";
import { kozachenkoLeonenkoDescriptor } from "./kozachenkoLeonenko.js";
import { ksg1Descriptor, ksg2Descriptor } from "./ksg.js";
import { lncDescriptor } from "./lnc.js";
import { gaoDescriptor, rossDescriptor } from "./mixed.js";

/** What an estimator id can compute; each corresponds to one factory of the descriptor. */
export type EstimatorQuantity = "mi" | "cmi" | "entropy" | "divergence";

/**
 * Every built-in estimator, in listing order: continuous kNN and parametric estimators first,
 * then the discrete (plug-in family) ones. The CLI, the benchmark and the web app read this list;
 * adding an estimator means adding its descriptor here (architecture.md section 5). Ids are
 * unique and never renamed.
 */
export const builtinEstimators: readonly EstimatorDescriptor[] = Object.freeze([
  ksg1Descriptor,
  ksg2Descriptor,
  lncDescriptor,
  gaussianDescriptor,
  gaussianCopulaDescriptor,
  kozachenkoLeonenkoDescriptor,
  frenzelPompeDescriptor,
  knnKlDescriptor,
  histogramDescriptor,
  adaptiveBinningDescriptor,
  kdeDescriptor,
  rossDescriptor,
  gaoDescriptor,
  pluginDescriptor,
  millerMadowDescriptor,
  grassbergerDescriptor,
  chaoShenDescriptor,
  nsbDescriptor,
  jackknifeDescriptor,
  autoDescriptor,
]);

/** The quantities a descriptor provides, in a fixed order. */
export function quantitiesOf(d: EstimatorDescriptor): EstimatorQuantity[] {
  const out: EstimatorQuantity[] = [];
  if (d.mi) out.push("mi");
  if (d.cmi) out.push("cmi");
  if (d.entropy) out.push("entropy");
  if (d.divergence) out.push("divergence");
  return out;
}

/**
 * The descriptor registered under `id`.
 * @throws UnknownEstimatorError naming the known ids.
 * @example findEstimator("ksg-1").mi!({ k: 5 }).estimate(x, y)
 */
export function findEstimator(id: string, registry: readonly EstimatorDescriptor[] = builtinEstimators): EstimatorDescriptor {
  const d = registry.find((e) => e.id === id);
  if (!d) throw new UnknownEstimatorError(id, registry.map((e) => e.id));
  return d;
}

/** The descriptors that provide `quantity`, in listing order. */
export function estimatorsFor(
  quantity: EstimatorQuantity,
  registry: readonly EstimatorDescriptor[] = builtinEstimators,
): EstimatorDescriptor[] {
  return registry.filter((d) => d[quantity] !== undefined);
}
