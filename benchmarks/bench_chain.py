"""Time the embedded store takes to run one long operator chain (``RETURN 1+1+...``), bypassing the guard,
and what the guard says of it: the figures behind :data:`graphbuild.cypher_guard.MAX_CHAIN`.

Usage: python benchmarks/bench_chain.py [--terms 250 500 1000 2000 4000] [--operator +]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import networkx as nx

from graphbuild.cypher_guard import MAX_CHAIN, check_query
from graphbuild.errors import QueryError
from graphbuild.graph import graph_to_tables
from graphbuild.stores.embedded import EmbeddedStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, nargs="+", default=[250, 500, 1000, 2000, 4000])
    parser.add_argument("--operator", default="+", help="the operator chained: +, *, ' OR ', ' AND ' ...")
    args = parser.parse_args()
    term = "true" if args.operator.strip().upper() in ("AND", "OR", "XOR") else "1"
    print(f"load average {os.getloadavg()[0]:.2f}; the guard refuses more than {MAX_CHAIN} operators")
    with tempfile.TemporaryDirectory() as folder:
        store = EmbeddedStore(Path(folder) / "db")
        store.sync(graph_to_tables(nx.MultiDiGraph()))  # an empty graph: the chain reads nothing
        conn = store._connect(write=False)
        for n in args.terms:
            cypher = "RETURN " + args.operator.join([term] * n) + " AS x"
            try:
                check_query(cypher)
                verdict = "allowed"
            except QueryError:
                verdict = "refused"
            start = time.perf_counter()
            store._rows(conn, cypher)  # the store's own time, past the guard
            print(f"{n:6d} terms: {time.perf_counter() - start:8.2f} s  (guard: {verdict})", flush=True)
        store.close()


if __name__ == "__main__":
    main()
