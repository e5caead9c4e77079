"""One level of the SMILE staircase in PyTorch, as scripts/staircase.mjs runs it in minfo.

Song & Ermon 2020's protocol: d = 20, fresh samples every step (x ~ N(0, I), y = rho x +
sqrt(1 - rho^2) eps, rho = sqrt(1 - exp(-2 I / d))), batch 64, separable critic g(x)^T h(y) with
3 hidden ReLU layers of 256 and embedding 32, Adam lr 5e-4, SMILE (tau 5) trained with the JS
gradient. Prints the mean of the per-step batch estimates over the last half of the steps: the
number the staircase table reports per level. Used to check that minfo's first level (16% low)
is the protocol's, not minfo's.

  /usr/bin/python3 scripts/peers/torch_stair_level.py [--mi 2] [--steps 4000] [--init glorot|torch] [--seed 1]
"""
import argparse
import math

import torch
import torch.nn as nn


def mlp(d, init):
    net = nn.Sequential(nn.Linear(d, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 32))
    if init == "glorot":  # minfo's initialisation: Glorot-uniform weights, zero biases
        for m in net:
            if isinstance(m, nn.Linear):
                nn.init.xavier_uniform_(m.weight)
                nn.init.zeros_(m.bias)
    return net


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mi", type=float, default=2.0)
    p.add_argument("--steps", type=int, default=4000)
    p.add_argument("--init", choices=["glorot", "torch"], default="glorot")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    d, b, tau = 20, 64, 5.0
    rho = math.sqrt(1 - math.exp(-2 * a.mi / d))
    g, h = mlp(d, a.init), mlp(d, a.init)
    opt = torch.optim.Adam(list(g.parameters()) + list(h.parameters()), lr=5e-4)
    off = ~torch.eye(b, dtype=torch.bool)
    values = []
    for _ in range(a.steps):
        x = torch.randn(b, d)
        y = rho * x + math.sqrt(1 - rho * rho) * torch.randn(b, d)
        s = g(x) @ h(y).T
        pos = s.diag()
        js = -nn.functional.softplus(-pos).mean() - nn.functional.softplus(s[off]).mean()
        neg = torch.clamp(s, -tau, tau)[off]
        smile = pos.mean() - (torch.logsumexp(neg, 0) - math.log(neg.numel()))
        loss = -(js + (smile - js).detach())
        opt.zero_grad()
        loss.backward()
        opt.step()
        values.append(smile.item())
    tail = values[a.steps // 2:]
    m = sum(tail) / len(tail)
    print(f"I = {a.mi}, {a.steps} steps, init {a.init}: mean of the last half {m:.3f} ({(m / a.mi - 1) * 100:+.1f}%)")


if __name__ == "__main__":
    main()
