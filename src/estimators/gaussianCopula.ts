import { assertKnownOptions, assertMinRows, toPairedMatrices, type MatrixInput } from "../core/data/validate.js";
import { finishEstimate } from "../core/estimate.js";
import { throwIfAborted } from "../core/errors.js";
import { choleskyInto } from "../core/linalg/cholesky.js";
import { columnMeans, covariance } from "../core/linalg/covariance.js";
import { logDetFromCholesky } from "../core/linalg/logDet.js";
import { createRng, validateSeed, type Rng } from "../core/random/rng.js";
import { REFERENCES } from "../core/references.js";
import { digamma } from "../core/special/digamma.js";
import { meanCompensated } from "../core/special/sum.js";
import { normalQuantile } from "../core/special/normalQuantile.js";
import type { CMIEstimator, Estimate, Matrix, MIEstimator, Reference, ResultWarning, RunOptions } from "../core/types.js";
import { fromNats, resolveUnits } from "../core/units.js";
import { smallSampleWarning, warning } from "../core/warnings.js";
import type { EstimatorDescriptor, OptionSpec } from "./descriptor.js";
import { SingularCovarianceError } from "./gaussian.js";
import { booleanOption, choiceOption, negativeWarning } from "./knnPrep.js";

/** How tied values are ranked before the normal transform. */
export type CopulaTies = "average" | "random";

/** Options of `gaussianCopulaMI` and `gaussianCopulaCMI`. */
export interface GaussianCopulaOptions {
  /**
   * Subtract the expected small-sample bias of each Gaussian entropy term (the mean of the log
   * determinant of a Wishart matrix; reference-facts 1.8 step 3). Default true.
   */
  readonly biasCorrect?: boolean;
  /**
   * Ties within a column: "average" (default) gives tied values their average rank (like
   * scipy.stats.rankdata), so they share one normal score; deterministic and independent of
   * row order. "random" breaks ties in a random order drawn from the run's seed
   * (`createRng(seed).fork(column)`), so tied values get distinct scores (as if the data were
   * continuous); the estimate then depends on the seed. The choice changes the result when
   * there are ties; without ties both give the same ranks.
   */
  readonly ties?: CopulaTies;
}

/** Options with defaults filled in. */
export interface ResolvedGaussianCopulaOptions {
  readonly biasCorrect: boolean;
  readonly ties: CopulaTies;
}

/** A Gaussian-copula MI estimator: `estimate(x, y, run)`. */
export interface GaussianCopulaMIEstimator extends MIEstimator<ResolvedGaussianCopulaOptions> {
  estimate(x: MatrixInput, y: MatrixInput, run?: RunOptions): Estimate;
}

/** A Gaussian-copula conditional-MI estimator: `estimate(x, y, z, run)`. */
export interface GaussianCopulaCMIEstimator extends CMIEstimator<ResolvedGaussianCopulaOptions> {
  estimate(x: MatrixInput, y: MatrixInput, z: MatrixInput, run?: RunOptions): Estimate;
}

const ID = "gaussian-copula";
const KNOWN = ["biasCorrect", "ties"] as const;
const TIES: readonly CopulaTies[] = ["average", "random"];
const LOG_2PI_PLUS_1 = Math.log(2 * Math.PI) + 1;

function resolveOptions(fn: string, options: GaussianCopulaOptions): ResolvedGaussianCopulaOptions {
  assertKnownOptions(fn, options, KNOWN);
  return Object.freeze({
    biasCorrect: booleanOption(fn, "biasCorrect", options.biasCorrect ?? true),
    ties: choiceOption(fn, "ties", options.ties ?? "average", TIES),
  });
}

/**
 * Copula-normal scores of one column, written into column `col` of `out` (row-major, `stride`
 * columns): rank r in 1..N (ties as `ties`), then Phi^-1(r / (N + 1)). Returns whether the
 * column had ties. `order` and `key` are scratch buffers of length N.
 */
