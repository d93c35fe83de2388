"""GanBench against PyTorch on this machine: loss definitions, then the critic step's cost.

Run with Debian's interpreter (apt-get install python3-torch libopenblas0-pthread):
    /usr/bin/python3 tools/pytorch-side-by-side/side_by_side.py [--quick]
It is a script for people comparing the two, not a test dependency; the project never needs Python.

1. Parity of definitions: recomputes every loss fixture with PyTorch's own functions
   (tests/GanBench.Training.Tests/Fixtures/losses/make_loss_fixtures.py) and compares it with the
   committed losses.json, which GanBench's LossDefinitionTests check the C# losses against.
2. Cost of one WGAN-GP critic step (3 hidden ReLU layers, batch 256, 2-D inputs, Adam), the step
   GanBench's EnsembleCriticStepBenchmarks times, on one thread as a sweep worker runs: K networks
   stepped one after another, K networks stacked as [K, in, out] tensors with bmm (what GanBench's
   EnsembleMlp does), and, where functorch is importable, vmap over stacked parameters. Prints
   milliseconds per operation, trial-steps per second and peak resident memory of the process.
"""
import argparse, json, os, resource, subprocess, sys, tempfile, time
import torch

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "tests", "GanBench.Training.Tests", "Fixtures", "losses")


def parity():
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "make_loss_fixtures.py")
        with open(os.path.join(FIXTURES, "make_loss_fixtures.py")) as f:
            src = f.read()
        with open(script, "w") as f:
            f.write(src)
        subprocess.run([sys.executable, script], check=True, cwd=tmp)
        fresh = json.load(open(os.path.join(tmp, "losses.json")))
    committed = json.load(open(os.path.join(FIXTURES, "losses.json")))
    worst, count = 0.0, 0

    def walk(a, b):
        nonlocal worst, count
        if isinstance(a, dict):
            assert a.keys() == b.keys(), f"fixture keys differ: {sorted(set(a) ^ set(b))}"
            for k in a:
                walk(a[k], b[k])
        elif isinstance(a, list):
            assert len(a) == len(b)
            for x, y in zip(a, b):
                walk(x, y)
        elif isinstance(a, (int, float)) and not isinstance(a, bool):
            count += 1
            worst = max(worst, abs(a - b) / max(1.0, abs(a)))
        else:
            assert a == b, f"{a!r} != {b!r}"

    walk(committed, fresh)
    print(f"parity: {count} loss values and gradients from PyTorch {torch.__version__} against losses.json: largest relative difference {worst:.2e}")
    return worst


def mlp(hidden, seed):
    torch.manual_seed(seed)
    layers, width = [], 2
    for _ in range(3):
        layers += [torch.nn.Linear(width, hidden), torch.nn.ReLU()]
        width = hidden
    return torch.nn.Sequential(*layers, torch.nn.Linear(width, 1))


def gp_loss(forward, real, fake, alpha, weight):
    x = (alpha * real + (1 - alpha) * fake).requires_grad_(True)
    g, = torch.autograd.grad(forward(x).sum(), x, create_graph=True)
    penalty = (g.norm(dim=-1) - 1).pow(2).mean(dim=-1)
    return forward(fake).squeeze(-1).mean(dim=-1) - forward(real).squeeze(-1).mean(dim=-1) + weight * penalty


def sequential(k, hidden, data):
    nets = [mlp(hidden, s) for s in range(k)]
    opts = [torch.optim.Adam(n.parameters(), 1e-4, betas=(0.5, 0.9)) for n in nets]
    real, fake, alpha = data

    def step():
        for i in range(k):
            opts[i].zero_grad()
            gp_loss(nets[i], real[i], fake[i], alpha[i], 10.0).backward()
            opts[i].step()
    return step


def stacked(k, hidden, data):
    nets = [mlp(hidden, s) for s in range(k)]
    linears = [[m for m in n if isinstance(m, torch.nn.Linear)] for n in nets]
    ws = [torch.nn.Parameter(torch.stack([ls[l].weight.detach().t() for ls in linears])) for l in range(4)]
    bs = [torch.nn.Parameter(torch.stack([ls[l].bias.detach().unsqueeze(0) for ls in linears])) for l in range(4)]
    opt = torch.optim.Adam(ws + bs, 1e-4, betas=(0.5, 0.9))
    real, fake, alpha = data

    def forward(x):
        for l in range(3):
            x = torch.relu(torch.baddbmm(bs[l], x, ws[l]))
        return torch.baddbmm(bs[3], x, ws[3])

    def step():
        opt.zero_grad()
        gp_loss(forward, real, fake, alpha, 10.0).sum().backward()
        opt.step()
    return step


def vmapped(k, hidden, data):
    try:
        from functorch import combine_state_for_ensemble, vmap, grad
    except ImportError:
        return None
    fmodel, params, buffers = combine_state_for_ensemble([mlp(hidden, s) for s in range(k)])
    params = [torch.nn.Parameter(p) for p in params]
    opt = torch.optim.Adam(params, 1e-4, betas=(0.5, 0.9))
    real, fake, alpha = data

    def one(p, b, r, f, a):
        x = a * r + (1 - a) * f
        gx = grad(lambda x_: fmodel(p, b, x_).sum())(x)
        penalty = (gx.norm(dim=-1) - 1).pow(2).mean()
        return fmodel(p, b, f).mean() - fmodel(p, b, r).mean() + 10.0 * penalty

    def step():
        opt.zero_grad()
        vmap(one)(params, buffers, real, fake, alpha).sum().backward()
        opt.step()
    return step


def time_step(step, seconds):
    step()
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds or n < 3:
        step()
        n += 1
    return (time.perf_counter() - start) / n


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="K = 1, 8 and hidden 64, 128 only")
    args = parser.parse_args()
    torch.set_num_threads(1)
    parity()
    ks = [1, 8] if args.quick else [1, 4, 8, 16, 32]
    hiddens = [64, 128] if args.quick else [64, 128, 512]
    print("| hidden | K | sequential ms | stacked (bmm) ms | vmap ms | stacked speed-up | trial-steps/s stacked |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for hidden in hiddens:
        for k in ks:
            g = torch.Generator().manual_seed(1)
            data = (torch.randn(k, 256, 2, generator=g), torch.randn(k, 256, 2, generator=g), torch.rand(k, 256, 1, generator=g))
            seq = time_step(sequential(k, hidden, data), 2.0)
            stk = time_step(stacked(k, hidden, data), 2.0)
            vm_step = vmapped(k, hidden, data)
            vm = time_step(vm_step, 2.0) if vm_step else None
            print(f"| {hidden} | {k} | {seq * 1e3:.2f} | {stk * 1e3:.2f} | {'-' if vm is None else f'{vm * 1e3:.2f}'} | ×{seq / stk:.2f} | {k / stk:.0f} |")
    print(f"peak resident memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
