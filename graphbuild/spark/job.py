"""``graphbuild spark build``: the single-machine build as an Apache Spark job.

Stages (each a Spark transformation; nothing of the corpus is collected to
the driver):

1. **read**: JSON Lines (plain or gzipped) and Parquet files, in the order
   given (folders searched as a single build searches them:
   :func:`spark_inputs`), numbered in reading order; each record becomes a
   Paper through the readers' own record functions (plain objects, Semantic
   Scholar papers, OpenAlex works). A UTF-16 or UTF-32 JSON Lines file (with
   its byte-order mark) is read by one task with the single build's reader. A
   JSON Lines file whose bytes are not all
   UTF-8 (which Spark's text reader would turn into replacement characters)
   is found by a task per file on the executors and left out whole, with the
   single build's error (:func:`_undecodable`).
2. **merge**: papers that share an exact key or a title are grouped
   (connected components, computed by aggregations); each group is merged
   by :func:`~graphbuild.ingest.merge.merge_papers`, and its records that
   share an id but not a title give the single build's warnings
   (:func:`~graphbuild.spark.steps.id_conflict_group`).
3. **extract**: the spaCy pipeline, built once per Python worker
   (``cached_pipeline``), runs over each partition (``mapInPandas``) through
   the single build's own pass (:func:`~graphbuild.nlp.pipeline.extract_papers`),
   its decision seeing the casing statistics of the whole corpus (counted by
   an aggregation, as a fresh single build counts them over every paper); each
   paper's extraction is kept with the cache key a single build gives it
   (the pipeline fingerprint and a digest of the paper's text). The
   pipeline loads the gazetteer a single build loads (the shipped one, or
   the shipped one merged with the user's by
   :func:`~graphbuild.user_gazetteer.effective_gazetteer`): the driver
   merges it, before any Spark work, and ships the file with the job
   (``SparkContext.addFile``), so executors on other machines load it too.
   A local pipeline folder (what ``graphbuild train`` writes) travels the
   same way, packed as a zip archive that Spark unpacks on every executor
   (``SparkContext.addArchive``); a model named as an installed package is
   loaded by that name. Each paper's mentions (the rows resolution groups,
   with the keys they are grouped on and the name keys and per-role
   confidence the enrich step joins on) come out of this step beside its
   extraction, so no later step parses the extraction again, and a mention's
   JSON is read once, by resolution.
4. **resolve**: mentions that share a name key are grouped the same way;
   each group is resolved by :func:`~graphbuild.resolve.resolve_entities`;
   groups whose entities end with one id are joined by an aggregation over
   that id (same type: one entity; another type: ``<id>:<type>``).
5. **enrich**: the ``confidence`` of entities and links (the paper's first
   matching mention, found by a join on name keys) and the reported results
   (``report_results`` per paper over its links), as in the single build
   (:mod:`graphbuild.spark.enrich`).
6. **cite**: references are matched to corpus papers by joins on the exact
   keys (strongest key wins, then the title rule); the rest become external
   stubs merged per key group; inferred citations are a join of proposals and
   uses on the entity id.
7. **write**: Parquet tables ``nodes/<Label>/`` and ``rels/<TYPE>/`` with the
   columns of :mod:`graphbuild.schema`, and ``corpus/papers/`` and
   ``corpus/extractions/`` (the merged records and their extractions, which
   ``graphbuild load`` turns into the workspace's extraction cache), written
   to a temporary folder and renamed into place. Communities (Leiden over
   the whole graph) are left to ``graphbuild load``.

Where an aggregation approximates the single-machine rule it says so in
:data:`APPROXIMATIONS`. Everything the driver checks and prepares before any
Spark work (input files, pipeline folder, gazetteer, fingerprint) is
:func:`prepare`; ``graphbuild spark build`` calls it before the JVM starts.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import arguments
from ..errors import InputError, UsageError, warning_line
from ..fsutil import atomic_output, cache_dir, cannot_write, fresh_temp_folder, output_error, pause, swap_in_folder
from ..graph import count_lines
from ..ingest import SKIPPED_SHOWN, every_input_empty, no_paper_read, skipped_whole, warning_lines
from ..ingest.fields import collecting_warnings, wide_encoding
from ..load import CORPUS
from ..schema import NODE_TABLES, REL_TABLES
from ..settings import Settings
from ..stages import fingerprint_of, hash_folder
from ..user_gazetteer import effective_gazetteer
from . import steps

__all__ = ["build", "prepare", "run", "summary", "external_papers", "Prepared", "spark_inputs", "pipeline_folder",
           "pack_pipeline", "ship_file", "ship_archive", "APPROXIMATIONS", "OTHER_FORMAT", "SPARK_EXTENSIONS",
           "NOT_PRODUCED_TABLES", "NOT_PRODUCED_COLUMNS"]

#: Where the Spark build may differ from ``graphbuild build`` (none on the test corpora).
APPROXIMATIONS = (
    "an entity's family is found among the entities of its own mention group and the gazetteer; "
    "a family that is only a separate group of mentions is linked when both groups meet on one id",
    "an external stub whose title-hash id equals a corpus paper's id gets ':<year>' once, not a counter",
)

_TYPES = {"STRING": "string", "INT64": "bigint", "BOOLEAN": "boolean", "DOUBLE": "double",
          "STRING[]": "array<string>"}

#: tables of :mod:`graphbuild.schema` the Spark job does not write: communities are a whole-graph
#: computation (Leiden over one graph), so ``graphbuild load`` runs
#: :func:`graphbuild.communities.add_communities` on the loaded graph
NOT_PRODUCED_TABLES = ("Community", "IN_COMMUNITY")
#: columns of written tables the Spark job leaves out (none: kept for outputs that do, see ``load``)
NOT_PRODUCED_COLUMNS: dict[str, tuple[str, ...]] = {}


#: the file name endings the job reads, and how: JSON Lines as text (plain or gzipped), Parquet as tables
SPARK_EXTENSIONS = {".jsonl": "text", ".ndjson": "text", ".jsonl.gz": "text", ".ndjson.gz": "text",
                    ".json.gz": "text", ".parquet": "parquet"}
#: why the job leaves out a file of another format (one a single build reads, in a folder, or any named file)
OTHER_FORMAT = ("the Spark build reads only JSON Lines (.jsonl, .jsonl.gz) and Parquet (.parquet) files: convert "
                "it to JSON Lines, or add it with `graphbuild build -w WS` to the workspace `graphbuild load` makes; "
                "--skip-bad leaves such files out")

#: an input the job cannot read: the number of readable files before it, its error, ``file`` or ``folder``
Unread = tuple[int, InputError, str]


def spark_inputs(paths: Iterable[str | os.PathLike]) -> tuple[list[tuple[str, str]], list[Unread]]:
    """The input files the job reads, ``(kind, path)`` in reading order (kind ``text`` or ``parquet``), and the
    inputs it cannot read (:data:`Unread`, in the same order).

    Folders are searched as ``graphbuild build`` searches them
    (:func:`~graphbuild.ingest.expand_inputs`: sorted, hidden files and
    workspaces passed over, a subfolder that cannot be listed an error). A
    file there of a format the single build reads and the job does not
    (BibTeX, CSV, JSON, arXiv Atom, Daily Papers text) is an input the job
    cannot read (:data:`OTHER_FORMAT`), never passed over in silence; other
    files are passed over, as the single build passes them over. A missing
    path and a folder without any file the job reads are errors worded as the
    single build words them.
    """
    from ..ingest import expand_inputs, folder_without_inputs, missing_input, reader_extensions

    named = [Path(p) for p in paths]
    files: list[tuple[str, str]] = []
    unread: list[Unread] = []
    for item in expand_inputs(named, sorted({*SPARK_EXTENSIONS, *reader_extensions(gzipped=True)})):
        if isinstance(item, InputError):  # a workspace named as an input, a subfolder that cannot be listed
            unread.append((len(files), item, "folder"))
            continue
        name = item.name.lower()
        kind = next((k for ext, k in SPARK_EXTENSIONS.items() if name.endswith(ext)), None)
        if not os.path.exists(item):  # (Path.exists raises for a name too long for the system)
            error = missing_input(item)
        elif os.path.isdir(item):
            error = folder_without_inputs(item, "the Spark build reads", sorted(SPARK_EXTENSIONS),
                                          "rename its JSON Lines and Parquet files to end in one of these")
        elif kind is None:
            error = InputError(item, None, OTHER_FORMAT)
        else:
            files.append((kind, str(item)))
            continue
        unread.append((len(files), error, "file"))
    if not files and not unread:
        raise InputError(", ".join(map(str, named)) or "INPUT", None, "no .jsonl, .jsonl.gz or .parquet files")
    return files, unread


def table_columns(name: str) -> dict[str, str]:
    """Column -> Spark SQL type of a node label's or relationship type's table, as the job writes it."""
    if name in NODE_TABLES:
        columns = NODE_TABLES[name]
    else:
        columns = {"from": "STRING", "to": "STRING", **REL_TABLES[name][2]}
    left_out = NOT_PRODUCED_COLUMNS.get(name, ())
    return {c: _TYPES[t] for c, t in columns.items() if c not in left_out}


def _components(edges: Any, nodes: Any, max_rounds: int = 30) -> Any:
    """Connected components of ``nodes`` (column ``node``) joined by shared ``key`` in ``edges``.

    Returns ``node, comp, single``: ``comp`` is the smallest node id reachable
    through shared keys, ``single`` says the node shares no key (its component
    is itself). Keys held by one node are dropped first (most keys are), so
    the min-label propagation (one pair of aggregations a round) runs over the
    nodes that do share one.
    """
    from pyspark.sql import functions as F

    shared = (edges.groupBy("key").agg(F.min("node").alias("lo"), F.max("node").alias("hi"))
              .where("lo != hi").select("key"))
    edges = edges.join(shared, "key").select("node", "key").localCheckpoint()
    label = edges.select("node").distinct().select("node", F.col("node").alias("comp")).localCheckpoint()
    for _ in range(max_rounds):
        by_key = edges.join(label, "node").groupBy("key").agg(F.min("comp").alias("kmin"))
        best = edges.join(by_key, "key").groupBy("node").agg(F.min("kmin").alias("kmin"))
        new = (label.join(best, "node", "left")
               .select("node", F.least("comp", F.coalesce("kmin", "comp")).alias("comp"))
               .localCheckpoint())
        changed = new.join(label.withColumnRenamed("comp", "old"), "node").where("comp != old").count()
        label = new
        if changed == 0:
            return (nodes.select("node").join(label, "node", "left")
                    .select("node", F.coalesce("comp", "node").alias("comp"), F.col("comp").isNull().alias("single")))
    raise RuntimeError("key groups did not settle; the input has an unusually long chain of shared keys")


def per_group(df: Any, run: Callable[[list[tuple]], list[tuple]], columns: list[str], schema: str) -> Any:
    """``run`` over each component of ``df`` (columns ``comp, single`` of :func:`_components` and ``columns``).

    ``run`` takes a group's rows (tuples of ``columns``) and returns rows of
    ``schema``. A group's members travel as one row of JSON text: a one-member
    group (most are) as it is, a larger one gathered by an aggregation
    (``collect_list``); ``mapInPandas`` then runs ``run`` on each such row, so
    no group pays the per-group pandas and Arrow set-up of ``applyInPandas``.
    """
    from pyspark.sql import functions as F

    names = [c.split()[0].strip("`") for c in schema.split(",")]

    def each(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        for pdf in batches:
            out = []
            for text in pdf["members"]:  # to_json leaves null fields out
                out.extend(run([tuple(m.get(c) for c in columns) for m in json.loads(text)]))
            yield pd.DataFrame(out, columns=names)

    member = F.struct(*columns)
    singles = df.where("single").select(F.to_json(F.array(member)).alias("members"))
    groups = (df.where("NOT single").groupBy("comp").agg(F.to_json(F.collect_list(member)).alias("members"))
              .select("members"))
    return singles.unionByName(groups).mapInPandas(each, schema)


def _read(spark: Any, inputs: list[tuple[str, str]]) -> Any:
    """DataFrame (ord, raw, src, line): every record as JSON text, numbered in reading order, with its
    file and its line there (a JSON Lines file; blank lines are skipped but counted) or row (Parquet). A UTF-16 or
    UTF-32 JSON Lines file, which Spark's text reader cannot read, is read by one task as a single build reads it
    (:func:`~graphbuild.spark.steps.wide_text_lines`).
    """
    sc = spark.sparkContext
    rdds = []
    for kind, path in inputs:
        if kind == "text" and wide_encoding(path):
            rdds.append(sc.parallelize([path], 1).flatMap(steps.wide_text_lines))
        elif kind == "text":
            rdds.append(sc.textFile(local_uri(path)).zipWithIndex()
                        .filter(lambda pair: pair[0].strip() != "")
                        .map(lambda pair, path=path: (pair[0], path, pair[1] + 1)))
        else:
            rdds.append(spark.read.parquet(local_uri(path)).rdd.zipWithIndex().map(
                lambda pair, path=path: (json.dumps(pair[0].asDict(recursive=True), default=str, ensure_ascii=False),
                                         path, pair[1] + 1)))
    numbered = (sc.union(rdds) if rdds else sc.emptyRDD()).zipWithIndex().map(lambda pair: (pair[1], *pair[0]))
    return spark.createDataFrame(numbered, "ord bigint, raw string, src string, line bigint")


def _undecodable(spark: Any, files: list[tuple[str, str]]) -> list[tuple[tuple[int, int, int], InputError, str]]:
    """The JSON Lines files of ``files`` a single build cannot read (not UTF-8 text, a broken gzip file), each
    with its sort key (its place in ``files``) and the single build's error
    (:func:`~graphbuild.spark.steps.text_error`).

    Spark's text reader puts a replacement character in place of bytes that are not UTF-8, so the files are
    checked as bytes: a task per file streams it on an executor; only the errors come back to the driver.
    """
    texts = [(i, path) for i, (kind, path) in enumerate(files) if kind == "text"]
    if not texts:
        return []
    found = (spark.sparkContext.parallelize(texts, len(texts))
             .map(lambda item: (item[0], item[1], steps.text_error(item[1])))
             .filter(lambda item: item[2] is not None).collect())
    return [((i, 1, 0), InputError(path, line, message), "file") for i, path, (line, message) in sorted(found)]


#: the columns of :func:`_parser`'s rows (every record keeps its file, a bad one its line too;
#: ``warnings``: the JSON list of the lines :func:`graphbuild.ingest.fields.warn` gave the record, or null)
PARSED_SCHEMA = "ord bigint, paper string, error string, keys string, src string, line bigint, warnings string"


def _parser(kinds: dict[str, str]) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """The ``mapInPandas`` function reading each record (``kinds``: file -> ``text`` or ``parquet``).

    A bad record keeps the message of the error a single build's reader gives it (a JSON Lines record is
    read knowing its line; a Parquet row is named by :func:`_record_error`). A record kept without a part
    of it (a reference whose DOI is not one) carries the warning lines a single build prints for it.
    """

    def parse(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        for df in batches:
            out: list[tuple[Any, str | None, str | None, str, str, int | None, str | None]] = []
            for ord_, raw, src, line in zip(df["ord"], df["raw"], df["src"], df["line"]):
                row: tuple[Any, str | None, str | None, str, str, int | None]
                with collecting_warnings() as warned:
                    try:
                        paper = steps.paper_from_json(raw, Path(src),
                                                      int(line) if kinds.get(src) == "text" else None)
                        row = (ord_, steps.paper_to_json(paper), None, json.dumps(steps.paper_keys(paper)), src, None)
                    except InputError as exc:
                        row = (ord_, None, exc.message, "[]", src, int(line))
                out.append((*row, json.dumps(warned) if warned else None))
            yield pd.DataFrame(out, columns=["ord", "paper", "error", "keys", "src", "line", "warnings"])

    return parse


def _record_error(row: Any, kinds: dict[str, str]) -> InputError:
    """A bad record of :func:`_parser` as the single build reports it: its file and line (a Parquet row by number)."""
    if kinds.get(row["src"]) == "text":
        return InputError(row["src"], row["line"], row["error"])
    return InputError(row["src"], None, f"row {row['line']}: {row['error']}")


def _record_warnings(parsed: Any) -> tuple[list[str], int]:
    """The first :data:`~graphbuild.ingest.SKIPPED_SHOWN` warning lines of rows ``ord, warnings`` (a JSON list of
    lines, or null: :func:`_parser`'s, :func:`_merge_group`'s), in reading order, and how many there are in all
    (only these rows and one sum come back to the driver).
    """
    from pyspark.sql import functions as F

    warned = parsed.where("warnings IS NOT NULL").select("ord", F.from_json("warnings", "array<string>").alias("w"))
    total = warned.select(F.sum(F.size("w"))).first()[0] or 0
    rows = warned.orderBy("ord").limit(SKIPPED_SHOWN).collect() if total else []  # a row warns at least once
    return [line for row in rows for line in row["w"]][:SKIPPED_SHOWN], int(total)


def _casing(batches: Iterator[Any]) -> Iterator[Any]:
    """Per partition: the word casing counts of :class:`graphbuild.nlp.features.CorpusStats` (additive)."""
    import pandas as pd

    from ..nlp.features import CorpusStats

    stats = CorpusStats()
    for df in batches:
        for text in df["paper"]:
            stats.add(steps.paper_of(text).text)
    rows = [(word, *row) for word, row in stats.counts.items()]
    rows.append(("", 0, 0, stats.papers))  # "" is no word: it carries the number of papers
    yield pd.DataFrame(rows, columns=["word", "cap", "low", "papers"])


def _corpus_casing(papers: Any) -> dict[str, list[int]]:
    """The casing statistics of the whole corpus, as ``graphbuild build`` gives its decision layer."""
    from pyspark.sql import functions as F

    sums = (papers.mapInPandas(_casing, "word string, cap bigint, low bigint, papers bigint")
            .groupBy("word").agg(F.sum("cap").alias("cap"), F.sum("low").alias("low"),
                                 F.sum("papers").alias("papers")))
    return {r["word"]: [int(r["cap"]), int(r["low"]), int(r["papers"])] for r in sums.collect()}


#: the extractor's rows: a paper's extraction (with its cache key) and its mentions (:func:`_extraction_row`)
EXTRACTION_SCHEMA = ("order bigint, paper_id string, fingerprint string, extraction string, "
                     "mentions array<struct<mention: string, buckets: array<string>, name_keys: array<string>, "
                     "confidence: array<double>>>")


def _extraction_row(order: int, paper: Any, ex: Any, fingerprint: str, corpus: Any,
                    words: tuple[str, ...]) -> tuple[Any, ...]:
    """A paper's row of :data:`EXTRACTION_SCHEMA`: its extraction as JSON, keyed as a single build caches it
    (``corpus``: the whole corpus's :class:`~graphbuild.nlp.features.CorpusStats`; ``words``: those whose
    casing its decision read), and, for each of its first :data:`~graphbuild.spark.steps.MAX_ENTITIES`
    entities, the entity's JSON (which resolution reads), the keys it is grouped on
    (:func:`~graphbuild.spark.steps.mention_buckets`) and what the confidence step needs
    (:func:`~graphbuild.spark.enrich.mention_fields`): no later step parses the JSON for them.
    """
    from ..stages import extraction_key
    from .enrich import mention_fields

    data, cap = ex.to_dict(), steps.MAX_ENTITIES
    mentions = [{"mention": json.dumps(d, ensure_ascii=False), "buckets": steps.mention_buckets(em),
                 **mention_fields(em)} for d, em in zip(data["entities"][:cap], ex.entities[:cap])]
    return (order, ex.paper_id, extraction_key(paper, fingerprint, corpus, words), json.dumps(data, ensure_ascii=False),
            mentions)


def _extractor(model: str, gazetteer: str, fingerprint: str, batch_size: int, casing: Any):
    """A mapInPandas function: each merged paper's row of :data:`EXTRACTION_SCHEMA`.

    ``model`` and ``gazetteer`` as :func:`~graphbuild.spark.steps.worker_pipeline` takes them.
    """
    def extract(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        from ..nlp.features import CorpusStats
        from ..nlp.pipeline import extract_with_casing

        nlp = steps.worker_pipeline(model, gazetteer)
        stats = CorpusStats()  # the whole corpus's casing, not this partition's
        stats.counts = dict(casing.value)
        stats.papers = stats.counts.pop("", [0, 0, 0])[2]
        for df in batches:
            papers = [steps.paper_of(t) for t in df["paper"]]
            # the single build's own pass (its Docs, its decision) over the partition's papers
            extractions = extract_with_casing(papers, nlp, batch_size=batch_size, corpus=stats)
            rows = [_extraction_row(int(order), paper, ex, fingerprint, stats, words)
                    for order, paper, (ex, words) in zip(df["order"], papers, extractions, strict=True)]
            yield pd.DataFrame(rows, columns=["order", "paper_id", "fingerprint", "extraction", "mentions"])
    return extract


def _mentions(extractions: Any) -> Any:
    """The rows resolution groups, one per entity the extractor emitted: ``node, paper_id`` and the fields of
    :data:`EXTRACTION_SCHEMA`'s mentions (``mention, buckets, name_keys, confidence``).

    ``node`` numbers them by the paper's order: ``order * MAX_ENTITIES`` plus the entity's place.
    """
    from pyspark.sql import functions as F

    return extractions.select("order", "paper_id", F.posexplode("mentions").alias("j", "m")).select(
        (F.col("order") * steps.MAX_ENTITIES + F.col("j")).alias("node"), "paper_id", "m.*")


def _resolver(model: str, gazetteer: str) -> Callable[[list[tuple]], list[tuple]]:
    """A :func:`per_group` function: a group of mentions resolved against the pipeline's gazetteer."""
    def resolve(rows: list[tuple]) -> list[tuple]:
        from ..nlp.pipeline import _gazetteer

        gaz = _gazetteer(steps.worker_pipeline(model, gazetteer))
        entities, links = steps.resolve_group([row[:3] for row in rows], gaz)
        comp = int(rows[0][3])
        return ([(comp, "entity", json.dumps(e, ensure_ascii=False)) for e in entities]
                + [(comp, "link", json.dumps(x, ensure_ascii=False)) for x in links])
    return resolve


