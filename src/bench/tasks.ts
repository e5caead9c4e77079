import { InvalidArgumentError } from "../core/errors.js";
import type { Matrix } from "../core/types.js";
import { standardize } from "../core/data/standardize.js";
import { createRng, validateSeed } from "../core/random/rng.js";
import { additiveUniform } from "./samplers/additiveUniform.js";
import { discreteContinuous } from "./samplers/discreteContinuous.js";
import { gaussianMixture, type GaussianMixtureSampler, type MixtureComponent } from "./samplers/gaussianMixture.js";
import { rowImages, type ConsistencyTest } from "./samplers/rowImages.js";
import { checkSampleSize, type Sample, type Sampler } from "./samplers/sampler.js";
import { canonicalCorrelation, denseCovariance, sparseCovariance, splitMultinormal } from "./samplers/splitMultinormal.js";
import { splitStudentT } from "./samplers/splitStudentT.js";
import { transformed } from "./samplers/transformed.js";
import { asinhTransform, cubeTransform, halfCubeTransform, normalCdfTransform, wigglyXTransform, wigglyYTransform } from "./transforms/elementwise.js";
import { bimodalInverseCdfX, bimodalInverseCdfY } from "./transforms/invertMonotone.js";
import { spiral } from "./transforms/spiral.js";
import { swissRoll } from "./transforms/swissRoll.js";
import type { MatrixTransform } from "./transforms/transform.js";

/**
 * Task suites: bmi's v1 (40 tasks) and v2 (26 tasks), a high-MI sweep, the SMILE staircase, the
 * Song & Ermon self-consistency tests, and discrete–continuous mixtures (Gao et al. 2017).
 */
export type Suite = "bmi-v1" | "bmi-v2" | "high-mi" | "staircase" | "consistency" | "mixed";

export const SUITES: readonly Suite[] = Object.freeze(["bmi-v1", "bmi-v2", "high-mi", "staircase", "consistency", "mixed"] as const);

/** How a task's ground truth is known. */
export type TruthMethod = "closed-form" | "monte-carlo";

/** Metadata of a self-consistency task (suite "consistency"). */
export interface ConsistencyInfo {
  readonly test: ConsistencyTest;
  /** Number of top image rows of Y kept. */
  readonly rowsKept: number;
  /** Id of the task whose estimate is the denominator of the ratio (itself for "independence"). */
  readonly baselineId: string;
  /** The ideal ratio estimate / baseline estimate: 1 for data processing, 2 for additivity; absent for independence. */
  readonly idealRatio?: number;
}

/**
 * One benchmark task: a joint distribution of (X, Y) with its exact (or Monte Carlo) mutual
 * information. `sample` draws the raw sample; bmi's protocol z-scores each sample afterwards
 * (`standardizeSample`).
 */
export interface Task {
  /** bmi's exact task id for the bmi suites; stable kebab/underscore ids elsewhere. */
  readonly id: string;
  readonly suite: Suite;
  /** Short human name, e.g. "Multinormal 5 × 5 (dense)". */
  readonly name: string;
  readonly dx: number;
  readonly dy: number;
  /** Ground-truth MI in nats. For Monte Carlo truths it is computed on first access and cached. */
  readonly truth: number;
  /** Monte Carlo standard error of `truth` (nats); absent for closed forms. */
  readonly truthSe?: number;
  readonly truthMethod: TruthMethod;
  readonly description: string;
  /** Present for the self-consistency tasks. */
  readonly consistency?: ConsistencyInfo;
  /** n raw draws from a stream seeded with `seed` (default 0): same seed, same sample. */
  sample(n: number, seed?: number): Sample;
}

/** Number of Monte Carlo draws for mixture ground truths (bmi v2's `_MC_MI_ESTIMATE_SAMPLE`). */
export const MIXTURE_TRUTH_SAMPLES = 100_000;
/** Seed of the Monte Carlo ground-truth stream. */
export const MIXTURE_TRUTH_SEED = 0;

/**
 * bmi's per-sample rescaling (sklearn.preprocessing.scale): every column of x and of y centred
 * and divided by its SD with ddof 0; constant columns become 0. Returns copies. A sample whose X
 * holds category codes (`xDiscrete`, the mixed suite) keeps X's codes.
 */