function copulaColumn(
  src: Float64Array,
  srcCols: number,
  j: number,
  out: Float64Array,
  stride: number,
  col: number,
  ties: CopulaTies,
  rng: Rng,
  order: Int32Array,
  key: Float64Array,
): boolean {
  const n = order.length;
  for (let i = 0; i < n; i++) order[i] = i;
  if (ties === "random") {
    for (let i = 0; i < n; i++) key[i] = rng.float64();
    order.sort((a, b) => src[a * srcCols + j] - src[b * srcCols + j] || key[a] - key[b]);
  } else {
    order.sort((a, b) => src[a * srcCols + j] - src[b * srcCols + j] || a - b);
  }
  let tied = false;
  const denom = n + 1;
  let s = 0;
  while (s < n) {
    let e = s + 1;
    const v = src[order[s] * srcCols + j];
    while (e < n && src[order[e] * srcCols + j] === v) e++;
    if (e - s > 1) tied = true;
    if (ties === "average" || e - s === 1) {
      // ranks s+1 .. e averaged: (s + 1 + e) / 2
      const q = normalQuantile((s + 1 + e) / 2 / denom);
      for (let t = s; t < e; t++) out[order[t] * stride + col] = q;
    } else {
      for (let t = s; t < e; t++) out[order[t] * stride + col] = normalQuantile((t + 1) / denom);
    }
    s = e;
  }
  return tied;
}

/** One variable's block inside the joint copula matrix. */
interface Block {
  readonly name: string;
  readonly offset: number;
  readonly cols: number;
}

interface CopulaData {
  readonly n: number;
  readonly d: number;
  readonly blocks: readonly Block[];
  /** Normal scores, n x d row-major (not demeaned). */
  readonly scores: Float64Array;
  /** Column means of the scores (0 up to rounding without ties). */
  readonly mean: Float64Array;
  /** Covariance (ddof 1) of the demeaned normal scores, d x d. */
  readonly cov: Float64Array;
  /** Names of tied columns, e.g. "x column 0". */
  readonly tiedColumns: readonly string[];
}

/**
 * Copula-normalises every column of every variable (each on its own) and returns the covariance
 * of the joint normal scores. Column c of the joint matrix draws its tie-breaking order from
 * `createRng(seed).fork(c)`.
 */
function copulaNormalize(parts: readonly { name: string; matrix: Matrix }[], ties: CopulaTies, seed: number): CopulaData {
  const n = parts[0].matrix.rows;
  let d = 0;
  const blocks: Block[] = [];
  for (const p of parts) {
    blocks.push({ name: p.name, offset: d, cols: p.matrix.cols });
    d += p.matrix.cols;
  }
  const scores = new Float64Array(n * d);
  const order = new Int32Array(n);
  const key = new Float64Array(n);
  const root = createRng(seed);
  const tiedColumns: string[] = [];
  parts.forEach((p, b) => {
    const { data, cols } = p.matrix;
    for (let j = 0; j < cols; j++) {
      const c = blocks[b].offset + j;
      if (copulaColumn(data, cols, j, scores, d, c, ties, root.fork(c), order, key)) tiedColumns.push(`${p.name} column ${j}`);
    }
  });
  // covariance() demeans (two-pass) before the cross-products.
  const m = { data: scores, rows: n, cols: d };
  return { n, d, blocks, scores, mean: columnMeans(m), cov: covariance(m), tiedColumns };
}

/** Cholesky factor of a covariance block and its log-determinant. */
interface Factor {
  readonly idx: Int32Array;
  readonly l: Float64Array;
  readonly logDet: number;
}

/** Factor of the covariance block on `idx`. @throws SingularCovarianceError naming the column. */
function factor(fn: string, data: CopulaData, idx: readonly number[], what: string): Factor {
  const k = idx.length;
  const a = new Float64Array(k * k);
  for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) a[r * k + c] = data.cov[idx[r] * data.d + idx[c]];
  const l = new Float64Array(k * k);
  const pivot = choleskyInto(a, k, l);
  if (pivot >= 0) {
    const col = idx[pivot];
    const block = [...data.blocks].reverse().find((b) => col >= b.offset)!;
    throw new SingularCovarianceError(
      `${fn}: the covariance of the copula-normal scores of ${what} is singular at ${block.name} column ${col - block.offset}: ` +
        `a constant column, or a column that is a monotone function of another one (identical ranks); remove it.`,
      block.name,
      col - block.offset,
    );
  }
  return { idx: Int32Array.from(idx), l, logDet: logDetFromCholesky(l, k) };
}