def _settle_ids(df: Any) -> Any:
    """Entities of several groups that ended with one id: join same-type ones, suffix the others."""
    import pandas as pd

    # a group's own entity comes before family entities a group added from the gazetteer
    rows = sorted((json.loads(d) | {"comp": c} for c, d in zip(df["comp"], df["data"])),
                  key=lambda e: (e["stub"], e["first"]))
    final: dict[str, dict[str, Any]] = {}
    out = []
    for e in rows:
        eid = e["id"]
        if e["stub"] and eid in final:  # the family exists: link to it, as by_key finds it
            out.append({"comp": e["comp"], "old": eid, "new": eid, "entity": None})
            continue
        if eid in final and final[eid]["type"] != e["type"]:
            eid = f"{eid}:{e['type'].lower()}"
        if eid in final:
            old = final[eid]
            old["aliases"] = list(dict.fromkeys([*old["aliases"], *e["aliases"]]))
        else:
            final[eid] = {k: e[k] for k in ("name", "type", "aliases", "family")} | {"id": eid}
        out.append({"comp": e["comp"], "old": e["id"], "new": eid, "entity": None})
    out += [{"comp": -1, "old": None, "new": eid, "entity": json.dumps(v, ensure_ascii=False)}
            for eid, v in final.items()]
    return pd.DataFrame(out, columns=["comp", "old", "new", "entity"])


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the driver checks and prepares before any Spark work (:func:`prepare`).

    ``files`` are the input files (:func:`spark_inputs`); ``model`` is the
    spaCy model as given (a package name, a pipeline folder or ``""``) and
    ``archive`` that folder packed for the executors (:func:`pack_pipeline`;
    ``""`` for a package name or blank English); ``gazetteer`` is the file the
    pipeline loads (``""``: the shipped one) and ``fingerprint`` the single
    build's pipeline fingerprint, which keys the extractions. ``unread`` are
    the inputs left out (prepared with ``skip_bad``; :func:`spark_inputs`);
    ``warnings`` the lines the folder walk gave (an entry that is no file).
    """

    files: list[tuple[str, str]]
    model: str
    archive: str
    gazetteer: str
    fingerprint: str
    unread: tuple[Unread, ...] = ()
    warnings: tuple[str, ...] = ()


def prepare(inputs: Iterable[str | os.PathLike], settings: Settings | None = None, *,
            skip_bad: bool = False) -> Prepared:
    """Check the inputs, the spaCy model and the gazetteer, and prepare what the job ships.

    Raises :class:`~graphbuild.errors.InputError` for an input the job cannot
    read (a missing path, a folder without any file it reads, a file of
    another format: :func:`spark_inputs`; with ``skip_bad`` only when it reads
    none), a pipeline folder that is missing or unreadable, or a malformed user
    gazetteer, before any Spark work (``graphbuild spark build`` calls it
    before the JVM starts).
    """
    arguments.flag(skip_bad, "skip_bad")  # a truthy "no" would skip bad records
    settings = settings or Settings()
    with collecting_warnings() as walked:
        files, unread = spark_inputs(inputs)
    if unread and (not skip_bad or not files):
        _, first, _ = unread[0]
        more = f" (and {len(unread) - 1} more input(s) the Spark build cannot read)" if len(unread) > 1 else ""
        raise InputError(first.path, first.line, first.message + more)
    model = settings.spacy_model or ""
    folder = pipeline_folder(model)
    gazetteer = effective_gazetteer(settings.gazetteer)
    try:
        fingerprint = fingerprint_of(model, gazetteer)  # the single build's: it hashes the same files
        archive = str(pack_pipeline(folder)) if folder else ""
    except OSError as exc:  # a file of the folder cannot be read
        raise InputError(model, None, f"cannot read the spaCy pipeline folder: {exc.strerror or exc} "
                                      f"({exc.filename})") from None
    return Prepared(files, model, archive, gazetteer, fingerprint, tuple(unread), tuple(walked))


def build(inputs: Iterable[str | os.PathLike], out: str | os.PathLike, *, spark: Any = None,
          settings: Settings | None = None, skip_bad: bool = False, batch_size: int = 64,
          on_stage: Callable[[str], None] | None = None,
          on_warnings: Callable[[list[str]], None] | None = None) -> dict[str, int]:
    """Run the Spark build; write Parquet node and relationship tables under ``out``.

    Parameters
    ----------
    inputs : JSON Lines (``.jsonl``, ``.jsonl.gz``) and Parquet files or folders of them.
    out : the output folder; replaced as a whole when the job succeeds.
    spark : a ``SparkSession``; a local one (all cores) when omitted.
    settings : the spaCy model and gazetteer to use (defaults: blank English, the shipped gazetteer); a
        pipeline folder is shipped to the executors; a user gazetteer adds to the shipped one, as in
        ``graphbuild build``; an input the job does not read, a missing or unreadable pipeline folder and a
        malformed user gazetteer raise :class:`~graphbuild.errors.InputError` before any Spark work
        (:func:`prepare`).
    skip_bad : skip unusable records and input files the job cannot read (counted) instead of failing on the
        first.
    batch_size : papers per ``nlp.pipe`` batch.
    on_stage : called with a stage's name (``read``, ``merge``, ``extract``, ``resolve``, ``entities``,
        ``results``, ``write``) when its work is done (the stages before ``write`` are checkpointed).
    on_warnings : called once with the warning lines a single build prints (:func:`run`), if there are any.

    Returns
    -------
    dict
        Row counts per node label and relationship type, plus ``skipped`` and ``demoted`` (PROPOSES edges of later
        papers made USES: :mod:`graphbuild.proposers`).
    """
    return run(prepare(inputs, settings, skip_bad=skip_bad), out, spark=spark, skip_bad=skip_bad, batch_size=batch_size,
               on_stage=on_stage, on_warnings=on_warnings)


def run(job: Prepared, out: str | os.PathLike, *, spark: Any = None, skip_bad: bool = False,
        batch_size: int = 64, on_stage: Callable[[str], None] | None = None,
        on_skipped: Callable[[list[str], int], None] | None = None,
        on_warnings: Callable[[list[str]], None] | None = None) -> dict[str, int]:
    """:func:`build` of a prepared job: ship the pipeline folder and gazetteer, run the stages, write ``out``.

    With ``skip_bad``, ``on_skipped(lines, count)`` hears of the skipped records and input files: the first
    :data:`~graphbuild.ingest.SKIPPED_SHOWN` as coded lines naming file and line, and how many there are.
    ``on_warnings(lines)`` hears, once the tables are written, the warnings ``graphbuild build`` prints for
    the same inputs (a folder entry that is no file, a record kept without a part of it: ``warning: [E100]
    file:line: …``; records that share an id but not a title), the first 20 and a line counting the rest
    (:func:`~graphbuild.ingest.warning_lines`).
    """
    from .session import get_session

    arguments.flag(skip_bad, "skip_bad")
    if arguments.whole(batch_size, "batch_size") < 1:
        raise UsageError(f"batch_size must be 1 or more, not {batch_size}")
    mark = arguments.callback(on_stage, "on_stage") or (lambda stage: None)
    arguments.callback(on_skipped, "on_skipped")
    arguments.callback(on_warnings, "on_warnings")
    spark = spark or get_session()
    pipeline = (ship_archive(spark, job.archive) or job.model, ship_file(spark, job.gazetteer))
    built = _tables(spark, job.files, pipeline, job.fingerprint, skip_bad, batch_size, mark, on_skipped, job.unread,
                    job.warnings)
    counts = _write(built.tables, built.corpus, job.fingerprint, Path(out))
    mark("write")
    if on_warnings and built.warnings:
        on_warnings(built.warnings)
    counts["skipped"] = built.skipped
    counts["demoted"] = built.demoted  # PROPOSES edges made USES (graphbuild.proposers)
    return counts


@dataclass(frozen=True, slots=True)
class _Built:
    """What :func:`_tables` gives :func:`run`: the node and relationship DataFrames (``tables``), the per-paper
    tables (``corpus``: ``papers``, ``extractions``), how many records and inputs were ``skipped``, how many
    PROPOSES edges were ``demoted`` to USES, and the ``warnings`` lines a single build prints.
    """

    tables: dict[str, Any]
    corpus: dict[str, Any]
    skipped: int
    demoted: int
    warnings: list[str]


def _tables(spark: Any, files: list[tuple[str, str]], pipeline: tuple[str, str], fingerprint: str,
            skip_bad: bool, batch_size: int, mark: Callable[[str], None],
            on_skipped: Callable[[list[str], int], None] | None = None,
            unread: Iterable[Unread] = (), walked: Sequence[str] = ()) -> _Built:
    """The node and relationship DataFrames, the per-paper tables, the skipped and demoted counts, the warnings.

    The warnings are :func:`~graphbuild.ingest.warning_lines` of ``walked`` (the folder walk's warnings), the
    records' own (:func:`_record_warnings`) and those of records that share an id but not a title, found where
    the key groups are merged (:func:`_merge_group`).

    ``unread`` are the inputs :func:`prepare` left out; a JSON Lines file that is not all UTF-8 text (or a
    gzipped one that does not decompress) is left out too (:func:`_undecodable`), as a single build leaves
    out, or stops at, a file it cannot read; each counts as one skipped record.

    ``pipeline`` is the model (a package name, or the shipped pipeline archive's name: :func:`ship_archive`)
    and the shipped gazetteer's name (:func:`ship_file`).
    """
    from pyspark.sql import functions as F

    model, gazetteer = pipeline
    unread = list(unread)
    inputs = len(files) + len(unread)  # as a single build counts them: the ones it leaves out too
    whole = [((place, 0, 0), error, what) for place, error, what in unread] + _undecodable(spark, files)
    if whole and not skip_bad:  # stop at the first: counting the bad records too would read every record
        _, error, _ = min(whole, key=lambda item: item[0])
        raise InputError(error.path, error.line, f"{error.message} ({len(whole)} unreadable input(s); "
                                                 "pass --skip-bad to skip them)")
    left_out = {error.path for _, error, _ in whole}
    place = {path: i for i, (_, path) in enumerate(files)}
    files = [(kind, path) for kind, path in files if path not in left_out]
    kinds = {path: kind for kind, path in files}
    parsed = _read(spark, files).mapInPandas(_parser(kinds), PARSED_SCHEMA)
    parsed = parsed.localCheckpoint()
    errors = parsed.where("error IS NOT NULL").orderBy("ord")
    bad_records = errors.count()
    skipped = len(whole) + bad_records
    if skipped and (not skip_bad or on_skipped):
        # in the single build's order: by file, a file left out whole before any record
        first = [((place[row["src"]], 2, row["ord"]), _record_error(row, kinds), "")
                 for row in errors.limit(SKIPPED_SHOWN if skip_bad else 1).collect()]
        shown = sorted(whole + first, key=lambda item: item[0])[:SKIPPED_SHOWN]
        if not skip_bad:
            _, error, _ = shown[0]
            raise InputError(error.path, error.line, f"{error.message} ({bad_records} bad record(s); "
                                                     "pass --skip-bad to skip them)")
        if on_skipped:
            on_skipped([str(skipped_whole(error, what) if what else error) for _, error, what in shown], skipped)
    records, total = _record_warnings(parsed)
    # a file no record came from (empty, blank lines only) is named, as a single build names it
    read_from = {row["src"] for row in parsed.select("src").distinct().collect()}
    empty = [warning_line(path, None, no_paper_read(Path(path))) for _, path in files
             if path not in read_from]
    parsed = parsed.drop("src", "line", "warnings")
    mark("read")
    good = parsed.where("error IS NULL")
    key_edges = good.select(F.col("ord").alias("node"),
                            F.explode(F.from_json("keys", "array<string>")).alias("key"))
    comps = _components(key_edges, good.select(F.col("ord").alias("node")))
    merged = per_group(good.join(comps.withColumnRenamed("node", "ord"), "ord"), _merge_group,
                       ["ord", "paper"], "order bigint, paper string, warnings string").localCheckpoint()
    papers = merged.where("paper IS NOT NULL").drop("warnings")
    conflicts, conflicts_total = _record_warnings(merged.select(F.col("order").alias("ord"), "warnings"))
    # in the single build's order: the folder walk's, empty files' and records' own, those sharing an id, then
    # the line for when every input is empty
    every = [every_input_empty(len(empty))] if empty and len(empty) == inputs else []
    warnings = warning_lines([*walked, *empty, *records, *conflicts, *every],
                             total=len(walked) + len(empty) + total + conflicts_total + len(every))
    mark("merge")
    extractions = (papers.repartition(max(spark.sparkContext.defaultParallelism, 1))
                   .mapInPandas(_extractor(model, gazetteer, fingerprint, batch_size,
                                           spark.sparkContext.broadcast(_corpus_casing(papers))),
                                EXTRACTION_SCHEMA)
                   .localCheckpoint())
    mentions = _mentions(extractions).localCheckpoint()
    mark("extract")
    m_edges = mentions.select("node", F.explode("buckets").alias("key"))
    m_comps = _components(m_edges, mentions.select("node"))
    resolved = per_group(mentions.join(m_comps, "node"), _resolver(model, gazetteer),
                         ["node", "paper_id", "mention", "comp"], "comp bigint, kind string, data string"
                         ).localCheckpoint()
    mark("resolve")
    from .tables import assemble

    corpus = {"papers": papers.select("order", "paper"),
              "extractions": extractions.select("paper_id", "fingerprint", "extraction")}
    assembled = assemble(spark, papers, resolved, _settle_ids, mentions, pipeline, mark)
    return _Built(assembled.tables, corpus, skipped, assembled.demoted, warnings)


def _merge_group(rows: list[tuple[int, str]]) -> list[tuple[int, str | None, str | None]]:
    """A :func:`per_group` function: one key group's merged papers (``order, paper``:
    :func:`~graphbuild.spark.steps.merge_group`) and the warnings of its records that share an id but not a title
    (``ord, warnings``: :func:`~graphbuild.spark.steps.id_conflict_group`), in one pass over the group.
    """
    return ([(order, paper, None) for order, paper in steps.merge_group(rows)]
            + [(ordinal, None, lines) for ordinal, lines in steps.id_conflict_group(rows)])


def _write(tables: dict[str, Any], corpus: dict[str, Any], fingerprint: str, out: Path) -> dict[str, int]:
    """Write every table as Parquet to ``.<out>.tmp-<pid>``, then swap it in for ``out`` whole.

    The per-paper tables go to ``<out>/corpus/<name>`` (:data:`graphbuild.load.CORPUS`); the
    manifest records their rows and the pipeline fingerprint that keys the extractions. The old output is
    moved aside before it is removed (:func:`~graphbuild.fsutil.swap_in_folder`; it was removed in place, so a
    job killed then left half of it under ``out``), and what killed jobs left beside ``out`` is cleared first.
    """
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = fresh_temp_folder(out)
    except OSError as exc:
        raise cannot_write(out, exc, old="output") from None
    counts: dict[str, int] = {}
    try:
        for name, df in tables.items():
            group = "nodes" if name in NODE_TABLES else "rels"
            df.write.parquet(local_uri(tmp / group / name))
            counts[name] = spark_count(tmp / group / name)
        rows = {}
        for name, df in corpus.items():
            df.write.parquet(local_uri(tmp / CORPUS / name))
            rows[name] = spark_count(tmp / CORPUS / name)
        (tmp / "manifest.json").write_text(json.dumps({
            "format": "graphbuild-parquet", "version": 1, "counts": counts,
            "not_produced": {"tables": list(NOT_PRODUCED_TABLES),
                             "columns": {k: list(v) for k, v in NOT_PRODUCED_COLUMNS.items()}},
            CORPUS: {"pipeline": fingerprint, "counts": rows}},
            indent=2), encoding="utf-8")
        pause("spark-replace")
        swap_in_folder(tmp, out)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise cannot_write(out, exc, old="output") from None
        code = _java_no_room(exc)
        if code:  # the JVM's writer ran out of room: its error came as a page of Java stack and a traceback
            raise output_error(out, code, old="output") from None
        raise
    return counts


def _java_no_room(exc: BaseException) -> int | None:
    """The ``errno`` of a lack of room (:func:`~graphbuild.errors.no_room`) that a Java error from the JVM
    (a ``Py4JJavaError``) was caused by, read from the system's own words in its chain of causes
    (``java.io.IOException: No space left on device``); None for any other error.
    """
    java, seen = getattr(exc, "java_exception", None), 0
    while java is not None and seen < 50:
        try:
            text, java = str(java.toString()), java.getCause()
        except Exception:  # the JVM is gone: nothing more to read
            return None
        seen += 1
        for code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            if os.strerror(code) in text:
                return code
    return None


def ship_file(spark: Any, path: str) -> str:
    """Send the file at ``path`` with the job to every executor; the name ``SparkFiles.get`` finds it by.

    ``""`` (no file: the gazetteer inside the package) stays ``""``. Names
    share one folder per executor: the merged gazetteer's is its content's
    digest, so one name is one content.
    """
    if not path:
        return ""
    spark.sparkContext.addFile(local_uri(path))
    return Path(path).name


def ship_archive(spark: Any, path: str) -> str:
    """Send the archive at ``path`` with the job; every executor unpacks it, and ``SparkFiles.get`` of the
    name returned is the unpacked folder (:func:`~graphbuild.spark.steps.worker_model`).

    ``""`` (nothing to ship) stays ``""``. Archives are named by their
    content's digest (:func:`pack_pipeline`), so one name is one content.
    """
    if not path:
        return ""
    spark.sparkContext.addArchive(local_uri(path))
    return Path(path).name


def pipeline_folder(model: str) -> Path | None:
    """The local pipeline folder ``model`` names; None for blank English (``""``) or an installed package.

    A folder must hold a spaCy pipeline (``config.cfg``, as ``graphbuild
    train`` writes it); a name that is neither a folder nor a spaCy package
    installed here raises :class:`~graphbuild.errors.InputError`, so the job
    never starts with a model its executors cannot load.
    """
    if not model:
        return None
    path = Path(model)
    if path.is_dir():
        if not (path / "config.cfg").is_file():
            raise InputError(model, None, "not a spaCy pipeline folder (no config.cfg); give a folder "
                                          "`graphbuild train` wrote or an installed spaCy package's name")
        return path
    from spacy.util import is_package

    if is_package(model):
        return None
    raise InputError(model, None, "spaCy pipeline not found: no such folder, and no installed package of "
                                  "that name; give a folder `graphbuild train` wrote or an installed package's name")


def pack_pipeline(folder: Path) -> Path:
    """``folder`` as a zip archive in the user's cache folder, named by a digest of its files (paths and bytes).

    Written once per content (beside its final name, then renamed); the
    archive holds the folder's files at its top level, so the unpacked folder
    is the pipeline folder itself.
    """
    h = hashlib.sha256()
    files = hash_folder(h, folder)
    target = cache_dir("spark") / f"pipeline-{h.hexdigest()[:16]}.zip"
    if not target.exists():
        with atomic_output(target, binary=True) as fh, \
                zipfile.ZipFile(fh, "w", zipfile.ZIP_STORED, strict_timestamps=False) as zf:
            for f in files:
                zf.write(f, f.relative_to(folder).as_posix())
    return target


def local_uri(path: str | os.PathLike) -> str:
    """``file://`` and the absolute path: a local (or mounted) path, whatever the cluster's default file system.

    >>> local_uri("/data/shards")
    'file:///data/shards'
    """
    return "file://" + os.path.abspath(path)


def spark_count(folder: Path) -> int:
    """Rows of a Parquet folder, from the files' footers."""
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(f).metadata.num_rows for f in sorted(folder.glob("*.parquet")))