export function standardizeSample(sample: Sample): Sample {
  // Category codes stay codes: z-scoring would make them non-integers, which the discrete sides
  // of ross and gao (rightly) refuse; MI does not change under either map.
  if (sample.xDiscrete === true) return { x: { ...sample.x, data: Float64Array.from(sample.x.data) }, y: standardize(sample.y), xDiscrete: true };
  return { x: standardize(sample.x), y: standardize(sample.y) };
}

// ---------------------------------------------------------------------------------------------
// Builders

interface Spec {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly sampler: Sampler;
  readonly truth: number | (() => { value: number; se: number });
  readonly consistency?: ConsistencyInfo;
}

function makeTask(suite: Suite, spec: Spec): Task {
  const { sampler } = spec;
  const fn = `task(${spec.id}).sample`;
  const sample = (n: number, seed = 0): Sample => {
    checkSampleSize(fn, n);
    return sampler.sample(n, createRng(validateSeed(seed, fn)));
  };
  const base = {
    id: spec.id,
    suite,
    name: spec.name,
    dx: sampler.dimX,
    dy: sampler.dimY,
    description: spec.description,
    sample,
    ...(spec.consistency ? { consistency: spec.consistency } : {}),
  };
  const truth = spec.truth;
  if (typeof truth === "number") return Object.freeze({ ...base, truth, truthMethod: "closed-form" as const });
  let cached: { value: number; se: number } | undefined;
  const get = () => (cached ??= truth());
  const task = { ...base, truthMethod: "monte-carlo" as const } as Record<string, unknown>;
  Object.defineProperty(task, "truth", { get: () => get().value, enumerable: true });
  Object.defineProperty(task, "truthSe", { get: () => get().se, enumerable: true });
  return Object.freeze(task) as unknown as Task;
}

interface Exact {
  readonly sampler: Sampler;
  readonly mi: number;
}

function apply(base: Exact, x?: MatrixTransform, y?: MatrixTransform): Exact {
  return { sampler: transformed(base.sampler, { x, y }), mi: base.mi };
}

function exact(s: Sampler & { readonly mutualInformation: number }): Exact {
  return { sampler: s, mi: s.mutualInformation };
}

const binormal = (rho: number): Exact => exact(splitMultinormal({ dimX: 1, dimY: 1, covariance: canonicalCorrelation([rho], 1, 1) }));
const dense = (d: number): Exact => exact(splitMultinormal({ dimX: d, dimY: d, covariance: denseCovariance(d, d, 0.5) }));
const sparse = (d: number): Exact => exact(splitMultinormal({ dimX: d, dimY: d, covariance: sparseCovariance(d, d, 2, 2) }));
const student = (d: number, df: number): Exact => {
  const dispersion = new Float64Array(4 * d * d);
  for (let i = 0; i < 2 * d; i++) dispersion[i * 2 * d + i] = 1;
  return exact(splitStudentT({ dimX: d, dimY: d, df, dispersion }));
};
const spiralXY = (e: Exact): Exact =>
  apply(e, spiral({ dim: e.sampler.dimX, i: 0, j: 1, speed: 1 / e.sampler.dimX }), spiral({ dim: e.sampler.dimY, i: 1, j: 2, speed: 1 / e.sampler.dimY }));
const both = (e: Exact, t: MatrixTransform): Exact => apply(e, t, t);

function spec(id: string, name: string, description: string, e: Exact): Spec {
  return { id, name, description, sampler: e.sampler, truth: e.mi };
}

function mixtureSpec(id: string, name: string, description: string, mix: GaussianMixtureSampler, x?: MatrixTransform): Spec {
  return {
    id,
    name,
    description,
    sampler: x ? transformed(mix, { x }) : mix,
    truth: () => mix.monteCarloMI({ n: MIXTURE_TRUTH_SAMPLES, seed: MIXTURE_TRUTH_SEED }),
  };
}

// ---------------------------------------------------------------------------------------------
// bmi v1 (Czyż et al., NeurIPS 2023): BENCHMARK_TASKS_LIST, in its order.

