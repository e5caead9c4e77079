import { describe, expect, it } from "vitest";
import { InsufficientSamplesError, InvalidArgumentError, UnsupportedDataError } from "../../src/core/errors.js";
import { createRng } from "../../src/core/random/rng.js";
import { digammaInt } from "../../src/core/special/digamma.js";
import { ksg } from "../../src/estimators/ksg.js";
import { activeInformationStorage } from "../../src/measures/activeInformationStorage.js";
import { delayEmbedding } from "../../src/measures/embedding.js";
import { ksgLocalValues } from "../../src/measures/transferEntropy.js";

/** AR(p) x_t = sum_i phi_i x_{t-i} + e_t, e ~ N(0,1), burn-in 500. */
function ar(phi: number[], n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const p = phi.length;
  const buf = new Float64Array(n + 500);
  for (let t = p; t < buf.length; t++) {
    let v = rng.normal();
    for (let i = 0; i < p; i++) v += phi[i] * buf[t - 1 - i];
    buf[t] = v;
  }
  return buf.slice(500);
}

describe("activeInformationStorage, Gaussian processes (closed forms)", () => {
  it("AR(1): A = 1/2 log(1 / (1 - phi^2)) for every history k >= 1", () => {
    const phi = 0.6;
    const truth = 0.5 * Math.log(1 / (1 - phi * phi)); // 0.2231 nats
    const x = ar([phi], 2000, 1);
    const g = activeInformationStorage(x, { estimator: "gaussian" });
    expect(g.quantity).toBe("active-information-storage");
    expect(g.estimator).toBe("gaussian");
    // Measured over 20 seeds at N = 2000: Gaussian mean 0.2233, SD 0.0137 -> 4 SD = 0.055.
    expect(Math.abs(g.value - truth)).toBeLessThan(0.055);
    expect(Math.abs(activeInformationStorage(x, { estimator: "gaussian", history: 3 }).value - truth)).toBeLessThan(0.055);
    const k = activeInformationStorage(x);
    expect(k.estimator).toBe("ksg-1");
    // Measured over 20 seeds at N = 2000: KSG mean 0.2240, SD 0.0166 -> 4 SD = 0.066.
    expect(Math.abs(k.value - truth)).toBeLessThan(0.066);
  });

  it("AR(2): history 2 reaches 1/2 log(Var X / sigma^2); history 1 stores less", () => {
    const [p1, p2] = [0.5, 0.3];
    // Yule-Walker: rho1 = p1 / (1 - p2), Var X = sigma^2 / (1 - p1 rho1 - p2 rho2), rho2 = p1 rho1 + p2.
    const rho1 = p1 / (1 - p2);
    const rho2 = p1 * rho1 + p2;
    const varX = 1 / (1 - p1 * rho1 - p2 * rho2);
    const a2 = 0.5 * Math.log(varX);
    const a1 = -0.5 * Math.log(1 - rho1 * rho1); // I(X_{t+1}; X_t) = -1/2 log(1 - rho1^2)
    expect(a2 - a1).toBeGreaterThan(0.04);
    const x = ar([p1, p2], 3000, 2);
    const g2 = activeInformationStorage(x, { estimator: "gaussian", history: 2 });
    const g1 = activeInformationStorage(x, { estimator: "gaussian", history: 1 });
    expect(Math.abs(g2.value - a2)).toBeLessThan(0.05);
    expect(Math.abs(g1.value - a1)).toBeLessThan(0.05);
    expect(g2.value).toBeGreaterThan(g1.value);
    expect(g2.params).toMatchObject({ history: 2, tau: 1 });
  });

  it("white noise stores nothing: near 0 and not significant", () => {
    const x = ar([], 1000, 3);
    const e = activeInformationStorage(x, { estimator: "gaussian", surrogates: 49 }, { seed: 1 });
    expect(e.value).toBeLessThan(0.005);
    expect(e.uncertainty!.pValue!).toBeGreaterThan(0.05);
    const stored = activeInformationStorage(ar([0.6], 1000, 3), { estimator: "gaussian", surrogates: 49 }, { seed: 1 });
    expect(stored.uncertainty!.pValue).toBe(1 / 50);
  });
});

describe("activeInformationStorage, discrete", () => {
  /** Binary Markov chain that flips with probability q: A(1) = ln 2 - h(q). */
  function chain(n: number, q: number, seed: number): number[] {
    const rng = createRng(seed);
    const x = [0];
    for (let t = 1; t < n; t++) x.push(rng.float64() < q ? 1 - x[t - 1] : x[t - 1]);
    return x;
  }
  /** Plug-in I(past_k; next) by direct counting of words. */
  function directAis(x: number[], k: number): number {
    const joint = new Map<string, number>();
    const past = new Map<string, number>();
    const next = new Map<string, number>();
    let n = 0;
    for (let s = k; s < x.length; s++) {
      const p = x.slice(s - k, s).join("");
      const f = String(x[s]);
      joint.set(`${p}|${f}`, (joint.get(`${p}|${f}`) ?? 0) + 1);
      past.set(p, (past.get(p) ?? 0) + 1);
      next.set(f, (next.get(f) ?? 0) + 1);
      n++;
    }
    let a = 0;
    for (const [key, c] of joint) {
      const [p, f] = key.split("|");
      a += (c / n) * Math.log((c * n) / (past.get(p)! * next.get(f)!));
    }
    return a;
  }

  it("plug-in equals a direct count and is near ln 2 - h(q)", () => {
    const q = 0.1;
    const x = chain(5000, q, 4);
    for (const k of [1, 2, 4]) {
      const e = activeInformationStorage(x, { estimator: "discrete", history: k });
      expect(e.estimator).toBe("plugin");
      expect(e.value).toBeCloseTo(directAis(x, k), 12);
      const mean = e.local!.reduce((s, v) => s + v, 0) / e.local!.length;
      expect(mean).toBeCloseTo(e.value, 12);
    }
    const truth = Math.log(2) + q * Math.log(q) + (1 - q) * Math.log(1 - q);
    // SD of the plug-in at N = 5000 ~ sqrt(Var(local) / N) ~ 0.01.
    expect(Math.abs(activeInformationStorage(x, { estimator: "plugin" }).value - truth)).toBeLessThan(0.03);
  });

  it("rejects non-integer values for discrete estimators", () => {
    expect(() => activeInformationStorage([0, 1, 0.5, 1], { estimator: "plugin" })).toThrow(UnsupportedDataError);
  });
});

