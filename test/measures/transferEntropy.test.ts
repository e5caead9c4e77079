import { describe, expect, it } from "vitest";
import { AbortError, InsufficientSamplesError, InvalidArgumentError, NonFiniteValueError, ShapeMismatchError, UnsupportedDataError } from "../../src/core/errors.js";
import { fromRows } from "../../src/core/data/matrix.js";
import { createRng } from "../../src/core/random/rng.js";
import { digammaInt } from "../../src/core/special/digamma.js";
import { frenzelPompe } from "../../src/estimators/conditional.js";
import { SingularCovarianceError } from "../../src/estimators/gaussian.js";
import { predictionEmbedding } from "../../src/measures/embedding.js";
import { ksgLocalValues, transferEntropy } from "../../src/measures/transferEntropy.js";

// ---------------------------------------------------------------------------------------------
// Exact TE of a stationary Gaussian VAR(1) Z_{t+1} = A Z_t + e, e ~ N(0, Q).
// Stationary covariance: the discrete Lyapunov equation S = A S A^T + Q, solved by the doubling
// (Smith) iteration S <- S + A_j S A_j^T, A_j <- A_j^2, which converges quadratically when the
// spectral radius of A is < 1. Autocovariances E[Z_{t+h} Z_t^T] = A^h S (h >= 0). A conditional
// variance Var(v | W) = Var(v) - c^T C_W^-1 c comes from these by one small linear solve, and
// TE_{Y->X} = 1/2 log(Var(X_{t+1} | X past) / Var(X_{t+1} | X past, Y past, Z past)).
// ---------------------------------------------------------------------------------------------
type Mat = number[][];
const matMul = (a: Mat, b: Mat): Mat => a.map((r) => b[0].map((_, j) => r.reduce((s, v, k) => s + v * b[k][j], 0)));
const transpose = (a: Mat): Mat => a[0].map((_, j) => a.map((r) => r[j]));
const add = (a: Mat, b: Mat): Mat => a.map((r, i) => r.map((v, j) => v + b[i][j]));

function lyapunov(A: Mat, Q: Mat): Mat {
  let S = Q.map((r) => [...r]);
  let Aj = A.map((r) => [...r]);
  for (let it = 0; it < 60; it++) {
    S = add(S, matMul(matMul(Aj, S), transpose(Aj)));
    Aj = matMul(Aj, Aj);
  }
  return S;
}

