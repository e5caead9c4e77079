import { describe, expect, it } from "vitest";
import { InsufficientSamplesError, InvalidArgumentError, NonFiniteValueError, ShapeMismatchError } from "../../src/core/errors.js";
import { multivariateT } from "../../src/core/random/multivariateT.js";
import { createRng } from "../../src/core/random/rng.js";
import type { Matrix } from "../../src/core/types.js";
import {
  AUTO_RULES,
  AUTO_WARNING_CODES,
  auto,
  autoDescriptor,
  chooseEstimator,
  defaultK,
  extrapolateBias,
  normalScores,
  profileData,
  rateFloorRatio,
  type BiasExtrapolation,
} from "../../src/estimators/auto.js";
import { findEstimator } from "../../src/estimators/registry.js";
import { standardizeSample, tasks } from "../../src/bench/tasks.js";

function mat(n: number, cols: number, f: (i: number, j: number) => number): Matrix {
  const data = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = f(i, j);
  return { data, rows: n, cols };
}

/** n draws of (X, Y) with X ~ N(0, I_dx) and Y_j = ρ X_(j mod dx) + √(1-ρ²) ε. */
function gaussianPair(n: number, dx: number, dy: number, rho: number, seed: number): { x: Matrix; y: Matrix } {
  const rng = createRng(seed);
  const x = mat(n, dx, () => rng.normal());
  const y = mat(n, dy, (i, j) => rho * x.data[i * dx + (j % dx)] + Math.sqrt(1 - rho * rho) * rng.normal());
  return { x, y };
}

/** Fast settings: few resamples (the interval logic is the same). */
const FAST = { resamples: 10 } as const;

