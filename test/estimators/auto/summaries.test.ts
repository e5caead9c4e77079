import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/core/random/rng.js";
import { multivariateT } from "../../../src/core/random/multivariateT.js";
import { logDet } from "../../../src/core/linalg/logDet.js";
import { covariance } from "../../../src/core/linalg/covariance.js";
import { digamma } from "../../../src/core/special/digamma.js";
import { logGamma } from "../../../src/core/special/logGamma.js";
import { normalQuantile } from "../../../src/core/special/normalQuantile.js";
import type { Matrix } from "../../../src/core/types.js";
import { ksg } from "../../../src/estimators/ksg.js";
import {
  canonicalPairs,
  canonicalPairsEstimator,
  copulaLogLikelihood,
  fitCopulaNu,
  normalScores,
  normSummary,
  normSummaryEstimator,
  tScores,
  T_COPULA_NU_GRID,
  whiten,
} from "../../../src/estimators/auto.js";
import { studentTQuantile } from "../../../src/core/special/studentT.js";

function mat(n: number, cols: number, f: (i: number, j: number) => number): Matrix {
  const data = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = f(i, j);
  return { data, rows: n, cols };
}

function columns(m: Matrix, from: number, to: number): Matrix {
  return mat(m.rows, to - from, (i, j) => m.data[i * m.cols + from + j]);
}

/**
 * MI of the split multivariate t with identity scale (Arellano-Valle, Contreras-Reyes & Genton
 * 2013; docs reference-facts §9.1): c(ν) = h(dx) + h(dy) − h(dx + dy) with
 * h(k) = −log Γ((ν+k)/2) + log Γ(ν/2) + (k/2) log(νπ) + ((ν+k)/2)[ψ((ν+k)/2) − ψ(ν/2)].
 */
function studentIdentityMI(dx: number, dy: number, nu: number): number {
  const h = (k: number) => -logGamma((nu + k) / 2) + logGamma(nu / 2) + (k / 2) * Math.log(nu * Math.PI) + ((nu + k) / 2) * (digamma((nu + k) / 2) - digamma(nu / 2));
  return h(dx) + h(dy) - h(dx + dy);
}

/** n draws of a (dx + dy)-dimensional t with identity scale, split into X and Y. */
function studentSample(n: number, dx: number, dy: number, nu: number, seed: number): { x: Matrix; y: Matrix } {
  const d = dx + dy;
  const eye = new Float64Array(d * d);
  for (let j = 0; j < d; j++) eye[j * d + j] = 1;
  const z = multivariateT(createRng(seed), new Float64Array(d), eye, nu, n);
  return { x: columns(z, 0, dx), y: columns(z, dx, d) };
}

describe("auto summaries: normal scores", () => {
  it("equal the definition Φ⁻¹(average rank / (N+1)) on data with ties (property over random columns)", () => {
    const rng = createRng(21);
    for (let rep = 0; rep < 20; rep++) {
      const n = 5 + rng.int(60);
      const m = mat(n, 3, () => (rep % 2 === 0 ? rng.int(7) : rng.normal()));
      const s = normalScores(m);
      for (let j = 0; j < 3; j++) {
        for (let i = 0; i < n; i++) {
          const v = m.data[i * 3 + j];
          let below = 0;
          let equal = 0;
          for (let t = 0; t < n; t++) {
            const w = m.data[t * 3 + j];
            if (w < v) below++;
            else if (w === v) equal++;
          }
          expect(s.data[i * 3 + j]).toBe(normalQuantile((below + (equal + 1) / 2) / (n + 1)));
        }
      }
    }
  });
});

describe("auto summaries: whitening and canonical pairs", () => {
  it("whiten gives rows with identity sample covariance", () => {
    const rng = createRng(22);
    const m = mat(300, 4, (_i, j) => rng.normal() * (j + 1));
    const w = whiten(mat(300, 4, (i, j) => m.data[i * 4 + j] + (j > 0 ? 0.8 * m.data[i * 4] : 0)));
    const c = covariance(w);
    for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) expect(c[a * 4 + b]).toBeCloseTo(a === b ? 1 : 0, 10);
  });

  it("all canonical correlations give the sample Gaussian MI: −½ Σ log(1 − ρ²) = ½ log(det Sx det Sy / det S)", () => {
    const rng = createRng(23);
    const n = 400;
    const x = mat(n, 3, () => rng.normal());
    const y = mat(n, 4, (i, j) => (j < 3 ? 0.6 * x.data[i * 3 + j] * (j + 1) * 0.4 : 0) + rng.normal());
    const [u, v, rho] = canonicalPairs(x, y, 3);
    expect(u.cols).toBe(3);
    expect(v.cols).toBe(3);
    const viaRho = -0.5 * Array.from(rho).reduce((s, r) => s + Math.log(1 - r * r), 0);
    const joint = mat(n, 7, (i, j) => (j < 3 ? x.data[i * 3 + j] : y.data[i * 4 + j - 3]));
    const direct = 0.5 * (logDet(covariance(x), 3) + logDet(covariance(y), 4) - logDet(covariance(joint), 7));
    expect(viaRho).toBeCloseTo(direct, 10);
    // descending, and each pair's sample correlation is its ρ
    expect(rho[0]).toBeGreaterThanOrEqual(rho[1]);
    const cu = covariance(mat(n, 2, (i, j) => (j === 0 ? u.data[i * 3] : v.data[i * 3])));
    expect(cu[1] / Math.sqrt(cu[0] * cu[3])).toBeCloseTo(rho[0], 10);
  });

  it("the canonical-pairs candidate recovers a 2-pair Gaussian MI hidden in 5 + 5 columns (0.5·log(1/(1−ρ²)) per pair)", async () => {
    const rng = createRng(24);
    const n = 3000;
    const rho = 0.8;
    const x = mat(n, 5, () => rng.normal());
    const y = mat(n, 5, (i, j) => (j < 2 ? rho * x.data[i * 5 + j] + Math.sqrt(1 - rho * rho) * rng.normal() : rng.normal()));
    const truth = -Math.log(1 - rho * rho); // two pairs
    const e = await canonicalPairsEstimator(5, 2).estimate(x, y, { seed: 1 });
    expect(Math.abs(e.value - truth)).toBeLessThan(0.08);
  });
});

