"""What the Spark job adds once entities and links are final: confidence and reported results.

Both follow the single-machine build step for step:

* **confidence** (:func:`graphbuild.review.add_confidence`): a link's is the
  :func:`~graphbuild.review.mention_confidence` of the paper's first mention
  whose name keys meet the entity's names (a join on the name key, the
  smallest mention number wins) under the link's role; the extractor gives
  each mention its name keys and its confidence per role
  (:func:`mention_fields`), so this is joins alone; an entity's is
  :func:`~graphbuild.review.entity_confidence` of its names, paper count,
  whether any link has a role other than ``uses``, and whether the
  gazetteer knows one of its names.
* **reported results** (:func:`graphbuild.reported.report_results`): per
  paper, its links to Model, Method and Dataset entities (in entity id order,
  as the single build lists them) and its text go through ``report_results``
  itself; ``Result`` nodes are the distinct cells, ``REPORTS`` one row per
  paper and cell.

Python runs per row (entity, paper); everything else is a join or an
aggregation.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from ..records import ROLES, EntityMention, name_key

__all__ = ["with_confidence", "reported_tables", "mention_name_keys", "mention_fields", "paper_results"]

_RESULT_TYPES = ("Model", "Method", "Dataset")


def mention_name_keys(em: EntityMention) -> list[str]:
    """The name keys a mention is found by in ``add_confidence``.

    >>> mention_name_keys(EntityMention("Bert", "Model", ["BERT-base"], canonical="BERT"))
    ['bert', 'bertbase']
    """
    return sorted({name_key(em.canonical or em.name), *(name_key(m) for m in em.mentions)})


def mention_fields(em: EntityMention) -> dict[str, list[Any]]:
    """What the confidence step needs of one mention, computed where the extractor holds it.

    ``name_keys`` (:func:`mention_name_keys`) and ``confidence``, the
    :func:`~graphbuild.review.mention_confidence` of the mention under each
    role, in the order of :data:`~graphbuild.records.ROLES` (a link's role
    picks one), so no later step reads the mention's JSON again.

    >>> mention_fields(EntityMention("BERT", "Model", ["BERT"], canonical="BERT"))
    {'name_keys': ['bert'], 'confidence': [0.95, 0.95, 0.95, 0.95]}
    """
    from ..review import mention_confidence

    return {"name_keys": mention_name_keys(em), "confidence": [mention_confidence(em, role) for role in ROLES]}


def _forms(batches: Iterator[Any]) -> Iterator[Any]:
    """(entity id, name key) for the entity's name and every alias."""
    import pandas as pd

    for df in batches:
        rows = [(eid, key) for eid, name, aliases in zip(df["id"], df["name"], df["aliases"])
                for key in {name_key(f) for f in (name, *_strings(aliases))}]
        yield pd.DataFrame(rows, columns=["eid", "key"])


def _strings(values: Any) -> list[str]:
    """A Spark array column's value in pandas (a list, an ndarray or None) as a list."""
    return [] if values is None or isinstance(values, float) else list(values)


