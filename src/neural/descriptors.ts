/**
 * Registry descriptors of the neural estimators. Light: TF.js and the trainer are loaded on the
 * first `estimate` call (a dynamic import), so that the CLI and listings start fast. Options are
 * validated when the estimator is built.
 */
import type { MatrixInput } from "../core/data/validate.js";
import type { Estimate, Reference, RunOptions } from "../core/types.js";
import type { EstimatorDescriptor } from "../estimators/descriptor.js";
import { neuralOptionSpecs, resolveNeuralOptions, type NeuralEstimatorId, type NeuralOptions, type NeuralMIEstimator } from "./options.js";
import { NEURAL_REFERENCES as R } from "./references.js";

export const NEURAL_REFS: Record<NeuralEstimatorId, readonly Reference[]> = {
  mine: [R.belghazi2018, R.poole2019],
  nwj: [R.nguyen2010, R.poole2019],
  infonce: [R.vandenOord2018, R.poole2019],
  js: [R.hjelm2019, R.poole2019],
  smile: [R.songErmon2020, R.poole2019],
  wpc: [R.ozair2019, R.gulrajani2017, R.miyato2018],
  club: [R.cheng2020],
};

/** Builds estimator `id` with validated options; TF.js loads on the first estimate. */
export function lazyNeuralMI(id: NeuralEstimatorId, options: NeuralOptions = {}): NeuralMIEstimator {
  const resolved = resolveNeuralOptions(id, options);
  return Object.freeze({
    id,
    options: resolved,
    estimate: async (x: MatrixInput, y: MatrixInput, run?: RunOptions): Promise<Estimate> => {
      const { neuralMI } = await import("./neuralEstimators.js");
      return neuralMI(id, options).estimate(x, y, run);
    },
  });
}

const SUMMARY: Record<NeuralEstimatorId, string> = {
  mine: "MINE: neural Donsker-Varadhan lower bound with moving-average gradient correction.",
  nwj: "NWJ (f-GAN KL) neural lower bound.",
  infonce: "InfoNCE (CPC) neural lower bound; capped at log(negatives + 1).",
  js: "Jensen-Shannon-trained critic with a DV read-out.",
  smile: "SMILE: JS-trained critic, clipped DV value (tau = 5); the recommended neural estimator.",
  wpc: "Wasserstein predictive coding: InfoNCE with a Lipschitz critic (or the W1 dependency measure).",
  club: "CLUB: neural upper bound with a Gaussian q(y|x).",
};

function descriptor(id: NeuralEstimatorId): EstimatorDescriptor {
  return Object.freeze<EstimatorDescriptor>({
    id,
    summary: SUMMARY[id],
    family: "neural",
    accepts: ["continuous"],
    options: neuralOptionSpecs(id),
    references: NEURAL_REFS[id],
    complexity: "O(steps * B * width^2) training + O(N_test * chunk) evaluation",
    mi: (o: Record<string, unknown>) => lazyNeuralMI(id, o as NeuralOptions),
  });
}

/** The neural estimators as registry descriptors (family "neural"). */
export const neuralEstimators: readonly EstimatorDescriptor[] = Object.freeze(
  (["mine", "nwj", "infonce", "js", "smile", "wpc", "club"] as const).map(descriptor),
);