/** Solves M x = b by Gaussian elimination with partial pivoting. */
function solve(M: Mat, b: number[]): number[] {
  const n = b.length;
  const a = M.map((r, i) => [...r, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    for (let r = c + 1; r < n; r++) {
      const f = a[r][c] / a[c][c];
      for (let k = c; k <= n; k++) a[r][k] -= f * a[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = a[r][n];
    for (let k = r + 1; k < n; k++) s -= a[r][k] * x[k];
    x[r] = s / a[r][r];
  }
  return x;
}

/** (component, time) variables of the VAR; Cov(Z_s[i], Z_r[j]) = (A^(s-r) S)[i][j] for s >= r. */
function varCov(A: Mat, S: Mat) {
  const powers: Mat[] = [S];
  const gamma = (h: number): Mat => {
    while (powers.length <= h) powers.push(matMul(A, powers[powers.length - 1]));
    return powers[h];
  };
  return (u: [number, number], v: [number, number]) => (u[1] >= v[1] ? gamma(u[1] - v[1])[u[0]][v[0]] : gamma(v[1] - u[1])[v[0]][u[0]]);
}

function conditionalVariance(cov: (u: [number, number], v: [number, number]) => number, target: [number, number], given: [number, number][]): number {
  const C = given.map((u) => given.map((v) => cov(u, v)));
  const c = given.map((u) => cov(target, u));
  const w = solve(C, c);
  return cov(target, target) - c.reduce((s, v, i) => s + v * w[i], 0);
}

/** Exact TE from component `src` to `tgt` of a VAR(1): histories k, l (delay 1), lag u, extra conditions. */
function exactTE(A: Mat, Q: Mat, tgt: number, src: number, k: number, l: number, u: number, conds: { comp: number; history: number; lag: number }[] = []): number {
  const cov = varCov(A, lyapunov(A, Q));
  const s = 100; // predicted time (any s works: stationarity)
  const past: [number, number][] = [];
  for (let j = 0; j < k; j++) past.push([tgt, s - 1 - j]);
  for (const c of conds) for (let j = 0; j < c.history; j++) past.push([c.comp, s - c.lag - j]);
  const srcPast: [number, number][] = [];
  for (let j = 0; j < l; j++) srcPast.push([src, s - u - j]);
  const v0 = conditionalVariance(cov, [tgt, s], past);
  const v1 = conditionalVariance(cov, [tgt, s], [...past, ...srcPast]);
  return 0.5 * Math.log(v0 / v1);
}

/** Simulates the VAR(1) with independent N(0, q_ii) innovations (Q diagonal), burn-in 500. */
function simulateVar(A: Mat, qDiag: number[], n: number, seed: number): Float64Array[] {
  const rng = createRng(seed);
  const d = A.length;
  const out = Array.from({ length: d }, () => new Float64Array(n));
  let z = new Array<number>(d).fill(0);
  for (let t = -500; t < n; t++) {
    const next = A.map((r, i) => r.reduce((s, v, j) => s + v * z[j], 0) + Math.sqrt(qDiag[i]) * rng.normal());
    z = next;
    if (t >= 0) for (let i = 0; i < d; i++) out[i][t] = z[i];
  }
  return out;
}

// x_{t+1} = 0.5 x_t + 0.4 y_t + e_x;  y_{t+1} = 0.6 y_t + e_y; unit innovations.
const A2: Mat = [
  [0.5, 0.4],
  [0, 0.6],
];
const Q2: Mat = [
  [1, 0],
  [0, 1],
];

describe("exact TE of a bivariate VAR(1) (test oracle)", () => {
  it("solves the Lyapunov equation and matches the hand-derived closed form", () => {
    const S = lyapunov(A2, Q2);
    const R = add(matMul(matMul(A2, S), transpose(A2)), Q2);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) expect(R[i][j]).toBeCloseTo(S[i][j], 13);
    // By hand: S_yy = 1/(1-b^2), S_xy = c b S_yy/(1-ab), S_xx = (2ac S_xy + c^2 S_yy + 1)/(1-a^2),
    // Var(X'|X) = S_xx - (a S_xx + c S_xy)^2 / S_xx, Var(X'|X,Y) = 1.
    const syy = 1 / (1 - 0.36);
    const sxy = (0.4 * 0.6 * syy) / (1 - 0.3);
    const sxx = (2 * 0.5 * 0.4 * sxy + 0.16 * syy + 1) / (1 - 0.25);
    const cxx = 0.5 * sxx + 0.4 * sxy;
    const te = 0.5 * Math.log(sxx - (cxx * cxx) / sxx);
    expect(exactTE(A2, Q2, 0, 1, 1, 1, 1)).toBeCloseTo(te, 12);
    expect(te).toBeCloseTo(0.10210, 4);
    // Y is autonomous: TE_{X->Y} = 0 for every history.
    expect(Math.abs(exactTE(A2, Q2, 1, 0, 1, 1, 1))).toBeLessThan(1e-12);
    expect(Math.abs(exactTE(A2, Q2, 1, 0, 2, 2, 1))).toBeLessThan(1e-12);
  });
});

describe("transferEntropy on a coupled VAR(1)", () => {
  const n = 2000;
  const [x, y] = simulateVar(A2, [1, 1], n, 11);
  const truth = exactTE(A2, Q2, 0, 1, 1, 1, 1); // 0.1021 nats

  it("Gaussian estimate is near the exact TE", () => {
    const e = transferEntropy(y, x, { estimator: "gaussian" });
    expect(e.quantity).toBe("transfer-entropy");
    expect(e.estimator).toBe("gaussian");
    expect(e.units).toBe("nats");
    // Measured over 20 seeds at N = 2000: mean 0.1003, SD 0.0104; 4 SD = 0.042.
    expect(Math.abs(e.value - truth)).toBeLessThan(0.042);
    expect(e.params).toMatchObject({ history: 1, tau: 1, sourceHistory: 1, sourceTau: 1, lag: 1 });
    expect(e.n).toBe(n - 1);
  });

  it("KSG (k = 4) estimate is near the exact TE", () => {
    const e = transferEntropy(y, x);
    expect(e.estimator).toBe("ksg-1");
    expect(e.params).toMatchObject({ k: 4, theiler: 0, standardize: true });
    // Measured over 20 seeds at N = 2000: mean 0.1001, SD 0.0136; 4 SD = 0.055.
    expect(Math.abs(e.value - truth)).toBeLessThan(0.055);
  });

  it("histories k = 2, l = 2 match their exact value (Gaussian, KSG)", () => {
    // x_{t+1} = -0.5 x_t + 1.5 y_t + e: two target lags reveal much of y_{t-1}, so k = 2 matters.
    const A: Mat = [
      [-0.5, 1.5],
      [0, 0.8],
    ];
    const t11 = exactTE(A, Q2, 0, 1, 1, 1, 1);
    const t22 = exactTE(A, Q2, 0, 1, 2, 2, 1);
    // Cross-checked with scipy.linalg.solve_discrete_lyapunov and numpy (same construction).
    expect(t11).toBeCloseTo(0.7683739519374007, 10);
    expect(t22).toBeCloseTo(0.661191044386327, 10);
    const [xa, ya] = simulateVar(A, [1, 1], n, 12);
    const e = transferEntropy(ya, xa, { estimator: "gaussian", history: 2, sourceHistory: 2 });
    expect(e.n).toBe(n - 2);
    // Measured over 20 seeds at N = 2000: mean 0.6635, SD 0.0169; 4 SD = 0.068.
    expect(Math.abs(e.value - t22)).toBeLessThan(0.068);
    const k = transferEntropy(ya, xa, { history: 2, sourceHistory: 2 });
    // KSG in 5 dimensions is biased downward: measured mean 0.5951 (bias -0.066), SD 0.018.
    expect(k.value).toBeGreaterThan(t22 - 0.066 - 4 * 0.018);
    expect(k.value).toBeLessThan(t22 + 4 * 0.018);
  });

  it("the uncoupled direction is near 0 and not significant", () => {
    const g = transferEntropy(x, y, { estimator: "gaussian", surrogates: 99 }, { seed: 3 });
    // Wilks: E[TE] ~ l/(2N) = 2.5e-4 under the null.
    expect(g.value).toBeLessThan(0.005);
    expect(g.uncertainty!.pValue!).toBeGreaterThan(0.05);
    const k = transferEntropy(x, y, { surrogates: 19 }, { seed: 3 });
    // KSG null spread at N = 2000: SD 0.015 over 20 seeds.
    expect(Math.abs(k.value)).toBeLessThan(0.05);
    expect(k.uncertainty!.pValue!).toBeGreaterThan(0.05);
  });

  it("the coupled direction is significant with every surrogate method", () => {
    for (const surrogateMethod of ["circular", "shuffle", "block"] as const) {
      const e = transferEntropy(y, x, { estimator: "gaussian", surrogates: 19, surrogateMethod }, { seed: 1 });
      expect(e.uncertainty!.pValue).toBe(1 / 20);
      const d = e.diagnostics.details.surrogates as { method: string; count: number; nullDistribution: number[]; pValue: number };
      expect(d.method).toBe(surrogateMethod);
      expect(d.count).toBe(19);
      expect(d.nullDistribution).toHaveLength(19);
      expect(Math.max(...d.nullDistribution)).toBeLessThan(0.02);
    }
  });
});

describe("lag and conditional TE", () => {
  it("lag u picks the coupling delay (exact values)", () => {
    // State (x, y, y_prev): x_{t+1} = 0.5 x_t + 0.8 y_{t-1} + e, y iid N(0,1).
    const A: Mat = [
      [0.5, 0, 0.8],
      [0, 0, 0],
      [0, 1, 0],
    ];
    const Q: Mat = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 0],
    ];
    const t1 = exactTE(A, Q, 0, 1, 1, 1, 1);
    const t2 = exactTE(A, Q, 0, 1, 1, 1, 2);
    expect(Math.abs(t1)).toBeLessThan(1e-12);
    expect(t2).toBeGreaterThan(0.2);
    const [x, y] = simulateVar(A, [1, 1, 0], 2000, 5);
    const e1 = transferEntropy(y, x, { estimator: "gaussian", lag: 1 });
    const e2 = transferEntropy(y, x, { estimator: "gaussian", lag: 2 });
    expect(e2.params.lag).toBe(2);
    expect(e1.value).toBeLessThan(0.005);
    expect(Math.abs(e2.value - t2)).toBeLessThan(0.05);
    const k2 = transferEntropy(y, x, { lag: 2 });
    expect(Math.abs(k2.value - t2)).toBeLessThan(0.07);
  });

  it("conditioning on a common driver removes a spurious TE", () => {
    // z drives x (lag 1) and y (lag 1): x_{t+1} = 0.5 x_t + 0.6 z_t + e, y_{t+1} = 0.6 z_t + e, z AR(1) 0.7.
    const A: Mat = [
      [0.5, 0, 0.6],
      [0, 0, 0.6],
      [0, 0, 0.7],
    ];
    const Q: Mat = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    const spurious = exactTE(A, Q, 0, 1, 1, 1, 1);
    const conditioned = exactTE(A, Q, 0, 1, 1, 1, 1, [{ comp: 2, history: 1, lag: 1 }]);
    expect(spurious).toBeGreaterThan(0.01);
    expect(Math.abs(conditioned)).toBeLessThan(1e-12);
    const [x, y, z] = simulateVar(A, [1, 1, 1], 3000, 9);
    const plain = transferEntropy(y, x, { estimator: "gaussian" });
    const cond = transferEntropy(y, x, { estimator: "gaussian", conditions: [z] });
    const condSpec = transferEntropy(y, x, { estimator: "gaussian", conditions: [{ series: z, history: 1, lag: 1 }] });
    expect(cond.value).toBe(condSpec.value);
    expect(Math.abs(plain.value - spurious)).toBeLessThan(0.03);
    expect(cond.value).toBeLessThan(0.004);
    expect(cond.params.conditions).toEqual([{ history: 1, tau: 1, lag: 1 }]);
    const condKsg = transferEntropy(y, x, { conditions: [z] });
    expect(Math.abs(condKsg.value)).toBeLessThan(0.04);
  });
});

