"""Cost of the Cypher guard per query, over the named query library.

Usage: python benchmarks/bench_guard.py [--rounds 200]
"""

from __future__ import annotations

import argparse
import statistics
import time

from graphbuild.cypher_guard import check_parameters, check_query
from graphbuild.library import load_library


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    library = load_library()
    timings = []
    for _ in range(args.rounds):
        for query in library.values():
            start = time.perf_counter()
            check_query(query.cypher)
            check_parameters(query.cypher, query.params)
            timings.append(time.perf_counter() - start)
    chars = statistics.mean(len(q.cypher) for q in library.values())
    print(f"{len(library)} named queries, mean {chars:.0f} characters, {len(timings)} checks")
    print(f"median {statistics.median(timings) * 1e6:.0f} us, "
          f"p95 {sorted(timings)[int(len(timings) * 0.95)] * 1e6:.0f} us per query")


if __name__ == "__main__":
    main()
