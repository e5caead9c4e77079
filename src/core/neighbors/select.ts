/**
 * The "auto" method: which algorithm answers a query, by the cross-over measured with
 * `node scripts/bench-neighbors.mjs --methods` (table and command in docs/neighbors.md).
 *
 * Measured (max-norm, k = 4, CPU time): from N = 128 rows the kd-tree beats brute force for kNN
 * at every dimension measured, up to D = 24 (N = 1e4, D = 20: 1.6 s against 3.4 s), and for
 * KSG-style radius counts up to D = 16 (at D = 20-24 brute force is 1.0-1.4x faster). Below
 * N = 128 the two are within timer noise, and brute force has no set-up. One column always uses
 * the sorted method.
 */

import type { SearchMethod } from "./types.js";

export type ResolvedMethod = Exclude<SearchMethod, "auto">;

/** Which search is being answered: k nearest neighbours, or radius counts. */
export type SearchTask = "knn" | "count";

/** Below this many rows brute force wins (tree set-up costs more than the scan). */
export const BRUTE_BELOW_ROWS = 128;
/** Above this many columns brute force beats the kd-tree for kNN. */
export const KNN_KDTREE_MAX_COLS = 24;
/** Above this many columns brute force beats the kd-tree for radius counts. */
export const COUNT_KDTREE_MAX_COLS = 16;

/** Picks the algorithm for n rows of d columns. */
export function selectMethod(method: SearchMethod, n: number, d: number, task: SearchTask): ResolvedMethod {
  if (method !== "auto") return method;
  if (d === 1) return "sorted";
  if (n < BRUTE_BELOW_ROWS) return "brute";
  return d <= (task === "knn" ? KNN_KDTREE_MAX_COLS : COUNT_KDTREE_MAX_COLS) ? "kdtree" : "brute";
}
