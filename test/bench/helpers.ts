import type { Matrix } from "../../src/core/types.js";

/** Column means and covariance (ddof 1) of the columns of x and y side by side. */
export function jointMoments(x: Matrix, y: Matrix): { mean: Float64Array; cov: Float64Array; d: number } {
  const n = x.rows;
  const d = x.cols + y.cols;
  const row = new Float64Array(d);
  const mean = new Float64Array(d);
  const fill = (i: number) => {
    for (let j = 0; j < x.cols; j++) row[j] = x.data[i * x.cols + j];
    for (let j = 0; j < y.cols; j++) row[x.cols + j] = y.data[i * y.cols + j];
  };
  for (let i = 0; i < n; i++) {
    fill(i);
    for (let j = 0; j < d; j++) mean[j] += row[j];
  }
  for (let j = 0; j < d; j++) mean[j] /= n;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    fill(i);
    for (let a = 0; a < d; a++) {
      const da = row[a] - mean[a];
      for (let b = 0; b <= a; b++) cov[a * d + b] += da * (row[b] - mean[b]);
    }
  }
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++) {
      cov[a * d + b] /= n - 1;
      cov[b * d + a] = cov[a * d + b];
    }
  }
  return { mean, cov, d };
}

/** Largest absolute entry-wise difference. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Gauss–Legendre nodes and weights on [-1, 1] (Newton on P_n; Golub-free, fine for n <= 200). */
export function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    x[i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
  }
  return { x, w };
}

/** ∫_a^b f by composite Gauss–Legendre: `panels` equal panels of `order` nodes. */
export function integrate1d(f: (t: number) => number, a: number, b: number, panels = 200, order = 20): number {
  const { x, w } = gaussLegendre(order);
  const h = (b - a) / panels;
  let s = 0;
  for (let p = 0; p < panels; p++) {
    const c = a + (p + 0.5) * h;
    for (let k = 0; k < order; k++) s += w[k] * f(c + (h / 2) * x[k]);
  }
  return (s * h) / 2;
}

/** ∫∫ f over [a, b] x [c, d] by tensor Gauss–Legendre (panels x order nodes per axis). */
export function integrate2d(f: (s: number, t: number) => number, a: number, b: number, c: number, d: number, panels = 60, order = 12): number {
  return integrate1d((s) => integrate1d((t) => f(s, t), c, d, panels, order), a, b, panels, order);
}
