#!/usr/bin/python3
"""Time-to-accuracy trainer for the PyTorch side of scripts/bench-neural-tta.mjs.

Our code around the reference's critic and bounds: ConcatCritic, js_fgan and smile_value are
imported from ../shared/peers/torch_neural.py (--peer-dir), so the critic, the SMILE objective
(Jensen-Shannon gradient) and the SMILE value are the reference's. What this file adds is a
held-out split and a held-out trajectory, which torch_neural.py does not report:

- rows: --train (indices of the training rows, .npy int64) and the remaining rows held out;
  columns z-scored with the training rows' mean and sd (as minfo does);
- training as torch_neural.py: Adam (--lr), batch --batch-size, epoch-wise reshuffled training
  rows, float32, torch.set_num_threads(--threads), seeded (--seed);
- every --eval-every steps: the SMILE value (clip --tau) of the held-out rows, computed in chunks
  of --eval-chunk rows on each chunk's full score matrix (off-diagonal negatives) and averaged
  with chunk-size weights, exactly as minfo's held-out read-out;
- timing: wall (perf_counter) and CPU (process_time) seconds of the training steps only, from
  the critic's construction on; the held-out evaluations are excluded (not timed);
- stops at the first evaluation within --rel of --truth (or at --max-steps).

Prints one JSON line: {"curve": [[step, heldout_nats, train_wall_s, train_cpu_s], ...],
"hit": {...} or null, "ms_per_step": ..., "torch": version}.
"""

import argparse
import json
import os
import sys
import time

import numpy as np


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--x", required=True)
    p.add_argument("--y", required=True)
    p.add_argument("--train", required=True, help=".npy with the training row indices")
    p.add_argument("--peer-dir", required=True, help="folder of torch_neural.py")
    p.add_argument("--truth", type=float, required=True)
    p.add_argument("--rel", type=float, default=0.1)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--lr", type=float, default=5e-4)
    p.add_argument("--tau", type=float, default=5.0)
    p.add_argument("--max-steps", type=int, default=4000)
    p.add_argument("--eval-every", type=int, default=50)
    p.add_argument("--eval-chunk", type=int, default=256)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--no-stop", action="store_true", help="run to --max-steps even after a hit")
    a = p.parse_args(argv)

    sys.path.insert(0, os.path.abspath(a.peer_dir))
    import torch
    from torch_neural import ConcatCritic, js_fgan, smile_value

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    x = np.load(a.x).astype(np.float64)
    y = np.load(a.y).astype(np.float64)
    train = np.load(a.train).astype(np.int64).ravel()
    mask = np.ones(len(x), dtype=bool)
    mask[train] = False
    test = np.flatnonzero(mask)

    def z(m):
        mu = m[train].mean(0)
        sd = m[train].std(0, ddof=1)
        return ((m - mu) / np.where(sd > 0, sd, 1.0)).astype(np.float32)

    xs, ys = z(x), z(y)
    xt, yt = torch.from_numpy(xs[train]), torch.from_numpy(ys[train])
    xe, ye = torch.from_numpy(xs[test]), torch.from_numpy(ys[test])
    n, ne = len(xt), len(xe)
    b = min(a.batch_size, n)
    chunks = max(1, -(-ne // a.eval_chunk))
    size = ne // chunks

    def heldout(critic):
        with torch.no_grad():
            total = 0.0
            for c in range(chunks):
                lo = c * size
                hi = ne if c == chunks - 1 else lo + size
                total += float(smile_value(critic(xe[lo:hi], ye[lo:hi]), a.tau)) * (hi - lo) / ne
            return total

    wall = 0.0
    cpu = 0.0
    w0, c0 = time.perf_counter(), time.process_time()
    critic = ConcatCritic(xt.shape[1], yt.shape[1], a.hidden, a.layers)
    opt = torch.optim.Adam(critic.parameters(), lr=a.lr)
    perm, pos = torch.randperm(n, generator=gen), 0
    curve = []
    hit = None
    for step in range(1, a.max_steps + 1):
        if pos + b > n:
            perm, pos = torch.randperm(n, generator=gen), 0
        idx = perm[pos:pos + b]
        pos += b
        s = critic(xt[idx], yt[idx])
        loss = -js_fgan(s)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if step % a.eval_every == 0 or step == a.max_steps:
            wall += time.perf_counter() - w0
            cpu += time.process_time() - c0
            v = heldout(critic)
            curve.append([step, v, wall, cpu])
            if hit is None and abs(v - a.truth) <= a.rel * a.truth:
                hit = {"step": step, "value": v, "wall_s": wall, "cpu_s": cpu}
                if not a.no_stop:
                    break
            w0, c0 = time.perf_counter(), time.process_time()
    last = curve[-1]
    print(json.dumps({"curve": curve, "hit": hit, "ms_per_step": 1000 * last[2] / last[0],
                      "cpu_ms_per_step": 1000 * last[3] / last[0], "torch": torch.__version__}))


if __name__ == "__main__":
    main()