def summary(out: str | os.PathLike, counts: dict[str, int]) -> str:
    """The ``nodes:`` and ``edges:`` lines ``graphbuild spark build`` closes with, counted as ``graphbuild build``
    counts them (:func:`graphbuild.graph.graph_stats`): the external stubs (papers cited, not in the corpus) as
    ``Paper (external)`` apart from the corpus papers, labels and types in name order, none that has no row.

    ``counts`` are :func:`run`'s rows per table; the stubs are counted in the written ``nodes/Paper`` table.
    """
    external = external_papers(Path(out) / "nodes" / "Paper") if counts.get("Paper") else 0
    nodes = {name: n for name, n in counts.items() if name in NODE_TABLES} | {
        "Paper": counts.get("Paper", 0) - external, "Paper (external)": external}
    edges = {name: n for name, n in counts.items() if name in REL_TABLES}
    return "\n".join(count_lines(nodes, edges))


def external_papers(folder: Path) -> int:
    """Rows of a written ``Paper`` table that are external stubs (``external`` true)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    files = sorted(folder.glob("*.parquet"))
    return sum(int(pc.sum(pq.read_table(f, columns=["external"])["external"]).as_py() or 0) for f in files)


def table_schema(name: str) -> str:
    """The Spark DDL schema of a node label's or relationship type's table."""
    return ", ".join(f"`{c}` {t}" for c, t in table_columns(name).items())