describe("auto: regime rules (chooseEstimator on measured profiles)", () => {
  it("all discrete with many rows per cell -> miller-madow; sparse -> nsb", () => {
    const rng = createRng(1);
    const x = mat(400, 1, () => rng.int(3));
    const y = mat(400, 1, (i) => (x.data[i] + rng.int(2)) % 3);
    const p = profileData(x, y);
    expect(p.xKind).toBe("discrete");
    expect(p.jointSupport).toBe(6); // y = x or x + 1 (mod 3)
    const c = chooseEstimator(p);
    expect(c.id).toBe("miller-madow");
    expect(c.interval).toBe("subsample");
    expect(c.reasons.join("\n")).toMatch(/all discrete/);
    // 60 rows over up to 15 x 15 cells: N / support < 10.
    const xs = mat(60, 1, () => rng.int(15));
    const ys = mat(60, 1, () => rng.int(15));
    const cs = chooseEstimator(profileData(xs, ys));
    expect(cs.id).toBe("nsb");
    expect(cs.reasons.join("\n")).toMatch(/sparse counts/);
  });

  it("continuous X with discrete Y -> ross; the reverse swaps; a mixed variable -> gao", () => {
    const rng = createRng(2);
    const cls = mat(300, 1, () => rng.int(3));
    const cont = mat(300, 1, (i) => cls.data[i] + rng.normal());
    const a = chooseEstimator(profileData(cont, cls));
    expect(a.id).toBe("ross");
    expect(a.swap).toBe(false);
    expect(a.interval).toBe("subsample");
    const b = chooseEstimator(profileData(cls, cont));
    expect(b.id).toBe("ross");
    expect(b.swap).toBe(true);
    const both = mat(300, 2, (i, j) => (j === 0 ? cls.data[i] : cont.data[i]));
    const g = chooseEstimator(profileData(both, cont));
    expect(g.id).toBe("gao");
    expect(g.reasons[g.reasons.length - 2]).toMatch(/k = 3/);
  });

  it("low-dimensional continuous -> ksg-1 on normal scores with k by N; high-dimensional -> gaussian-copula", () => {
    const { x, y } = gaussianPair(500, 2, 2, 0.5, 3);
    const c = chooseEstimator(profileData(x, y));
    expect(c.id).toBe("ksg-1");
    expect(c.transform).toBe("normal-scores");
    expect(c.options).toEqual({ k: defaultK(500) });
    expect(c.reasons.join("\n")).toMatch(/dx \+ dy = 4 <= 10/);
    const h = gaussianPair(500, 6, 6, 0.5, 4);
    const ch = chooseEstimator(profileData(h.x, h.y));
    expect(ch.id).toBe("gaussian-copula");
    expect(ch.reasons.join("\n")).toMatch(/dx \+ dy = 12 > 10/);
    // Too few rows for d = 10 (20 * 2^5 = 640): gaussian-copula.
    const s = gaussianPair(300, 5, 5, 0.5, 5);
    expect(chooseEstimator(profileData(s.x, s.y)).id).toBe("gaussian-copula");
  });

  it("heavy tails are measured and reported (Cauchy: tail ratio near 16.7; normal near 1)", () => {
    const rng = createRng(6);
    const n = 4000;
    const x = mat(n, 1, () => Math.tan(Math.PI * (rng.float64() - 0.5)));
    const y = mat(n, 1, (i) => x.data[i] + Math.tan(Math.PI * (rng.float64() - 0.5)));
    const p = profileData(x, y);
    expect(p.columns[0].tailRatio).toBeGreaterThan(10);
    const g = gaussianPair(n, 1, 1, 0.5, 7);
    const pg = profileData(g.x, g.y);
    expect(pg.columns[0].tailRatio).toBeGreaterThan(0.8);
    expect(pg.columns[0].tailRatio).toBeLessThan(1.25);
    const c = chooseEstimator(p);
    expect(c.id).toBe("ksg-1");
    expect(c.reasons.join("\n")).toMatch(/heavy tails .*x\[0\]/);
    expect(c.reasons.join("\n")).toMatch(/normal-score transform removes them/);
  });

  it("xKind/yKind override the value-based detection", () => {
    const rng = createRng(8);
    const x = mat(200, 1, () => rng.int(4));
    const y = mat(200, 1, () => rng.normal());
    expect(profileData(x, y).xKind).toBe("discrete");
    expect(profileData(x, y, "continuous").xKind).toBe("continuous");
    expect(() => profileData(x, y, "auto", "discrete")).toThrow(/yKind "discrete" needs integer codes; y column 0 row 0/);
  });

  it("defaultK: clamp(round(sqrt(N)/10), 3, 10)", () => {
    expect([100, 900, 2000, 5000, 10000, 1e6].map(defaultK)).toEqual([3, 3, 4, 7, 10, 10]);
  });
});