/**
 * Entropy (nats) of the Gaussian with the covariance block of `f`:
 * H = 1/2 log det C + (d/2)(log 2 pi + 1), minus, when `biasCorrect`, the expected bias
 * (d/2)(log 2 - log(N - 1)) + 1/2 sum_{i=1..d} psi((N - i)/2) (reference-facts 1.8 steps 2-3).
 */
function entropyTerm(n: number, f: Factor, biasCorrect: boolean): number {
  const k = f.idx.length;
  let h = 0.5 * f.logDet + 0.5 * k * LOG_2PI_PLUS_1;
  if (biasCorrect) {
    let psi = 0;
    for (let i = 1; i <= k; i++) psi += digamma((n - i) / 2);
    h -= 0.5 * k * (Math.LN2 - Math.log(n - 1)) + 0.5 * psi;
  }
  return h;
}

/** Signed entropy terms: the estimate is sum sign * H(block). */
type Terms = readonly { readonly f: Factor; readonly sign: number }[];

function combine(n: number, terms: Terms, biasCorrect: boolean): number {
  let v = 0;
  for (const t of terms) v += t.sign * entropyTerm(n, t.f, biasCorrect);
  return v;
}

/**
 * Pointwise values i_t = value + 1/2 sum_A sign_A q_A(t), q_A(t) = ||L_A^-1 (s_t - mean)[A]||^2
 * the Mahalanobis form of row t's normal scores on block A: minus the log-density of the
 * fitted Gaussian up to constants, so i_t is the local (pointwise) Gaussian-copula MI or CMI.
 * mean_t q_A(t) = d_A (N - 1)/N (ddof 1 covariance) and the signed dimensions cancel, so the
 * mean of the local values is exactly the estimate; the rounding residual is removed by a shift.
 */
function localValues(data: CopulaData, terms: Terms, valueNats: number): Float64Array {
  const { n, d, scores, mean } = data;
  const z = new Float64Array(d);
  const buf = new Float64Array(d);
  const local = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    for (let j = 0; j < d; j++) z[j] = scores[t * d + j] - mean[j];
    let acc = 0;
    for (const { f, sign } of terms) {
      const { idx, l } = f;
      const k = idx.length;
      let q = 0;
      for (let i = 0; i < k; i++) {
        let s = z[idx[i]];
        const ri = i * k;
        for (let c = 0; c < i; c++) s -= l[ri + c] * buf[c];
        const v = s / l[ri + i];
        buf[i] = v;
        q += v * v;
      }
      acc += sign * q;
    }
    local[t] = valueNats + 0.5 * acc;
  }
  const shift = valueNats - meanCompensated(local);
  for (let t = 0; t < n; t++) local[t] += shift;
  return local;
}

function range(start: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => start + i);
}

function tiesWarning(fn: string, tied: readonly string[], ties: CopulaTies): ResultWarning | undefined {
  if (tied.length === 0) return undefined;
  return warning(
    "ties-present",
    `${fn}: ${tied.join(", ")} ${tied.length === 1 ? "has" : "have"} tied values, ranked with ties = "${ties}"` +
      (ties === "average" ? " (tied values share one normal score)" : " (random order from the seed)") +
      `; the estimate depends on this choice.`,
  );
}

const REFS: readonly Reference[] = [REFERENCES.ince2017, REFERENCES.coverThomas2006];

