import { describe, expect, it } from "vitest";
import { UnknownEstimatorError } from "../../src/core/errors.js";
import { builtinEstimators, estimatorsFor, findEstimator, quantitiesOf } from "../../src/estimators/registry.js";

describe("estimator registry", () => {
  it("ids are unique kebab-case and every descriptor provides at least one quantity", () => {
    const ids = builtinEstimators.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of builtinEstimators) {
      expect(d.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(quantitiesOf(d).length).toBeGreaterThan(0);
      expect(d.references.length).toBeGreaterThan(0);
      expect(d.complexity.length).toBeGreaterThan(0);
      for (const o of d.options) expect(o.description.length).toBeGreaterThan(0);
    }
  });

  it("holds the classical estimators the CLI defaults to", () => {
    expect(findEstimator("ksg-1").mi).toBeTypeOf("function");
    expect(findEstimator("ksg-2").mi).toBeTypeOf("function");
    expect(findEstimator("frenzel-pompe").cmi).toBeTypeOf("function");
    expect(findEstimator("kozachenko-leonenko").entropy).toBeTypeOf("function");
    expect(findEstimator("knn-kl").divergence).toBeTypeOf("function");
  });

  it("findEstimator throws UnknownEstimatorError naming the known ids", () => {
    expect(() => findEstimator("nope")).toThrow(UnknownEstimatorError);
    expect(() => findEstimator("nope")).toThrow(`unknown estimator "nope"; known estimators: ${builtinEstimators.map((d) => d.id).join(", ")}.`);
  });

  it("estimatorsFor filters by quantity, in listing order", () => {
    for (const q of ["mi", "cmi", "entropy", "divergence"] as const) {
      const got = estimatorsFor(q);
      expect(got).toEqual(builtinEstimators.filter((d) => d[q] !== undefined));
      expect(got.length).toBeGreaterThan(0);
    }
    expect(estimatorsFor("mi").map((d) => d.id)).toContain("ksg-1");
    expect(estimatorsFor("entropy").map((d) => d.id)).toContain("kozachenko-leonenko");
  });
});