def _entity_confidence(model: str, gazetteer: str) -> Callable[[Iterator[Any]], Iterator[Any]]:
    def score(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        from ..nlp.pipeline import _gazetteer
        from ..review import entity_confidence
        from .steps import worker_pipeline

        gaz = _gazetteer(worker_pipeline(model, gazetteer))
        for df in batches:
            conf = []
            for name, aliases, papers, typed in zip(df["name"], df["aliases"], df["paper_count"], df["typed"]):
                known = any(gaz.lookup(f) is not None for f in (name, *_strings(aliases)))
                conf.append(entity_confidence(name, int(papers), {"PROPOSES": 1} if typed else {}, known))
            yield pd.DataFrame({"id": df["id"], "confidence": conf})
    return score


def with_confidence(entities: Any, links: Any, mentions: Any, model: str, gazetteer: str) -> tuple[Any, Any]:
    """``entities`` and ``links`` with a ``confidence`` column, as ``add_confidence`` sets it.

    Parameters
    ----------
    entities : final entities (``id, name, type, aliases, family, paper_count``).
    links : final links (``paper_id, eid, role, evidence, char_start, char_end``).
    mentions : the extraction's mentions (``node, paper_id, name_keys, confidence``: :func:`mention_fields`);
        ``node`` orders a paper's mentions.
    model, gazetteer : the pipeline whose gazetteer says which names are known (as
        :func:`~graphbuild.spark.steps.worker_pipeline` takes them).
    """
    from pyspark.sql import functions as F

    keys = mentions.select("paper_id", "node", F.explode("name_keys").alias("key"))
    forms = entities.select("id", "name", "aliases").mapInPandas(_forms, "eid string, key string")
    first = (links.select("paper_id", "eid").join(forms, "eid").join(keys, ["paper_id", "key"])
             .groupBy("paper_id", "eid").agg(F.min("node").alias("node"))
             .join(mentions.select("node", "confidence"), "node"))
    # the mention's confidence under the link's role; 1.0 when the paper has no matching mention
    role = F.array_position(F.array(*(F.lit(r) for r in ROLES)), F.col("role")).cast("int")
    links = (links.join(first.drop("node"), ["paper_id", "eid"], "left")
             .withColumn("confidence", F.coalesce(F.try_element_at("confidence", role), F.lit(1.0))))
    # entity_confidence only asks whether some link's role is not ``uses``
    typed = links.where("role != 'uses'").select("eid").distinct().select(F.col("eid").alias("id"),
                                                                           F.lit(True).alias("typed"))
    ent_conf = (entities.select("id", "name", "aliases", "paper_count").join(typed, "id", "left")
                .fillna(False, ["typed"])
                .mapInPandas(_entity_confidence(model, gazetteer), "id string, confidence double"))
    return entities.join(ent_conf, "id").localCheckpoint(), links.localCheckpoint()


def paper_results(paper_id: str, title: str, abstract: str | None, linked: list[dict[str, Any]]) -> list[dict]:
    """The reported results of one paper as ``Result`` and ``REPORTS`` rows.

    ``linked`` holds the paper's links to Model, Method and Dataset entities
    (``eid, role, name, type, aliases``). Each row carries ``result`` (the
    node's columns), ``reports`` (the relationship's) and the model and
    dataset entity ids.
    """
    from ..records import Entity, Link, Paper
    from ..reported import report_results
    from ..resolve import Resolution
    from ..results import lower_is_better

    linked = sorted(linked, key=lambda x: x["eid"])  # the single build's link order: (paper, entity)
    names = {x["eid"]: x["name"] for x in linked}
    resolution = Resolution(
        entities=[Entity(x["eid"], x["name"], x["type"], tuple(x.get("aliases") or ())) for x in linked],
        links=[Link(paper_id, x["eid"], x["role"]) for x in linked])
    paper = Paper(title=title or "", abstract=abstract or "", id=paper_id)
    rows = []
    for rep in report_results([paper], resolution):
        r = rep.result
        rows.append({
            "result": {"id": rep.id, "model": names[rep.model_id] if rep.model_id else None,
                       "dataset": names[rep.dataset_id], "metric": r.metric, "setting": r.setting,
                       "lower_is_better": lower_is_better(r.metric)},
            "reports": {"from": paper_id, "to": rep.id, "metric": r.metric, "value": r.value, "unit": r.unit,
                        "setting": r.setting, "upper": r.upper, "delta": r.delta, "baseline": r.baseline,
                        "baseline_value": r.baseline_value, "evidence": r.evidence,
                        "char_start": r.char_start, "char_end": r.char_end, "confidence": None},
            "model_id": rep.model_id, "dataset_id": rep.dataset_id})
    return rows


def _results(batches: Iterator[Any]) -> Iterator[Any]:
    import pandas as pd

    for df in batches:
        out = []
        for pid, title, abstract, linked in zip(df["id"], df["title"], df["abstract"], df["linked"]):
            abstract = abstract if isinstance(abstract, str) else None  # a null arrives as None or NaN
            for row in paper_results(pid, title, abstract, json.loads(linked)):
                out.append((json.dumps(row["result"], ensure_ascii=False),
                            json.dumps(row["reports"], ensure_ascii=False), row["model_id"], row["dataset_id"]))
        yield pd.DataFrame(out, columns=["result", "reports", "model_id", "dataset_id"])


def reported_tables(paper_nodes: Any, entities: Any, links: Any) -> dict[str, Any]:
    """``Result``, ``REPORTS``, ``OF_MODEL`` and ``ON_DATASET`` DataFrames of the corpus papers."""
    from pyspark.sql import functions as F

    from .job import table_schema

    ents = (entities.where(F.col("type").isin(*_RESULT_TYPES))
            .select(F.col("id").alias("eid"), "name", "type", "aliases"))
    linked = (links.select("paper_id", "eid", "role").join(ents, "eid")
              .groupBy("paper_id").agg(F.to_json(F.collect_list(F.struct("eid", "role", "name", "type", "aliases")))
                                       .alias("linked")))
    found = (paper_nodes.select("id", "title", "abstract").join(linked, F.col("id") == F.col("paper_id"))
             .drop("paper_id")
             .mapInPandas(_results, "result string, reports string, model_id string, dataset_id string")
             .localCheckpoint())
    result = (found.select(F.from_json("result", table_schema("Result")).alias("r")).select("r.*")
              .dropDuplicates(["id"]))
    reports = found.select(F.from_json("reports", table_schema("REPORTS")).alias("r")).select("r.*")
    rid = F.get_json_object("result", "$.id")
    of_model = (found.where("model_id IS NOT NULL").select(rid.alias("from"), F.col("model_id").alias("to"))
                .distinct())
    on_dataset = found.select(rid.alias("from"), F.col("dataset_id").alias("to")).distinct()
    return {"Result": result, "REPORTS": reports, "OF_MODEL": of_model, "ON_DATASET": on_dataset}