/**
 * Gaussian-copula mutual information (GCMI; Ince et al. 2017, Hum. Brain Mapp. 38:1541).
 *
 * 1. Each column of X and Y on its own is copula-normalised: rank r in 1..N -> Phi^-1(r/(N+1))
 *    (ties: option `ties`), then demeaned.
 * 2. C = covariance (ddof 1) of the normal scores; H(block) = 1/2 log det C_block + (d/2)(log 2 pi + 1).
 * 3. With `biasCorrect` (default), each entropy term subtracts its expected small-sample bias,
 *    (d/2)(log 2 - log(N - 1)) + 1/2 sum_{i=1..d} psi((N - i)/2): exactly E[log det] of a
 *    Wishart_{N-1} matrix (reference-facts 1.8; as in Ince's `gcmi` and hoi's `entropy_gc`).
 * 4. I = H(X) + H(Y) - H(X, Y).
 *
 * Exact (up to sampling) when the copula of (X, Y) is Gaussian, whatever the marginals;
 * invariant to strictly increasing transforms of each column (the ranks do not change, so the
 * estimate is bit-for-bit the same). For other copulas it is a lower bound on the MI in the
 * population (the Gaussian maximises entropy for the normal scores' covariance).
 *
 * Complexity O(N log N d + N d^2 + d^3). Bias: with the correction, unbiased for Gaussian
 * copulas up to the rank transform (a small downward effect, O(1/N)); it can be slightly
 * negative under independence (returned raw with a `negative-estimate` warning). Without the
 * correction, biased upward under independence by about dx dy / (2N).
 * Units: nats (or bits). Local values: value + 1/2 (q_x + q_y - q_xy), q the Mahalanobis forms of
 * each row's normal scores (mean = the estimate). Warnings: `ties-present`, `negative-estimate`.
 *
 * @throws InvalidArgumentError for unknown or invalid options; ShapeMismatchError;
 *   NonFiniteValueError; InsufficientSamplesError when N <= dx + dy;
 *   SingularCovarianceError (code "unsupported-data") for a constant column or two columns with
 *   identical ranks.
 * @example
 * gaussianCopulaMI().estimate(x, y).value // nats
 * gaussianCopulaMI({ biasCorrect: false, ties: "random" }).estimate(x, y, { seed: 1 })
 */
export function gaussianCopulaMI(options: GaussianCopulaOptions = {}): GaussianCopulaMIEstimator {
  const fn = ID;
  const resolved = resolveOptions(fn, options);
  return Object.freeze({
    id: ID,
    options: resolved,
    estimate(x: MatrixInput, y: MatrixInput, run: RunOptions = {}): Estimate {
      const startedAt = performance.now();
      const units = resolveUnits(run.units, fn);
      const seed = validateSeed(run.seed, fn);
      const [xm, ym] = toPairedMatrices(fn, { x, y });
      const dx = xm.cols;
      const dy = ym.cols;
      assertMinRows(fn, xm.rows, dx + dy + 1, `a non-singular ${dx + dy} x ${dx + dy} covariance`);
      throwIfAborted(run.signal, fn);
      const data = copulaNormalize(
        [
          { name: "x", matrix: xm },
          { name: "y", matrix: ym },
        ],
        resolved.ties,
        seed,
      );
      const fx = factor(fn, data, range(0, dx), "x");
      const fy = factor(fn, data, range(dx, dy), "y");
      const fxy = factor(fn, data, range(0, dx + dy), "(x, y)");
      const terms: Terms = [
        { f: fx, sign: 1 },
        { f: fy, sign: 1 },
        { f: fxy, sign: -1 },
      ];
      const bc = resolved.biasCorrect;
      const t = { hx: entropyTerm(data.n, fx, bc), hy: entropyTerm(data.n, fy, bc), hxy: entropyTerm(data.n, fxy, bc) };
      const valueNats = combine(data.n, terms, bc);
      const uncorrected = bc ? combine(data.n, terms, false) : valueNats;
      const warnings = [smallSampleWarning(fn, data.n), tiesWarning(fn, data.tiedColumns, resolved.ties), negativeWarning(fn, valueNats, "mutual information")].filter(
        (w): w is ResultWarning => w !== undefined,
      );
      return finishEstimate(
        {
          quantity: "mutual-information",
          valueNats,
          estimator: ID,
          params: resolved as unknown as Record<string, unknown>,
          n: data.n,
          ...(resolved.ties === "random" ? { seed } : {}),
          ...(run.local !== false ? { localNats: localValues(data, terms, valueNats) } : {}),
          warnings,
          details: {
            dims: { x: dx, y: dy },
            entropies: { x: fromNats(t.hx, units), y: fromNats(t.hy, units), xy: fromNats(t.hxy, units) },
            uncorrected: fromNats(uncorrected, units),
            tiedColumns: data.tiedColumns,
          },
          references: REFS,
          startedAt,
        },
        units,
      );
    },
  });
}

/**
 * Gaussian-copula conditional MI (Ince et al. 2017, "gccmi"):
 * I(X; Y | Z) = H(X, Z) + H(Y, Z) - H(X, Y, Z) - H(Z), each term the (bias-corrected) Gaussian
 * entropy of the copula-normal scores as in `gaussianCopulaMI`. Exact for a jointly Gaussian
 * copula; invariant to increasing transforms of each column. O(N log N d + N d^2 + d^3).
 * Can be slightly negative (raw, `negative-estimate` warning).
 *
 * @throws as `gaussianCopulaMI`, with N <= dx + dy + dz rows insufficient.
 * @example gaussianCopulaCMI().estimate(x, y, z).value
 */
