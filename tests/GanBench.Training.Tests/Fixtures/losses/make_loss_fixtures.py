"""Reference loss values and logit gradients from PyTorch's own loss functions.

Run with Debian's interpreter (apt-get install python3-torch): /usr/bin/python3 make_loss_fixtures.py
Writes losses.json beside this file. The project itself never needs Python.
"""
import json, math, os
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
cases = {
    "moderate": ([0.5, -1.0, 2.0, 0.0], [-0.3, 1.5, -2.0]),
    "confident_critic": ([30.0, 25.0, 40.0], [-30.0, -45.0, -25.0, -60.0]),
    "fooled_critic": ([-20.0, -35.0], [50.0, 20.0, 80.0]),
    # Equal sizes, so that rpgan (which pairs real i with fake i) applies; it stays clear of the
    # hinge kinks at c_real = 1 and c_fake = -1, where the derivative is a convention.
    "paired": ([0.7, -1.3, 2.5, 0.1], [-0.4, 1.2, -2.2, 0.3]),
    "paired_confident": ([30.0, 45.0, 25.0], [-28.0, -50.0, -33.0]),
}
PAIRED_ONLY = {"rpgan"}
NAMES = ["minimax", "non_saturating", "wasserstein", "least_squares", "hinge", "relativistic", "rpgan"]

def objectives(real, fake):
    ones_r, zeros_f, ones_f = torch.ones_like(real), torch.zeros_like(fake), torch.ones_like(fake)
    bce = F.binary_cross_entropy_with_logits
    critic_gan = bce(real, ones_r) + bce(fake, zeros_f)
    return {
        "minimax": (critic_gan, -bce(fake, zeros_f)),          # G minimises log(1 - D(G(z)))
        "non_saturating": (critic_gan, bce(fake, ones_f)),     # G minimises -log D(G(z))
        "wasserstein": (fake.mean() - real.mean(), -fake.mean()),
        # PyTorch's own MSE loss with targets 1 and 0 (a=0, b=c=1).
        "least_squares": (0.5 * F.mse_loss(real, ones_r) + 0.5 * F.mse_loss(fake, zeros_f), 0.5 * F.mse_loss(fake, ones_f)),
        "hinge": (F.relu(1 - real).mean() + F.relu(1 + fake).mean(), -fake.mean()),
        # Relativistic average written as in the paper: BCE of (C(x_r) - E C(x_f)) against 1, and of
        # (C(x_f) - E C(x_r)) against 0; the generator swaps the targets.
        "relativistic": (bce(real - fake.mean(), ones_r) + bce(fake - real.mean(), zeros_f),
                         bce(fake - real.mean(), ones_f) + bce(real - fake.mean(), torch.zeros_like(real))),
        # RpGAN: BCE of the paired difference C(x_r) - C(x_f) against 1, i.e. softplus(C(x_f) - C(x_r)).
        "rpgan": ((bce(real - fake, ones_r) if len(real) == len(fake) else None),
                  (bce(fake - real, ones_f) if len(real) == len(fake) else None)),
    }

def softplus(x):
    # log(1 + e^x) to full double precision, the yardstick for values PyTorch rounds coarsely.
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))

def exact(name, r, f):
    mean = lambda xs: math.fsum(xs) / len(xs)
    critic_gan = mean([softplus(-c) for c in r]) + mean([softplus(c) for c in f])
    return {
        "minimax": (critic_gan, -mean([softplus(c) for c in f])),
        "non_saturating": (critic_gan, mean([softplus(-c) for c in f])),
        "wasserstein": (mean(f) - mean(r), -mean(f)),
        "least_squares": (0.5 * mean([(c - 1) ** 2 for c in r]) + 0.5 * mean([c * c for c in f]), 0.5 * mean([(c - 1) ** 2 for c in f])),
        "hinge": (mean([max(0.0, 1 - c) for c in r]) + mean([max(0.0, 1 + c) for c in f]), -mean(f)),
        "relativistic": (mean([softplus(mean(f) - c) for c in r]) + mean([softplus(c - mean(r)) for c in f]),
                         mean([softplus(mean(r) - c) for c in f]) + mean([softplus(c - mean(f)) for c in r])),
        "rpgan": (mean([softplus(b - a) for a, b in zip(r, f)]), mean([softplus(a - b) for a, b in zip(r, f)])),
    }[name]

