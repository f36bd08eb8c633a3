"""The per-record and per-group work of the Spark job, as plain Python functions.

Each function takes and returns plain values (JSON text, lists of dicts) and
calls graphbuild's own stages: the readers' record functions, ``merge_papers``,
the spaCy pipeline, ``resolve_entities``. :mod:`graphbuild.spark.job` runs them
inside executors (``mapInPandas`` / ``applyInPandas``); they are tested
without Spark too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..ingest.merge import MIN_TITLE_CHARS, merged_groups, strong_keys
from ..records import ROLES, EntityMention, Extraction, Paper, normalize_title, title_id

__all__ = ["paper_from_json", "text_error", "wide_text_lines", "paper_keys", "merge_group", "id_conflict_group",
           "mention_buckets", "resolve_group", "paper_row", "link_fields", "worker_pipeline", "worker_model",
           "MAX_ENTITIES"]

#: Entities per paper that the mention numbering leaves room for.
MAX_ENTITIES = 4096


def worker_pipeline(model: str, gazetteer: str) -> Any:
    """The job's spaCy pipeline on a Python worker, built once per worker (``cached_pipeline``).

    ``model`` as :func:`worker_model` takes it. ``gazetteer`` is the name of
    the gazetteer file shipped with the job (``SparkContext.addFile``; found
    with ``SparkFiles.get`` wherever the worker runs), or empty for the
    gazetteer inside the package.
    """
    from pyspark import SparkFiles

    from ..nlp.pipeline import cached_pipeline

    return cached_pipeline(worker_model(model) or None, SparkFiles.get(gazetteer) if gazetteer else "")


def worker_model(model: str) -> str:
    """What a worker's pipeline loads for ``model``: the folder a shipped pipeline archive (a ``.zip`` name,
    ``SparkContext.addArchive``) was unpacked to on this executor (``SparkFiles.get``), else ``model`` itself
    (an installed package's name, or empty for blank English).
    """
    if not model.endswith(".zip"):
        return model
    from pyspark import SparkFiles

    return SparkFiles.get(model)


def paper_from_json(text: str, path: Path = Path("record"), line: int | None = None) -> Paper:
    """A Paper from one JSON record: a Semantic Scholar paper, an OpenAlex work or a plain paper object.

    ``path`` and ``line`` say where the record was read (``line``: its line in a JSON Lines file). Raises
    the :class:`~graphbuild.errors.InputError` a single build's reader gives for the line when the record is
    unusable: the same error objects (:func:`~graphbuild.ingest.json_csv.json_line`,
    :func:`~graphbuild.ingest.fields.paper_from_record`, the metadata readers' record functions and
    :func:`~graphbuild.ingest.checks.checked`), so both builds word each bad record alike.
    """
    from ..errors import InputError
    from ..ingest.checks import checked
    from ..ingest.json_csv import json_line
    from ..ingest.metadata import json_record

    value = json_line(text, path, line)
    if isinstance(value, InputError):
        raise value
    try:
        item: Paper | InputError = json_record(value, path, line)
    except (ValueError, TypeError) as exc:  # the metadata readers' record functions raise; their readers say so
        raise InputError(path, line, str(exc)) from None
    # what every reader of a single build checks on the way out (text fields, unpaired surrogates, length)
    if isinstance(item, Paper):
        item = checked(item, path)
    if isinstance(item, InputError):
        raise item
    return item


def text_error(path: str) -> tuple[int | None, str] | None:
    """Why the JSON Lines file at ``path`` (plain, or gzipped when its name ends in ``.gz``) cannot be read as
    UTF-8 text, as the ``(line, message)`` of the error a single build's reader gives it
    (:func:`~graphbuild.ingest.fields.utf8_error`); None when it can.

    Streams the file in constant memory: the Spark job runs it on the executors, one task per file, which
    read the file at the path the driver listed (inputs are paths every machine mounts).
    """
    from ..errors import InputError
    from ..ingest.fields import cannot_read, gzip_errors, not_gzip, open_input, utf8_error

    error: InputError | None
    try:
        with open_input(path, wide=True) as fh:  # a UTF-16 or UTF-32 file is checked as its UTF-8 text
            error = utf8_error(path, fh)
    except InputError as exc:  # a gzipped file named without .gz
        error = exc
    except gzip_errors as exc:
        error = not_gzip(path, exc)
    except OSError as exc:
        error = cannot_read(path, exc)
    return (error.line, error.message) if error else None


def wide_text_lines(path: str) -> Iterator[tuple[str, str, int]]:
    """``(text, path, number)`` of each line that is not blank of the UTF-16 or UTF-32 JSON Lines file at ``path``
    (:func:`~graphbuild.ingest.fields.wide_encoding`), read as a single build reads it
    (:func:`~graphbuild.ingest.fields.read_lines`): Spark's text reader reads only UTF-8. Runs in one task per such
    file, in the memory of its longest line.
    """
    from ..ingest.fields import read_lines

    for number, text in read_lines(Path(path), wide=True):
        if text.strip():
            yield text, path, number


def paper_to_json(paper: Paper) -> str:
    return json.dumps(paper.to_dict(), ensure_ascii=False)


def paper_of(text: str) -> Paper:
    return Paper.from_dict(json.loads(text))


def paper_keys(paper: Paper) -> list[str]:
    """Keys that put copies of one paper (and papers whose ids may collide) in one group.

    A superset of what :func:`~graphbuild.ingest.merge.merge_papers` joins on:
    its exact keys, the normalised title (the title-alone rule) and the title
    hash id (two papers with one title get distinct ids only if grouped).
    """
    ref = paper.ref()
    keys = strong_keys(ref)
    norm = normalize_title(paper.title or "")
    if len(norm) >= MIN_TITLE_CHARS:
        keys.append("title:" + norm)
    if paper.title:
        keys.append("tid:" + title_id(paper.title))
    return keys


def merge_group(rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Merge the copies of one key group: ``(ordinal, paper json)`` in, ``(order, merged json)`` out.

    ``order`` is the ordinal of each merged paper's first copy, which is its
    place in a single-machine build's paper list.
    """
    rows = sorted(rows)
    copies = [paper_of(text) for _, text in rows]
    return [(rows[group[0]][0], paper_to_json(paper))
            for group, paper in merged_groups(copies) if not paper.external]


def id_conflict_group(rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The single build's warnings (:func:`~graphbuild.ingest.checks.id_conflicts`) of one key group of records
    that share a DOI, an arXiv id or an id but not a title: ``(ordinal, paper json)`` in, ``(ordinal, JSON list
    of lines)`` out per record warned about, so that the driver orders the lines as a single build prints them.

    Each record is compared with the first records holding its ids (in reading order), which is what
    ``id_conflicts`` over all the records compares it with; a record alone in its group shares no id.
    """
    from ..ingest.checks import _shared_ids, id_conflicts

    if len(rows) < 2:
        return []
    holders: dict[str, tuple[int, Paper]] = {}  # merge key -> its first record
    out = []
    for ordinal, text in sorted(rows):
        paper = paper_of(text)
        keys = [key for _, key, _ in _shared_ids(paper)]
        earlier = dict(holders[key] for key in keys if key in holders)
        lines = id_conflicts([paper], earlier=[earlier[o] for o in sorted(earlier)])
        if lines:
            out.append((ordinal, json.dumps(lines, ensure_ascii=False)))
        for key in keys:
            holders.setdefault(key, (ordinal, paper))
    return out


def mention_buckets(em: EntityMention) -> list[str]:
    """The keys on which mentions of one thing meet (:func:`graphbuild.resolve.mention_buckets`, as
    :func:`graphbuild.resolve.resolve_entities` joins them).
    """
    from ..resolve import mention_buckets as buckets

    return sorted(f"{key}|{type_}" for key, type_ in buckets(em))


def link_fields(link: Any) -> tuple[str, str, str, dict[str, Any]]:
    """(paper id, entity id, role, props) of a resolution link, a tuple or a record."""
    if isinstance(link, tuple):
        return link
    return (link.paper_id, link.entity_id, link.role,
            {"evidence": link.evidence, "char_start": link.char_start, "char_end": link.char_end})


def resolve_group(rows: list[tuple[int, str, str]], gaz: Any) -> tuple[list[dict], list[dict]]:
    """Resolve one group of mentions: ``(item, paper id, mention json)`` rows in.

    Returns entity rows (with ``first``, the group's first item, which orders
    groups as a single-machine build does) and link rows (with ``rank`` and
    ``item``, which pick the strongest role when groups join later).
    """
    from ..resolve import resolve_entities

    rows = sorted(rows)
    extractions: list[Extraction] = []
    paper_first: dict[str, int] = {}
    for item, pid, text in rows:
        em = EntityMention(**json.loads(text))
        if not extractions or extractions[-1].paper_id != pid:
            extractions.append(Extraction(paper_id=pid, title="", entities=[]))
        extractions[-1].entities.append(em)
        paper_first.setdefault(pid, item)
    resolution = resolve_entities(extractions, gaz)
    first = rows[0][0]
    entities = [{"first": first, "id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
                 "family": e.family, "stub": e.paper_count == 0} for e in resolution.entities]
    links = []
    for link in resolution.links:
        pid, eid, role, props = link_fields(link)
        links.append({"paper_id": pid, "entity_id": eid, "role": role, "rank": ROLES.index(role),
                      "item": paper_first[pid], **props})
    return entities, links




def paper_row(paper: Paper) -> dict[str, Any]:
    """The Paper node's properties, as :func:`graphbuild.graph.graph_to_tables` writes them."""
    from ..graph import _paper_props, _value
    from ..schema import NODE_TABLES

    props = _paper_props(paper)
    return {col: _value(props.get(col)) for col in NODE_TABLES["Paper"]}