describe("auto: bias extrapolation", () => {
  it("recovers the remaining bias of an exact power law (bias 0.4 r^j at N/4, N/2, N)", () => {
    const r = 0.7;
    const e = extrapolateBias(1 - 0.4 * r * r, 1 - 0.4 * r, 1 - 0.4);
    expect(e.ratio).toBeCloseTo(r, 12);
    // remaining bias 0.4 r^2 = lastStep + extra
    expect(e.lastStep + e.extra).toBeCloseTo(0.4 * r * r, 12);
  });

  it("adds nothing for 1/N decay (r = 1/2), steps of opposite sign, or a flat curve; caps r", () => {
    expect(extrapolateBias(1 - 0.1, 1 - 0.2, 1 - 0.4).extra).toBeCloseTo(0, 12);
    expect(extrapolateBias(1, 0.9, 1).extra).toBe(0);
    expect(extrapolateBias(1, 1, 1).ratio).toBeNull();
    const capped = extrapolateBias(1, 0.99, 0.98); // r = 1: capped at maxRatio
    const rc = AUTO_RULES.maxRatio;
    expect(capped.extra).toBeCloseTo(0.01 * (rc / (1 - rc) - 1), 12);
    // downward steps (estimates falling with n) extend downward
    expect(extrapolateBias(0.5, 0.6, 0.75).extra).toBeLessThan(0);
  });

  it("rate floor: rising kNN estimates assume the slowest decay N^(-1/d); exact for that power law", () => {
    expect(rateFloorRatio(6)).toBeCloseTo(2 ** (-1 / 6), 15);
    expect(rateFloorRatio(10)).toBeCloseTo(0.933032991536807, 12);
    expect(rateFloorRatio(2)).toBe(AUTO_RULES.maxRatio); // 2^(-1/2) = 0.707 is below the cap
    // bias c·n^(-1/d) at n = N/4, N/2, N (N = 2000, d = 6): the floor recovers the remaining bias exactly
    const d = 6;
    const c = 3;
    const truth = 1;
    const at = (n: number) => truth - c * n ** (-1 / d);
    const e = extrapolateBias(at(2000), at(1000), at(500), d);
    expect(e.ratioUsed).toBeCloseTo(2 ** (-1 / d), 15);
    expect(e.ratio).toBeCloseTo(2 ** (-1 / d), 12);
    expect(at(2000) + e.lastStep + e.extra).toBeCloseTo(truth, 12);
    // a fast measured decay (r = 0.25) does not shrink the floor when the estimates rise...
    const fast = extrapolateBias(1, 1 - 0.01, 1 - 0.05, d);
    expect(fast.ratio).toBeCloseTo(0.25, 12);
    expect(fast.extra).toBeCloseTo(0.01 * (rateFloorRatio(d) / (1 - rateFloorRatio(d)) - 1), 12);
    // ...while without knnDims (a parametric candidate) it adds nothing, as before
    expect(extrapolateBias(1, 1 - 0.01, 1 - 0.05).extra).toBe(0);
    // falling or mixed steps keep the measured-ratio rule, with or without knnDims
    expect(extrapolateBias(0.5, 0.6, 0.75, d)).toEqual(extrapolateBias(0.5, 0.6, 0.75));
    expect(extrapolateBias(1, 0.9, 1, d)).toEqual(extrapolateBias(1, 0.9, 1));
    expect(extrapolateBias(1, 0.9, 1, d).ratioUsed).toBeNull();
  });
});

describe("auto: rate floor on a spiral (bmi's spiral @ 2-pair normal 3 × 3, I = 1.0217 nats)", () => {
  it("full KSG rises with N; its upper end assumes N^(-1/6) decay and reaches the truth that the plain interval misses", async () => {
    const t = tasks("bmi-v1").find((task) => task.id === "spiral-multinormal-sparse-3-3-2-2.0")!;
    const s = standardizeSample(t.sample(1200, 1));
    const e = await auto({ resamples: 20 }).estimate(s.x, s.y, { seed: 1 });
    const details = e.diagnostics.details as { candidates: { id: string; upper: number; plain: { upper: number }; bias?: BiasExtrapolation }[]; plain: { upper: number } };
    const k = details.candidates.find((c) => c.id === "ksg-1")!;
    expect(k.bias!.lastStep).toBeGreaterThan(0);
    expect(k.bias!.meanHalf).toBeGreaterThan(k.bias!.meanQuarter);
    expect(k.bias!.ratioUsed).toBe(rateFloorRatio(6));
    expect(k.upper).toBeCloseTo(k.plain.upper + k.bias!.extra, 12);
    expect(e.uncertainty!.ci!.upper).toBe(Math.max(...details.candidates.map((c) => c.upper)));
    expect(details.plain.upper).toBeLessThan(t.truth);
    expect(e.uncertainty!.ci!.lower).toBeLessThan(t.truth);
    expect(e.uncertainty!.ci!.upper).toBeGreaterThan(t.truth);
    const w = e.diagnostics.warnings.find((x) => x.code === AUTO_WARNING_CODES.stillRising);
    expect(w?.message).toMatch(/ksg-1 still rises with the sample size .*N\^\(-1\/6\)/);
    expect((e.diagnostics.details as { choice: { reasons: string[] } }).choice.reasons.some((r) => r.startsWith("candidate ksg-1") && r.includes("still rising"))).toBe(true);
  });
});

