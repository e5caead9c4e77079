import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromColumn, hstack, matrix } from "../../src/core/data/matrix.js";
import { InsufficientSamplesError, InvalidArgumentError, ShapeMismatchError, UnknownEstimatorError, UnsupportedDataError } from "../../src/core/errors.js";
import { inverseSpd } from "../../src/core/linalg/inverseSpd.js";
import { logDet } from "../../src/core/linalg/logDet.js";
import { createRng } from "../../src/core/random/rng.js";
import { gaussianMI, SingularCovarianceError } from "../../src/estimators/gaussian.js";
import { ksg } from "../../src/estimators/ksg.js";
import { gaussianMultivariateFromCovariance } from "../../src/measures/gaussianMultivariate.js";
import {
  columnsAsVariables,
  dualTotalCorrelation,
  multivariateInformation,
  oInformation,
  sInformation,
  totalCorrelation,
} from "../../src/measures/multivariateInformation.js";
import { allBits, columnsOf, equicorrelated, gaussianSample, redundantAndSynergistic, splitColumns } from "./samples.js";

// Golden values (reference-facts §6.1, computed with numpy): equicorrelated rho = 0.5.
const GOLDEN = {
  3: { tc: 0.346574, dtc: 0.261624, o: 0.08495, s: 0.608198 },
  4: { tc: 0.581575, dtc: 0.358432, o: 0.223144 },
} as const;

describe("Gaussian closed forms", () => {
  it("match the golden values for equicorrelated rho = 0.5, n = 3 and 4", () => {
    const r3 = gaussianMultivariateFromCovariance(equicorrelated(3, 0.5));
    expect(r3.totalCorrelation).toBeCloseTo(GOLDEN[3].tc, 6);
    expect(r3.dualTotalCorrelation).toBeCloseTo(GOLDEN[3].dtc, 6);
    expect(r3.oInformation).toBeCloseTo(GOLDEN[3].o, 6);
    expect(r3.sInformation).toBeCloseTo(GOLDEN[3].s, 6);
    const r4 = gaussianMultivariateFromCovariance(equicorrelated(4, 0.5));
    expect(r4.totalCorrelation).toBeCloseTo(GOLDEN[4].tc, 6);
    expect(r4.dualTotalCorrelation).toBeCloseTo(GOLDEN[4].dtc, 6);
    expect(r4.oInformation).toBeCloseTo(Math.log(1.25), 12);
  });

  it("agree with the explicit formulas 1/2[sum log S_jj - log det S] and 1/2[log det S + sum log (S^-1)_jj]", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 3, max: 6 }), (seed, n) => {
        // A random SPD matrix: B B^T + n I with B standard normal.
        const rng = createRng(seed);
        const bm = Float64Array.from({ length: n * n }, () => rng.normal());
        const s = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
          let v = i === j ? n : 0;
          for (let k = 0; k < n; k++) v += bm[i * n + k] * bm[j * n + k];
          s[i * n + j] = v;
        }
        const inv = inverseSpd(s, n);
        let sumLogDiag = 0;
        let sumLogInvDiag = 0;
        for (let j = 0; j < n; j++) {
          sumLogDiag += Math.log(s[j * n + j]);
          sumLogInvDiag += Math.log(inv[j * n + j]);
        }
        const ld = logDet(s, n);
        const r = gaussianMultivariateFromCovariance(s);
        expect(r.totalCorrelation).toBeCloseTo(0.5 * (sumLogDiag - ld), 10);
        expect(r.dualTotalCorrelation).toBeCloseTo(0.5 * (ld + sumLogInvDiag), 10);
        expect(r.oInformation).toBeCloseTo(0.5 * sumLogDiag - ld - 0.5 * sumLogInvDiag, 10);
      }),
      { numRuns: 30 },
    );
  });

  it("treat a block of columns as one variable (dims)", () => {
    // Variables (x1, x2), x3: TC = I((x1, x2); x3) and Omega = 0 for two variables.
    const c = equicorrelated(3, 0.5);
    const r = gaussianMultivariateFromCovariance(c, [2, 1]);
    const mi = 0.5 * (logDet(Float64Array.of(1, 0.5, 0.5, 1), 2) + 0 - logDet(c, 3));
    expect(r.totalCorrelation).toBeCloseTo(mi, 12);
    expect(r.oInformation).toBeCloseTo(0, 12);
  });

  it("reject malformed covariances", () => {
    expect(() => gaussianMultivariateFromCovariance([[1, 0.5], [0.5]])).toThrow(ShapeMismatchError);
    expect(() => gaussianMultivariateFromCovariance(equicorrelated(3, 0.5), [1, 1])).toThrow(/dims must list/);
    expect(() => gaussianMultivariateFromCovariance(equicorrelated(3, 1))).toThrow(/positive definite/);
    expect(() => gaussianMultivariateFromCovariance(Float64Array.of(1, NaN, NaN, 1))).toThrow(/finite/);
  });
});

