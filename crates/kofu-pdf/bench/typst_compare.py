#!/usr/bin/env python3
"""Times the same one-page 請求書 made by Kofu Desk (printpdf, `examples/sample_invoice.rs`) and
by typst (PyPI `typst`, `bench/invoice.typ`, the same BIZ UD fonts), in one run, and prints the
ratios (issue 10, "Speed and size").

    pip install typst
    python3 crates/kofu-pdf/bench/typst_compare.py [ROUNDS] [DOCS_PER_PROCESS]

Each round runs both, alternating, as whole processes that make DOCS_PER_PROCESS invoices
(default 50). Reported, as medians over the rounds: the whole process's wall time, the first
document (fonts parsed), a warm document (the mean of the rest) and the file size. Each typst
compile gets a new document number; typst's memoisation still reuses the unchanged rest.
"""
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

here = pathlib.Path(__file__).resolve().parent
root = here.parent.parent.parent
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
docs = sys.argv[2] if len(sys.argv) > 2 else "50"
target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", root / "target"))

subprocess.run(
    ["cargo", "build", "--quiet", "--release", "-p", "kofu-pdf", "--example", "sample_invoice"],
    cwd=root,
    check=True,
)
kofu = [str(target / "release" / "examples" / "sample_invoice")]
typ = [sys.executable, str(here / "typst_invoice.py")]


def run(cmd, out):
    start = time.perf_counter()
    res = subprocess.run(cmd + ([out, docs] if cmd is typ else ["--out", out, "--runs", docs]),
                         check=True, capture_output=True, text=True)
    wall = (time.perf_counter() - start) * 1e3
    first, warm, size = res.stdout.split()
    return wall, float(first), float(warm), int(size)


results = {"kofu": [], "typst": []}
with tempfile.TemporaryDirectory() as out:
    run(kofu, out), run(typ, out)  # warm the page cache
    for _ in range(rounds):
        results["kofu"].append(run(kofu, out))
        results["typst"].append(run(typ, out))

names = ["process wall ms", "first doc ms", "warm doc ms", "bytes"]
med = {k: [statistics.median(r[i] for r in v) for i in range(4)] for k, v in results.items()}
print(f"{rounds} rounds, {docs} invoices per process (medians)")
print(f"{'':18}{'kofu-pdf':>12}{'typst':>12}{'typst/kofu':>12}")
for i, name in enumerate(names):
    k, t = med["kofu"][i], med["typst"][i]
    print(f"{name:18}{k:12.2f}{t:12.2f}{t / k:12.2f}")