describe("auto: estimates", () => {
  it("returns an interval, the choice with reasons, and is deterministic per seed (KSG regime)", async () => {
    const { x, y } = gaussianPair(300, 1, 1, 0.6, 9);
    // y = x^2 + noise: no monotone dependence, so the copula check keeps KSG.
    const rng = createRng(10);
    const yq = mat(300, 1, (i) => x.data[i] ** 2 + 0.3 * rng.normal());
    const est = auto(FAST);
    const e = await est.estimate(x, yq, { seed: 3 });
    expect(e.estimator).toBe("auto");
    const choice = e.diagnostics.details.choice as { id: string; reasons: string[]; interval: string };
    expect(choice.id).toBe("ksg-1");
    expect(choice.interval).toBe("subsample-bias");
    expect(choice.reasons.some((r) => /^kept ksg-1: the highest lower end at the Bonferroni level 1 − 0\.05\/2/.test(r))).toBe(true);
    expect(choice.reasons.some((r) => /^candidate gaussian-copula/.test(r))).toBe(true);
    // 1 x 1: the panel is full KSG and gaussian-copula; the interval is [kept simultaneous lower, largest upper].
    const cands = e.diagnostics.details.candidates as { id: string; value: number; lower: number; upper: number; selectionLower: number }[];
    expect(cands.map((c) => c.id)).toEqual(["ksg-1", "gaussian-copula"]);
    expect(e.value).toBe(cands[0].value);
    expect(e.uncertainty!.ci!.lower).toBe(Math.max(...cands.map((c) => c.selectionLower)));
    expect(e.uncertainty!.ci!.upper).toBe(Math.max(...cands.map((c) => c.upper)));
    for (const c of cands) expect(c.selectionLower).toBeLessThanOrEqual(c.lower);
    const ci = e.uncertainty!.ci!;
    expect(ci.level).toBe(0.95);
    expect(ci.lower).toBeLessThan(ci.upper);
    expect(e.value).toBeGreaterThan(0.3);
    expect(e.diagnostics.details.bias).toBeDefined();
    const again = await est.estimate(x, yq, { seed: 3 });
    expect(again.value).toBe(e.value);
    expect(again.uncertainty).toEqual(e.uncertainty);
    const other = await est.estimate(x, yq, { seed: 4 });
    expect(other.uncertainty!.ci!.lower).not.toBe(ci.lower);
    // Gaussian data: gaussian-copula (unbiased there) is above KSG and is kept.
    const g = await est.estimate(x, y, { seed: 3 });
    const gc = g.diagnostics.details.choice as { id: string; reasons: string[] };
    expect(gc.id).toBe("gaussian-copula");
    expect(gc.reasons.some((r) => /^kept gaussian-copula/.test(r))).toBe(true);
    expect(g.uncertainty!.ci!.method).toBe("subsample-bias");
    // exact MI -0.5 log(1 - 0.36) = 0.223; 300 rows: SD about 0.05
    expect(Math.abs(g.value - 0.2231)).toBeLessThan(0.15);
  });

  it("copulaCheck: false keeps KSG; the value is invariant to monotone maps of the columns", async () => {
    const { x, y } = gaussianPair(200, 1, 1, 0.6, 11);
    const est = auto({ ...FAST, copulaCheck: false, biasTerm: false });
    const e = await est.estimate(x, y, { seed: 1 });
    expect((e.diagnostics.details.choice as { id: string }).id).toBe("ksg-1");
    expect(e.uncertainty!.ci!.method).toBe("subsample");
    const ex = mat(200, 1, (i) => Math.exp(x.data[i]));
    const cy = mat(200, 1, (i) => y.data[i] ** 3);
    const t = await est.estimate(ex, cy, { seed: 1 });
    expect(t.value).toBe(e.value);
  });

  it("panel: on a spherical Student t (3 + 3, ν = 2) the norm summary beats full KSG and is kept; panel: false keeps the rule's KSG", async () => {
    const d = 6;
    const eye = new Float64Array(d * d);
    for (let j = 0; j < d; j++) eye[j * d + j] = 1;
    const z = multivariateT(createRng(40), new Float64Array(d), eye, 2, 1200);
    const x = mat(1200, 3, (i, j) => z.data[i * d + j]);
    const y = mat(1200, 3, (i, j) => z.data[i * d + 3 + j]);
    const e = await auto(FAST).estimate(x, y, { seed: 5 });
    const cands = e.diagnostics.details.candidates as { id: string; value: number }[];
    expect(cands.map((c) => c.id)).toEqual(["ksg-1", "gaussian-copula", "norm-summary", "canonical-pairs"]);
    const choice = e.diagnostics.details.choice as { id: string; rule: string; options: { k?: number } };
    expect(choice.id).toBe("norm-summary");
    expect(choice.rule).toBe("ksg-1");
    expect(choice.options.k).toBe(defaultK(1200));
    const byId = Object.fromEntries(cands.map((c) => [c.id, c.value]));
    // truth 0.2909 (closed form, test/estimators/auto/summaries.test.ts); full KSG is far below
    expect(byId["norm-summary"]).toBeGreaterThan(byId["ksg-1"] + 0.05);
    expect(Math.abs(e.value - 0.2909)).toBeLessThan(0.08);
    for (const opts of [{ panel: false }, { copulaCheck: false }]) {
      const p = await auto({ ...FAST, ...opts }).estimate(x, y, { seed: 5 });
      expect((p.diagnostics.details.choice as { id: string }).id).toBe("ksg-1");
      expect(p.diagnostics.details.candidates).toBeUndefined();
      expect(p.value).toBe(byId["ksg-1"]);
    }
  });

  it("discrete, mixed and high-dimensional data end to end", async () => {
    const rng = createRng(12);
    const x = mat(300, 1, () => rng.int(3));
    const y = mat(300, 1, (i) => (rng.float64() < 0.8 ? x.data[i] : rng.int(3)));
    const d = await auto(FAST).estimate(x, y, { seed: 0 });
    expect((d.diagnostics.details.choice as { id: string }).id).toBe("miller-madow");
    expect(d.uncertainty!.ci!.lower).toBeLessThan(d.value + 1e-12);
    const c = mat(300, 1, (i) => x.data[i] + 0.5 * rng.normal());
    const m = await auto(FAST).estimate(x, c, { seed: 0 });
    const mc = m.diagnostics.details.choice as { id: string; swapped: boolean };
    expect(mc.id).toBe("ross");
    expect(mc.swapped).toBe(true);
    expect(m.value).toBeGreaterThan(0.3);
    const h = gaussianPair(200, 6, 6, 0.5, 13);
    const he = await auto(FAST).estimate(h.x, h.y, { seed: 0 });
    expect((he.diagnostics.details.choice as { id: string }).id).toBe("gaussian-copula");
    expect(he.diagnostics.warnings.map((w) => w.code)).toContain(AUTO_WARNING_CODES.gaussianAssumption);
  });

  it("bits = nats / ln 2; registered as `auto`", async () => {
    const { x, y } = gaussianPair(150, 1, 1, 0.5, 14);
    const est = findEstimator("auto").mi!({ resamples: 10 });
    const nats = await est.estimate(x, y, { seed: 2 });
    const bits = await est.estimate(x, y, { seed: 2, units: "bits" });
    expect(bits.value).toBeCloseTo(nats.value / Math.LN2, 12);
    expect(bits.uncertainty!.ci!.upper).toBeCloseTo(nats.uncertainty!.ci!.upper / Math.LN2, 12);
    expect(autoDescriptor.accepts).toEqual(["continuous", "discrete", "mixed"]);
  });
});

