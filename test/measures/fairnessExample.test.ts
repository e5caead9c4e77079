import { describe, expect, it } from "vitest";
import { exactPid, runFairnessExample, SCENARIOS } from "../../examples/fairness-pid.js";

/** Binary entropy in bits. */
const h = (p: number) => -(p * Math.log2(p) + (1 - p) * Math.log2(1 - p));

describe("examples/fairness-pid (Hamman & Dutta 2024)", () => {
  it("exact decompositions: redundant, masked and unique disparity", () => {
    const [fairLocally, fairGlobally, unfair] = SCENARIOS.map(exactPid);
    // 1: I(Z; Yhat | S) = 0, so Unique = Masked = 0 and the global disparity is all redundant.
    expect(fairLocally.unique1).toBeCloseTo(0, 7);
    expect(fairLocally.synergy).toBeCloseTo(0, 7);
    expect(fairLocally.redundancy).toBeCloseTo(fairLocally.mutualInformation.source1, 7);
    expect(fairLocally.redundancy).toBeGreaterThan(0.03);
    // 2: I(Z; Yhat) = 0, so Unique = Redundant = 0; Masked = I(Z; Yhat | S) = 1 - h(0.3) bits.
    expect(fairGlobally.mutualInformation.source1).toBeCloseTo(0, 12);
    expect(fairGlobally.synergy).toBeCloseTo(1 - h(0.3), 7);
    expect(fairGlobally.unique1).toBeCloseTo(0, 7);
    // 3: Z independent of S and the same rule everywhere: Unique = I(Z; Yhat) = 1 - h(0.3).
    expect(unfair.unique1).toBeCloseTo(1 - h(0.3), 7);
    expect(unfair.redundancy).toBeCloseTo(0, 7);
    expect(unfair.synergy).toBeCloseTo(0, 7);
  });

  it("estimates from seeded samples are close to the exact atoms", () => {
    // With N = 20000 binary/ternary data the plug-in MI terms have SD ~ 0.005 bits and bias
    // ~ cells / (2 N ln 2) ~ 0.0004 bits; 0.02 bits is > 3 SD.
    for (const row of runFairnessExample(20000, 2024)) {
      expect(Math.abs(row.estimated.redundancy - row.exact.redundancy)).toBeLessThan(0.02);
      expect(Math.abs(row.estimated.unique1 - row.exact.unique1)).toBeLessThan(0.02);
      expect(Math.abs(row.estimated.synergy - row.exact.synergy)).toBeLessThan(0.02);
      expect(row.estimated.n).toBe(20000);
    }
  });
});
