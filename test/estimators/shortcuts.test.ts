import { describe, expect, it } from "vitest";
import { conditionalMutualInformation, entropy, klDivergence, mutualInformation } from "../../src/estimators/shortcuts.js";
import { ksg } from "../../src/estimators/ksg.js";
import { gaussianMI } from "../../src/estimators/gaussian.js";
import { createRng } from "../../src/core/random/rng.js";
import { InvalidArgumentError, UnknownEstimatorError } from "../../src/core/errors.js";

function sample(n: number, rho: number, seed: number) {
  const rng = createRng(seed);
  const x: number[] = [], y: number[] = [], z: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    x.push(a);
    y.push(rho * a + Math.sqrt(1 - rho * rho) * rng.normal());
    z.push(rng.normal());
  }
  return { x, y, z };
}

describe("registry shortcuts", () => {
  const { x, y, z } = sample(400, 0.6, 3);

  it("mutualInformation equals the estimator called directly, with options and run settings split", async () => {
    const viaShortcut = await mutualInformation(x, y, { estimator: "ksg-2", k: 5, units: "bits", seed: 2 });
    const direct = ksg({ algorithm: 2, k: 5 }).estimate(x, y, { units: "bits", seed: 2 });
    expect(viaShortcut.value).toBe(direct.value);
    expect(viaShortcut.params).toEqual(direct.params);
    expect((await mutualInformation(x, y)).estimator).toBe("ksg-1");
    expect((await mutualInformation(x, y, { estimator: "gaussian" })).value).toBe(gaussianMI().estimate(x, y).value);
  });

  it("defaults per quantity", async () => {
    expect((await conditionalMutualInformation(x, y, z)).estimator).toBe("frenzel-pompe");
    expect((await entropy(x)).estimator).toBe("kozachenko-leonenko");
    expect((await klDivergence(x, y)).estimator).toBe("knn-kl");
  });

  it("rejects unknown ids, unknown options and ids without the quantity", async () => {
    await expect(mutualInformation(x, y, { estimator: "nope" })).rejects.toThrow(UnknownEstimatorError);
    await expect(mutualInformation(x, y, { kk: 3 })).rejects.toThrow(/unknown option "kk"/);
    await expect(entropy(x, { estimator: "ksg-1" })).rejects.toThrow(InvalidArgumentError);
  });
});
