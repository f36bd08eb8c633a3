"""From merged papers and resolved mention groups to the node and relationship tables.

Every step is a join or an aggregation over the same keys the single-machine
build uses; Python runs only per record or per key group.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..ingest.merge import strong_keys
from ..records import Paper, author_id, folded_name
from ..schema import ENTITY_ROLE_RELS
from . import steps

__all__ = ["Assembled", "assemble"]

_MAX_REFS = 1 << 20


def _paper_parts(kind: str) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """A mapInPandas function giving one kind of row per merged paper (as JSON text)."""
    def parts(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        from ..ingest.merge import _title_norm

        for df in batches:
            out = []
            for order, text in zip(df["order"], df["paper"]):
                p = steps.paper_of(text)
                order = int(order)
                if kind == "node":
                    out.append(json.dumps(steps.paper_row(p) | {"order": order}, ensure_ascii=False))
                elif kind == "author":
                    out.extend(json.dumps({"aid": author_id(n), "name": n.strip(), "folded": folded_name(n),
                                           "pid": p.id, "position": i, "order": order}, ensure_ascii=False)
                               for i, n in enumerate(p.authors))
                elif kind == "key":
                    out.extend(json.dumps({"key": k, "pid": p.id, "order": order})
                               for k in strong_keys(p.ref()))
                    norm = _title_norm(p.ref())
                    if norm:
                        out.append(json.dumps({"key": "norm:" + norm, "pid": p.id, "order": order,
                                               "year": p.year}))
                elif kind == "ref":
                    for i, ref in enumerate(p.references):
                        out.append(json.dumps({
                            "citing": p.id, "node": order * _MAX_REFS + i, "ref": json.dumps(_ref_dict(ref)),
                            "keys": strong_keys(ref), "norm": _title_norm(ref), "year": ref.year,
                            "usable": bool(ref.doi or ref.arxiv_id or ref.ids or (ref.title or "").strip())},
                            ensure_ascii=False))
            # object dtype: an empty list would make a float column Arrow cannot send as strings
            yield pd.DataFrame({"data": pd.Series(out, dtype=object)})
    return parts


def _ref_dict(ref: Any) -> dict[str, Any]:
    return {"doi": ref.doi, "arxiv_id": ref.arxiv_id, "ids": [list(x) for x in ref.ids], "title": ref.title,
            "year": ref.year}


def _rows(spark: Any, papers: Any, kind: str, schema: str) -> Any:
    from pyspark.sql import functions as F

    return (papers.mapInPandas(_paper_parts(kind), "data string")
            .select(F.from_json("data", schema).alias("r")).select("r.*"))


def _stubs(rows: list[tuple]) -> list[tuple]:
    """External stubs of one key group of unmatched references (as ``resolve_references`` makes them).

    ``(node, ref json)`` rows in; ``(node, stub id, stub row json)`` out, the row only on a stub's first reference.
    """
    from ..ingest.merge import _combine, _groups
    from ..records import PaperRef

    rows = sorted(rows)
    refs = []
    for _, text in rows:
        data = json.loads(text)
        refs.append(PaperRef(**{**data, "ids": tuple(tuple(x) for x in data.get("ids") or ())}))
    out: list[tuple[Any, str, str | None]] = []
    for group in _groups(refs):
        try:
            stub = _combine([Paper(title=(refs[i].title or "").strip(), doi=refs[i].doi, arxiv_id=refs[i].arxiv_id,
                                   ids=refs[i].ids, year=refs[i].year, external=True) for i in group])
        except ValueError:
            continue
        row = json.dumps(steps.paper_row(stub), ensure_ascii=False)
        out.extend((rows[i][0], stub.id, row if i == group[0] else None) for i in group)
    return out


@dataclass(frozen=True, slots=True)
class Assembled:
    """What :func:`assemble` gives: the node and relationship DataFrames, named as in :mod:`graphbuild.schema`,
    and ``demoted``, the PROPOSES edges of later papers made USES (:mod:`graphbuild.spark.proposers`).
    """

    tables: dict[str, Any]
    demoted: int


def assemble(spark: Any, papers: Any, resolved: Any, settle: Callable[[Any], Any], mentions: Any,
             pipeline: tuple[str, str], mark: Callable[[str], None]) -> Assembled:
    """Node and relationship DataFrames, named as in :mod:`graphbuild.schema`, and the PROPOSES edges demoted.

    ``mentions`` are the extraction's rows (``node, paper_id, name_keys, confidence``, as
    :func:`~graphbuild.spark.enrich.with_confidence` takes them) and ``pipeline`` the spaCy
    model and gazetteer: both feed the confidence columns.
    ``mark`` is called with ``entities`` and ``results`` when those are checkpointed.
    """
    from pyspark.sql import functions as F

    from .enrich import reported_tables, with_confidence
    from .proposers import settle_proposers

    entities, links, variant = _entities(resolved, settle)
    links, demoted = settle_proposers(spark, entities, links, papers, pipeline)
    entities, links = with_confidence(entities, links, mentions, *pipeline)
    mark("entities")
    paper_nodes, author_nodes, authored = _papers(spark, papers)
    reported = reported_tables(paper_nodes, entities, links)
    mark("results")
    explicit, stub_nodes = _explicit_citations(spark, papers, paper_nodes)
    tables = {
        "Paper": paper_nodes.drop("order").unionByName(stub_nodes),
        "Entity": entities,
        "Author": author_nodes,
        "VARIANT_OF": variant,
        "AUTHORED": authored,
        "CITES": _cites(explicit, links, paper_nodes),
        **reported,
    }
    for role, rel in ENTITY_ROLE_RELS.items():
        tables[rel] = links.where(F.col("role") == role).select(
            F.col("paper_id").alias("from"), F.col("eid").alias("to"), "evidence", "char_start", "char_end",
            "confidence")
    return Assembled({name: _typed(df, name) for name, df in tables.items()}, demoted)


def _entities(resolved: Any, settle: Callable[[Any], Any]) -> tuple[Any, Any, Any]:
    """Entities (groups that ended with one id settled per id), paper-entity links, VARIANT_OF rows."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    ent_schema = "id string, name string, type string, aliases array<string>, family string"
    ents = (resolved.where("kind = 'entity'").select("comp", "data", F.get_json_object("data", "$.id").alias("eid"))
            .withColumn("n", F.count("*").over(Window.partitionBy("eid"))).localCheckpoint())
    # an id only one group ended with (nearly all) stays as it is; the others are settled in Python
    settled = (ents.where("n > 1").groupBy("eid")
               .applyInPandas(settle, "comp bigint, old string, new string, entity string").localCheckpoint())
    one = ents.where("n = 1")
    mapping = (settled.where("entity IS NULL").select(F.col("comp").alias("mcomp"), "old", "new")
               .unionByName(one.select(F.col("comp").alias("mcomp"), F.col("eid").alias("old"),
                                       F.col("eid").alias("new")))
               .localCheckpoint())
    final = (settled.where("entity IS NOT NULL").select(F.from_json("entity", ent_schema).alias("e"))
             .unionByName(one.select(F.from_json("data", ent_schema).alias("e"))))
    link_schema = ("paper_id string, entity_id string, role string, rank int, item bigint, evidence string, "
                   "char_start bigint, char_end bigint")
    links = (resolved.where("kind = 'link'").select("comp", F.from_json("data", link_schema).alias("l"))
             .select("comp", "l.*")
             .join(mapping, (F.col("comp") == F.col("mcomp")) & (F.col("entity_id") == F.col("old")))
             .drop("mcomp", "old"))
    best = Window.partitionBy("paper_id", "new").orderBy("rank", "item")
    links = (links.withColumn("n", F.row_number().over(best)).where("n = 1")
             .select("paper_id", F.col("new").alias("eid"), "role", "evidence", "char_start", "char_end")
             .localCheckpoint())
    counts = links.groupBy("eid").agg(F.count("*").alias("paper_count"))
    entities = (final.select("e.*").join(counts, F.col("id") == F.col("eid"), "left").drop("eid")
                .fillna(0, ["paper_count"]).localCheckpoint())
    entities = _families(entities).localCheckpoint()
    variant = (entities.where("family IS NOT NULL AND family != id").select(F.col("id").alias("from"),
                                                                          F.col("family").alias("to"))
               .join(entities.select(F.col("id").alias("to")), "to").select("from", "to"))
    return entities, links, variant


