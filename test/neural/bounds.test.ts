import { beforeAll, describe, expect, it } from "vitest";
import type { Scalar, Tensor, Tensor1D, Tensor2D } from "@tensorflow/tfjs-core";
import { tf, useBackend } from "../../src/neural/engine.js";
import { makeScores, scoresFromMatrix } from "../../src/neural/bounds/scores.js";
import { dvBound } from "../../src/neural/bounds/dv.js";
import { nwjBound } from "../../src/neural/bounds/nwj.js";
import { infoNceBound, infoNceCap } from "../../src/neural/bounds/infoNce.js";
import { jsObjective, jsReadout } from "../../src/neural/bounds/js.js";
import { smileBound, smileObjective } from "../../src/neural/bounds/smile.js";
import { mineStep, updateMineAverage } from "../../src/neural/bounds/mine.js";
import { clubBound } from "../../src/neural/bounds/club.js";
import { wassersteinBound } from "../../src/neural/bounds/wasserstein.js";
import { createRng } from "../../src/core/random/rng.js";

// ---- Float64 references, written from the formulas (reference-facts section 3) ----
type M = number[][];
const softplus = (v: number) => (v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v)));
function lse(v: number[]): number {
  const m = Math.max(...v);
  return m + Math.log(v.reduce((s, a) => s + Math.exp(a - m), 0));
}
const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
const diag = (f: M) => f.map((r, i) => r[i]);
const offDiag = (f: M) => f.flatMap((r, i) => r.filter((_, j) => j !== i));
const ref = {
  dv: (f: M) => mean(diag(f)) - (lse(offDiag(f)) - Math.log(offDiag(f).length)),
  nwj: (f: M) => mean(diag(f)) - Math.exp(-1) * mean(offDiag(f).map(Math.exp)),
  infoNce: (f: M) => Math.log(f.length) + mean(f.map((r, i) => r[i] - lse(r))),
  js: (f: M) => -mean(diag(f).map((v) => softplus(-v))) - mean(offDiag(f).map(softplus)),
  smile: (f: M, tau: number) => mean(diag(f)) - Math.log(mean(offDiag(f).map((v) => Math.exp(Math.min(tau, Math.max(-tau, v)))))),
  club: (f: M) => mean(diag(f)) - mean(f.flat()),
  wasserstein: (f: M) => mean(diag(f)) - mean(offDiag(f)),
  mineSurrogate: (f: M, m: number) => mean(diag(f)) - mean(offDiag(f).map(Math.exp)) / m,
};

/** A fixed B x B score matrix: diagonal shifted up (as for a trained critic), some entries > tau. */
function fixedMatrix(b: number, seed: number, scale: number): M {
  const rng = createRng(seed);
  return Array.from({ length: b }, (_, i) => Array.from({ length: b }, (_, j) => scale * rng.normal() + (i === j ? 2 : 0)));
}

const value = (t: Scalar) => t.dataSync()[0];
/** float32 arithmetic, sums of <= 64 terms: relative error ~1e-6; 1e-4 relative (absolute near 0) leaves room. */
function close(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(expected)));
}

