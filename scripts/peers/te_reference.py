#!/usr/bin/python3
"""Transfer-entropy reference on Debian's numpy/scipy, for side-by-side runs with minfo.

Written from the definitions (Schreiber 2000; Frenzel & Pompe 2007), not from any package:
  TE_{Y->X} = I(X_s; (Y_{s-u}, ..., Y_{s-u-l+1}) | (X_{s-1}, ..., X_{s-k}))   (tau = 1)
for predicted times s = max(k, u + l - 1, 1) .. n - 1.
  ksg       Frenzel-Pompe algorithm 1 on the embedding vectors: each series z-scored (ddof 0),
            max-norm, eps_i = distance to the K-th joint neighbour (scipy cKDTree), strict counts
            in (X_s, X past), (Y past, X past), (X past); psi(K) - <psi(n_ac+1) + psi(n_bc+1) - psi(n_c+1)>.
            No Theiler window, no noise.
  gaussian  1/2 (log det S_ac + log det S_bc - log det S_abc - log det S_c), sample covariance.

Usage
  te_reference.py FILE.csv [--source COL] [--target COL] [--estimator ksg|gaussian] [--k K]
                  [--history k] [--source-history l] [--lag u] [--json]
FILE.csv has a header; default source column "y", target "x". Prints the TE in nats, or with
--json {"value": ..., "seconds": ...} where seconds time the estimation only (not the CSV parse).
Run with /usr/bin/python3.
"""
import argparse, json, time
import numpy as np
from scipy.special import digamma
from scipy.spatial import cKDTree


def embed(x, y, k, l, u):
    n = len(x)
    first = max(k, u + l - 1, 1)
    s = np.arange(first, n)
    a = x[s][:, None]
    c = np.stack([x[s - 1 - j] for j in range(k)], 1)
    b = np.stack([y[s - u - j] for j in range(l)], 1)
    return a, b, c


def _counts(m, eps):
    """Rows j != i with ||m_j - m_i||_inf < eps_i (strict)."""
    return cKDTree(m).query_ball_point(m, np.nextafter(eps, 0), p=np.inf, return_length=True) - 1


def ksg_te(x, y, k=1, l=1, u=1, K=4):
    z = lambda v: (v - v.mean()) / v.std()
    a, b, c = embed(z(x), z(y), k, l, u)
    joint = np.hstack([a, b, c])
    d, _ = cKDTree(joint).query(joint, K + 1, p=np.inf)
    eps = d[:, K]
    nac = _counts(np.hstack([a, c]), eps)
    nbc = _counts(np.hstack([b, c]), eps)
    nc = _counts(c, eps)
    return digamma(K) - np.mean(digamma(nac + 1) + digamma(nbc + 1) - digamma(nc + 1))


def gaussian_te(x, y, k=1, l=1, u=1):
    a, b, c = embed(x, y, k, l, u)
    ld = lambda *parts: np.linalg.slogdet(np.atleast_2d(np.cov(np.hstack(parts).T)))[1]
    return 0.5 * (ld(a, c) + ld(b, c) - ld(a, b, c) - ld(c))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("file")
    p.add_argument("--source", default="y")
    p.add_argument("--target", default="x")
    p.add_argument("--estimator", default="ksg", choices=["ksg", "gaussian"])
    p.add_argument("--k", type=int, default=4)
    p.add_argument("--history", type=int, default=1)
    p.add_argument("--source-history", type=int, default=1)
    p.add_argument("--lag", type=int, default=1)
    p.add_argument("--json", action="store_true")
    o = p.parse_args()
    with open(o.file) as f:
        names = f.readline().strip().split(",")
    data = np.loadtxt(o.file, delimiter=",", skiprows=1, ndmin=2)
    x = data[:, names.index(o.target)].copy()
    y = data[:, names.index(o.source)].copy()
    t0 = time.perf_counter()
    if o.estimator == "ksg":
        v = ksg_te(x, y, o.history, o.source_history, o.lag, o.k)
    else:
        v = gaussian_te(x, y, o.history, o.source_history, o.lag)
    secs = time.perf_counter() - t0
    print(json.dumps({"value": float(v), "seconds": secs}) if o.json else repr(float(v)))


if __name__ == "__main__":
    main()