// ---------------------------------------------------------------------------------------------
// Discrete: y iid fair bits, x_{t+1} = y_t XOR flip, flip ~ Bernoulli(p). x_t depends on
// y_{t-1} and older flips only, so TE_{Y->X} = I(X_{t+1}; Y_t) = ln 2 - h(p) exactly.
// ---------------------------------------------------------------------------------------------
function binaryCoupled(n: number, p: number, seed: number): { x: number[]; y: number[] } {
  const rng = createRng(seed);
  const y = Array.from({ length: n }, () => (rng.float64() < 0.5 ? 1 : 0));
  const x = new Array<number>(n).fill(0);
  for (let t = 0; t < n - 1; t++) x[t + 1] = y[t] ^ (rng.float64() < p ? 1 : 0);
  return { x, y };
}

/**
 * Plug-in TE by direct counting of (x_{s}, x-past, y-past) words (independent of the
 * entropy-combination code): sum_w p(w) log[ p(x_s | xp, yp) / p(x_s | xp) ]; also the numbers of
 * observed words of (xp), (x_s, xp), (xp, yp), (x_s, xp, yp) for the Miller-Madow check.
 */
function directPluginTE(x: number[], y: number[], k: number, l: number) {
  const first = Math.max(k, l);
  const c3 = new Map<string, number>();
  const cXP = new Map<string, number>();
  const cFXP = new Map<string, number>();
  const cXPYP = new Map<string, number>();
  const inc = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
  let n = 0;
  for (let s = first; s < x.length; s++) {
    const xp = x.slice(s - k, s).reverse().join("");
    const yp = y.slice(s - l, s).reverse().join("");
    const f = String(x[s]);
    inc(c3, `${f}|${xp}|${yp}`);
    inc(cXP, xp);
    inc(cFXP, `${f}|${xp}`);
    inc(cXPYP, `${xp}|${yp}`);
    n++;
  }
  let te = 0;
  for (const [key, c] of c3) {
    const [f, xp, yp] = key.split("|");
    const pCond = c / cXPYP.get(`${xp}|${yp}`)!;
    const pMarg = cFXP.get(`${f}|${xp}`)! / cXP.get(xp)!;
    te += (c / n) * Math.log(pCond / pMarg);
  }
  return { te, n, bins: { z: cXP.size, xz: cFXP.size, yz: cXPYP.size, xyz: c3.size } };
}