describe("estimates on Gaussian samples", () => {
  const n = 2000;
  it("gaussian estimator: within sampling error of the golden values", () => {
    // SD of the plug-in Gaussian TC at N = 2000 is about 0.015 nats here; 0.04 is > 2.5 SD.
    for (const d of [3, 4] as const) {
      const r = multivariateInformation(splitColumns(gaussianSample(equicorrelated(d, 0.5), n, 7)), { estimator: "gaussian" });
      expect(r.totalCorrelation.value).toBeCloseTo(GOLDEN[d].tc, 1);
      expect(Math.abs(r.totalCorrelation.value - GOLDEN[d].tc)).toBeLessThan(0.04);
      expect(Math.abs(r.dualTotalCorrelation.value - GOLDEN[d].dtc)).toBeLessThan(0.04);
      expect(Math.abs(r.oInformation.value - GOLDEN[d].o)).toBeLessThan(0.04);
      expect(r.totalCorrelation.estimator).toBe("gaussian");
      expect(r.oInformation.quantity).toBe("o-information");
    }
  });

  it("ksg-1 (k = 5): near the golden values", () => {
    // Measured at N = 2000, k = 5 over seeds 1-5 (docs/measures.md): mean within 0.025 nats of
    // the truth, SD 0.02-0.035 (TC, DTC) and 0.01-0.016 (Omega). Seeds 1 and 2 are fixed, so the
    // test is deterministic; 0.05 is about 1.5-2.5 SD.
    for (const d of [3, 4] as const) {
      for (const seed of [1, 2]) {
        const r = multivariateInformation(splitColumns(gaussianSample(equicorrelated(d, 0.5), n, seed)), { estimator: "ksg", k: 5 });
        expect(Math.abs(r.totalCorrelation.value - GOLDEN[d].tc)).toBeLessThan(0.05);
        expect(Math.abs(r.dualTotalCorrelation.value - GOLDEN[d].dtc)).toBeLessThan(0.05);
        expect(Math.abs(r.oInformation.value - GOLDEN[d].o)).toBeLessThan(0.05);
        expect(r.oInformation.estimator).toBe("ksg-1");
      }
    }
  });

  it("ksg-1: DTC = TC - Omega and S = TC + DTC exactly, pointwise, and mean(local) = value", () => {
    const r = multivariateInformation(splitColumns(gaussianSample(equicorrelated(3, 0.5), 300, 3)), { estimator: "ksg-1", k: 4 });
    const { totalCorrelation: tc, dualTotalCorrelation: dtc, oInformation: o, sInformation: s } = r;
    expect(dtc.value).toBeCloseTo(tc.value - o.value, 12);
    expect(s.value).toBeCloseTo(tc.value + dtc.value, 12);
    for (const e of [tc, dtc, o, s]) {
      expect(e.local).toBeDefined();
      expect(e.local!.length).toBe(300);
      expect(e.local!.reduce((a, b) => a + b, 0) / 300).toBeCloseTo(e.value, 12);
    }
    for (let i = 0; i < 300; i++) expect(o.local![i]).toBeCloseTo(tc.local![i] - dtc.local![i], 12);
  });

  it("two variables: TC = DTC = KSG-1 MI and Gaussian MI; Omega = 0", () => {
    const m = gaussianSample(equicorrelated(3, 0.6), 400, 5);
    const x = fromColumn(Array.from({ length: 400 }, (_, i) => m.data[i * 3]));
    const yz = matrix(Float64Array.from({ length: 800 }, (_, i) => m.data[Math.floor(i / 2) * 3 + 1 + (i % 2)]), 400, 2);
    const k = multivariateInformation([x, yz], { estimator: "ksg", k: 3 });
    expect(k.totalCorrelation.value).toBeCloseTo(ksg({ k: 3 }).estimate(x, yz).value, 12);
    expect(k.dualTotalCorrelation.value).toBeCloseTo(k.totalCorrelation.value, 12);
    expect(k.oInformation.value).toBeCloseTo(0, 12);
    const g = multivariateInformation([x, yz]);
    expect(g.totalCorrelation.value).toBeCloseTo(gaussianMI().estimate(x, yz).value, 10);
    expect(g.oInformation.value).toBeCloseTo(0, 12);
  });

  it("bits = nats / ln 2 and the four wrappers agree with multivariateInformation", () => {
    const vars = splitColumns(gaussianSample(equicorrelated(3, 0.5), 200, 9));
    const nats = multivariateInformation(vars, { estimator: "ksg" });
    const bits = multivariateInformation(vars, { estimator: "ksg" }, { units: "bits" });
    expect(bits.oInformation.value).toBeCloseTo(nats.oInformation.value / Math.LN2, 12);
    expect(bits.oInformation.units).toBe("bits");
    expect(totalCorrelation(vars, { estimator: "ksg" }).value).toBe(nats.totalCorrelation.value);
    expect(dualTotalCorrelation(vars, { estimator: "ksg" }).value).toBe(nats.dualTotalCorrelation.value);
    expect(oInformation(vars, { estimator: "ksg" }).value).toBe(nats.oInformation.value);
    expect(sInformation(vars, { estimator: "ksg" }).value).toBe(nats.sInformation.value);
  });

  it("is invariant to the order of the variables (gaussian to rounding, plugin exactly)", () => {
    const vars = splitColumns(gaussianSample(equicorrelated(4, 0.3), 300, 4));
    const a = oInformation(vars).value;
    const b = oInformation([vars[2], vars[0], vars[3], vars[1]]).value;
    expect(b).toBeCloseTo(a, 12);
  });
});

