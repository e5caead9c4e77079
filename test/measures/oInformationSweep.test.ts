import { describe, expect, it } from "vitest";
import { AbortError, InvalidArgumentError } from "../../src/core/errors.js";
import { multivariateInformation } from "../../src/measures/multivariateInformation.js";
import { oInformationSweep } from "../../src/measures/oInformationSweep.js";
import { allBits, columnsOf, redundantAndSynergistic } from "./samples.js";

describe("oInformationSweep", () => {
  // Variables 0-2: noisy copies (redundant); 3-5: x5 = x3 + x4 + noise (synergistic).
  const { redundant, synergistic } = redundantAndSynergistic(600, 0.3, 2);
  const vars = [...redundant, ...synergistic];

  it("visits every multiplet of the sizes asked for and ranks by O-information, descending", () => {
    const progress: number[] = [];
    const r = oInformationSweep(vars, { maxOrder: 4 }, { onProgress: (p) => progress.push(p.done / p.total) });
    expect(r.multiplets.length).toBe(20 + 15); // C(6,3) + C(6,4)
    expect(progress.length).toBe(35);
    expect(progress.at(-1)).toBe(1);
    for (let i = 1; i < r.multiplets.length; i++) expect(r.multiplets[i - 1].oInformation).toBeGreaterThanOrEqual(r.multiplets[i].oInformation);
    // Adding a variable independent of a multiplet leaves Omega unchanged (up to noise), so rank within size 3.
    const triples = r.multiplets.filter((m) => m.order === 3);
    expect(triples[0].variables).toEqual([0, 1, 2]);
    expect(triples.at(-1)!.variables).toEqual([3, 4, 5]);
    expect(r.estimator).toBe("gaussian");
  });

  it("each multiplet's values equal multivariateInformation on that subset", () => {
    const r = oInformationSweep(vars, { minOrder: 3, maxOrder: 3, estimator: "ksg", k: 4 }, { units: "bits" });
    for (const m of r.multiplets.slice(0, 4)) {
      const direct = multivariateInformation(
        m.variables.map((j) => vars[j]),
        { estimator: "ksg", k: 4 },
        { units: "bits" },
      );
      expect(m.oInformation).toBeCloseTo(direct.oInformation.value, 12);
      expect(m.totalCorrelation).toBeCloseTo(direct.totalCorrelation.value, 12);
      expect(m.dualTotalCorrelation).toBeCloseTo(direct.dualTotalCorrelation.value, 12);
      expect(m.sInformation).toBeCloseTo(direct.sInformation.value, 12);
    }
    expect(r.units).toBe("bits");
  });

  it("discrete: the parity multiplet is the most synergistic (-3 bits)", () => {
    const rows = allBits(4).map((b) => [...b, b.reduce((x, y) => x ^ y, 0)]);
    // Any 3 or 4 of the 5 bits are independent (Omega = 0); all 5 are the parity system.
    const r = oInformationSweep(columnsOf(rows), { minOrder: 3, maxOrder: 5, estimator: "plugin" }, { units: "bits" });
    expect(r.multiplets.at(-1)!.variables).toEqual([0, 1, 2, 3, 4]);
    expect(r.multiplets.at(-1)!.oInformation).toBeCloseTo(-3, 12);
  });

  it("honours an aborted signal and validates orders", () => {
    const ac = new AbortController();
    ac.abort();
    expect(() => oInformationSweep(vars, {}, { signal: ac.signal })).toThrow(AbortError);
    let calls = 0;
    const ac2 = new AbortController();
    expect(() =>
      oInformationSweep(vars, { maxOrder: 5 }, {
        signal: ac2.signal,
        onProgress: () => {
          if (++calls === 3) ac2.abort();
        },
      }),
    ).toThrow(AbortError);
    expect(calls).toBe(3);
    expect(() => oInformationSweep(vars, { minOrder: 1 })).toThrow(InvalidArgumentError);
    expect(() => oInformationSweep(vars, { minOrder: 4, maxOrder: 3 })).toThrow(/maxOrder must be an integer in \[4, 6\]/);
    expect(() => oInformationSweep(vars.slice(0, 2))).toThrow(/minOrder must be an integer in \[2, 2\]/);
    expect(() => oInformationSweep(vars, { maxOrder: 6, maxMultiplets: 10 })).toThrow(/exceed maxMultiplets = 10/);
  });
});
