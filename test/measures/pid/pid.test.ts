import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, ShapeMismatchError } from "../../../src/core/errors.js";
import { createRng } from "../../../src/core/random/rng.js";
import { brojaSolve } from "../../../src/measures/pid/broja.js";
import { pid, pidFromDistribution, type PidMeasure, type PidResult } from "../../../src/measures/pid/pid.js";
import {
  empiricalPidDistribution,
  pidDistributionFromOutcomes,
  pidMarginals,
  type PidDistribution,
} from "../../../src/measures/pid/pidDistribution.js";

/** Uniform distribution over outcomes written as strings "s1 s2 t" (one digit each), as in dit. */
function uniform(outcomes: string[]): PidDistribution {
  return pidDistributionFromOutcomes(outcomes.map((o) => [Number(o[0]), Number(o[1]), Number(o[2]), 1 / outcomes.length]));
}

// The distributions of dit's dit/pid/distributions/bivariate.py (last index = target).
const GATES = {
  xor: uniform(["000", "011", "101", "110"]),
  and: uniform(["000", "010", "100", "111"]),
  cat: uniform(["000", "011", "102", "113"]), // COPY: T = (S1, S2)
  rdn: uniform(["000", "111"]),
  unq1: uniform(["000", "011", "100", "111"]), // T = S2 in dit's layout ('unq1' = unique from X1, 0-based index 1)
  diff: uniform(["000", "001", "010", "101"]),
  prob1: uniform(["000", "001", "010", "011", "100"]),
  reducedOr: pidDistributionFromOutcomes([
    [0, 0, 0, 0.5],
    [0, 1, 1, 0.25],
    [1, 0, 1, 0.25],
  ]),
};

function atoms(r: PidResult): [number, number, number, number] {
  return [r.redundancy, r.unique1, r.unique2, r.synergy];
}

function expectAtoms(r: PidResult, expected: [number, number, number, number], digits = 9): void {
  atoms(r).forEach((v, i) => expect(v).toBeCloseTo(expected[i], digits));
}

const bits = { units: "bits" } as const;
const LOG2_43 = 0.75 * Math.log2(4 / 3) + 0.25 * Math.log2(4) - 0.5; // I(T; S1) for AND = 0.311278...

describe("standard gates (values in bits)", () => {
  it("I(T; S1) of AND is 0.311278 bits", () => {
    expect(LOG2_43).toBeCloseTo(0.31127812445913294, 14);
  });

  it("XOR: synergy 1 for every measure", () => {
    for (const measure of ["imin", "broja", "mmi"] as PidMeasure[]) expectAtoms(pidFromDistribution(GATES.xor, { measure }, bits), [0, 0, 0, 1], 7);
  });

  // BROJA values are certified to the solver's duality gap (default tolerance 1e-8 nats), so
  // they are compared to 7 decimals; closed-form measures to 9.
  it("AND: red 0.311278, unq 0, syn 0.5 for I_min and BROJA", () => {
    // I_min: Williams & Beer 2010; dit test_imin.py test_pid_wb2 ('sum' gate atoms 0.31127812445913294 / 0.5).
    // BROJA: dit test_ibroja.py test_pid_broja2 ('anddup': 0.31127812445913305 and 0.5); Bertschinger 2014, Table 1.
    expectAtoms(pidFromDistribution(GATES.and, { measure: "imin" }, bits), [0.31127812445913294, 0, 0, 0.5]);
    expectAtoms(pidFromDistribution(GATES.and, { measure: "broja" }, bits), [0.31127812445913305, 0, 0, 0.5], 7);
    expectAtoms(pidFromDistribution(GATES.and, { measure: "mmi" }, bits), [0.31127812445913294, 0, 0, 0.5]);
  });

  it("COPY (T = (S1, S2)): BROJA unq1 = unq2 = 1; I_min red = 1, syn = 1", () => {
    // BROJA: dit test_ibroja.py test_ibroja3 ('cat': uniques 1 and 1). I_min: dit docs/measures/pid.rst (PID_WB on cat: {0}{1} = 1, {0:1} = 1).
    expectAtoms(pidFromDistribution(GATES.cat, { measure: "broja" }, bits), [0, 1, 1, 0], 7);
    expectAtoms(pidFromDistribution(GATES.cat, { measure: "imin" }, bits), [1, 0, 0, 1]);
  });

  it("RDN: red 1 for every measure", () => {
    // dit test_ibroja.py test_ibroja1 ('redundant': uniques 0).
    for (const measure of ["imin", "broja", "mmi"] as PidMeasure[]) expectAtoms(pidFromDistribution(GATES.rdn, { measure }, bits), [1, 0, 0, 0], 7);
  });

  it("UNQ (T = one source): that source's unique information is 1", () => {
    // dit 'unq1' = uniform(['000', '011', '100', '111']): T equals the second source.
    for (const measure of ["imin", "broja", "mmi"] as PidMeasure[]) expectAtoms(pidFromDistribution(GATES.unq1, { measure }, bits), [0, 0, 1, 0], 7);
  });

  it("dit's 'diff' (BROJA): red 0.12255624891826589, unq 0.18872187554086706 each, syn 0", () => {
    // dit test_ibroja.py test_pid_broja1.
    expectAtoms(pidFromDistribution(GATES.diff, { measure: "broja" }, bits), [0.12255624891826589, 0.18872187554086706, 0.18872187554086706, 0], 7);
  });

  it("dit's 'prob 1' (I_min): red 0.019973094021974794, unq1 0.15097750043269376, unq2 0, syn 0", () => {
    // dit test_imin.py test_pid_wb1.
    expectAtoms(pidFromDistribution(GATES.prob1, { measure: "imin" }, bits), [0.019973094021974794, 0.15097750043269376, 0, 0]);
  });

  it("reduced OR (BROJA): red 0.3113, unq 0, syn 0.6887", () => {
    // dit docs/measures/pid.rst, PID_BROJA(bivariates['reduced or']) table.
    expectAtoms(pidFromDistribution(GATES.reducedOr, { measure: "broja" }, bits), [0.3113, 0, 0, 0.6887], 4);
  });

  it("BROJA results carry a converged certificate", () => {
    for (const d of Object.values(GATES)) {
      const r = pidFromDistribution(d, { measure: "broja" }, bits);
      expect(r.diagnostics.details.converged).toBe(true);
      expect(r.diagnostics.details.gap as number).toBeLessThanOrEqual(1e-8 / Math.LN2);
      expect(r.diagnostics.warnings).toEqual([]);
    }
  });
});