def sigmoid(x):
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))

def exact_grads(name, r, f):
    """(dLd/dreal, dLd/dfake, dLg/dfake) from the closed forms."""
    nr, nf = len(r), len(f)
    mean = lambda xs: math.fsum(xs) / len(xs)
    if name == "wasserstein":
        return [-1 / nr] * nr, [1 / nf] * nf, [-1 / nf] * nf
    if name == "least_squares":
        return [(c - 1) / nr for c in r], [c / nf for c in f], [(c - 1) / nf for c in f]
    if name == "hinge":
        return [-1 / nr if c < 1 else 0.0 for c in r], [1 / nf if c > -1 else 0.0 for c in f], [-1 / nf] * nf
    if name == "relativistic":
        mr, mf = mean(r), mean(f)
        # L = E_r sp(mf - c_r) + E_f sp(c_f - mr); every term also moves the other side's mean.
        sr = [sigmoid(mf - c) for c in r]   # d sp(mf - c_r)/d(mf - c_r)
        sf = [sigmoid(c - mr) for c in f]
        d_real = [-s / nr - math.fsum(sf) / nf / nr for s in sr]
        d_fake = [s / nf + math.fsum(sr) / nr / nf for s in sf]
        # Generator: E_f sp(mr - c_f) + E_r sp(c_r - mf), differentiated in the fakes only.
        gf = [sigmoid(mr - c) for c in f]
        gr = [sigmoid(c - mf) for c in r]
        gen = [-s / nf - math.fsum(gr) / nr / nf for s in gf]
        return d_real, d_fake, gen
    if name == "rpgan":
        n = nr
        return ([-sigmoid(b - a) / n for a, b in zip(r, f)], [sigmoid(b - a) / n for a, b in zip(r, f)],
                [-sigmoid(a - b) / n for a, b in zip(r, f)])
    critic_real = [-sigmoid(-c) / nr for c in r]
    critic_fake = [sigmoid(c) / nf for c in f]
    gen = [-sigmoid(c) / nf for c in f] if name == "minimax" else [-sigmoid(-c) / nf for c in f]
    return critic_real, critic_fake, gen

out = []
for case, (r, f) in cases.items():
    for name in NAMES:
        if name in PAIRED_ONLY and len(r) != len(f):
            continue
        real = torch.tensor(r, requires_grad=True)
        fake = torch.tensor(f, requires_grad=True)
        d, _ = objectives(real, fake)[name]
        gr, gf = torch.autograd.grad(d, [real, fake])
        fake2 = torch.tensor(f, requires_grad=True)
        _, g = objectives(real.detach(), fake2)[name]
        (gg,) = torch.autograd.grad(g, [fake2])
        out.append({
            "case": case, "objective": name, "real": r, "fake": f,
            "critic_loss": d.item(), "critic_grad_real": gr.tolist(), "critic_grad_fake": gf.tolist(),
            "generator_loss": g.item(), "generator_grad_fake": gg.tolist(),
            "critic_loss_exact": exact(name, r, f)[0], "generator_loss_exact": exact(name, r, f)[1],
            "critic_grad_real_exact": exact_grads(name, r, f)[0], "critic_grad_fake_exact": exact_grads(name, r, f)[1],
            "generator_grad_fake_exact": exact_grads(name, r, f)[2],
        })

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "losses.json"), "w") as fh:
    json.dump({"torch_version": torch.__version__, "cases": out}, fh, indent=1)
print(len(out), "cases")
