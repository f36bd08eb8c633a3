"""spark build and load: the build as a Spark job, and its Parquet output into a workspace."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
import time
import types
from collections.abc import Callable
from typing import Any

from ._common import _add_wait, _curation_checked, _settings, _workspace


def cmd_spark_build(args: argparse.Namespace) -> int:
    """``graphbuild spark build``: the build as a PySpark job, Parquet tables out."""
    from ..ingest import skipped_lines
    from ..spark.job import prepare, run, summary
    from ..spark.session import get_session, require_pyspark, stop_session

    # an input it cannot read (without --skip-bad), a missing pipeline folder or a malformed user gazetteer: one
    # coded line, before the JVM's own start-up lines (and whether or not PySpark is installed)
    job = prepare(args.inputs, _settings(args), skip_bad=args.skip_bad)
    require_pyspark()  # before anything slow: one line naming the extra when PySpark is missing
    try:
        spark = get_session(args.master)
    except KeyboardInterrupt:  # the JVM it launched is gone (graphbuild.spark.session): the one interrupted line
        raise KeyboardInterrupt(f"Spark was starting; {args.out} was left as it was") from None
    interrupted, finished = _ctrl_c_cancels_jobs(spark)
    start = time.monotonic()

    def done(stage: str) -> None:  # a line per stage: logs of a long job show it is alive
        print(f"spark build: {stage} done ({time.monotonic() - start:.0f} s)", file=sys.stderr, flush=True)

    skipped: list[str] = []
    warned: list[str] = []  # as `graphbuild build` words them: a reference whose DOI is not one, ...

    def skipping(lines: list[str], total: int) -> None:  # the first bad records, named as a build names them
        skipped.extend(skipped_lines(lines, total=total))

    try:
        counts = run(job, args.out, spark=spark, skip_bad=args.skip_bad, on_stage=done, on_skipped=skipping,
                     on_warnings=warned.extend)
    except BaseException:
        if interrupted.is_set():  # what the cancelled job raised is not news: the one interrupted line instead
            raise KeyboardInterrupt(f"the Spark job was stopped; {args.out} was left as it was") from None
        raise
    finally:
        finished()
        stop_session(spark)
    if interrupted.is_set():  # pressed as the last call into the JVM returned
        raise KeyboardInterrupt(f"the Spark job had finished; {args.out} was written")
    for line in warned:  # on the standard error, as `graphbuild build` says them (its counts go to the output)
        print(line, file=sys.stderr)
    print(f"wrote {args.out}")
    print(summary(args.out, counts))  # as `graphbuild build` counts: external stubs apart from the corpus papers
    for line in skipped:  # among the counts, as `graphbuild build` lists the skipped records
        print(line)
    note = curation_note(_settings(args), args.out)
    if note:
        print(note, file=sys.stderr)
    return 0


def curation_note(settings: Any, out: str) -> str | None:
    """One line when the curation file ``settings`` name (the ``curation`` setting, else the workspace's
    ``curation.jsonl``) holds operations: the Spark job applies none, ``graphbuild load`` of ``out`` (its
    output) into that workspace does. None otherwise, and for a malformed file (the job does not read it; the
    load says what is wrong).
    """
    from ..curation import find_curation_file, read_curation
    from ..errors import InputError

    path = find_curation_file(settings.workspace, settings.curation or None)
    try:
        ops = read_curation(path)
    except InputError:
        return None
    if not ops:
        return None
    return (f"note: the Spark job applies no curation; `graphbuild load {out} -w {settings.workspace}` applies "
            f"the {len(ops)} operation(s) in {path}")


def _ctrl_c_cancels_jobs(spark: Any) -> tuple[threading.Event, Callable[[], None]]:
    """Make the first Ctrl-C cancel ``spark``'s jobs and a second one stop at once; returns the event set by
    that Ctrl-C and what to call before the session stops.

    PySpark's context sets its own SIGINT handler, in place of the command's. It asks the JVM to cancel the
    jobs from inside the handler while the main thread waits on the same gateway (two tracebacks on the
    standard error), and raises on every Ctrl-C, so a second one did not stop at once. Here a Ctrl-C while the
    main thread waits on the JVM cancels the jobs from a thread of its own (again every half second, so a job
    started next is cancelled too), and the caller turns the cancelled job's error into the one interrupted
    line; elsewhere it raises KeyboardInterrupt, as the command's handler does. Either way Spark's log is
    turned off: the cancelled tasks log errors as they stop.
    """
    import signal

    from ..spark.session import _in_gateway_call
    from . import stop_at_once

    interrupted, finished = threading.Event(), threading.Event()
    if threading.current_thread() is not threading.main_thread():  # no handler can be set
        return interrupted, finished.set

    def cancel() -> None:
        try:
            quiet()
            while not finished.is_set():
                spark.sparkContext.cancelAllJobs()
                finished.wait(0.5)
        except Exception:  # the session is stopping: nothing left to cancel
            return

    def quiet() -> None:  # what the cancelled tasks log as they stop is not news: one interrupted line instead
        spark.sparkContext.setLogLevel("OFF")

    def finish() -> None:
        finished.set()
        if interrupted.is_set():
            with contextlib.suppress(Exception):  # a gateway that is gone has nothing more to log
                quiet()

    def first(signum: int, frame: types.FrameType | None) -> None:
        signal.signal(signal.SIGINT, stop_at_once)
        interrupted.set()
        if not _in_gateway_call(frame):
            raise KeyboardInterrupt
        threading.Thread(target=cancel, name="graphbuild-cancel", daemon=True).start()

    signal.signal(signal.SIGINT, first)
    return interrupted, finish


def cmd_load(args: argparse.Namespace) -> int:
    """``graphbuild load``: Parquet tables of a Spark build into a workspace (and neo4j-admin files)."""
    from ..load import load_parquet

    ws = _workspace(args)
    _curation_checked(args, ws)
    report = load_parquet(args.folder, ws, neo4j_dir=args.neo4j_import, wait=args.wait,
                          log=lambda m: print(m, file=sys.stderr))
    print(f"workspace: {ws.path}")
    print(report.summary())
    if args.neo4j_import:
        print(f"first Neo4j load: see {os.path.join(args.neo4j_import, 'neo4j-admin-import.txt')}; "
              f"later updates: graphbuild push -w {ws.path}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser,
             nlp: argparse.ArgumentParser) -> None:
    """Add this module's subcommands to the parser."""
    sp = sub.add_parser("spark", help="run the build as an Apache Spark job (pip install 'graphbuild[spark]')")
    spsub = sp.add_subparsers(dest="spark_command", required=True, metavar="COMMAND")
    b = spsub.add_parser("build", parents=[nlp], help="JSONL/Parquet shards in, Parquet node and relationship "
                                                      "tables out")
    b.add_argument("inputs", nargs="+", metavar="INPUT",
                   help=".jsonl, .jsonl.gz or .parquet files or folders; a file in a folder that `graphbuild build` "
                        "reads and this job does not (.bib, .csv, .json, .txt, .atom, ...) stops the job, as does a "
                        "file that is not UTF-8 text (--skip-bad leaves them out, naming each)")
    b.add_argument("--out", required=True, help="output folder (replaced when the job succeeds)")
    b.add_argument("--master", help="Spark master URL (default: spark-submit's, else local[*])")
    b.add_argument("--skip-bad", action="store_true",
                   help="skip unusable records, and input files the job cannot read, and report them")
    b.add_argument("--config", help="settings file (default: ./graphbuild.toml if present)")
    b.set_defaults(func=cmd_spark_build)

    lo = sub.add_parser("load", parents=[common], help="load a Spark build's Parquet output into a workspace")
    lo.add_argument("folder", metavar="DIR", help="the --out folder of `graphbuild spark build`")
    lo.add_argument("--neo4j-import", metavar="OUT", help="also write neo4j-admin import files there")
    _add_wait(lo)
    lo.set_defaults(func=cmd_load)