describe("known signs: redundancy (copies) and synergy (sum)", () => {
  const { redundant, synergistic } = redundantAndSynergistic(1500, 0.3, 11);
  for (const estimator of ["gaussian", "ksg"] as const) {
    it(`${estimator}: Omega > 0 for noisy copies, < 0 for x3 = x1 + x2 + noise`, () => {
      const r = multivariateInformation(redundant, { estimator });
      const s = multivariateInformation(synergistic, { estimator });
      // Closed forms (sigma = 0.3): copies Omega = +0.60 nats, sum Omega = -0.45 nats.
      expect(r.oInformation.value).toBeGreaterThan(0.3);
      expect(s.oInformation.value).toBeLessThan(-0.2);
      expect(r.totalCorrelation.value).toBeGreaterThan(r.dualTotalCorrelation.value);
      expect(s.dualTotalCorrelation.value).toBeGreaterThan(s.totalCorrelation.value);
    });
  }

  it("closed forms for the two systems have the expected signs", () => {
    const v = 1 + 0.09;
    const copies = gaussianMultivariateFromCovariance([
      [v, 1, 1],
      [1, v, 1],
      [1, 1, v],
    ]);
    const sum = gaussianMultivariateFromCovariance([
      [1, 0, 1],
      [0, 1, 1],
      [1, 1, 2.09],
    ]);
    expect(copies.oInformation).toBeGreaterThan(0);
    expect(sum.oInformation).toBeLessThan(0);
  });
});