def _papers(spark: Any, papers: Any) -> tuple[Any, Any, Any]:
    """Paper nodes (with their ``order``), Author nodes (first spelling wins) and AUTHORED rows."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    from .job import table_schema

    node_schema = table_schema("Paper") + ", `order` bigint"
    paper_nodes = _rows(spark, papers, "node", node_schema).localCheckpoint()
    authors = _rows(spark, papers, "author",
                    "aid string, name string, folded string, pid string, position bigint, `order` bigint")
    first_name = Window.partitionBy("aid").orderBy("order", "position")
    author_nodes = (authors.withColumn("n", F.row_number().over(first_name)).where("n = 1")
                    .select(F.col("aid").alias("id"), "name", "folded"))
    authored = (authors.groupBy("aid", "pid").agg(F.max("position").alias("position"))
                .select(F.col("aid").alias("from"), F.col("pid").alias("to"), "position"))
    return paper_nodes, author_nodes, authored


def _explicit_citations(spark: Any, papers: Any, paper_nodes: Any) -> tuple[Any, Any]:
    """Explicit CITES pairs (strongest matching key, then the title rule, else a stub) and the stub nodes."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    from .job import _components, per_group, table_schema

    keys = _rows(spark, papers, "key", "key string, pid string, `order` bigint, year bigint")
    first_key = Window.partitionBy("key").orderBy("order")
    index = keys.withColumn("n", F.row_number().over(first_key)).where("n = 1").select("key", "pid", "year")
    refs = _rows(spark, papers, "ref", "citing string, node bigint, ref string, keys array<string>, "
                                       "norm string, year bigint, usable boolean").localCheckpoint()
    by_key = (refs.select("citing", "node", F.posexplode("keys").alias("pos", "key"))
              .join(index.where("key NOT LIKE 'norm:%'").select("key", "pid"), "key"))
    strongest = Window.partitionBy("node").orderBy("pos")
    matched = (by_key.withColumn("n", F.row_number().over(strongest)).where("n = 1")
               .select("citing", "node", F.col("pid").alias("cited")))
    titles = keys.where("key LIKE 'norm:%'").select(F.expr("substring(key, 6)").alias("norm"), "pid",
                                                    F.col("year").alias("pyear"), "order")
    by_title = (refs.join(matched.select("node"), "node", "left_anti")
                .join(titles, "norm").where("year IS NULL OR pyear IS NULL"))
    first_title = Window.partitionBy("node").orderBy("order")
    matched = matched.unionByName(by_title.withColumn("n", F.row_number().over(first_title)).where("n = 1")
                                  .select("citing", "node", F.col("pid").alias("cited"))).localCheckpoint()
    outside = refs.join(matched.select("node"), "node", "left_anti").where("usable")
    title_key = F.concat(F.lit("title:"), F.coalesce("norm", F.concat(F.lit("#"), F.col("node").cast("string"))))
    o_edges = outside.select("node", F.explode(F.array_union("keys", F.array(title_key))).alias("key"))
    o_comps = _components(o_edges, outside.select("node"))
    stubs = per_group(outside.join(o_comps, "node"), _stubs, ["node", "ref"],
                      "node bigint, stub_id string, row string").localCheckpoint()
    corpus_ids = paper_nodes.select(F.col("id").alias("stub_id"), F.lit(True).alias("taken"))
    stub_rows = (stubs.where("row IS NOT NULL").select(F.from_json("row", table_schema("Paper")).alias("p"))
                 .select("p.*"))
    renamed = (stub_rows.join(corpus_ids, stub_rows.id == corpus_ids.stub_id, "left")
               .select("id", F.when(F.col("taken") & F.col("year").isNotNull(),
                                    F.concat_ws(":", "id", F.col("year").cast("string")))
                       .otherwise(F.col("id")).alias("new_id")))
    stub_nodes = stub_rows.join(renamed, "id").withColumn("id", F.col("new_id")).drop("new_id")
    stub_nodes = stub_nodes.dropDuplicates(["id"])
    to_stub = stubs.join(renamed, stubs.stub_id == renamed.id).select("node", F.col("new_id").alias("cited"))
    explicit = (matched.select("node", "citing", "cited")
                .unionByName(outside.select("node", "citing").join(to_stub, "node"))
                .where("citing != cited").select(F.col("citing").alias("from"), F.col("cited").alias("to"))
                .distinct())
    return explicit, stub_nodes


