"""The peers' side of `dotnet run -c Release --project tests/SpectrumDsl.Benchmarks -- peers`.

Usage: python3 peers.py FOLDER THREADS. FOLDER holds the points the C# side measured on (NAME.f64, row-major
float64, and NAME.json, the shape) and its eigenvalues (spectrumdsl.json). Times the same operations with numpy
(OpenBLAS), scipy (ARPACK eigsh, LAPACK eigh) and PyTorch (float32 and float64) and writes FOLDER/peers.json.
A package that is not installed is named and its rows are skipped. Debian's packages: python3-numpy,
python3-scipy, python3-torch (and libopenblas0-pthread for OpenBLAS).
"""
import json
import os
import sys
import time

folder, threads = sys.argv[1], int(sys.argv[2])
result = {"times": {}, "checks": {}, "missing": [], "versions": {}}

try:
    import numpy as np
    result["versions"]["numpy"] = np.__version__
except ImportError:
    np = None
    result["missing"].append("python3-numpy (numpy: every row)")
try:
    import scipy
    import scipy.linalg
    import scipy.sparse.linalg
    result["versions"]["scipy"] = scipy.__version__
except ImportError:
    scipy = None
    result["missing"].append("python3-scipy (eigsh, eigh)")
try:
    import torch
    torch.set_num_threads(threads)
    result["versions"]["torch"] = torch.__version__
    result["torchThreads"] = torch.get_num_threads()
except ImportError:
    torch = None
    result["missing"].append("python3-torch (training steps)")


def best(repeats, action):
    """Minimum wall time of `repeats` calls after one warm-up call, as the C# side measures."""
    action()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def load(name):
    with open(os.path.join(folder, name + ".json")) as f:
        rows, columns = json.load(f)
    return np.fromfile(os.path.join(folder, name + ".f64"), dtype=np.float64).reshape(rows, columns)


def ntk_gram(x, depth=2, beta=1.0):
    """The ReLU NTK Gram of docs/design.md#network, vectorised over all pairs."""
    d = x.shape[1]
    sigma = x @ x.T / d + beta * beta
    theta = sigma.copy()
    variance = np.diag(sigma).copy()
    for _ in range(depth):
        q = np.sqrt(np.outer(variance, variance))
        rho = np.clip(sigma / q, -1.0, 1.0)
        a = np.arccos(rho)
        sigma = q * (np.sin(a) + (np.pi - a) * rho) / np.pi + beta * beta
        theta = theta * ((np.pi - a) / np.pi) + sigma
        variance = variance + beta * beta
    return theta


def loaded_blas():
    """The BLAS library numpy loaded, from this process's memory map."""
    with open("/proc/self/maps") as maps:
        names = {line.split()[-1] for line in maps if "blas" in line or "lapack" in line}
    libraries = sorted({os.path.basename(n) for n in names if os.path.basename(n).startswith("lib")})
    return ", ".join(libraries) or "unknown"


def relative_difference(ours, theirs):
    ours, theirs = np.sort(np.asarray(ours))[::-1], np.sort(np.asarray(theirs))[::-1]
    return float(np.max(np.abs(ours - theirs) / np.abs(ours)))


if np is not None:
    result["blas"] = loaded_blas()
    with open(os.path.join(folder, "spectrumdsl.json")) as f:
        own = json.load(f)
    rng = np.random.default_rng(1)
    a, b = rng.random((1920, 1920)) - 0.5, rng.random((1920, 1920)) - 0.5
    result["times"]["gemm"] = best(5, lambda: a @ b)
    x5000 = load("x5000")
    result["times"]["ntkGram"] = best(3, lambda: ntk_gram(x5000))
    del x5000

    if scipy is not None:
        gram = ntk_gram(load("x10000"))
        found = {}

        def top(k):
            found[k] = scipy.sparse.linalg.eigsh(gram, k=k, which="LA")[0]

        result["times"]["top20"] = best(3, lambda: top(20))
        result["checks"]["top-20"] = relative_difference(own["eigenvalues"]["top20"], found[20])
        result["times"]["top100"] = best(2, lambda: top(100))
        result["checks"]["top-100"] = relative_difference(own["eigenvalues"]["top100"], found[100])
        del gram
        gram2000 = ntk_gram(load("x2000"))
        result["times"]["eigh"] = best(2, lambda: scipy.linalg.eigh(gram2000, driver="evd"))

if torch is not None and np is not None:
    n, d, m, k = 2000, 100, 10000, 100
    x64 = torch.from_numpy(np.random.default_rng(2).standard_normal((n, d)))
    x64 = x64 / x64.norm(dim=1, keepdim=True)
    v64, _ = torch.linalg.qr(torch.from_numpy(np.random.default_rng(3).standard_normal((n, k))))
    scales64 = torch.from_numpy(np.random.default_rng(4).random(k)) - 1.0

    for dtype, suffix in ((torch.float64, "64"), (torch.float32, "32")):
        generator = torch.Generator().manual_seed(5)
        x, v, scales = x64.to(dtype), v64.to(dtype), scales64.to(dtype)
        y = torch.rand(n, 1, dtype=dtype, generator=generator)
        w1 = torch.randn(m, d, dtype=dtype, generator=generator, requires_grad=True)
        b1 = torch.randn(m, dtype=dtype, generator=generator, requires_grad=True)
        w2 = torch.randn(1, m, dtype=dtype, generator=generator, requires_grad=True)
        b2 = torch.randn(1, dtype=dtype, generator=generator, requires_grad=True)
        parameters = [w1, b1, w2, b2]

        def step(preconditioned):
            # One full-batch step of the network of docs/design.md#network (NTK parameterisation, one hidden
            # ReLU layer, bias 1): forward, the residual (times S = I + V diag(c) V^T for PGD), backward, update.
            h = x @ w1.T / d ** 0.5 + b1
            f = torch.relu(h) @ w2.T * (2.0 / m) ** 0.5 + b2
            r = (f - y).detach()
            if preconditioned:
                r = r + v @ (scales[:, None] * (v.T @ r))
            f.backward(r)
            with torch.no_grad():
                for p in parameters:
                    p -= 1e-7 * p.grad
                    p.grad = None

        result["times"]["torchGd" + suffix] = best(5, lambda: step(False))
        result["times"]["torchPgd" + suffix] = best(5, lambda: step(True))

with open(os.path.join(folder, "peers.json"), "w") as f:
    json.dump(result, f)
for line in result["missing"]:
    print("missing, skipped:", line)
