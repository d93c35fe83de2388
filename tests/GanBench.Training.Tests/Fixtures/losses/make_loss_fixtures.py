"""Reference loss values and logit gradients from PyTorch's own loss functions.

Run with Debian's interpreter (apt-get install python3-torch): /usr/bin/python3 make_loss_fixtures.py
Writes losses.json beside this file. The project itself never needs Python.
"""
import json, os
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
        })

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "losses.json"), "w") as fh:
    json.dump({"torch_version": torch.__version__, "cases": out}, fh, indent=1)
print(len(out), "cases")
