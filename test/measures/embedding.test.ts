import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromRows } from "../../src/core/data/matrix.js";
import { InsufficientSamplesError, InvalidArgumentError, NonFiniteValueError } from "../../src/core/errors.js";
import { checkPastSpec, delayEmbedding, firstUsableTime, pastBlock, predictionEmbedding, symbolize, toSeries } from "../../src/measures/embedding.js";

const rowsOf = (m: { data: Float64Array; rows: number; cols: number }) =>
  Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));

describe("delayEmbedding", () => {
  it("builds (x_t, x_{t-tau}, ...) rows", () => {
    expect(rowsOf(delayEmbedding([1, 2, 3, 4], 2, 1))).toEqual([
      [2, 1],
      [3, 2],
      [4, 3],
    ]);
    expect(rowsOf(delayEmbedding([0, 1, 2, 3, 4, 5], 3, 2))).toEqual([[4, 2, 0], [5, 3, 1]]);
    expect(rowsOf(delayEmbedding(new Int32Array([5, 6]), 1))).toEqual([[5], [6]]);
  });
  it("validates", () => {
    expect(() => delayEmbedding([1, 2, 3], 0)).toThrow(InvalidArgumentError);
    expect(() => delayEmbedding([1, 2, 3], 2, 0)).toThrow(/tau must be an integer >= 1/);
    expect(() => delayEmbedding([1, 2, 3], 3, 2)).toThrow(InsufficientSamplesError);
    expect(() => delayEmbedding([1, NaN, 3], 1)).toThrow(NonFiniteValueError);
  });
});

describe("predictionEmbedding", () => {
  const x = Float64Array.from({ length: 20 }, (_, t) => t); // x_t = t makes alignment visible
  const y = Float64Array.from({ length: 20 }, (_, t) => 100 + t);

  it("aligns future, target past (k, tau) and source past (l, tau_y, lag u)", () => {
    const target = { history: 3, tau: 2, lag: 1 }; // (x_{s-1}, x_{s-3}, x_{s-5}); first s = 5
    const source = { history: 2, tau: 3, lag: 2 }; // (y_{s-2}, y_{s-5}); first s = 5
    expect(firstUsableTime(target)).toBe(5);
    expect(firstUsableTime(source)).toBe(5);
    const e = predictionEmbedding("t", x, [
      { series: x, spec: target },
      { series: y, spec: source },
    ], 1);
    expect(e.firstTime).toBe(5);
    expect(e.rows).toBe(15);
    expect(Array.from(e.future.data)).toEqual(Array.from({ length: 15 }, (_, r) => 5 + r));
    expect(rowsOf(e.pasts[0])[0]).toEqual([4, 2, 0]);
    expect(rowsOf(e.pasts[1])[0]).toEqual([103, 100]);
    expect(rowsOf(e.pasts[0])[14]).toEqual([18, 16, 14]);
    expect(rowsOf(e.pasts[1])[14]).toEqual([117, 114]);
  });

  it("lag 0 uses the source's present value", () => {
    const e = predictionEmbedding("t", x, [
      { series: x, spec: { history: 1, tau: 1, lag: 1 } },
      { series: y, spec: { history: 1, tau: 1, lag: 0 } },
    ], 1);
    expect(e.firstTime).toBe(1);
    expect(rowsOf(e.pasts[1])[0]).toEqual([101]);
  });

  it("every past value precedes (or, lag 0, equals) the predicted time: property", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 4 }), (k, tau, l, tauY, u) => {
        const e = predictionEmbedding("t", x, [
          { series: x, spec: { history: k, tau, lag: 1 } },
          { series: y, spec: { history: l, tau: tauY, lag: u } },
        ], 1);
        for (let r = 0; r < e.rows; r++) {
          const s = e.future.data[r];
          expect(s).toBe(e.firstTime + r);
          for (let c = 0; c < k; c++) expect(e.pasts[0].data[r * k + c]).toBe(s - 1 - c * tau);
          for (let c = 0; c < l; c++) expect(e.pasts[1].data[r * l + c] - 100).toBe(s - u - c * tauY);
        }
        expect(e.rows).toBe(20 - Math.max(1, 1 + (k - 1) * tau, u + (l - 1) * tauY));
      }),
    );
  });

  it("throws when too few rows remain", () => {
    expect(() => predictionEmbedding("fn", x, [{ series: x, spec: { history: 10, tau: 2, lag: 1 } }], 2)).toThrow(
      /fn: the embedding leaves 1 rows \(series length 20, first predicted time 19\); needs at least 2/,
    );
  });

  it("pastBlock and checkPastSpec", () => {
    expect(rowsOf(pastBlock(x, { history: 2, tau: 1, lag: 1 }, 2, 2))).toEqual([
      [1, 0],
      [2, 1],
    ]);
    expect(() => checkPastSpec("fn", "source", { history: 1, tau: 1, lag: -1 }, 0)).toThrow(/fn: source.lag must be an integer >= 0; got -1/);
    expect(checkPastSpec("fn", "source", { history: 2, tau: 3, lag: 0 }, 0)).toEqual({ history: 2, tau: 3, lag: 0 });
  });
});

describe("toSeries and symbolize", () => {
  it("accepts arrays, typed arrays and one-column matrices; never mutates", () => {
    const v = [3, 1, 2];
    expect(Array.from(toSeries(v, "s", "fn"))).toEqual(v);
    expect(Array.from(toSeries(new Int8Array([1, -2]), "s", "fn"))).toEqual([1, -2]);
    expect(Array.from(toSeries(fromRows([[1], [2]]), "s", "fn"))).toEqual([1, 2]);
    expect(() => toSeries(fromRows([[1, 2]]), "s", "fn")).toThrow(/fn: s must be a univariate series \(one column\); got 2 columns/);
    expect(() => toSeries("abc", "s", "fn")).toThrow(InvalidArgumentError);
  });

  it("symbolize gives equal-frequency bins, ties in one bin", () => {
    expect(Array.from(symbolize([0.3, 0.1, 0.4, 0.2], 2))).toEqual([1, 0, 1, 0]);
    expect(Array.from(symbolize([5, 1, 3, 2, 4, 6], 3))).toEqual([2, 0, 1, 0, 1, 2]);
    expect(Array.from(symbolize([1, 1, 1, 2], 2))).toEqual([0, 0, 0, 1]);
    expect(() => symbolize([1, 2], 1)).toThrow(/bins must be an integer >= 2/);
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 2, max: 6 }), (vals, bins) => {
        const s = symbolize(vals, bins);
        for (let i = 0; i < vals.length; i++) {
          expect(s[i]).toBeGreaterThanOrEqual(0);
          expect(s[i]).toBeLessThan(bins);
          for (let j = 0; j < vals.length; j++) if (vals[i] < vals[j]) expect(s[i]).toBeLessThanOrEqual(s[j]); // monotone
        }
      }),
    );
  });
});
