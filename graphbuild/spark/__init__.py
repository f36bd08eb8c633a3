"""graphbuild on Apache Spark: the build as a PySpark job over JSON Lines and Parquet shards.

    from graphbuild.spark import build
    build(["shards/"], "graph-parquet/")        # a local session on all cores

Install with ``pip install 'graphbuild[spark]'`` (PySpark; Java 17 must be on
the machine). The output loads with ``graphbuild load DIR -w WS``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["build"]


def build(*args: Any, **kwargs: Any) -> dict[str, int]:
    """Run :func:`graphbuild.spark.job.build` (imported on first use)."""
    from .job import build as run

    return run(*args, **kwargs)