describe("neural bounds vs Float64 references (cpu backend)", () => {
  beforeAll(async () => {
    await useBackend("cpu");
  });

  for (const [b, scale] of [
    [2, 1],
    [5, 1.5],
    [8, 4],
  ] as const) {
    it(`matrix form, B = ${b}, score scale ${scale}`, () => {
      const f = fixedMatrix(b, 100 + b, scale);
      tf.tidy(() => {
        const s = scoresFromMatrix(tf.tensor2d(f));
        expect(s.count).toBe(b * (b - 1));
        close(value(dvBound(s)), ref.dv(f));
        close(value(jsReadout(s)), ref.dv(f));
        close(value(nwjBound(s)), ref.nwj(f));
        close(value(infoNceBound(s)), ref.infoNce(f));
        close(value(jsObjective(s)), ref.js(f));
        for (const tau of [0.5, 5, Infinity]) close(value(smileBound(s, tau)), ref.smile(f, tau));
        close(value(smileObjective(s, 5)), ref.smile(f, 5));
        close(value(clubBound(s)), ref.club(f));
        close(value(wassersteinBound(s)), ref.wasserstein(f));
        const step = mineStep(s, 1.7);
        close(value(step.objective), ref.mineSurrogate(f, 1.7));
        close(value(step.value), ref.dv(f));
        expect(value(step.batchMeanExp)).toBeCloseTo(mean(offDiag(f).map(Math.exp)), 2);
      });
    });
  }

  it("InfoNCE never exceeds log B, and reaches it for a dominant diagonal", () => {
    const b = 6;
    const f = Array.from({ length: b }, (_, i) => Array.from({ length: b }, (_, j) => (i === j ? 60 : 0)));
    tf.tidy(() => {
      const v = value(infoNceBound(scoresFromMatrix(tf.tensor2d(f))));
      expect(v).toBeLessThanOrEqual(Math.log(b) + 1e-6);
      expect(v).toBeCloseTo(infoNceCap(b - 1), 5);
    });
  });

  it("pairs form (B positives, B x K shuffled negatives, no mask) equals the references on the flattened negatives", () => {
    const rng = createRng(7);
    const b = 6;
    const k = 3;
    const pos = Array.from({ length: b }, () => 1 + rng.normal());
    const neg = Array.from({ length: b }, () => Array.from({ length: k }, () => 2 * rng.normal()));
    const flat = neg.flat();
    const lmeNeg = lse(flat) - Math.log(flat.length);
    tf.tidy(() => {
      const s = makeScores(tf.tensor1d(pos), tf.tensor2d(neg));
      expect(s.count).toBe(b * k);
      close(value(dvBound(s)), mean(pos) - lmeNeg);
      close(value(nwjBound(s)), mean(pos) - Math.exp(-1) * mean(flat.map(Math.exp)));
      close(value(infoNceBound(s)), Math.log(k + 1) + mean(pos.map((p, i) => p - lse([p, ...neg[i]]))));
      close(value(jsObjective(s)), -mean(pos.map((v) => softplus(-v))) - mean(flat.map(softplus)));
      close(value(smileBound(s, 1)), mean(pos) - Math.log(mean(flat.map((v) => Math.exp(Math.min(1, Math.max(-1, v)))))));
      close(value(wassersteinBound(s)), mean(pos) - mean(flat));
      close(value(clubBound(s)), mean(pos) - mean([...pos, ...flat]));
    });
  });

  it("a mask selects the negatives that count", () => {
    const f = fixedMatrix(4, 3, 1);
    tf.tidy(() => {
      const t = tf.tensor2d(f);
      const eye = tf.eye(4);
      const viaMask = makeScores(tf.sum(tf.mul(t, eye), 1) as Tensor1D, t, tf.sub(1, eye) as Tensor2D);
      expect(viaMask.count).toBe(12);
      close(value(dvBound(viaMask)), ref.dv(f));
      close(value(nwjBound(viaMask)), ref.nwj(f));
    });
  });

  it("a huge diagonal entry does not turn masked averages into NaN", () => {
    const f = fixedMatrix(4, 4, 1);
    f[0][0] = 200; // exp(200) overflows float32
    tf.tidy(() => {
      const s = scoresFromMatrix(tf.tensor2d(f));
      for (const v of [dvBound(s), nwjBound(s), infoNceBound(s), jsObjective(s), smileBound(s), wassersteinBound(s)]) {
        expect(Number.isFinite(value(v))).toBe(true);
      }
      expect(value(nwjBound(s))).toBeCloseTo(ref.nwj(f), 3);
    });
  });

  it("SMILE's objective has the JS objective's gradient and the SMILE value", () => {
    const f = fixedMatrix(5, 9, 3);
    tf.tidy(() => {
      const t = tf.tensor2d(f);
      const g1 = tf.grad((x: Tensor) => smileObjective(scoresFromMatrix(x as Tensor2D), 5))(t).dataSync();
      const g2 = tf.grad((x: Tensor) => jsObjective(scoresFromMatrix(x as Tensor2D)))(t).dataSync();
      for (let i = 0; i < g1.length; i++) expect(g1[i]).toBeCloseTo(g2[i], 6);
    });
  });

  it("MINE's surrogate gradient is E_p[∇f] - E_q[e^f ∇f] / m (finite differences in Float64)", () => {
    const f = fixedMatrix(4, 12, 1);
    const m = 2.5;
    tf.tidy(() => {
      const g = tf.grad((x: Tensor) => mineStep(scoresFromMatrix(x as Tensor2D), m).objective)(tf.tensor2d(f)).dataSync();
      const h = 1e-6;
      for (const [i, j] of [
        [0, 0],
        [1, 2],
        [3, 0],
      ]) {
        const up = f.map((r) => [...r]);
        const dn = f.map((r) => [...r]);
        up[i][j] += h;
        dn[i][j] -= h;
        const fd = (ref.mineSurrogate(up, m) - ref.mineSurrogate(dn, m)) / (2 * h);
        expect(g[i * 4 + j]).toBeCloseTo(fd, 5);
      }
    });
  });

  it("MINE's moving average: first value, momentum, floor", () => {
    expect(updateMineAverage(undefined, 3, 0.9)).toBe(3);
    expect(updateMineAverage(2, 3, 0.9)).toBeCloseTo(2.1, 12);
    expect(updateMineAverage(undefined, 1e-9, 0.9)).toBe(1e-4);
  });

  it("bounds leave no tensors behind inside tf.tidy", () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const s = scoresFromMatrix(tf.tensor2d(fixedMatrix(3, 1, 1)));
      dvBound(s);
      smileObjective(s);
      infoNceBound(s);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