describe("discrete estimators", () => {
  it("giant_bit(5, 2): Omega = +3 bits (dit tests/multivariate/test_o_information.py)", () => {
    const rows = [
      [0, 0, 0, 0, 0],
      [1, 1, 1, 1, 1],
    ];
    const r = multivariateInformation(columnsOf(rows), { estimator: "plugin" }, { units: "bits" });
    expect(r.oInformation.value).toBeCloseTo(3, 12);
    expect(r.totalCorrelation.value).toBeCloseTo(4, 12);
    expect(r.dualTotalCorrelation.value).toBeCloseTo(1, 12);
  });

  it("n_mod_m(5, 2) (5-bit parity): Omega = -3 bits", () => {
    const rows = allBits(4).map((r) => [...r, r.reduce((a, b) => a ^ b, 0)]);
    const r = multivariateInformation(columnsOf(rows), { estimator: "plugin" }, { units: "bits" });
    expect(r.oInformation.value).toBeCloseTo(-3, 12);
    expect(r.totalCorrelation.value).toBeCloseTo(1, 12);
    expect(r.dualTotalCorrelation.value).toBeCloseTo(4, 12);
    expect(r.sInformation.value).toBeCloseTo(5, 12);
  });

  it("XOR triple: Omega = -1 bit; copies: Omega = +1 bit; strings and Labels accepted", () => {
    const x = ["a", "a", "b", "b"];
    const y = [0, 1, 0, 1];
    const z = [0, 1, 1, 0];
    expect(oInformation([x, y, z], { estimator: "plugin" }, { units: "bits" }).value).toBeCloseTo(-1, 12);
    const labels = { codes: Int32Array.of(0, 1, 0, 1), cardinality: 2 };
    expect(oInformation([labels, labels, labels], { estimator: "plugin" }, { units: "bits" }).value).toBeCloseTo(1, 12);
  });

  it("Miller-Madow TC = plug-in TC + (sum_j (K_j - 1) - (K_joint - 1)) / (2N)", () => {
    const rng = createRng(3);
    const cols = [0, 1, 2].map(() => Array.from({ length: 50 }, () => rng.int(3)));
    const plug = totalCorrelation(cols, { estimator: "plugin" }).value;
    const mm = totalCorrelation(cols, { estimator: "miller-madow" }).value;
    const distinct = (v: number[]) => new Set(v).size;
    const joint = new Set(cols[0].map((_, i) => `${cols[0][i]},${cols[1][i]},${cols[2][i]}`)).size;
    const corr = (cols.reduce((s, c) => s + distinct(c) - 1, 0) - (joint - 1)) / 100;
    expect(mm).toBeCloseTo(plug + corr, 12);
  });

  it("bias-corrected estimators are close to the exact parity value with many samples", () => {
    const rng = createRng(8);
    const rows = Array.from({ length: 4000 }, () => {
      const b = [0, 1, 2, 3].map(() => rng.int(2));
      return [...b, b.reduce((a, c) => a ^ c, 0)];
    });
    for (const estimator of ["plugin", "miller-madow", "grassberger", "chao-shen", "nsb", "jackknife"] as const) {
      const v = oInformation(columnsOf(rows), { estimator }, { units: "bits" }).value;
      expect(Math.abs(v + 3)).toBeLessThan(0.02);
    }
  });

  it("a multi-column integer Matrix is one joint variable", () => {
    const rows = allBits(4).map((r) => [...r, r.reduce((a, b) => a ^ b, 0)]);
    const cols = columnsOf(rows);
    // ((b1, b2), b3, b4, parity): H(A) = 2, other marginals 1 bit, H(all) = 4; every complement
    // has 4 bits except H(b3, b4, parity) = 3. TC = 5 - 4 = 1, DTC = 15 - 3 * 4 = 3.
    const pair = matrix(Float64Array.from(rows.flatMap((r) => [r[0], r[1]])), 16, 2);
    const r = multivariateInformation([pair, cols[2], cols[3], cols[4]], { estimator: "plugin" }, { units: "bits" });
    expect(r.totalCorrelation.value).toBeCloseTo(1, 12);
    expect(r.dualTotalCorrelation.value).toBeCloseTo(3, 12);
    expect(r.oInformation.value).toBeCloseTo(-2, 12);
  });
});