describe("transferEntropy, discrete estimators", () => {
  const { x, y } = binaryCoupled(5000, 0.1, 21);
  const h = (p: number) => -p * Math.log(p) - (1 - p) * Math.log(1 - p);

  it("plug-in equals a direct count and is near ln 2 - h(p)", () => {
    for (const [k, l] of [
      [1, 1],
      [2, 1],
      [2, 3],
    ]) {
      const e = transferEntropy(y, x, { estimator: "discrete", history: k, sourceHistory: l });
      expect(e.estimator).toBe("plugin");
      const d = directPluginTE(x, y, k, l);
      expect(e.n).toBe(d.n);
      expect(e.value).toBeCloseTo(d.te, 12);
    }
    const e = transferEntropy(y, x, { estimator: "plugin" });
    // Plug-in bias ~ (bins)/(2N) ~ 1e-3; sampling SD ~ sqrt(Var(local)/N) ~ 0.01.
    expect(Math.abs(e.value - (Math.log(2) - h(0.1)))).toBeLessThan(0.03);
    // Uncoupled direction: near 0 (plug-in bias is upward).
    const back = transferEntropy(x, y, { estimator: "plugin" });
    expect(back.value).toBeGreaterThanOrEqual(0);
    expect(back.value).toBeLessThan(0.003);
  });

  it("Miller-Madow adds the first-order correction of each term", () => {
    const d = directPluginTE(x, y, 2, 1);
    const mm = transferEntropy(y, x, { estimator: "miller-madow", history: 2 });
    const { z, xz, yz, xyz } = d.bins;
    // I = H(X,Z) + H(Y,Z) - H(X,Y,Z) - H(Z), each H + (bins - 1)/(2N).
    const corr = (xz - 1 + (yz - 1) - (xyz - 1) - (z - 1)) / (2 * d.n);
    expect(mm.value).toBeCloseTo(d.te + corr, 12);
    expect(mm.local).toBeUndefined();
  });

  it("coupled logistic maps, symbolised at 1/2: plug-in equals a direct count; the driver's TE dominates", () => {
    // y_{t+1} = f(y_t), x_{t+1} = (1 - e) f(x_t) + e f(y_t), f(v) = 4 v (1 - v), e = 0.3.
    const f = (v: number) => 4 * v * (1 - v);
    const rng = createRng(31);
    let xv = rng.float64();
    let yv = rng.float64();
    const xs: number[] = [];
    const ys: number[] = [];
    for (let t = -100; t < 4000; t++) {
      const nx = 0.7 * f(xv) + 0.3 * f(yv);
      yv = f(yv);
      xv = nx;
      if (t >= 0) {
        xs.push(xv > 0.5 ? 1 : 0);
        ys.push(yv > 0.5 ? 1 : 0);
      }
    }
    for (const [k, l] of [
      [1, 1],
      [2, 2],
    ]) {
      const fwd = transferEntropy(ys, xs, { estimator: "plugin", history: k, sourceHistory: l });
      expect(fwd.value).toBeCloseTo(directPluginTE(xs, ys, k, l).te, 12);
      const back = transferEntropy(xs, ys, { estimator: "plugin", history: k, sourceHistory: l });
      expect(back.value).toBeCloseTo(directPluginTE(ys, xs, k, l).te, 12);
      // Measured: 0.113 vs 0.032 (k = l = 1), 0.126 vs 0.034 (k = l = 2). The reverse TE is not 0:
      // with the generating partition, x's past carries y's real value, hence y's next symbol.
      expect(fwd.value).toBeGreaterThan(0.08);
      expect(fwd.value).toBeGreaterThan(2 * back.value);
    }
  });

  it("accepts integer-coded symbols of any values and rejects non-integers", () => {
    const shifted = transferEntropy(
      y.map((v) => 7 * v - 3),
      x.map((v) => v + 10),
      { estimator: "plugin" },
    );
    expect(shifted.value).toBeCloseTo(transferEntropy(y, x, { estimator: "plugin" }).value, 12);
    expect(() => transferEntropy([0.5, 1, 0, 1, 1], [0, 1, 0, 1, 0], { estimator: "discrete" })).toThrow(UnsupportedDataError);
    expect(() => transferEntropy([0.5, 1, 0, 1, 1], [0, 1, 0, 1, 0], { estimator: "discrete" })).toThrow(/source .*time 0 is 0.5/);
  });
});