def _cites(explicit: Any, links: Any, paper_nodes: Any) -> Any:
    """CITES rows: explicit pairs, and inferred ones (a use of an entity an earlier corpus paper proposes)."""
    from pyspark.sql import functions as F

    dates = paper_nodes.select(F.col("id").alias("pid"), "year", "date")
    proposers = links.where("role = 'proposes'").select("eid", F.col("paper_id").alias("qid"))
    few = proposers.groupBy("eid").count().where("count <= 3").select("eid")
    users = (links.where("role IN ('uses', 'compares_with', 'evaluates_on')")
             .select("eid", F.col("paper_id").alias("pid")))
    pairs = (users.join(proposers.join(few, "eid"), "eid").where("pid != qid")
             .join(dates, "pid").join(dates.select(F.col("pid").alias("qid"), F.col("year").alias("qyear"),
                                                   F.col("date").alias("qdate")), "qid")
             .where("year IS NOT NULL AND qyear IS NOT NULL AND (qyear < year OR (qyear = year AND "
                    "qdate IS NOT NULL AND date IS NOT NULL AND qdate < date))")
             .groupBy("pid", "qid").agg(F.min("eid").alias("via"))
             .select(F.col("pid").alias("from"), F.col("qid").alias("to"), "via"))
    inferred = pairs.join(explicit, ["from", "to"], "left_anti").select("from", "to", F.lit(True).alias("inferred"),
                                                                       "via")
    cites = explicit.select("from", "to", F.lit(False).alias("inferred"), F.lit(None).cast("string").alias("via")) \
        .unionByName(inferred)
    return cites


