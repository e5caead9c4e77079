import { MinfoError } from "../errors.js";
import { checkSquare } from "./checkSquare.js";

export interface SymmetricEigen {
  /** Eigenvalues in ascending order. */
  readonly values: Float64Array;
  /**
   * n x n row-major; column j (entries j, n + j, 2n + j, ...) is the unit eigenvector of
   * values[j], signed so that its largest-magnitude entry is positive. Absent when
   * `{ vectors: false }` was passed.
   */
  readonly vectors?: Float64Array;
}

const MAX_QL_ITERATIONS = 60;

/**
 * Eigen-decomposition A = V diag(values) V^T of a real symmetric n x n matrix (row-major; only
 * the lower triangle is read, the upper is taken as its mirror).
 *
 * Method (Golub & Van Loan, Matrix Computations, 4th ed., sec. 8.3): Householder reduction to
 * tridiagonal form, A = Q T Q^T, then the implicit QL algorithm with Wilkinson-type shifts on
 * T, accumulating the plane rotations into Q^T. The accumulated basis is stored by rows so that
 * each rotation touches two contiguous rows. About 9 n^3 flops with vectors, 4 n^3 / 3 without.
 * Backward stable: eigenvalues within a few eps * ||A|| of the exact ones.
 *
 * @throws InvalidArgumentError, ShapeMismatchError for a malformed argument.
 * @throws MinfoError("invalid-argument") if QL fails to converge (60 sweeps per eigenvalue;
 *         not observed for finite input).
 */
export function symmetricEigen(a: Float64Array, n: number, options: { vectors?: boolean } = {}): SymmetricEigen {
  checkSquare("symmetricEigen", "a", a, n);
  const wantVectors = options.vectors ?? true;
  // Symmetric working copy from the lower triangle.
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = a[i * n + j];
      if (!Number.isFinite(v)) {
        throw new MinfoError("invalid-argument", `symmetricEigen: a must be finite; entry (${i}, ${j}) is ${v}.`);
      }
      t[i * n + j] = v;
      t[j * n + i] = v;
    }
  }
  // w = Q^T, accumulated by rows (only when vectors are wanted).
  const w = wantVectors ? new Float64Array(n * n) : new Float64Array(0);
  if (wantVectors) for (let i = 0; i < n; i++) w[i * n + i] = 1;

  const v = new Float64Array(n);
  const p = new Float64Array(n);
  const tmp = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    // Householder vector for x = t[k+1.., k]: H x = alpha e1 with alpha = -sign(x0) ||x||.
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) norm2 += t[i * n + k] * t[i * n + k];
    if (norm2 === 0) continue;
    const x0 = t[(k + 1) * n + k];
    const alpha = x0 >= 0 ? -Math.sqrt(norm2) : Math.sqrt(norm2);
    for (let i = k + 1; i < n; i++) v[i] = t[i * n + k];
    v[k + 1] = x0 - alpha;
    const vtv = norm2 - x0 * x0 + v[k + 1] * v[k + 1];
    if (vtv === 0) continue;
    const beta = 2 / vtv;
    // B <- H B H on the trailing block: p = beta B v, q = p - (beta v.p / 2) v, B -= v q^T + q v^T.
    let vp = 0;
    for (let i = k + 1; i < n; i++) {
      let s = 0;
      const ri = i * n;
      for (let j = k + 1; j < n; j++) s += t[ri + j] * v[j];
      p[i] = beta * s;
      vp += v[i] * p[i];
    }
    const kk = (beta * vp) / 2;
    for (let i = k + 1; i < n; i++) p[i] -= kk * v[i];
    for (let i = k + 1; i < n; i++) {
      const ri = i * n;
      const vi = v[i];
      const qi = p[i];
      for (let j = k + 1; j < n; j++) t[ri + j] -= vi * p[j] + qi * v[j];
    }
    // Column and row k become alpha e1.
    t[(k + 1) * n + k] = alpha;
    t[k * n + k + 1] = alpha;
    for (let i = k + 2; i < n; i++) {
      t[i * n + k] = 0;
      t[k * n + i] = 0;
    }
    if (wantVectors) {
      // Q^T <- H Q^T: rows k+1.. of w minus beta v (v^T w).
      tmp.fill(0);
      for (let i = k + 1; i < n; i++) {
        const vi = v[i];
        const ri = i * n;
        for (let c = 0; c < n; c++) tmp[c] += vi * w[ri + c];
      }
      for (let i = k + 1; i < n; i++) {
        const f = beta * v[i];
        const ri = i * n;
        for (let c = 0; c < n; c++) w[ri + c] -= f * tmp[c];
      }
    }
  }

  const d = new Float64Array(n);
  const e = new Float64Array(n); // e[i] couples d[i] and d[i + 1]; e[n - 1] = 0
  for (let i = 0; i < n; i++) d[i] = t[i * n + i];
  for (let i = 0; i < n - 1; i++) e[i] = t[(i + 1) * n + i];

  // Implicit QL with shifts on the tridiagonal (d, e).
  for (let l = 0; l < n; l++) {
    let iter = 0;
    let m: number;
    do {
      for (m = l; m < n - 1; m++) {
        const dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= Number.EPSILON * dd) break;
      }
      if (m !== l) {
        if (iter++ === MAX_QL_ITERATIONS) {
          throw new MinfoError("invalid-argument", `symmetricEigen: QL iteration did not converge for eigenvalue ${l}.`);
        }
        let g = (d[l + 1] - d[l]) / (2 * e[l]);
        let r = Math.hypot(g, 1);
        g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
        let s = 1;
        let c = 1;
        let pp = 0;
        let i: number;
        for (i = m - 1; i >= l; i--) {
          const f = s * e[i];
          const b = c * e[i];
          r = Math.hypot(f, g);
          e[i + 1] = r;
          if (r === 0) {
            d[i + 1] -= pp;
            e[m] = 0;
            break;
          }
          s = f / r;
          c = g / r;
          g = d[i + 1] - pp;
          r = (d[i] - g) * s + 2 * c * b;
          pp = s * r;
          d[i + 1] = g + pp;
          g = c * r - b;
          if (wantVectors) {
            const ri = i * n;
            const rj = ri + n;
            for (let col = 0; col < n; col++) {
              const wf = w[rj + col];
              const wi = w[ri + col];
              w[rj + col] = s * wi + c * wf;
              w[ri + col] = c * wi - s * wf;
            }
          }
        }
        if (r === 0 && i >= l) continue;
        d[l] -= pp;
        e[l] = g;
        e[m] = 0;
      }
    } while (m !== l);
  }

  // Sort ascending; vectors are the rows of w, returned as columns.
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => d[x] - d[y]);
  const values = new Float64Array(n);
  for (let j = 0; j < n; j++) values[j] = d[order[j]];
  if (!wantVectors) return { values };
  const vectors = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const rj = order[j] * n;
    let big = 0;
    for (let k = 0; k < n; k++) if (Math.abs(w[rj + k]) > Math.abs(big)) big = w[rj + k];
    const sign = big < 0 ? -1 : 1;
    for (let k = 0; k < n; k++) vectors[k * n + j] = sign * w[rj + k];
  }
  return { values, vectors };
}
