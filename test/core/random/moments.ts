/** Sample mean and variance (ddof 1) of a Float64Array, for moment tests. */
export function meanVar(v: ArrayLike<number>): { mean: number; variance: number } {
  const n = v.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += v[i];
  m /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (v[i] - m) ** 2;
  return { mean: m, variance: s / (n - 1) };
}