describe("validation", () => {
  const vars = splitColumns(gaussianSample(equicorrelated(3, 0.5), 50, 1));
  it("throws typed errors with the function and argument named", () => {
    expect(() => multivariateInformation([vars[0]])).toThrow(InvalidArgumentError);
    expect(() => multivariateInformation([vars[0]])).toThrow(/multivariateInformation: variables must be an array of at least 2/);
    expect(() => multivariateInformation(vars, { estimator: "nope" as never })).toThrow(UnknownEstimatorError);
    expect(() => multivariateInformation(vars, { kk: 3 } as never)).toThrow(/unknown option "kk"/);
    expect(() => multivariateInformation(vars, { k: 0, estimator: "ksg" })).toThrow(/k must be an integer >= 1/);
    expect(() => multivariateInformation([vars[0], fromColumn([1, 2, 3])])).toThrow(ShapeMismatchError);
    expect(() => multivariateInformation(vars, { estimator: "plugin" })).toThrow(UnsupportedDataError);
    expect(() => multivariateInformation(vars, { estimator: "ksg", k: 50 })).toThrow(InsufficientSamplesError);
    expect(() => multivariateInformation(vars, {}, { units: "bytes" as never })).toThrow(/units must be/);
    expect(() => multivariateInformation([fromColumn([1, NaN, 3]), fromColumn([1, 2, 3])])).toThrow(/finite/);
  });

  it("singular covariance: SingularCovarianceError naming the column, or a ridge with a warning", () => {
    const dup = [vars[0], vars[1], vars[0]];
    expect(() => multivariateInformation(dup)).toThrow(SingularCovarianceError);
    expect(() => multivariateInformation(dup)).toThrow(/variable 2 column 0/);
    const r = multivariateInformation(dup, { ridge: 1e-3 });
    expect(Number.isFinite(r.oInformation.value)).toBe(true);
    expect(r.oInformation.diagnostics.warnings.map((w) => w.code)).toContain("singular-covariance");
  });

  it("does not mutate its inputs and records params and references", () => {
    const copy = vars.map((v) => Float64Array.from(v.data));
    const r = multivariateInformation(vars, { estimator: "ksg", k: 4 }, { seed: 3 });
    vars.forEach((v, j) => expect(v.data).toEqual(copy[j]));
    expect(r.totalCorrelation.params).toMatchObject({ k: 4, variables: 3 });
    expect(r.totalCorrelation.seed).toBe(3);
    expect(r.totalCorrelation.references.map((x) => x.id)).toEqual(["watanabe1960", "rosas2019", "kraskov2004"]);
    expect(r.dualTotalCorrelation.references.map((x) => x.id)).toContain("han1978");
  });

  it("warns on a negative TC estimate (independent data, ksg)", () => {
    const ind = splitColumns(gaussianSample(equicorrelated(3, 0), 100, 21));
    const r = multivariateInformation(ind, { estimator: "ksg" });
    if (r.totalCorrelation.value < 0) expect(r.totalCorrelation.diagnostics.warnings.map((w) => w.code)).toContain("negative-estimate");
    expect(r.oInformation.diagnostics.warnings.map((w) => w.code)).not.toContain("negative-estimate");
  });

  it("columnsAsVariables splits a Matrix into one-column variables with names", () => {
    const m = hstack(vars[0], vars[1]);
    const named = { ...m, columnNames: ["a", "b"] };
    const parts = columnsAsVariables(named);
    expect(parts.map((p) => p.columnNames)).toEqual([["a"], ["b"]]);
    expect(parts[1].data).toEqual(vars[1].data);
  });
});
