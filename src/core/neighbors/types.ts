/**
 * Contract of the neighbour-search layer (the product's hot core). Every search excludes the
 * query point itself, and, with a Theiler window `exclude = w > 0`, every j with |i - j| <= w
 * (time-series use). Distances are compared exactly as a brute-force loop compares them:
 *   max-norm:  d = max_c |a_jc - a_ic|
 *   euclidean: d = Math.sqrt(sum_c (a_jc - a_ic)^2)
 * Fast paths (kd-tree bounds, binary search on sorted columns) may prune with slack but must
 * re-check boundary candidates with this exact d, so results equal brute force bit for bit.
 */

export type Metric = "max" | "euclidean";

/** Which algorithm answers a query; "auto" picks by the measured cross-over (see select.ts). */
export type SearchMethod = "auto" | "kdtree" | "brute" | "sorted";

export interface SearchOptions {
  readonly metric: Metric;
  /** Theiler window: also exclude j with |i - j| <= exclude. Default 0 (only j = i). */
  readonly exclude?: number;
  readonly method?: SearchMethod;
}

export interface KnnResult {
  /** n * k distances, row i ascending: distances[i * k + m] is the (m+1)-th neighbour's. */
  readonly distances: Float64Array;
  /** n * k neighbour row indices matching `distances`. Ties in distance: smaller index first. */
  readonly indices: Int32Array;
}
