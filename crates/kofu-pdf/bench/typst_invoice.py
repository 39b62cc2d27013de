"""Compile bench/invoice.typ with typst (PyPI `typst`) RUNS times in one process, like
`sample_invoice --runs`: the first compile parses the fonts, the rest are warm. Each compile
gets its own document number (sys.inputs), as each real invoice differs; typst still reuses
whatever its memoisation can.

python3 typst_invoice.py OUT_DIR RUNS  ->  prints `first_ms warm_ms_per_doc bytes`
"""
import pathlib
import sys
import time

import typst

here = pathlib.Path(__file__).resolve().parent
fonts = here.parent.parent.parent / "assets" / "fonts"
out_dir, runs = pathlib.Path(sys.argv[1]), int(sys.argv[2])
start = time.perf_counter()
compiler = typst.Compiler(str(here / "invoice.typ"), font_paths=[str(fonts)], ignore_system_fonts=True)
pdf = compiler.compile(sys_inputs={"number": "123"})
first = time.perf_counter() - start
start = time.perf_counter()
for i in range(runs - 1):
    pdf = compiler.compile(sys_inputs={"number": str(124 + i)})
warm = (time.perf_counter() - start) / max(runs - 1, 1)
(out_dir / "typst-invoice.pdf").write_bytes(pdf)
print(f"{first * 1000:.2f} {warm * 1000:.2f} {len(pdf)}")