function bmiV1(): Spec[] {
  const bin = binormal(0.75);
  const unif = both(bin, normalCdfTransform);
  const bistudent = student(1, 1);
  const out: Spec[] = [
    spec("1v1-normal-0.75", "Bivariate normal 1 × 1", "Bivariate normal, correlation 0.75.", bin),
    spec("normal_cdf-1v1-normal-0.75", "Uniform margins 1 × 1", "Bivariate normal (ρ = 0.75) with Φ applied to X and Y.", unif),
    spec("1v1-additive-0.1", "Uniform 1 × 1 (additive noise=0.1)", "X ~ U(0,1), Y = X + U(−0.1, 0.1).", exact(additiveUniform(0.1))),
    spec("1v1-additive-0.75", "Uniform 1 × 1 (additive noise=0.75)", "X ~ U(0,1), Y = X + U(−0.75, 0.75).", exact(additiveUniform(0.75))),
    spec("1v1-bimodal-0.75", "Bimodal 1 × 1", "Uniform margins of the ρ = 0.75 binormal through the inverse CDFs of 0.3N(0,1)+0.7N(5,1) (X) and 0.5N(−1,1)+0.5N(3,1) (Y).", apply(unif, bimodalInverseCdfX, bimodalInverseCdfY)),
    spec("wiggly-1v1-normal-0.75", "Wiggly @ Bivariate normal 1 × 1", "Binormal (ρ = 0.75) through bmi's wiggly maps.", apply(bin, wigglyXTransform, wigglyYTransform)),
    spec("half_cube-1v1-normal-0.75", "Half-cube @ Bivariate normal 1 × 1", "Binormal (ρ = 0.75) through x·√|x|.", both(bin, halfCubeTransform)),
    spec("student-identity-1-1-1", "Student-t 1 × 1 (dof=1)", "Bivariate Student t, identity dispersion, ν = 1.", bistudent),
    spec("asinh-student-identity-1-1-1", "Asinh @ Student-t 1 × 1 (dof=1)", "Bivariate Student t (ν = 1) through asinh.", both(bistudent, asinhTransform)),
    spec("swissroll_x-normal_cdf-1v1-normal-0.75", "Swiss roll 2 × 1", "Uniform-margin binormal (ρ = 0.75) with X embedded as a Swiss roll in 2-D.", apply(unif, swissRoll)),
  ];
  for (const d of [2, 3, 5, 25, 50]) {
    out.push(spec(`multinormal-dense-${d}-${d}-0.5`, `Multinormal ${d} × ${d} (dense)`, "Normal, all correlations 0.5.", dense(d)));
  }
  for (const d of [2, 3, 5, 25]) {
    out.push(spec(`multinormal-sparse-${d}-${d}-2-2.0`, `Multinormal ${d} × ${d} (2-pair)`, "Normal, corr(X_i, Y_i) = 0.8 for i < 2, other cross-correlations 0.", sparse(d)));
  }
  for (const [d, df] of [[2, 1], [2, 2], [3, 2], [3, 3], [5, 2], [5, 3]] as const) {
    out.push(spec(`student-identity-${d}-${d}-${df}`, `Student-t ${d} × ${d} (dof=${df})`, `Multivariate Student t, identity dispersion, ν = ${df}.`, student(d, df)));
  }
  const sp = [3, 5, 25].map((d) => [d, sparse(d)] as const);
  for (const [d, e] of sp) out.push(spec(`normal_cdf-multinormal-sparse-${d}-${d}-2-2.0`, `Normal CDF @ Multinormal ${d} × ${d} (2-pair)`, "2-pair normal with Φ coordinate-wise.", both(e, normalCdfTransform)));
  for (const [d, e] of sp) out.push(spec(`half_cube-multinormal-sparse-${d}-${d}-2-2.0`, `Half-cube @ Multinormal ${d} × ${d} (2-pair)`, "2-pair normal with x·√|x| coordinate-wise.", both(e, halfCubeTransform)));
  for (const [d, e] of sp) out.push(spec(`spiral-multinormal-sparse-${d}-${d}-2-2.0`, `Spiral @ Multinormal ${d} × ${d} (2-pair)`, "2-pair normal through bmi's spiral (speed 1/dim).", spiralXY(e)));
  for (const [d, e] of sp) {
    out.push(spec(`spiral-normal_cdf-multinormal-sparse-${d}-${d}-2-2.0`, `Spiral @ Normal CDF @ Multinormal ${d} × ${d} (2-pair)`, "2-pair normal through Φ, then the spiral.", spiralXY(both(e, normalCdfTransform))));
  }
  for (const [d, df] of [[2, 1], [3, 2], [5, 2]] as const) {
    out.push(spec(`asinh-student-identity-${d}-${d}-${df}`, `Asinh @ Student-t ${d} × ${d} (dof=${df})`, `Multivariate Student t (identity, ν = ${df}) through asinh.`, both(student(d, df), asinhTransform)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// bmi v2 (Czyż et al., TMLR 2025): workflows/benchmark/v2 task list, mixtures by Monte Carlo.

function diag(values: readonly number[]): Float64Array {
  const d = values.length;
  const out = new Float64Array(d * d);
  values.forEach((v, i) => (out[i * d + i] = v));
  return out;
}

function cov2(vx: number, vy: number, c: number): Float64Array {
  return Float64Array.from([vx, c, c, vy]);
}

function mixX(rho = 0.9): GaussianMixtureSampler {
  return gaussianMixture({
    dimX: 1,
    dimY: 1,
    components: [-1, 1].map((s) => ({ weight: 0.5, mean: [0, 0], covariance: canonicalCorrelation([s * rho], 1, 1) })),
  });
}

function mixAI(): GaussianMixtureSampler {
  const vx = 0.04;
  const c = Math.sqrt(vx * 0.2) * 0.95;
  const comps: MixtureComponent[] = [
    { weight: 1, mean: [1, 0], covariance: diag([0.01, 0.2]) },
    { weight: 1, mean: [1, 1], covariance: diag([0.05, 0.001]) },
    { weight: 1, mean: [1, -1], covariance: diag([0.05, 0.001]) },
    { weight: 1, mean: [-0.8, -0.2], covariance: diag([0.03, 0.001]) },
    { weight: 1, mean: [-1.2, 0], covariance: cov2(vx, 0.2, c) },
    { weight: 1, mean: [-0.4, 0], covariance: cov2(vx, 0.2, -c) },
  ];
  return gaussianMixture({ dimX: 1, dimY: 1, components: comps });
}

function mixGalaxyBase(distance: number): GaussianMixtureSampler {
  return gaussianMixture({
    dimX: 2,
    dimY: 1,
    components: [-1, 1].map((s) => ({ weight: 0.5, mean: [s, s, s].map((v) => (v * distance) / 2), covariance: diag([1, 1, 1]) })),
  });
}

function mixWavesBase(k: number): GaussianMixtureSampler {
  return gaussianMixture({
    dimX: 2,
    dimY: 1,
    components: Array.from({ length: k }, (_, x) => ({ weight: 1, mean: [1.5 * x, 0, 1.5 * (x % 4)], covariance: diag([0.1, 1, 0.1]) })),
  });
}

/** bmi's Waves bend of X: x₀ += A sin(f x₁), then (0.1 x₀ − 0.8, 0.5 x₁); a bijection of ℝ². */
function wavesTransform(amplitude: number, frequency: number): MatrixTransform {
  return Object.freeze({
    id: "waves",
    outputDim: () => 2,
    apply(m: Matrix): Matrix {
      const out = new Float64Array(m.data.length);
      for (let r = 0; r < m.rows; r++) {
        const x0 = m.data[2 * r] + amplitude * Math.sin(frequency * m.data[2 * r + 1]);
        out[2 * r] = 0.1 * x0 - 0.8;
        out[2 * r + 1] = 0.5 * m.data[2 * r + 1];
      }
      return { data: out, rows: m.rows, cols: 2 };
    },
  });
}

function mixConcentric(dimX: number, k: number): GaussianMixtureSampler {
  return gaussianMixture({
    dimX,
    dimY: 1,
    components: Array.from({ length: k }, (_, c) => {
      const i = c + 1;
      const mean = new Array<number>(dimX + 1).fill(0);
      mean[dimX] = i;
      return { weight: 1, mean, covariance: diag([...new Array<number>(dimX).fill(i * i), 0.0001]) };
    }),
  });
}

function mixInliers(d: number, fraction: number): GaussianMixtureSampler {
  const signal = sparseCovariance(d, d, 2, 2);
  const product = Float64Array.from(signal);
  const n = 2 * d;
  for (let i = 0; i < d; i++) for (let j = d; j < n; j++) product[i * n + j] = product[j * n + i] = 0;
  return gaussianMixture({
    dimX: d,
    dimY: d,
    components: [
      { weight: 1 - fraction, mean: new Float64Array(n), covariance: signal },
      { weight: fraction, mean: new Float64Array(n), covariance: product },
    ],
  });
}

function bmiV2(): Spec[] {
  const v1 = new Map(bmiV1().map((s) => [s.id, s]));
  const reuse = (id: string): Spec => v1.get(id)!;
  const out: Spec[] = [
    reuse("1v1-additive-0.75"),
    reuse("asinh-student-identity-1-1-1"),
    mixtureSpec("1v1-X-0.9", "X 1 × 1", "Equal mixture of two binormals with ρ = +0.9 and −0.9 (an X shape).", mixX()),
    mixtureSpec("1v1-AI", "AI 1 × 1", "Six normal components drawing the letters A and I.", mixAI()),
    reuse("swissroll_x-normal_cdf-1v1-normal-0.75"),
    mixtureSpec("2v1-waves-12-5.0-3.0", "Waves 2 × 1", "12 components along a line, X bent by x₀ += 5 sin(3x₁) and rescaled.", mixWavesBase(12), wavesTransform(5, 3)),
    mixtureSpec("2v1-galaxy-0.5-3.0", "Galaxy 2 × 1", "Two unit balls at distance 3 (along the diagonal), X twisted by a spiral of speed 0.5.", mixGalaxyBase(3), spiral({ dim: 2, i: 0, j: 1, speed: 0.5 })),
  ];
  for (const [d, k] of [[3, 5], [5, 5], [3, 10], [5, 10], [25, 5]] as const) {
    out.push(mixtureSpec(`${d}v1-concentric_gaussians-${k}`, `Concentric ${d} × 1`, `${k} isotropic normals in X with SD i = 1..${k}; Y ≈ i (SD 0.01).`, mixConcentric(d, k)));
  }
  for (const d of [5, 25, 50]) out.push(reuse(`multinormal-dense-${d}-${d}-0.5`));
  for (const d of [5, 25]) out.push(reuse(`multinormal-sparse-${d}-${d}-2-2.0`));
  for (const [d, f, pct] of [[5, 0.2, 20], [25, 0.2, 20], [5, 0.5, 50], [25, 0.5, 50]] as const) {
    out.push(
      mixtureSpec(
        `mult-sparse-w-inliers-${d}-${d}-2-2.0-${f}`,
        `Multinormal ${d} × ${d} (sparse, ${pct}% inliers)`,
        `2-pair normal mixed with the product of its marginals (weight ${f}).`,
        mixInliers(d, f),
      ),
    );
  }
  for (const [d, df] of [[2, 1], [3, 2], [5, 2]] as const) out.push(reuse(`asinh-student-identity-${d}-${d}-${df}`));
  out.push(spec("spiral-multinormal-sparse-3-3-2-2.0", "Spiral @ Multinormal 3 × 3 (2-pair)", "2-pair normal through bmi's spiral (speed 1/dim).", spiralXY(sparse(3))));
  out.push(spec("spiral-multinormal-sparse-5-5-2-2.0", "Spiral @ Multinormal 5 × 5 (2-pair)", "2-pair normal through bmi's spiral (speed 1/dim).", spiralXY(sparse(5))));
  return out;
}

// ---------------------------------------------------------------------------------------------
// High-MI sweep: 2-pair normal 3 × 3 with I = 0, 0.5, ..., 5 nats, plain, spiral and half-cube.

/** MI values of the high-MI sweep (nats). */
export const HIGH_MI_LEVELS: readonly number[] = Object.freeze(Array.from({ length: 11 }, (_, i) => i / 2));

function highMi(): Spec[] {
  const out: Spec[] = [];
  const variants: [string, string, (e: Exact) => Exact][] = [
    ["", "", (e) => e],
    ["spiral-", "Spiral @ ", spiralXY],
    ["half_cube-", "Half-cube @ ", (e) => both(e, halfCubeTransform)],
  ];
  for (const [prefix, namePrefix, f] of variants) {
    for (const mi of HIGH_MI_LEVELS) {
      // Two pairs share the MI: −log(1 − ρ²) = I, so ρ = √(1 − e^{−I}).
      const rho = Math.sqrt(-Math.expm1(-mi));
      const base = exact(splitMultinormal({ dimX: 3, dimY: 3, covariance: canonicalCorrelation([rho, rho], 3, 3) }));
      out.push(
        spec(
          `${prefix}high_mi-sparse-3-3-2-${mi.toFixed(1)}`,
          `${namePrefix}High-MI 2-pair 3 × 3 (${mi.toFixed(1)} nats)`,
          `Normal 3 × 3 with corr(X_i, Y_i) = ${rho.toFixed(6)} for i < 2 (I = ${mi} nats)${prefix ? `, ${prefix.slice(0, -1)} transform` : ""}.`,
          f(base),
        ),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// SMILE staircase (Song & Ermon 2020): d = 20, I = 2, 4, 6, 8, 10 nats, Gaussian and cubic.

/** MI steps of the SMILE staircase (nats). */
export const STAIRCASE_LEVELS: readonly number[] = Object.freeze([2, 4, 6, 8, 10]);
/** Dimension of X and of Y in the staircase. */
export const STAIRCASE_DIM = 20;

/** The staircase's per-coordinate correlation for total MI `mi` in dimension d: ρ = √(1 − exp(−2I/d)). */
export function staircaseRho(mi: number, d = STAIRCASE_DIM): number {
  return Math.sqrt(-Math.expm1((-2 * mi) / d));
}

function staircase(): Spec[] {
  const out: Spec[] = [];
  const d = STAIRCASE_DIM;
  for (const cubic of [false, true]) {
    for (const mi of STAIRCASE_LEVELS) {
      const rho = staircaseRho(mi);
      const cov = canonicalCorrelation(new Array<number>(d).fill(rho), d, d);
      const base = exact(splitMultinormal({ dimX: d, dimY: d, covariance: cov }));
      const kind = cubic ? "cubic" : "gaussian";
      out.push(
        spec(
          `staircase-${kind}-${d}-${mi}`,
          `Staircase ${kind} ${d} × ${d} (${mi} nats)`,
          `Normal ${d} × ${d}, corr(X_i, Y_i) = ${rho.toFixed(6)} for every i (I = ${mi} nats)${cubic ? ", Y ↦ Y³" : ""}.`,
          cubic ? apply(base, undefined, cubeTransform) : base,
        ),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Self-consistency (Song & Ermon 2020 §5) on procedural 8 × 8 row images.

/** Rows kept in the independence test, and in the data-processing and additivity tests. */
export const CONSISTENCY_ROWS: readonly number[] = Object.freeze([0, 1, 2, 3, 4, 5, 6, 7, 8]);
export const CONSISTENCY_PAIRED_ROWS: readonly number[] = Object.freeze([2, 4, 6, 8]);

function consistency(): Spec[] {
  const out: Spec[] = [];
  const baseId = (t: number) => `consistency-independence-${t}`;
  for (const t of CONSISTENCY_ROWS) {
    const s = rowImages({ test: "independence", rowsKept: t });
    out.push({
      id: baseId(t),
      name: `Independence, ${t}/8 rows`,
      description: `X: 8 × 8 stroke image; Y: a noisy copy (ρ = 0.8 per row latent) with only the top ${t} rows kept.`,
      sampler: s,
      truth: s.mutualInformation,
      consistency: { test: "independence", rowsKept: t, baselineId: baseId(t) },
    });
  }
  for (const t of CONSISTENCY_PAIRED_ROWS) {
    const s = rowImages({ test: "data-processing", rowsKept: t });
    out.push({
      id: `consistency-data-processing-${t}`,
      name: `Data processing, ${t}/8 rows`,
      description: `([X, X], [Y_t, h(Y_t)]) with t = ${t} and h keeping the top ${Math.floor(t / 2)} rows; ideal ratio to ${baseId(t)}: 1.`,
      sampler: s,
      truth: s.mutualInformation,
      consistency: { test: "data-processing", rowsKept: t, baselineId: baseId(t), idealRatio: 1 },
    });
  }
  for (const t of CONSISTENCY_PAIRED_ROWS) {
    const s = rowImages({ test: "additivity", rowsKept: t });
    out.push({
      id: `consistency-additivity-${t}`,
      name: `Additivity, ${t}/8 rows`,
      description: `Two independent image pairs side by side, t = ${t}; ideal ratio to ${baseId(t)}: 2.`,
      sampler: s,
      truth: s.mutualInformation,
      consistency: { test: "additivity", rowsKept: t, baselineId: baseId(t), idealRatio: 2 },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Discrete–continuous mixtures (Gao, Kannan, Oh & Viswanath 2017): X uniform on m categories
// (integer codes, so exact ties), Y | X ~ U(X, X + 2).

/** Numbers of categories in the "mixed" suite. */
export const MIXED_CATEGORIES: readonly number[] = Object.freeze([2, 5, 10]);

function mixed(): Spec[] {
  return MIXED_CATEGORIES.map((m) =>
    spec(
      `1v1-discrete_continuous-${m}`,
      `Discrete-continuous 1 × 1 (m=${m})`,
      `X uniform on {0, …, ${m - 1}} (integer codes), Y | X ~ U(X, X + 2); I = log m − ((m − 1)/m) log 2.`,
      exact(discreteContinuous(m)),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Catalogue

const BUILDERS: Record<Suite, () => Spec[]> = {
  "bmi-v1": bmiV1,
  "bmi-v2": bmiV2,
  "high-mi": highMi,
  staircase,
  consistency,
  mixed,
};

const cache = new Map<Suite, readonly Task[]>();

function suiteTasks(suite: Suite): readonly Task[] {
  let list = cache.get(suite);
  if (!list) {
    list = Object.freeze(BUILDERS[suite]().map((s) => makeTask(suite, s)));
    cache.set(suite, list);
  }
  return list;
}

function checkSuite(fn: string, suite: unknown): Suite {
  if (typeof suite !== "string" || !(SUITES as readonly string[]).includes(suite)) {
    throw new InvalidArgumentError(`${fn}: suite must be one of ${SUITES.join(", ")}; got ${JSON.stringify(suite)}.`, "suite");
  }
  return suite as Suite;
}

/**
 * The task catalogue: one suite's tasks in catalogue order, or every suite's (in `SUITES` order;
 * ids shared by bmi v1 and v2 then appear twice, once per suite). Building is cheap; Monte Carlo
 * truths are computed when `truth` is first read.
 *
 * @throws InvalidArgumentError for an unknown suite.
 */
export function tasks(suite?: Suite): readonly Task[] {
  if (suite === undefined) return SUITES.flatMap((s) => suiteTasks(s));
  return suiteTasks(checkSuite("tasks", suite));
}

/**
 * The task with this id (searched in `SUITES` order, or only in `suite` when given).
 *
 * @throws InvalidArgumentError naming the known suites when no task has this id.
 */
export function task(id: string, suite?: Suite): Task {
  const suites = suite === undefined ? SUITES : [checkSuite("task", suite)];
  for (const s of suites) {
    const found = suiteTasks(s).find((t) => t.id === id);
    if (found) return found;
  }
  throw new InvalidArgumentError(
    `task: unknown task id ${JSON.stringify(id)}${suite ? ` in suite ${suite}` : ""}; known suites: ${SUITES.join(", ")} (list their ids with tasks(suite)).`,
    "id",
  );
}

