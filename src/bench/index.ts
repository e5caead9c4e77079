/** minfo/bench: samplers with exact MI, MI-preserving transforms, and the task catalogue. */
export type { Sample, Sampler, ExactSampler } from "./samplers/sampler.js";
export { splitMultinormal, gaussianMutualInformation, denseCovariance, sparseCovariance, canonicalCorrelation } from "./samplers/splitMultinormal.js";
export type { SplitMultinormalOptions } from "./samplers/splitMultinormal.js";
export { splitStudentT, studentTMutualInformation, studentTCorrection } from "./samplers/splitStudentT.js";
export type { SplitStudentTOptions } from "./samplers/splitStudentT.js";
export { additiveUniform, additiveUniformMutualInformation } from "./samplers/additiveUniform.js";
export { discreteContinuous, discreteContinuousMutualInformation } from "./samplers/discreteContinuous.js";
export { gaussianMixture } from "./samplers/gaussianMixture.js";
export type { GaussianMixtureOptions, GaussianMixtureSampler, MixtureComponent, MonteCarloMI } from "./samplers/gaussianMixture.js";
export { rowImages, rowImagesLatentMI, renderRow } from "./samplers/rowImages.js";
export type { ConsistencyTest, RowImagesOptions } from "./samplers/rowImages.js";
export { transformed } from "./samplers/transformed.js";
export type { MatrixTransform } from "./transforms/transform.js";
export {
  elementwise,
  halfCube,
  wigglyX,
  wigglyY,
  normalCdfTransform,
  halfCubeTransform,
  asinhTransform,
  cubeTransform,
  wigglyXTransform,
  wigglyYTransform,
} from "./transforms/elementwise.js";
export { spiral, spiralInverse } from "./transforms/spiral.js";
export type { SpiralOptions } from "./transforms/spiral.js";
export { swissRoll, swissRollInverse } from "./transforms/swissRoll.js";
export { invertMonotone, bimodalCdfX, bimodalCdfY, bimodalInverseCdfX, bimodalInverseCdfY } from "./transforms/invertMonotone.js";
export {
  tasks,
  task,
  standardizeSample,
  staircaseRho,
  SUITES,
  HIGH_MI_LEVELS,
  STAIRCASE_LEVELS,
  STAIRCASE_DIM,
  CONSISTENCY_ROWS,
  CONSISTENCY_PAIRED_ROWS,
  MIXED_CATEGORIES,
  MIXTURE_TRUTH_SAMPLES,
  MIXTURE_TRUTH_SEED,
} from "./tasks.js";
export type { Task, Suite, TruthMethod, ConsistencyInfo } from "./tasks.js";
export { runBenchmark, benchEstimator, benchRegistry, planJobs, runJob, resolveEstimators, resolveTasks, SampleCache } from "./run.js";
export type { BenchEstimator, BenchEstimateValue, BenchJob, EstimatorSpec, RunBenchmarkOptions, RunJobContext } from "./run.js";
export { parseResults, formatResultLine, resultKey } from "./results.js";
export type { BenchResult } from "./results.js";
export { summarize, summarizeGroup, solvedCounts, consistencyRatios, compareTasks, compareEstimators, SOLVED_LOG_RATIO } from "./summarize.js";
export type { BenchSummaryRow, SolvedCount, ConsistencyRatio } from "./summarize.js";
export { formatReport, markdownReport, overviewMarkdown, detailMarkdown, csvReport, jsonReport } from "./report.js";
export type { ReportFormat } from "./report.js";
export { splitCommandLine, parseExternalSpec, sampleToCsv, parseExternalOutput } from "./external.js";
export type { ExternalSpec } from "./external.js";
export { benchFigures, heatmapSvg, estimateVsNSvg, staircaseSvg, consistencySvg } from "./figures/benchFigures.js";
export { renderSvg, svgDocument, SERIES_COLORS } from "./figures/renderSvg.js";
export type { FigurePart } from "./figures/renderSvg.js";
