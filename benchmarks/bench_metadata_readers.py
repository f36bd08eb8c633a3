"""The Semantic Scholar, OpenAlex and arXiv Atom readers, and the plain JSON reader: records/s.

Synthetic exports of ``--n`` records each, written the way the services send
them: Semantic Scholar as an API page ``{"data": [...]}`` (indented) and as
JSON Lines, OpenAlex as a results page ``{"results": [...]}`` (indented), an
arXiv Atom feed, and the same S2 page read by the plain ``json`` reader. Each
file is read through ``graphbuild.ingest.read_file`` in one process; figures
are CPU time (``time.process_time``, which other jobs on the machine do not
inflate) and wall time, the fastest of ``--repeat`` reads, with the load
average before and after.

    python benchmarks/bench_metadata_readers.py --n 5000 [--dir /tmp/graphbuild-metaread] [--repeat 5]

Run it with ``PYTHONPATH`` set to another checkout to compare two versions of
the readers on the same files.
"""

from __future__ import annotations

import argparse
import json
import os
import random
from pathlib import Path
from xml.sax.saxutils import escape

from bench_bibtex_reader import read_all  # benchmarks/ is on the path when this file runs

_WORDS = ("graph", "model", "learning", "citation", "sparse", "router", "entity", "method", "dataset",
          "transformer", "benchmark", "retrieval", "embedding", "network", "attention", "corpus")


def _phrase(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(n))


def _s2(rng: random.Random, i: int) -> dict[str, object]:
    return {
        "paperId": f"{i:040x}", "externalIds": {"CorpusId": 900000000 + i, "DOI": f"10.5555/bench.{i}"},
        "url": f"https://www.semanticscholar.org/paper/{i:040x}", "title": _phrase(rng, 8).title(),
        "abstract": _phrase(rng, 120), "venue": "Journal of Synthetic Results", "year": 2000 + i % 25,
        "publicationDate": f"{2000 + i % 25}-0{1 + i % 9}-1{i % 10}",
        "authors": [{"authorId": str(i * 3 + k), "name": f"Author {i}-{k}"} for k in range(4)],
        "references": [{"paperId": f"{(i + k) * 7:040x}", "title": _phrase(rng, 6), "year": 2010}
                       for k in range(10)],
    }


def _openalex(rng: random.Random, i: int) -> dict[str, object]:
    words = _phrase(rng, 120).split()
    index: dict[str, list[int]] = {}
    for pos, word in enumerate(words):
        index.setdefault(word, []).append(pos)
    return {
        "id": f"https://openalex.org/W{3000000000 + i}", "doi": f"https://doi.org/10.5555/bench.{i}",
        "display_name": _phrase(rng, 8).title(), "publication_year": 2000 + i % 25,
        "publication_date": f"{2000 + i % 25}-03-04",
        "ids": {"openalex": f"https://openalex.org/W{3000000000 + i}", "mag": str(2000000000 + i)},
        "primary_location": {"landing_page_url": f"https://doi.org/10.5555/bench.{i}",
                             "source": {"display_name": "Journal of Graph Learning"}},
        "authorships": [{"author": {"display_name": f"Author {i}-{k}"}} for k in range(4)],
        "abstract_inverted_index": index,
        "referenced_works": [f"https://openalex.org/W{2000000000 + i + k}" for k in range(10)],
    }


def _atom_entry(rng: random.Random, i: int) -> str:
    authors = "".join(f"\n    <author>\n      <name>Author {i}-{k}</name>\n    </author>" for k in range(4))
    return (f"  <entry>\n    <id>http://arxiv.org/abs/2401.{10000 + i % 90000}v1</id>\n"
            f"    <updated>2024-01-05T00:00:00Z</updated>\n    <published>2024-01-05T00:00:00Z</published>\n"
            f"    <title>{escape(_phrase(rng, 8).title())}</title>\n"
            f"    <summary>{escape(_phrase(rng, 120))}</summary>{authors}\n"
            f'    <link href="http://arxiv.org/abs/2401.{10000 + i % 90000}v1" rel="alternate" type="text/html"/>\n'
            "  </entry>\n")


def write_files(n: int, root: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, format) of the exports, written under ``root`` (seed 7, so the same every run)."""
    rng = random.Random(7)
    root.mkdir(parents=True, exist_ok=True)
    s2 = [_s2(rng, i) for i in range(n)]
    files = {
        "s2 page": (root / "page.s2.json", "s2"),
        "s2 jsonl": (root / "lines.s2.jsonl", "s2"),
        "openalex page": (root / "page.openalex.json", "openalex"),
        "arxiv atom": (root / "feed.atom", "arxiv"),
        "json page": (root / "page.s2.json", "json"),
    }
    files["s2 page"][0].write_text(json.dumps({"total": n, "data": s2}, indent=1), encoding="utf-8")
    files["s2 jsonl"][0].write_text("".join(json.dumps(r) + "\n" for r in s2), encoding="utf-8")
    files["openalex page"][0].write_text(
        json.dumps({"meta": {"count": n}, "results": [_openalex(rng, i) for i in range(n)]}, indent=1),
        encoding="utf-8")
    files["arxiv atom"][0].write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
        + "".join(_atom_entry(rng, i) for i in range(n)) + "</feed>\n", encoding="utf-8")
    return files


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=5000, help="records per file")
    ap.add_argument("--dir", type=Path, default=Path("/tmp/graphbuild-metaread"))
    ap.add_argument("--repeat", type=int, default=5, help="reads per file; the fastest (by CPU) is shown")
    args = ap.parse_args()
    files = write_files(args.n, args.dir)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for name, (path, fmt) in files.items():
        papers, errors, cpu, wall = min((read_all([path], fmt) for _ in range(args.repeat)), key=lambda r: r[2])
        print(f"{name:14} {papers:>7,} papers, {errors} errors, {cpu:6.3f} s CPU ({papers / cpu:>8,.0f} records/s), "
              f"{wall:6.3f} s wall, {path.stat().st_size / 1e6:.1f} MB")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
