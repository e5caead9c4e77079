import { InvalidArgumentError } from "../../core/errors.js";
import { cholesky } from "../../core/linalg/cholesky.js";
import type { Rng } from "../../core/random/rng.js";
import { checkSampleSize, type ExactSampler, type Sample } from "./sampler.js";
import { gaussianMutualInformation } from "./splitMultinormal.js";

/** The three self-consistency constructions of Song & Ermon 2020 (ICLR, "Understanding the Limitations of Variational MI Estimators", §5). */
export type ConsistencyTest = "independence" | "data-processing" | "additivity";

export interface RowImagesOptions {
  /** Which construction: see `rowImages`. */
  readonly test: ConsistencyTest;
  /** t: the number of top rows of Y kept (the rest are zeroed), 0..height. */
  readonly rowsKept: number;
  /** Image height (rows), default 8. */
  readonly height?: number;
  /** Image width (columns), default 8. */
  readonly width?: number;
  /** Correlation ρ between the row latents of X and of Y, default 0.8 (0.51 nats per kept row). */
  readonly rho?: number;
  /** AR(1) correlation a between neighbouring rows' latents (images look like smooth strokes), default 0.6. */
  readonly rowCorrelation?: number;
}

/**
 * Pixel values of one image row whose latent is u: a Gaussian bump (σ = 1 pixel) centred at
 * p(u) = (width − 1)(1 + tanh u)/2. Injective in u: p is strictly increasing and the ratio of
 * neighbouring pixels, exp(−(2(c − p) + 1)/2), is strictly monotone in p.
 */
export function renderRow(u: number, width: number, out: Float64Array, offset: number): void {
  const p = ((width - 1) * (1 + Math.tanh(u))) / 2;
  for (let c = 0; c < width; c++) {
    const dc = c - p;
    out[offset + c] = Math.exp(-0.5 * dc * dc);
  }
}

/**
 * Exact I(U; V_S) for |S| = t kept rows in the latent model of `rowImages`: U ~ N(0, C),
 * V = ρU + √(1 − ρ²) E with E ~ N(0, C) independent and C_rs = a^|r−s|. The canonical
 * correlations of (U, V_S) are all ρ, so I = −(t/2) log(1 − ρ²); computed here from the joint
 * covariance with `gaussianMutualInformation`, which tests pin against that formula.
 */
export function rowImagesLatentMI(height: number, rowsKept: number, rho: number, rowCorrelation: number): number {
  if (rowsKept === 0) return 0;
  const h = height;
  const t = rowsKept;
  const d = h + t;
  const cov = new Float64Array(d * d);
  const c = (r: number, s: number) => rowCorrelation ** Math.abs(r - s);
  for (let r = 0; r < h; r++) for (let s = 0; s < h; s++) cov[r * d + s] = c(r, s);
  for (let r = 0; r < t; r++) {
    for (let s = 0; s < t; s++) cov[(h + r) * d + h + s] = c(r, s);
    for (let s = 0; s < h; s++) {
      cov[(h + r) * d + s] = rho * c(r, s);
      cov[s * d + h + r] = rho * c(r, s);
    }
  }
  return gaussianMutualInformation(cov, h, t);
}

/**
 * Procedural image-like data with exact MI for the self-consistency tests of Song & Ermon 2020
 * (no downloads). Each image is height x width pixels (row-major, flattened); row r shows a bump
 * at a horizontal position driven by a latent (`renderRow`). X renders the latents U, Y renders
 * V = ρU + √(1 − ρ²)E; Y_t keeps only the top t rows of Y and zeroes the rest. Rendering is
 * injective row by row, so I(X; Y_t) = I(U; V_{1..t}) = −(t/2) log(1 − ρ²) (0 when t = 0).
 *
 * - "independence": (X, Y_t), dims (hw, hw); I grows linearly in t and is 0 at t = 0.
 * - "data-processing": ([X, X], [Y_t, h(Y_t)]) with h keeping the top ⌊t/2⌋ rows of Y_t (a
 *   function of Y_t), dims (2hw, 2hw); I equals I(X; Y_t), so the ideal ratio is 1.
 * - "additivity": ([X₁, X₂], [Y₁_t, Y₂_t]) from two independent draws, dims (2hw, 2hw);
 *   I = 2 I(X; Y_t), so the ideal ratio is 2.
 */