def _stems(batches: Iterator[Any]) -> Iterator[Any]:
    """Candidate family stems of each entity without a family, in the order ``family_name`` tries them."""
    import pandas as pd

    from ..nlp.pipeline import family_name
    from ..records import name_key

    for df in batches:
        out: list[tuple[Any, ...]] = []
        for eid, name, type_, family in zip(df["id"], df["name"], df["type"], df["family"]):
            if not isinstance(family, str):  # a null arrives as None or NaN, by pandas version
                asked: list[str] = []
                family_name(name, asked.append)  # records each stem it would look up
                out.extend((eid, type_, i, key, name_key(name)) for i, key in enumerate(asked))
        yield pd.DataFrame(out, columns=["id", "type", "idx", "stem", "self"])


def _keys(batches: Iterator[Any]) -> Iterator[Any]:
    import pandas as pd

    from ..records import name_key

    for df in batches:
        yield pd.DataFrame({"hit": df["id"], "stem": [name_key(n) for n in df["name"]], "type": df["type"]})


def _families(entities: Any) -> Any:
    """Link variants to a family entity found in another mention group (``family_name`` over all entities).

    The shortest known stem of the same type wins, as in the single-machine build.
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    stems = entities.mapInPandas(_stems, "id string, type string, idx int, stem string, self string")
    known = entities.select("id", "name", "type").mapInPandas(_keys, "hit string, stem string, type string")
    hits = stems.join(known, ["stem", "type"]).where("stem != self")
    last = Window.partitionBy("id").orderBy(F.col("idx").desc())
    found = hits.withColumn("n", F.row_number().over(last)).where("n = 1").select("id", F.col("hit").alias("found"))
    return (entities.join(found, "id", "left")
            .withColumn("family", F.coalesce("family", "found")).drop("found"))


def _typed(df: Any, name: str) -> Any:
    """The columns of ``name``'s schema, in order and with their types."""
    from pyspark.sql import functions as F

    from .job import table_columns

    return df.select(*(F.col(f"`{col}`").cast(kind).alias(col) for col, kind in table_columns(name).items()))
