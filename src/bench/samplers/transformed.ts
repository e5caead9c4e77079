import type { Rng } from "../../core/random/rng.js";
import type { MatrixTransform } from "../transforms/transform.js";
import type { Sample, Sampler } from "./sampler.js";

/**
 * The base sampler followed by injective maps of X and/or Y (bmi's `TransformedSampler`). MI is
 * invariant under injective maps, so the base's ground truth carries over unchanged.
 */
export function transformed<S extends Sampler>(base: S, maps: { readonly x?: MatrixTransform; readonly y?: MatrixTransform }): Sampler {
  const { x: tx, y: ty } = maps;
  return Object.freeze({
    dimX: tx ? tx.outputDim(base.dimX) : base.dimX,
    dimY: ty ? ty.outputDim(base.dimY) : base.dimY,
    sample(n: number, rng: Rng): Sample {
      const s = base.sample(n, rng);
      return { x: tx ? tx.apply(s.x) : s.x, y: ty ? ty.apply(s.y) : s.y };
    },
  });
}
