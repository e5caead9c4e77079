#!/usr/bin/python3
"""O-information reference on Debian's numpy/scipy, for side-by-side runs with minfo.

Written from the definitions (Rosas, Mediano, Gastpar & Jensen 2019, Phys. Rev. E 100:032305;
reference-facts section 6.1), not from any package. Every column of the CSV is one scalar
variable X_1..X_m.
  TC    = sum_j H(X_j) - H(X)                DTC = H(X) - sum_j H(X_j | X_-j)
  Omega = TC - DTC                           S   = TC + DTC
  gaussian  closed forms from the sample covariance S (np.cov; the scale cancels):
              TC  = 1/2 [sum_j log S_jj - log det S]
              DTC = 1/2 [log det S + sum_j log (S^-1)_jj]
  ksg       KSG algorithm 1 with one joint radius per point: columns z-scored (ddof 0, no noise),
            eps_i = max-norm distance to the K-th neighbour in the joint space (scipy cKDTree,
            the point excluded); n_j(i), n_-j(i) = #{l != i : ||.||_inf < eps_i} (strict) in
            X_j alone and in all variables but j. Local values (JIDT OInfoCalculatorKraskov form)
              TC_i    = psi(K) + (m - 1) psi(N) - sum_j psi(n_j + 1)
              Omega_i = (2 - m)[psi(K) - psi(N)] + sum_j [psi(n_-j + 1) - psi(n_j + 1)]
            and DTC_i = TC_i - Omega_i; the estimates are their means.

Usage
  oinfo_reference.py FILE.csv [--estimator gaussian|ksg] [--k K] [--columns a,b,c]
                     [--sweep ORDER] [--json]
FILE.csv has a header. Default: all columns. --sweep ORDER computes every multiplet of ORDER
columns (lexicographic order), standardising once (ksg) / one covariance (gaussian).
Prints the values in nats, or with --json {"tc", "dtc", "o", "s", "seconds"} (or for a sweep
{"multiplets": [[i, j, ..., tc, dtc, o], ...], "seconds"}), where seconds time the estimation
only (standardisation, trees, counts, covariance; not the CSV parse). Single-threaded
(cKDTree workers=1). Run with /usr/bin/python3.
"""
import argparse, itertools, json, math, time
import numpy as np
from scipy.special import digamma
from scipy.spatial import cKDTree


def gaussian_from_cov(S):
    """(TC, DTC) of scalar variables with covariance S."""
    ld = np.linalg.slogdet(S)[1]
    tc = 0.5 * (np.sum(np.log(np.diag(S))) - ld)
    dtc = 0.5 * (ld + np.sum(np.log(np.diag(np.linalg.inv(S)))))
    return tc, dtc


def zscore(data):
    return (data - data.mean(axis=0)) / data.std(axis=0)


def _counts(m, eps):
    """Rows l != i with ||m_l - m_i||_inf < eps_i (strict)."""
    return cKDTree(m).query_ball_point(m, np.nextafter(eps, 0), p=np.inf, return_length=True) - 1


def ksg_tc_dtc(z, K):
    """(TC, DTC) by KSG-1 of the columns of z (already standardised)."""
    n, m = z.shape
    d, _ = cKDTree(z).query(z, K + 1, p=np.inf)
    eps = d[:, K]
    psi_k, psi_n = digamma(K), digamma(n)
    local_tc = np.full(n, psi_k + (m - 1) * psi_n)
    local_o = np.full(n, (2 - m) * (psi_k - psi_n))
    for j in range(m):
        nj = _counts(z[:, [j]], eps)
        nc = _counts(np.delete(z, j, axis=1), eps)
        local_tc -= digamma(nj + 1)
        local_o += digamma(nc + 1) - digamma(nj + 1)
    tc = math.fsum(local_tc) / n
    o = math.fsum(local_o) / n
    return tc, tc - o


def main():
    p = argparse.ArgumentParser()
    p.add_argument("file")
    p.add_argument("--estimator", default="ksg", choices=["ksg", "gaussian"])
    p.add_argument("--k", type=int, default=3)
    p.add_argument("--columns", default="")
    p.add_argument("--sweep", type=int, default=0)
    p.add_argument("--json", action="store_true")
    o = p.parse_args()
    with open(o.file) as f:
        names = f.readline().strip().split(",")
    data = np.loadtxt(o.file, delimiter=",", skiprows=1, ndmin=2)
    if o.columns:
        data = data[:, [names.index(c) for c in o.columns.split(",")]]
    data = np.ascontiguousarray(data)
    t0 = time.perf_counter()
    if o.sweep:
        rows = []
        if o.estimator == "gaussian":
            S = np.cov(data.T)
            for sub in itertools.combinations(range(data.shape[1]), o.sweep):
                tc, dtc = gaussian_from_cov(S[np.ix_(sub, sub)])
                rows.append([*sub, tc, dtc, tc - dtc])
        else:
            z = zscore(data)
            for sub in itertools.combinations(range(data.shape[1]), o.sweep):
                tc, dtc = ksg_tc_dtc(np.ascontiguousarray(z[:, sub]), o.k)
                rows.append([*sub, tc, dtc, tc - dtc])
        secs = time.perf_counter() - t0
        out = {"multiplets": [[int(v) for v in r[:-3]] + [float(v) for v in r[-3:]] for r in rows], "seconds": secs}
        print(json.dumps(out) if o.json else "\n".join(" ".join(map(repr, r)) for r in out["multiplets"]))
        return
    if o.estimator == "gaussian":
        tc, dtc = gaussian_from_cov(np.cov(data.T))
    else:
        tc, dtc = ksg_tc_dtc(zscore(data), o.k)
    secs = time.perf_counter() - t0
    res = {"tc": float(tc), "dtc": float(dtc), "o": float(tc - dtc), "s": float(tc + dtc), "seconds": secs}
    print(json.dumps(res) if o.json else f"TC {tc!r}\nDTC {dtc!r}\nO {tc - dtc!r}\nS {tc + dtc!r}")


if __name__ == "__main__":
    main()