describe("KSG-TE kernel and the Theiler window", () => {
  /** Brute-force Frenzel-Pompe with a Theiler window, written from the definition. */
  function bruteForce(a: number[][], b: number[][], c: number[][], k: number, w: number): number[] {
    const n = a.length;
    const dist = (i: number, j: number, parts: number[][][]) => Math.max(...parts.flatMap((p) => p[i].map((v, q) => Math.abs(v - p[j][q]))));
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const ds: number[] = [];
      for (let j = 0; j < n; j++) if (Math.abs(i - j) > w) ds.push(dist(i, j, [a, b, c]));
      ds.sort((p, q) => p - q);
      const eps = ds[k - 1];
      let nac = 0;
      let nbc = 0;
      let nc = 0;
      for (let j = 0; j < n; j++) {
        if (Math.abs(i - j) <= w) continue;
        if (dist(i, j, [a, c]) < eps) nac++;
        if (dist(i, j, [b, c]) < eps) nbc++;
        if (dist(i, j, [c]) < eps) nc++;
      }
      out.push(digammaInt(k) - digammaInt(nac + 1) - digammaInt(nbc + 1) + digammaInt(nc + 1));
    }
    return out;
  }

  const [x, y] = simulateVar(A2, [1, 1], 80, 4);
  const emb = predictionEmbedding("test", x, [
    { series: x, spec: { history: 2, tau: 1, lag: 1 } },
    { series: y, spec: { history: 1, tau: 1, lag: 1 } },
  ], 1);
  const rows = (m: { data: Float64Array; rows: number; cols: number }) =>
    Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));

  for (const w of [0, 1, 3, 10]) {
    it(`theiler = ${w} equals brute force`, () => {
      const fast = ksgLocalValues(emb.future, emb.pasts[1], emb.pasts[0], 4, w);
      const slow = bruteForce(rows(emb.future), rows(emb.pasts[1]), rows(emb.pasts[0]), 4, w);
      for (let i = 0; i < slow.length; i++) expect(fast[i]).toBeCloseTo(slow[i], 12);
      const te = transferEntropy(y, x, { history: 2, theiler: w, standardize: false, jitter: 0 }, { local: true });
      expect(te.params.theiler).toBe(w);
      for (let i = 0; i < slow.length; i++) expect(te.local![i]).toBeCloseTo(slow[i], 12);
    });
  }

  it("theiler = 0 equals the Frenzel-Pompe estimator on the same embedding", () => {
    const te = transferEntropy(y, x, { history: 2, standardize: false, jitter: 0 });
    const fp = frenzelPompe({ k: 4, standardize: false, jitter: 0 }).estimate(emb.future, emb.pasts[1], emb.pasts[0]);
    expect(te.value).toBeCloseTo(fp.value, 12);
    const withTheiler = transferEntropy(y, x, { history: 2, standardize: false, jitter: 0, theiler: 5 });
    expect(withTheiler.value).not.toBe(te.value);
    expect(withTheiler.references.map((r) => r.id)).toContain("theiler1986");
  });

  it("needs k + 2 theiler + 1 rows", () => {
    const s = Array.from({ length: 20 }, (_, i) => Math.sin(i));
    expect(() => transferEntropy(s, s.map((v) => v * v), { theiler: 8 })).toThrow(InsufficientSamplesError);
    expect(() => transferEntropy(s, s.map((v) => v * v), { theiler: 7 })).not.toThrow();
  });
});

