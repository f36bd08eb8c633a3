"""The BibTeX reader alone: records/s on ACM-like files, plain and written with ``@string`` macros.

Two corpora of the same records (``benchmarks/acm_corpus.py``, seed 15):

* ``plain``: the export as ``acm_corpus`` writes it (braced values only);
* ``macros``: the same entries written the way hand-kept libraries are: the
  publisher and address as ``@string`` macros defined at the top of each
  file, ``month = jun``, and the URL joined with ``#`` (``"https://doi.org/"
  # {10.1145/...}``).

Each file is read with ``graphbuild.ingest.read_file`` (the fast scanner, or
bibtexparser for a file it hands over), one process, one core; the figures
are CPU time (``time.process_time``, which other jobs on the machine do not
inflate) and wall time, with the load average before and after.

    python benchmarks/bench_bibtex_reader.py --n 20000 [--dir /tmp/bibread] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

#: (pattern, replacement) turning an acm_corpus entry into its macro-written twin
_REWRITES = (
    (re.compile(r"publisher = \{Association for Computing Machinery\}"), "publisher = acm"),
    (re.compile(r"address = \{New York, NY, USA\}"), "address = nyc"),
    (re.compile(r"(year = \{\d+\},)"), r"\1 month = jun,"),
    (re.compile(r"url = \{https://doi\.org/([^}]*)\}"), r'url = "https://doi.org/" # {\1}'),
)
_HEADER = '@string{acm = {Association for Computing Machinery}}\n@string{NYC = "New York, NY, USA"}\n\n'


def write_corpora(n: int, root: Path) -> dict[str, list[Path]]:
    """The ``plain`` files (written once, kept) and their ``macros`` twins under ``root``."""
    from acm_corpus import write_corpus

    plain_dir, macro_dir = root / "plain", root / "macros"
    plain = sorted(plain_dir.glob("acm-*.bib"))
    if len(plain) * 1000 < n:
        plain = write_corpus(n, plain_dir)
    plain = plain[:(n + 999) // 1000]
    macro_dir.mkdir(parents=True, exist_ok=True)
    macros = []
    for path in plain:
        text = path.read_text(encoding="utf-8")
        for pattern, replacement in _REWRITES:
            text = pattern.sub(replacement, text)
        twin = macro_dir / path.name
        twin.write_text(_HEADER + text, encoding="utf-8")
        macros.append(twin)
    return {"plain": plain, "macros": macros}


def read_all(files: list[Path], fmt: str = "bibtex") -> tuple[int, int, float, float]:
    """(papers, errors, CPU seconds, wall seconds) of reading ``files`` with the reader of ``fmt``."""
    from graphbuild.errors import InputError
    from graphbuild.ingest import read_file

    papers = errors = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for path in files:
        for item in read_file(path, fmt):
            if isinstance(item, InputError):
                errors += 1
            else:
                papers += 1
    return papers, errors, time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=20_000, help="records per corpus (1,000 a file)")
    ap.add_argument("--dir", type=Path, default=Path("/tmp/graphbuild-bibread"))
    ap.add_argument("--repeat", type=int, default=3, help="reads per corpus; the fastest (by CPU) is shown")
    ap.add_argument("--corpus", choices=("plain", "macros", "both"), default="both")
    args = ap.parse_args()
    corpora = write_corpora(args.n, args.dir)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for name, files in corpora.items():
        if args.corpus not in ("both", name):
            continue
        papers, errors, cpu, wall = min((read_all(files) for _ in range(args.repeat)), key=lambda r: r[2])
        print(f"{name}: {papers:,} papers, {errors} errors, {cpu:.2f} s CPU ({papers / cpu:,.0f} records/s), "
              f"{wall:.2f} s wall ({papers / wall:,.0f} records/s)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