describe("auto summaries: the norm summary on a spherical Student t", () => {
  it("closed form of the split t MI matches bmi's ground truths (3 × 3, ν = 2: 0.290922; 5 × 5, ν = 3: 0.298544)", () => {
    expect(studentIdentityMI(3, 3, 2)).toBeCloseTo(0.290922, 5);
    expect(studentIdentityMI(5, 5, 3)).toBeCloseTo(0.298544, 5);
    expect(studentIdentityMI(1, 1, 1)).toBeCloseTo(0.224171, 5);
  });

  it("KSG on the raw norms ‖X‖, ‖Y‖ estimates I(X; Y) (directions independent of everything), and the norm summary (fitted ν) comes close", async () => {
    const n = 4000;
    const { x, y } = studentSample(n, 3, 3, 2, 31);
    const truth = studentIdentityMI(3, 3, 2);
    const norm = (m: Matrix) => mat(n, 1, (i) => Math.hypot(m.data[i * 3], m.data[i * 3 + 1], m.data[i * 3 + 2]));
    const raw = await ksg({ k: 5 }).estimate(normalScores(norm(x)), normalScores(norm(y)), { seed: 1 });
    expect(Math.abs(raw.value - truth)).toBeLessThan(0.04);
    // full KSG in 6 dimensions is far below (the failure the summary repairs)
    const full = await ksg({ k: 5 }).estimate(normalScores(x), normalScores(y), { seed: 1 });
    expect(full.value).toBeLessThan(truth - 0.08);
    const summary = await normSummaryEstimator(5).estimate(x, y, { seed: 1 });
    expect(Math.abs(summary.value - truth)).toBeLessThan(0.03);
    // normal scores (ν = ∞) lose some of it; t scores with the margins' ν do not
    const gaussianScores = await ksg({ k: 5 }).estimate(normalScores(normSummary(x)), normalScores(normSummary(y)), { seed: 1 });
    expect(gaussianScores.value).toBeLessThan(summary.value);
  });

  it("normSummary is invariant to monotone maps of the columns (asinh) and keeps a one-column side as normal scores", () => {
    const { x } = studentSample(500, 3, 1, 2, 32);
    const a = normSummary(x);
    const b = normSummary(mat(500, 3, (i, j) => Math.asinh(3 * x.data[i * 3 + j]) + j));
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
    expect(a.cols).toBe(1);
    const one = columns(x, 0, 1);
    expect(Array.from(normSummary(one).data)).toEqual(Array.from(normalScores(one).data));
  });
});

describe("auto summaries: t-copula scores and the fitted degrees of freedom", () => {
  it("tScores are F_ν⁻¹(average rank / (N+1)): ν = 1 is tan(π(r/(N+1) − ½)), ν = ∞ the normal scores, ties share a score", () => {
    const m = mat(7, 2, (i, j) => (j === 0 ? [3, 1, 4, 1, 5, 9, 2][i] : i * i));
    const t1 = tScores(m, 1);
    // column 0 sorted: 1, 1, 2, 3, 4, 5, 9 -> average ranks 1.5, 1.5, 3, 4, 5, 6, 7
    const ranks = [4, 1.5, 5, 1.5, 6, 7, 3];
    for (let i = 0; i < 7; i++) expect(t1.data[i * 2]).toBeCloseTo(Math.tan(Math.PI * (ranks[i] / 8 - 0.5)), 12);
    const t3 = tScores(m, 3);
    for (let i = 0; i < 7; i++) expect(t3.data[i * 2 + 1]).toBeCloseTo(studentTQuantile((i + 1) / 8, 3), 12);
    expect(Array.from(tScores(m, Infinity).data)).toEqual(Array.from(normalScores(m).data));
  });

  it("fitCopulaNu recovers ν of a spherical t (ν = 1, 2, 5 on 3 columns, N = 3000) and picks ν >= 25 on Gaussian data", () => {
    for (const nu of [1, 2, 5]) {
      const { x } = studentSample(3000, 3, 1, nu, 40 + nu);
      expect(fitCopulaNu(x).nu).toBe(nu);
    }
    const g = mat(3000, 3, () => 0);
    const rng = createRng(44);
    for (let i = 0; i < g.data.length; i++) g.data[i] = rng.normal();
    expect(fitCopulaNu(g).nu).toBeGreaterThanOrEqual(25);
    expect(fitCopulaNu(columns(g, 0, 1)).nu).toBe(Infinity);
  });

  it("the t-copula pseudo-likelihood tends to the Gaussian copula's as ν grows, and is invariant to monotone maps of the columns", () => {
    const { x } = studentSample(800, 3, 1, 3, 45);
    const gauss = copulaLogLikelihood(x, Infinity);
    expect(Math.abs(copulaLogLikelihood(x, 1e7) - gauss)).toBeLessThan(1e-3 * Math.max(1, Math.abs(gauss)));
    const mapped = mat(800, 3, (i, j) => Math.asinh(x.data[i * 3 + j]) * (j + 1));
    for (const nu of T_COPULA_NU_GRID) expect(copulaLogLikelihood(mapped, nu)).toBeCloseTo(copulaLogLikelihood(x, nu), 9);
  });
});
