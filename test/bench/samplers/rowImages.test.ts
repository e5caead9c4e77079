import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/core/random/rng.js";
import { renderRow, rowImages, rowImagesLatentMI } from "../../../src/bench/samplers/rowImages.js";

describe("rowImagesLatentMI", () => {
  it("equals −(t/2) log(1 − ρ²) whatever the row correlation (canonical correlations all ρ)", () => {
    for (const a of [0, 0.6, -0.3]) {
      for (const t of [0, 1, 4, 8]) {
        expect(rowImagesLatentMI(8, t, 0.8, a)).toBeCloseTo((-t / 2) * Math.log(1 - 0.64), 10);
      }
    }
  });
});

describe("renderRow", () => {
  it("is injective: the bump position, recovered from neighbouring pixel ratios, is strictly increasing in u", () => {
    const w = 8;
    const row = new Float64Array(w);
    let prev = -Infinity;
    for (let u = -4; u <= 4; u += 0.01) {
      renderRow(u, w, row, 0);
      // log(row[c+1]/row[c]) = −(2(c − p) + 1)/2  =>  p = c + ½ + log(row[c+1]/row[c]); use the brightest pair.
      let c = 0;
      for (let k = 1; k < w - 1; k++) if (row[k] + row[k + 1] > row[c] + row[c + 1]) c = k;
      const p = c + 0.5 + Math.log(row[c + 1] / row[c]);
      expect(p).toBeCloseTo(((w - 1) * (1 + Math.tanh(u))) / 2, 9);
      expect(p).toBeGreaterThan(prev);
      prev = p;
    }
  });
});

describe("rowImages", () => {
  it("independence: Y keeps the top t rows and zeroes the rest; truth grows with t and is 0 at t = 0", () => {
    const truths = [0, 2, 5, 8].map((t) => rowImages({ test: "independence", rowsKept: t }).mutualInformation);
    expect(truths[0]).toBe(0);
    for (let k = 1; k < truths.length; k++) expect(truths[k]).toBeGreaterThan(truths[k - 1]);
    const s = rowImages({ test: "independence", rowsKept: 3 }).sample(50, createRng(1));
    expect([s.x.cols, s.y.cols]).toEqual([64, 64]);
    for (let i = 0; i < 50; i++) {
      for (let p = 0; p < 64; p++) {
        const v = s.y.data[i * 64 + p];
        if (p >= 24) expect(v).toBe(0);
        else expect(v).toBeGreaterThan(0);
        expect(s.x.data[i * 64 + p]).toBeGreaterThan(0);
      }
    }
  });

  it("data processing: [X, X] and [Y_t, h(Y_t)] with h keeping ⌊t/2⌋ rows; truth equals the baseline's", () => {
    const t = 5;
    const s = rowImages({ test: "data-processing", rowsKept: t });
    expect(s.mutualInformation).toBeCloseTo(rowImages({ test: "independence", rowsKept: t }).mutualInformation, 14);
    const { x, y } = s.sample(20, createRng(2));
    expect([x.cols, y.cols]).toEqual([128, 128]);
    for (let i = 0; i < 20; i++) {
      const o = i * 128;
      for (let p = 0; p < 64; p++) {
        expect(x.data[o + 64 + p]).toBe(x.data[o + p]);
        expect(y.data[o + 64 + p]).toBe(p < 2 * 8 ? y.data[o + p] : 0);
      }
    }
  });

  it("additivity: two independent blocks, truth twice the baseline", () => {
    const s = rowImages({ test: "additivity", rowsKept: 4 });
    expect(s.mutualInformation).toBeCloseTo(2 * rowImages({ test: "independence", rowsKept: 4 }).mutualInformation, 14);
    const { x } = s.sample(2000, createRng(3));
    // Pixel (0, 3) of block 1 and of block 2 are independent: their correlation is within ~4/√n.
    let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    for (let i = 0; i < 2000; i++) {
      const a = x.data[i * 128 + 3];
      const b = x.data[i * 128 + 64 + 3];
      sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b;
    }
    const n = 2000;
    const r = (sab / n - (sa / n) * (sb / n)) / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
    expect(Math.abs(r)).toBeLessThan(0.09);
  });

  it("row latents have the AR(1) structure: the bump positions of X's rows 0 and 1 are correlated", () => {
    const { x } = rowImages({ test: "independence", rowsKept: 8 }).sample(5000, createRng(4));
    const pos = (i: number, r: number) => {
      const o = i * 64 + r * 8;
      let c = 0;
      for (let k = 1; k < 7; k++) if (x.data[o + k] + x.data[o + k + 1] > x.data[o + c] + x.data[o + c + 1]) c = k;
      return c + 0.5 + Math.log(x.data[o + c + 1] / x.data[o + c]);
    };
    // u = atanh(2p/7 − 1) recovers the latent; corr(u_0, u_1) = a = 0.6 (SE ≈ 0.01).
    const lat = (p: number) => Math.atanh((2 * p) / 7 - 1);
    let s0 = 0, s1 = 0, s00 = 0, s11 = 0, s01 = 0;
    for (let i = 0; i < 5000; i++) {
      const a = lat(pos(i, 0));
      const b = lat(pos(i, 1));
      s0 += a; s1 += b; s00 += a * a; s11 += b * b; s01 += a * b;
    }
    const n = 5000;
    const cov = s01 / n - (s0 / n) * (s1 / n);
    expect(cov / Math.sqrt((s00 / n - (s0 / n) ** 2) * (s11 / n - (s1 / n) ** 2))).toBeCloseTo(0.6, 1);
    expect(s00 / n).toBeCloseTo(1, 1);
  });

  it("is deterministic and validates options", () => {
    const s = rowImages({ test: "additivity", rowsKept: 2 });
    expect(s.sample(5, createRng(1)).y.data).toEqual(s.sample(5, createRng(1)).y.data);
    expect(() => rowImages({ test: "independence", rowsKept: 9 })).toThrow(/rowsKept must be an integer in \[0, 8\]/);
    expect(() => rowImages({ test: "nope" as never, rowsKept: 1 })).toThrow(/test must be/);
    expect(() => rowImages({ test: "independence", rowsKept: 1, rho: 1 })).toThrow(/rho/);
  });
});