describe("transferEntropy results", () => {
  const [x, y] = simulateVar(A2, [1, 1], 400, 8);

  it("local values average to the estimate, one per embedding row", () => {
    for (const estimator of ["ksg", "gaussian"] as const) {
      const e = transferEntropy(y, x, { estimator, history: 3, tau: 2, sourceHistory: 2, sourceTau: 3, lag: 2 });
      // first predicted time = max(1 + (3-1)*2, 2 + (2-1)*3) = 5
      expect(e.diagnostics.details.firstTime).toBe(5);
      expect(e.local).toHaveLength(400 - 5);
      expect(e.n).toBe(395);
      const mean = e.local!.reduce((s, v) => s + v, 0) / e.local!.length;
      expect(mean).toBeCloseTo(e.value, 12);
    }
    expect(transferEntropy(y, x, {}, { local: false }).local).toBeUndefined();
  });

  it("bits = nats / ln 2, including the null distribution", () => {
    const nats = transferEntropy(y, x, { surrogates: 5 }, { seed: 2 });
    const bits = transferEntropy(y, x, { surrogates: 5 }, { seed: 2, units: "bits" });
    expect(bits.units).toBe("bits");
    expect(bits.value).toBeCloseTo(nats.value / Math.LN2, 12);
    const nb = (bits.diagnostics.details.surrogates as { nullDistribution: number[] }).nullDistribution;
    const nn = (nats.diagnostics.details.surrogates as { nullDistribution: number[] }).nullDistribution;
    nb.forEach((v, i) => expect(v).toBeCloseTo(nn[i] / Math.LN2, 12));
    expect(bits.uncertainty!.pValue).toBe(nats.uncertainty!.pValue);
  });

  it("is deterministic for a seed; the null distribution depends on the seed", () => {
    const a = transferEntropy(y, x, { surrogates: 10, surrogateMethod: "shuffle" }, { seed: 4 });
    const b = transferEntropy(y, x, { surrogates: 10, surrogateMethod: "shuffle" }, { seed: 4 });
    const c = transferEntropy(y, x, { surrogates: 10, surrogateMethod: "shuffle" }, { seed: 5 });
    expect(a.value).toBe(b.value);
    expect(a.diagnostics.details.surrogates).toEqual(b.diagnostics.details.surrogates);
    expect(a.value).toBe(c.value); // no ties: the estimate itself does not depend on the seed
    expect((a.diagnostics.details.surrogates as { nullDistribution: number[] }).nullDistribution).not.toEqual(
      (c.diagnostics.details.surrogates as { nullDistribution: number[] }).nullDistribution,
    );
    expect(a.seed).toBe(4);
  });

  it("does not mutate its inputs and cites Schreiber and Lizier", () => {
    const xc = Float64Array.from(x);
    const yc = Float64Array.from(y);
    const e = transferEntropy(yc, xc, { surrogates: 3 });
    expect(Array.from(xc)).toEqual(Array.from(x));
    expect(Array.from(yc)).toEqual(Array.from(y));
    expect(e.references.map((r) => r.id)).toEqual(["schreiber2000", "lizier2008", "frenzel2007", "kraskov2004", "phipsonSmyth2010"]);
  });

  it("a constant source gives exactly 0 (KSG) with a warning", () => {
    const e = transferEntropy(new Float64Array(400).fill(2), x, { surrogates: 3 });
    expect(e.value).toBe(0);
    expect(e.diagnostics.warnings.map((w) => w.code)).toContain("constant-column");
    expect(e.uncertainty!.pValue).toBe(1);
  });

  it("a constant series makes the Gaussian covariance singular unless ridge > 0", () => {
    const flat = new Float64Array(400).fill(2);
    expect(() => transferEntropy(flat, x, { estimator: "gaussian" })).toThrow(SingularCovarianceError);
    const r = transferEntropy(flat, x, { estimator: "gaussian", ridge: 1e-6 });
    expect(Math.abs(r.value)).toBeLessThan(1e-9);
    expect(r.params.ridge).toBe(1e-6);
  });

  it("reports progress (1 + S steps) and honours an AbortSignal", () => {
    const seen: number[] = [];
    transferEntropy(y, x, { estimator: "gaussian", surrogates: 4 }, { onProgress: (p) => seen.push(p.done / p.total) });
    expect(seen).toEqual([1 / 5, 2 / 5, 3 / 5, 4 / 5, 1]);
    const ac = new AbortController();
    ac.abort();
    expect(() => transferEntropy(y, x, {}, { signal: ac.signal })).toThrow(AbortError);
    const ac2 = new AbortController();
    expect(() =>
      transferEntropy(y, x, { estimator: "gaussian", surrogates: 10 }, { signal: ac2.signal, onProgress: (p) => (p.done === 3 ? ac2.abort() : undefined) }),
    ).toThrow(AbortError);
  });
});

