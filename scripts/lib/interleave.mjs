/**
 * [[a0, a1], [b0, b1]] -> [a0, b0, a1, b1]: the statements of independent SIMD vectors, one
 * statement of each in turn (V8 keeps the order WAT gives it, so this lets the vectors' long
 * dependent chains overlap; used by the kernel generators in this folder).
 */
export function interleave(lists) {
  return lists[0].flatMap((_, j) => lists.map((l) => l[j]));
}