/** Random distribution on n1 x n2 x nt with some zero cells. */
const distArb = fc
  .record({ seed: fc.integer({ min: 0, max: 1_000_000 }), n1: fc.integer({ min: 2, max: 4 }), n2: fc.integer({ min: 2, max: 4 }), nt: fc.integer({ min: 2, max: 3 }) })
  .map(({ seed, n1, n2, nt }) => {
    const rng = createRng(seed);
    const p = new Float64Array(n1 * n2 * nt);
    let s = 0;
    for (let i = 0; i < p.length; i++) {
      p[i] = rng.float64() < 0.25 ? 0 : rng.float64();
      s += p[i];
    }
    if (s === 0) p[0] = s = 1;
    for (let i = 0; i < p.length; i++) p[i] /= s;
    return { p, n1, n2, nt } as PidDistribution;
  });

function swapSources(d: PidDistribution): PidDistribution {
  const p = new Float64Array(d.p.length);
  for (let a = 0; a < d.n1; a++) for (let b = 0; b < d.n2; b++) for (let t = 0; t < d.nt; t++) p[(b * d.n1 + a) * d.nt + t] = d.p[(a * d.n2 + b) * d.nt + t];
  return { p, n1: d.n2, n2: d.n1, nt: d.nt };
}

describe("properties", () => {
  it("consistency equations, non-negativity and source symmetry hold for every measure", () => {
    fc.assert(
      fc.property(distArb, (d) => {
        for (const measure of ["imin", "broja", "mmi"] as PidMeasure[]) {
          const r = pidFromDistribution(d, { measure });
          const mi = r.mutualInformation;
          expect(r.redundancy + r.unique1 + r.unique2 + r.synergy).toBeCloseTo(mi.joint, 10);
          expect(r.redundancy + r.unique1).toBeCloseTo(mi.source1, 10);
          expect(r.redundancy + r.unique2).toBeCloseTo(mi.source2, 10);
          for (const v of atoms(r)) expect(v).toBeGreaterThan(-2e-8);
          const s = pidFromDistribution(swapSources(d), { measure });
          // BROJA: each run is within its 1e-8 gap of the exact value.
          expect(Math.abs(s.redundancy - r.redundancy)).toBeLessThan(2e-8);
          expect(Math.abs(s.unique1 - r.unique2)).toBeLessThan(2e-8);
          expect(Math.abs(s.synergy - r.synergy)).toBeLessThan(2e-8);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("BROJA: converges with gap <= tolerance, the optimiser is feasible, and lowerBound <= value", () => {
    fc.assert(
      fc.property(distArb, (d) => {
        const sol = brojaSolve(d);
        expect(sol.converged).toBe(true);
        expect(sol.gap).toBeLessThanOrEqual(1e-8);
        expect(sol.lowerBound).toBeLessThanOrEqual(sol.value + 1e-15);
        expect(sol.marginalResidual).toBeLessThan(1e-12);
        const mq = pidMarginals({ ...d, p: sol.q });
        const mp = pidMarginals(d);
        mq.a.forEach((v, i) => expect(v).toBeCloseTo(mp.a[i], 12));
        mq.b.forEach((v, i) => expect(v).toBeCloseTo(mp.b[i], 12));
        for (const v of sol.q) expect(v).toBeGreaterThanOrEqual(0);
      }),
      // Seeded like every random choice in minfo: a random seed found the stall pinned below.
      { numRuns: 60, seed: 20261130 },
    );
  });

  it("BROJA: a boundary optimum that used to stall at a gap of 1.5e-8 now converges with its certificate", () => {
    // Found by the property above (fast-check seed 403429370): three whole cells (s1, s2) are
    // empty at the optimum, and the Newton multipliers gave a bound 1.5e-8 nats short. The
    // solver now re-solves without those cells and reads the multipliers off the stationarity
    // conditions; the bound then meets the value to rounding.
    const p = Float64Array.from([
      0.12323058738907522, 0.12674310135460173, 0.015344945820602855, 0.09719512919868188, 0.0655220613314622, 0,
      0.05148947954788534, 0.020071541656132834, 0, 0, 0.01007225923308179, 0.027733665253653835, 0.10734461809449251,
      0.060035664107592784, 0, 0.08828938241983904, 0, 0, 0.08788274357687688, 0, 0.11904482101602114, 0, 0, 0,
    ]);
    const d = { p, n1: 2, n2: 4, nt: 3 } as Parameters<typeof brojaSolve>[0];
    const sol = brojaSolve(d);
    expect(sol.converged).toBe(true);
    expect(sol.gap).toBeLessThanOrEqual(1e-8);
    expect(Math.abs(sol.value - sol.lowerBound)).toBeLessThan(1e-12);
    expect(sol.value).toBeCloseTo(0.2121905353779, 12);
    expect(sol.marginalResidual).toBeLessThan(1e-12);
    // The empty cells (s1, s2) = (0, 2), (1, 0), (1, 3) carry no mass.
    for (const cell of [2, 4, 7]) for (let t = 0; t < 3; t++) expect(sol.q[cell * 3 + t]).toBe(0);
  });

  it("BROJA matches an independent brute-force minimisation on 2 x 2 x 2 tables", () => {
    // Each t-block of a 2 x 2 x 2 table has one free entry x_t; I_Q is jointly convex, so a
    // nested ternary search over (x_0, x_1) finds the minimum to ~1e-9.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const rng = createRng(seed);
        const p = Float64Array.from({ length: 8 }, () => 0.05 + rng.float64());
        const s = p.reduce((x, y) => x + y, 0);
        for (let i = 0; i < 8; i++) p[i] /= s;
        const d: PidDistribution = { p, n1: 2, n2: 2, nt: 2 };
        const m = pidMarginals(d);
        const mi = (x: readonly number[]) => {
          const q = new Float64Array(8);
          for (let t = 0; t < 2; t++) {
            const a0 = m.a[0 * 2 + t];
            const b0 = m.b[0 * 2 + t];
            q[(0 * 2 + 0) * 2 + t] = x[t];
            q[(0 * 2 + 1) * 2 + t] = a0 - x[t];
            q[(1 * 2 + 0) * 2 + t] = b0 - x[t];
            q[(1 * 2 + 1) * 2 + t] = m.pt[t] - a0 - b0 + x[t];
          }
          let f = 0;
          for (let c = 0; c < 4; c++) {
            const qs = q[c * 2] + q[c * 2 + 1];
            for (let t = 0; t < 2; t++) if (q[c * 2 + t] > 0) f += q[c * 2 + t] * Math.log(q[c * 2 + t] / (qs * m.pt[t]));
          }
          return f;
        };
        const range = (t: number) => [Math.max(0, m.a[t] + m.b[t] - m.pt[t]), Math.min(m.a[t], m.b[t])];
        const ternary = (lo: number, hi: number, g: (v: number) => number) => {
          for (let i = 0; i < 100; i++) {
            const u = lo + (hi - lo) / 3;
            const v = hi - (hi - lo) / 3;
            if (g(u) <= g(v)) hi = v;
            else lo = u;
          }
          return g((lo + hi) / 2);
        };
        const [l0, h0] = range(0);
        const [l1, h1] = range(1);
        const brute = ternary(l0, h0, (x0) => ternary(l1, h1, (x1) => mi([x0, x1])));
        const sol = brojaSolve(d);
        expect(sol.value).toBeGreaterThanOrEqual(brute - 1e-9);
        expect(sol.value - brute).toBeLessThan(1e-8 + 1e-9);
        expect(sol.lowerBound).toBeLessThanOrEqual(brute + 1e-9);
      }),
      { numRuns: 20 },
    );
  });

  it("BROJA redundancy never exceeds min_i I(T; S_i) and I_min never exceeds MMI", () => {
    fc.assert(
      fc.property(distArb, (d) => {
        const b = pidFromDistribution(d, { measure: "broja" });
        const i = pidFromDistribution(d, { measure: "imin" });
        const mmi = pidFromDistribution(d, { measure: "mmi" });
        expect(b.redundancy).toBeLessThanOrEqual(mmi.redundancy + 1e-9);
        expect(i.redundancy).toBeLessThanOrEqual(mmi.redundancy + 1e-12);
      }),
      { numRuns: 40 },
    );
  });
});

describe("pid from data", () => {
  it("equals the decomposition of the empirical distribution; accepts strings", () => {
    const rng = createRng(4);
    const s1 = Array.from({ length: 400 }, () => rng.int(2));
    const s2 = Array.from({ length: 400 }, () => rng.int(3));
    const t = s1.map((v, i) => (v + s2[i] + (rng.float64() < 0.1 ? 1 : 0)) % 2);
    const r = pid(s1.map((v) => (v ? "yes" : "no")), s2, t, { measure: "broja" }, bits);
    const d = empiricalPidDistribution(
      { codes: Int32Array.from(s1), cardinality: 2 },
      { codes: Int32Array.from(s2), cardinality: 3 },
      { codes: Int32Array.from(t), cardinality: 2 },
    );
    const e = pidFromDistribution(d, { measure: "broja" }, bits);
    expect(r.synergy).toBeCloseTo(e.synergy, 10);
    expect(r.redundancy).toBeCloseTo(e.redundancy, 10);
    expect(r.n).toBe(400);
    expect(r.estimator).toBe("plugin");
    expect(r.references.map((x) => x.id)).toContain("bertschinger2014");
  });

  it("XOR samples give synergy near 1 bit; bits = nats / ln 2", () => {
    const rng = createRng(9);
    const a = Array.from({ length: 2000 }, () => rng.int(2));
    const b = Array.from({ length: 2000 }, () => rng.int(2));
    const t = a.map((v, i) => v ^ b[i]);
    const rb = pid(a, b, t, {}, bits);
    const rn = pid(a, b, t);
    expect(rb.synergy).toBeGreaterThan(0.99);
    expect(rb.synergy).toBeCloseTo(rn.synergy / Math.LN2, 12);
  });

  it("validates arguments", () => {
    expect(() => pid([0, 1], [0, 1], [0, 1, 1])).toThrow(ShapeMismatchError);
    expect(() => pid([0, 1], [0, 1], [0, 1], { measure: "ccs" as never })).toThrow(/measure must be one of imin, broja, mmi/);
    expect(() => pid([0, 1], [0, 1], [0, 1], { foo: 1 } as never)).toThrow(/unknown option "foo"/);
    expect(() => pid([0, 1], [0, 1], [0, 1], { tolerance: -1 })).toThrow(/tolerance must be/);
    expect(() => pid([0.5, 1], [0, 1], [0, 1])).toThrow(/discrete codes/);
    expect(() => pidDistributionFromOutcomes([[0, 0, 0, 0.5]])).toThrow(/sum to 1/);
    expect(() => pidDistributionFromOutcomes([[0, -1, 0, 1]])).toThrow(InvalidArgumentError);
    expect(() => pidDistributionFromOutcomes([])).toThrow(/non-empty/);
  });
});