describe("transferEntropy validation", () => {
  const s = Array.from({ length: 50 }, (_, i) => Math.cos(i * 0.7) + 0.01 * i);
  const t = s.map((v, i) => Math.sin(v + i));
  it("rejects bad options with the option named", () => {
    expect(() => transferEntropy(s, t, { estimator: "knn" as never })).toThrow(/estimator must be one of/);
    expect(() => transferEntropy(s, t, { history: 0 })).toThrow(/target.history must be an integer >= 1; got 0/);
    expect(() => transferEntropy(s, t, { sourceTau: 1.5 })).toThrow(InvalidArgumentError);
    expect(() => transferEntropy(s, t, { lag: -1 })).toThrow(/source.lag/);
    expect(() => transferEntropy(s, t, { k: 0 })).toThrow(/k must be an integer >= 1/);
    expect(() => transferEntropy(s, t, { theiler: -1 })).toThrow(/theiler/);
    expect(() => transferEntropy(s, t, { surrogates: 2.5 })).toThrow(/surrogates/);
    expect(() => transferEntropy(s, t, { surrogateMethod: "random" as never })).toThrow(/surrogateMethod/);
    expect(() => transferEntropy(s, t, { bogus: 1 } as never)).toThrow(/unknown option "bogus"/);
    expect(() => transferEntropy(s, t, { conditions: [{ series: s, history: 0 }] })).toThrow(/conditions\[0\].history/);
  });
  it("rejects bad data", () => {
    expect(() => transferEntropy(s.slice(1), t)).toThrow(ShapeMismatchError);
    expect(() => transferEntropy(s, t, { conditions: [s.slice(2)] })).toThrow(/conditions\[0\] has 48 time points/);
    const bad = [...s];
    bad[7] = NaN;
    expect(() => transferEntropy(bad, t)).toThrow(NonFiniteValueError);
    expect(() => transferEntropy(fromRows([[1, 2], [3, 4]]), [1, 2])).toThrow(/univariate/);
    expect(() => transferEntropy(s, t, { history: 48 })).toThrow(InsufficientSamplesError);
    expect(() => transferEntropy(s.slice(0, 4), t.slice(0, 4), { estimator: "gaussian", history: 2 })).toThrow(InsufficientSamplesError);
  });
});
