"""A local SparkSession with settings that suit graphbuild's job (and small machines)."""

from __future__ import annotations

import os
import re
import sys
import warnings
from typing import Any

from ..errors import GraphbuildError, UsageError

__all__ = ["get_session", "stop_session", "require_pyspark", "check_master", "SparkUnavailable"]

INSTALL_HINT = "the Spark build needs PySpark and Java 17: pip install 'graphbuild[spark]'"


class SparkUnavailable(GraphbuildError):
    """PySpark (the ``spark`` extra) is not installed."""

    code = "E700"


def require_pyspark() -> None:
    """Raise :class:`SparkUnavailable` [E700], naming the extra to install, when PySpark is missing."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise SparkUnavailable(INSTALL_HINT) from None


def get_session(master: str | None = None, *, app: str = "graphbuild", shuffle_partitions: int | None = None) -> Any:
    """The active SparkSession, or a new one on ``master`` (default: spark-submit's, else ``local[*]``).

    Python workers run this interpreter (``PYSPARK_PYTHON``), so they import the
    same graphbuild and spaCy; a local session binds to the loopback interface.
    """
    require_pyspark()
    if master is not None:
        check_master(master)
    from pyspark.sql import SparkSession

    # PySpark warns at every pandas UDF that it does not fully support pandas 3 yet; the Spark tests run
    # graphbuild's UDFs on the pandas installed, so on a build's standard error the warning is only noise
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app)
    # under spark-submit the gateway is already up and the master comes from its --master
    if master or "PYSPARK_GATEWAY_PORT" not in os.environ:
        master = master or "local[*]"
        builder = builder.master(master)
    if master and master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = (builder.config("spark.driver.host", "127.0.0.1")
                   .config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false")
                   .config("spark.sql.shuffle.partitions", str(shuffle_partitions or 8))
                   .config("spark.driver.extraJavaOptions", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"))
    elif shuffle_partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(shuffle_partitions))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


#: The master URLs Spark takes (``local[0]`` or ``local[abc]`` failed inside the JVM, with a Java and a Python
#: traceback): local, local[N], local[*], local[N,F], local-cluster[N,C,M], spark://..., k8s://..., yarn.
_MASTER = re.compile(r"local(\[(\*|[1-9]\d*)(,\s*\d+)?\])?|local-cluster\[[1-9]\d*,\s*[1-9]\d*,\s*[1-9]\d*\]"
                     r"|(spark|k8s)://\S+|yarn")


def check_master(master: object) -> None:
    """Refuse ``master`` [E710] unless it is a Spark master URL, before a JVM starts for it."""
    if not isinstance(master, str) or not _MASTER.fullmatch(master):
        raise UsageError(f"--master {master!r} is not a Spark master URL: use local, local[N] (N threads, 1 or "
                         "more), local[*], spark://HOST:PORT, k8s://HOST:PORT or yarn")


def stop_session(spark: Any, *, wait: float = 10.0) -> None:
    """Stop ``spark`` and the JVM this process launched for it (none under spark-submit).

    ``SparkSession.stop`` leaves the Py4J gateway's JVM running until the
    interpreter exits; a JVM that outlives its parent keeps the parent's
    standard streams open (a CI job waiting on them hangs). The gateway is
    shut down and the launched JVM terminated, killed after ``wait`` seconds.
    """
    import subprocess

    from pyspark import SparkContext

    gateway = SparkContext._gateway
    proc = getattr(gateway, "proc", None)  # only set when this process launched the JVM
    spark.stop()
    if gateway is not None:
        gateway.shutdown()
        SparkContext._gateway = None
        SparkContext._jvm = None
    if proc is None:
        return
    if proc.stdin is not None:
        proc.stdin.close()  # the gateway JVM exits when its standard input closes
    try:
        proc.wait(wait)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