export function rowImages(options: RowImagesOptions): ExactSampler {
  const fn = "rowImages";
  const height = options.height ?? 8;
  const width = options.width ?? 8;
  const rho = options.rho ?? 0.8;
  const a = options.rowCorrelation ?? 0.6;
  const { test, rowsKept } = options;
  if (test !== "independence" && test !== "data-processing" && test !== "additivity") {
    throw new InvalidArgumentError(`${fn}: test must be "independence", "data-processing" or "additivity"; got ${String(test)}.`, "test");
  }
  if (!Number.isSafeInteger(height) || height < 1) throw new InvalidArgumentError(`${fn}: height must be a positive integer; got ${String(height)}.`, "height");
  if (!Number.isSafeInteger(width) || width < 2) throw new InvalidArgumentError(`${fn}: width must be an integer >= 2; got ${String(width)}.`, "width");
  if (!Number.isSafeInteger(rowsKept) || rowsKept < 0 || rowsKept > height) {
    throw new InvalidArgumentError(`${fn}: rowsKept must be an integer in [0, ${height}]; got ${String(rowsKept)}.`, "rowsKept");
  }
  if (!(Math.abs(rho) < 1)) throw new InvalidArgumentError(`${fn}: rho must be in (-1, 1); got ${String(rho)}.`, "rho");
  if (!(Math.abs(a) < 1)) throw new InvalidArgumentError(`${fn}: rowCorrelation must be in (-1, 1); got ${String(a)}.`, "rowCorrelation");
  const base = rowImagesLatentMI(height, rowsKept, rho, a);
  const copies = test === "independence" ? 1 : 2;
  const mutualInformation = test === "additivity" ? 2 * base : base;
  const pixels = height * width;
  const dim = copies * pixels;
  const cmat = new Float64Array(height * height);
  for (let r = 0; r < height; r++) for (let s = 0; s < height; s++) cmat[r * height + s] = a ** Math.abs(r - s);
  const l = cholesky(cmat, height, fn, "rowCorrelation");
  const noise = Math.sqrt(1 - rho * rho);
  const hRows = Math.floor(rowsKept / 2);

  return Object.freeze({
    dimX: dim,
    dimY: dim,
    mutualInformation,
    sample(n: number, rng: Rng): Sample {
      checkSampleSize(fn, n);
      const x = new Float64Array(n * dim);
      const y = new Float64Array(n * dim);
      const zu = new Float64Array(height);
      const ze = new Float64Array(height);
      for (let i = 0; i < n; i++) {
        const nBlocks = test === "additivity" ? 2 : 1;
        for (let b = 0; b < nBlocks; b++) {
          for (let r = 0; r < height; r++) zu[r] = rng.normal();
          for (let r = 0; r < height; r++) ze[r] = rng.normal();
          const xo = i * dim + b * pixels;
          for (let r = 0; r < height; r++) {
            let u = 0;
            let e = 0;
            for (let k = 0; k <= r; k++) {
              u += l[r * height + k] * zu[k];
              e += l[r * height + k] * ze[k];
            }
            renderRow(u, width, x, xo + r * width);
            if (r < rowsKept) renderRow(rho * u + noise * e, width, y, xo + r * width);
          }
        }
        if (test === "data-processing") {
          const o = i * dim;
          x.copyWithin(o + pixels, o, o + pixels);
          y.copyWithin(o + pixels, o, o + hRows * width);
        }
      }
      return { x: { data: x, rows: n, cols: dim }, y: { data: y, rows: n, cols: dim } };
    },
  });
}
