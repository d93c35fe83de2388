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
}

def objectives(real, fake):
    ones_r, zeros_f, ones_f = torch.ones_like(real), torch.zeros_like(fake), torch.ones_like(fake)
    bce = F.binary_cross_entropy_with_logits
    critic_gan = bce(real, ones_r) + bce(fake, zeros_f)
    return {
        "minimax": (critic_gan, -bce(fake, zeros_f)),          # G minimises log(1 - D(G(z)))
        "non_saturating": (critic_gan, bce(fake, ones_f)),     # G minimises -log D(G(z))
        "wasserstein": (fake.mean() - real.mean(), -fake.mean()),
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
    }[name]

def sigmoid(x):
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))

def exact_grads(name, r, f):
    """(dLd/dreal, dLd/dfake, dLg/dfake) from the closed forms."""
    nr, nf = len(r), len(f)
    if name == "wasserstein":
        return [-1 / nr] * nr, [1 / nf] * nf, [-1 / nf] * nf
    critic_real = [-sigmoid(-c) / nr for c in r]
    critic_fake = [sigmoid(c) / nf for c in f]
    gen = [-sigmoid(c) / nf for c in f] if name == "minimax" else [-sigmoid(-c) / nf for c in f]
    return critic_real, critic_fake, gen

out = []
for case, (r, f) in cases.items():
    for name in ["minimax", "non_saturating", "wasserstein"]:
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