describe("activeInformationStorage, KSG kernel", () => {
  it("without a Theiler window equals KSG-1 (k = 4) on the delay embedding", () => {
    const x = ar([0.7], 300, 5);
    const e = activeInformationStorage(x, { history: 2, standardize: false, jitter: 0 });
    const emb = delayEmbedding(x, 3, 1); // rows (x_t, x_{t-1}, x_{t-2}) for t = 2..n-1
    const future = { data: new Float64Array(emb.rows), rows: emb.rows, cols: 1 };
    const past = { data: new Float64Array(emb.rows * 2), rows: emb.rows, cols: 2 };
    for (let i = 0; i < emb.rows; i++) {
      future.data[i] = emb.data[i * 3];
      past.data[i * 2] = emb.data[i * 3 + 1];
      past.data[i * 2 + 1] = emb.data[i * 3 + 2];
    }
    const ref = ksg({ algorithm: 1, k: 4, standardize: false, jitter: 0 }).estimate(past, future);
    expect(e.value).toBeCloseTo(ref.value, 12);
  });

  it("with a Theiler window equals brute force", () => {
    const x = ar([0.7], 60, 6);
    const emb = delayEmbedding(x, 2, 1);
    const a = Array.from({ length: emb.rows }, (_, i) => emb.data[i * 2]);
    const b = Array.from({ length: emb.rows }, (_, i) => emb.data[i * 2 + 1]);
    const n = a.length;
    for (const w of [0, 2, 5]) {
      const expected: number[] = [];
      for (let i = 0; i < n; i++) {
        const ds: number[] = [];
        for (let j = 0; j < n; j++) if (Math.abs(i - j) > w) ds.push(Math.max(Math.abs(a[i] - a[j]), Math.abs(b[i] - b[j])));
        ds.sort((p, q) => p - q);
        const eps = ds[3];
        let na = 0;
        let nb = 0;
        for (let j = 0; j < n; j++) {
          if (Math.abs(i - j) <= w) continue;
          if (Math.abs(a[i] - a[j]) < eps) na++;
          if (Math.abs(b[i] - b[j]) < eps) nb++;
        }
        expected.push(digammaInt(4) + digammaInt(n) - digammaInt(na + 1) - digammaInt(nb + 1));
      }
      const fut = { data: Float64Array.from(a), rows: n, cols: 1 };
      const past = { data: Float64Array.from(b), rows: n, cols: 1 };
      const fast = ksgLocalValues(fut, past, undefined, 4, w);
      expected.forEach((v, i) => expect(fast[i]).toBeCloseTo(v, 12));
      const e = activeInformationStorage(x, { theiler: w, standardize: false, jitter: 0 });
      expected.forEach((v, i) => expect(e.local![i]).toBeCloseTo(v, 12));
    }
  });
});

describe("activeInformationStorage results and validation", () => {
  const x = ar([0.5], 300, 7);
  it("is deterministic, converts units and records parameters", () => {
    const a = activeInformationStorage(x, { surrogates: 5, surrogateMethod: "block", blockSize: 10 }, { seed: 9 });
    const b = activeInformationStorage(x, { surrogates: 5, surrogateMethod: "block", blockSize: 10 }, { seed: 9 });
    expect(a.diagnostics.details.surrogates).toEqual(b.diagnostics.details.surrogates);
    expect(a.params).toMatchObject({ estimator: "ksg-1", k: 4, theiler: 0, history: 1, tau: 1, surrogates: 5, surrogateMethod: "block", blockSize: 10 });
    const bits = activeInformationStorage(x, {}, { units: "bits" });
    expect(bits.value).toBeCloseTo(a.value / Math.LN2, 12);
    expect(a.references.map((r) => r.id)).toEqual(["lizier2012", "frenzel2007", "kraskov2004", "phipsonSmyth2010"]);
    expect(a.diagnostics.details.firstTime).toBe(1);
  });
  it("validates options and length", () => {
    expect(() => activeInformationStorage(x, { history: 0 })).toThrow(InvalidArgumentError);
    expect(() => activeInformationStorage(x, { lag: 2 } as never)).toThrow(/unknown option "lag"/);
    expect(() => activeInformationStorage(x.slice(0, 5))).toThrow(InsufficientSamplesError);
    expect(() => activeInformationStorage(x, { estimator: "gaussian", tau: 0 })).toThrow(/target.tau/);
  });
});
