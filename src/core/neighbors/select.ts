/**
 * The "auto" method: which algorithm answers a query, by the cross-over measured with
 * scripts/bench-neighbors.mjs (see docs/neighbors.md for the table and the command).
 */

import type { SearchMethod } from "./types.js";

export type ResolvedMethod = Exclude<SearchMethod, "auto">;

/** Below this many rows brute force wins (tree set-up costs more than the scan). */
export const BRUTE_BELOW_ROWS = 64;
/** Above this many columns brute force beats the kd-tree. */
export const KDTREE_MAX_COLS = 12;

/** Picks the algorithm for n rows of d columns. */
export function selectMethod(method: SearchMethod, n: number, d: number): ResolvedMethod {
  if (method !== "auto") return method;
  if (d === 1) return "sorted";
  if (n < BRUTE_BELOW_ROWS) return "brute";
  return d <= KDTREE_MAX_COLS ? "kdtree" : "brute";
}