describe("auto: normal scores", () => {
  it("maps average ranks to Φ⁻¹(r/(N+1)); ties share a score; order preserved", () => {
    const m = mat(4, 1, (i) => [3, 1, 3, 2][i]);
    const s = normalScores(m);
    // ranks 3.5, 1, 3.5, 2 over N + 1 = 5
    expect(s.data[1]).toBeCloseTo(-0.8416212335729143, 12); // Φ⁻¹(0.2)
    expect(s.data[3]).toBeCloseTo(-0.2533471031357997, 12); // Φ⁻¹(0.4)
    expect(s.data[0]).toBe(s.data[2]);
    expect(s.data[0]).toBeCloseTo(0.5244005127080407, 12); // Φ⁻¹(0.7)
    expect(m.data[0]).toBe(3);
  });
});

describe("auto: typed errors", () => {
  it("rejects bad options in the factory", () => {
    expect(() => auto({ level: 1.5 })).toThrow(InvalidArgumentError);
    expect(() => auto({ level: 1 })).toThrow(/level must be a number in \(0, 1\); got 1/);
    expect(() => auto({ resamples: 3 })).toThrow(InvalidArgumentError);
    expect(() => auto({ xKind: "binary" as never })).toThrow(/xKind must be one of "auto", "continuous", "discrete"; got "binary"/);
    expect(() => auto({ nope: 1 } as never)).toThrow(InvalidArgumentError);
    expect(() => auto({ biasTerm: "yes" as never })).toThrow(/biasTerm must be a boolean/);
    expect(() => auto({ panel: 1 as never })).toThrow(/panel must be a boolean; got 1/);
  });

  it("rejects bad data: too few rows, shape mismatch, non-finite values, k too large", async () => {
    const { x, y } = gaussianPair(60, 1, 1, 0.5, 15);
    const small = gaussianPair(10, 1, 1, 0.5, 15);
    await expect(auto(FAST).estimate(small.x, small.y)).rejects.toThrow(InsufficientSamplesError);
    await expect(auto(FAST).estimate(small.x, small.y)).rejects.toThrow("auto: needs at least 20 rows for an estimate with an interval; got 10.");
    await expect(auto(FAST).estimate(x, small.y)).rejects.toThrow(ShapeMismatchError);
    const bad = mat(60, 1, (i) => (i === 7 ? Number.NaN : x.data[i]));
    await expect(auto(FAST).estimate(bad, y)).rejects.toThrow(NonFiniteValueError);
    await expect(auto({ ...FAST, k: 30 }).estimate(x, y)).rejects.toThrow(/k = 30 needs more than 2k = 60 rows/);
  });
});

describe("auto: a summary candidate that cannot run is skipped with a reason", () => {
  it("a duplicated column makes gaussian-copula's covariance singular: KSG still answers, the skip is in the reasons", async () => {
    const rng = createRng(31);
    const n = 400;
    const x: number[][] = [];
    const y: number[][] = [];
    for (let i = 0; i < n; i++) {
      const a = rng.normal();
      x.push([a, a, rng.normal()]);
      y.push([a + 0.5 * rng.normal(), rng.normal()]);
    }
    const e = await auto({ resamples: 10 }).estimate(x, y, { seed: 1 });
    const d = e.diagnostics.details as { choice: { id: string; reasons: string[] }; candidates?: { id: string }[] };
    expect(Number.isFinite(e.value)).toBe(true);
    expect(d.choice.reasons.some((r) => /^candidate gaussian-copula skipped: gaussian-copula: the covariance .* is singular/.test(r))).toBe(true);
    expect((d.candidates ?? []).some((c) => c.id === "gaussian-copula")).toBe(false);
    expect(e.uncertainty!.ci!.lower).toBeLessThan(e.uncertainty!.ci!.upper);
  });
});
