"""A local SparkSession with settings that suit graphbuild's job (and small machines)."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import signal
import sys
import threading
import warnings
from collections.abc import Iterator
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
    with _starting():
        spark = builder.getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
    return spark


@contextlib.contextmanager
def _starting() -> Iterator[None]:
    """Start-up of a session: a Ctrl-C (or an error) meanwhile ends the JVM it launched, and shows nothing more.

    PySpark starts the JVM with SIGINT ignored and waits for it in a loop: a Ctrl-C there left the JVM
    running after the command had ended, holding its standard streams open (a caller reading them waited
    for ever) and printing a Java stack trace. Later in the start, a KeyboardInterrupt raised inside a call
    to the JVM, or PySpark's own SIGINT handler (set once its context is up) calling the JVM from inside
    that call, logged Python tracebacks. Here the launched process is recorded as it starts, and the first
    Ctrl-C kills it, turns logging off and raises KeyboardInterrupt (at once outside a call to the JVM, else
    once that call has failed for the JVM's end); later ones are ignored until the start has ended (within
    a second, nothing being left to wait for). PySpark's handler is not set; the SIGINT handler in place
    before (the command's) is put back after the start.
    """
    import pyspark.core.context as context_module
    import pyspark.java_gateway as java_gateway
    from pyspark import SparkContext

    launched: list[Any] = []
    popen = java_gateway.Popen

    def recording_popen(*args: Any, **kwargs: Any) -> Any:
        proc = popen(*args, **kwargs)
        launched.append(proc)
        return proc

    interrupted: list[bool] = []
    disabled = logging.root.manager.disable

    def on_sigint(signum: int, frame: Any) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        interrupted.append(True)
        logging.disable(logging.CRITICAL)  # py4j logs every failed call to the ended JVM on the root logger
        _kill(launched)
        if not launched or not _in_gateway_call(frame):
            raise KeyboardInterrupt

    main = threading.current_thread() is threading.main_thread()  # elsewhere no handler runs (nor can be set)
    handler = signal.signal(signal.SIGINT, on_sigint) if main else None
    setattr(java_gateway, "Popen", recording_popen)  # noqa: B010 (typed as a module's own; put back below)
    if main:
        setattr(context_module, "signal", _NoSigint())  # noqa: B010
    try:
        yield
        if interrupted:  # pressed as the start's last call returned
            raise KeyboardInterrupt
    except BaseException:
        _end_launched(launched, SparkContext)
        if interrupted:
            raise KeyboardInterrupt from None
        raise
    finally:
        setattr(java_gateway, "Popen", popen)  # noqa: B010
        if main:
            setattr(context_module, "signal", signal)  # noqa: B010
            signal.signal(signal.SIGINT, handler if handler is not None else signal.default_int_handler)
            logging.disable(disabled)


class _NoSigint:
    """``signal`` as PySpark's context module sees it during :func:`_starting`: its SIGINT handler is not set."""

    SIGINT = signal.SIGINT

    def signal(self, signum: int, handler: Any) -> Any:
        return signal.getsignal(signum) if signum == signal.SIGINT else signal.signal(signum, handler)

    def __getattr__(self, name: str) -> Any:
        return getattr(signal, name)


def _in_gateway_call(frame: Any) -> bool:
    """Whether ``frame`` or one of its callers is Py4J's (a call into the JVM)."""
    while frame is not None:
        if frame.f_globals.get("__name__", "").startswith("py4j."):
            return True
        frame = frame.f_back
    return False


def _kill(launched: list[Any]) -> None:
    for proc in launched:
        with contextlib.suppress(OSError):
            proc.kill()


def _end_launched(launched: list[Any], context: Any) -> None:
    """Kill the JVM(s) a failed start launched and forget PySpark's gateway to it (nothing else is written)."""
    _kill(launched)
    for proc in launched:
        proc.wait()
    gateway = context._gateway
    if launched and gateway is not None:
        with contextlib.suppress(Exception):
            gateway.shutdown()
        context._gateway = context._jvm = context._active_spark_context = None


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