export function gaussianCopulaCMI(options: GaussianCopulaOptions = {}): GaussianCopulaCMIEstimator {
  const fn = `${ID}-cmi`;
  const resolved = resolveOptions(fn, options);
  return Object.freeze({
    id: ID,
    options: resolved,
    estimate(x: MatrixInput, y: MatrixInput, z: MatrixInput, run: RunOptions = {}): Estimate {
      const startedAt = performance.now();
      const units = resolveUnits(run.units, fn);
      const seed = validateSeed(run.seed, fn);
      const [xm, ym, zm] = toPairedMatrices(fn, { x, y, z });
      const dx = xm.cols;
      const dy = ym.cols;
      const dz = zm.cols;
      const d = dx + dy + dz;
      assertMinRows(fn, xm.rows, d + 1, `a non-singular ${d} x ${d} covariance`);
      throwIfAborted(run.signal, fn);
      const data = copulaNormalize(
        [
          { name: "x", matrix: xm },
          { name: "y", matrix: ym },
          { name: "z", matrix: zm },
        ],
        resolved.ties,
        seed,
      );
      const ix = range(0, dx);
      const iy = range(dx, dy);
      const iz = range(dx + dy, dz);
      const terms: Terms = [
        { f: factor(fn, data, [...ix, ...iz], "(x, z)"), sign: 1 },
        { f: factor(fn, data, [...iy, ...iz], "(y, z)"), sign: 1 },
        { f: factor(fn, data, [...ix, ...iy, ...iz], "(x, y, z)"), sign: -1 },
        { f: factor(fn, data, iz, "z"), sign: -1 },
      ];
      const valueNats = combine(data.n, terms, resolved.biasCorrect);
      const uncorrected = resolved.biasCorrect ? combine(data.n, terms, false) : valueNats;
      const warnings = [
        smallSampleWarning(fn, data.n),
        tiesWarning(fn, data.tiedColumns, resolved.ties),
        negativeWarning(fn, valueNats, "conditional mutual information"),
      ].filter((w): w is ResultWarning => w !== undefined);
      return finishEstimate(
        {
          quantity: "conditional-mutual-information",
          valueNats,
          estimator: ID,
          params: resolved as unknown as Record<string, unknown>,
          n: data.n,
          ...(resolved.ties === "random" ? { seed } : {}),
          ...(run.local !== false ? { localNats: localValues(data, terms, valueNats) } : {}),
          warnings,
          details: { dims: { x: dx, y: dy, z: dz }, uncorrected: fromNats(uncorrected, units), tiedColumns: data.tiedColumns },
          references: REFS,
          startedAt,
        },
        units,
      );
    },
  });
}

const OPTION_SPECS: readonly OptionSpec[] = Object.freeze([
  {
    name: "biasCorrect",
    type: "boolean",
    default: true,
    description: "Subtract the expected small-sample bias of each Gaussian entropy term (Wishart log-det).",
  },
  {
    name: "ties",
    type: "string",
    default: "average",
    choices: [...TIES],
    description: "Ranks of tied values: average (shared normal score) or random (seeded order).",
  },
]);

/**
 * Registry entry "gaussian-copula": MI and CMI. No entropy: the entropy of the copula-normal
 * scores is not the differential entropy of X (the marginals are replaced by normals).
 */
export const gaussianCopulaDescriptor: EstimatorDescriptor = Object.freeze<EstimatorDescriptor>({
  id: ID,
  summary: "Gaussian-copula MI and CMI (Ince 2017): rank -> normal scores, Gaussian entropies with bias correction.",
  family: "parametric",
  accepts: ["continuous"],
  options: OPTION_SPECS,
  references: REFS,
  complexity: "O(N log N d + N d^2 + d^3)",
  mi: (o: Record<string, unknown>) => gaussianCopulaMI(o as GaussianCopulaOptions),
  cmi: (o: Record<string, unknown>) => gaussianCopulaCMI(o as GaussianCopulaOptions),
});
