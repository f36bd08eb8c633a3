"""The corpus rule for proposers (:mod:`graphbuild.proposers`) in the Spark job.

Entities proposed by more than one paper are few: their proposals, the
papers' years and dates, the entities' names and the ids of names split by
type are collected to the driver, where :func:`~graphbuild.proposers.later_proposals`
(the single build's own function) picks the proposals that become uses; the
links are then joined with that small table. The driver loads the gazetteer
the executors load (:func:`~graphbuild.spark.steps.worker_pipeline`) only
when some entity has two proposers.
"""

from __future__ import annotations

from typing import Any

from ..proposers import Proposal, later_proposals, shared_names, split_ids
from ..records import Entity

__all__ = ["settle_proposers"]


def settle_proposers(spark: Any, entities: Any, links: Any, papers: Any, pipeline: tuple[str, str]) -> tuple[Any, int]:
    """``links`` (``paper_id, eid, role, ...``) with the later proposals made ``uses``, and how many changed.

    ``entities``: ``id, name, type, aliases``; ``papers``: the merged records (``paper``: JSON);
    ``pipeline``: the model and shipped gazetteer, as :func:`~graphbuild.spark.steps.worker_pipeline` takes them.
    """
    from pyspark.sql import functions as F

    proposes = links.where("role = 'proposes'").select("paper_id", "eid")
    contested = proposes.groupBy("eid").count().where("count > 1").select("eid")
    mine = proposes.join(contested, "eid").localCheckpoint()
    pairs = [(r["paper_id"], r["eid"]) for r in mine.collect()]
    if not pairs:
        return links, 0
    found = (entities.join(contested.select(F.col("eid").alias("id")), "id")
             .select("id", "name", "type", "aliases").collect())
    named = [Entity(r["id"], r["name"], r["type"], tuple(r["aliases"] or ())) for r in found]
    # an id <id>:<type> names its base too (split_ids): the suffixed ids alone are enough
    typed = [r["id"] for r in entities.where("id RLIKE '^entity:[^:]*:'").select("id").collect()]
    dates = papers.select(F.get_json_object("paper", "$.id").alias("id"),
                          F.get_json_object("paper", "$.year").cast("int").alias("year"),
                          F.get_json_object("paper", "$.date").alias("date"))
    when = {r["id"]: (r["year"], r["date"])
            for r in dates.join(mine.select(F.col("paper_id").alias("id")).distinct(), "id").collect()}
    demoted = later_proposals([Proposal(pid, eid, *when.get(pid, (None, None))) for pid, eid in pairs],
                              shared_names(named, _driver_gazetteer(pipeline), split_ids(typed)))
    if not demoted:
        return links, 0
    table = spark.createDataFrame(demoted, "paper_id string, eid string").withColumn("demoted", F.lit(True))
    settled = (links.join(F.broadcast(table), ["paper_id", "eid"], "left")
               .withColumn("role", F.when(F.col("demoted"), F.lit("uses")).otherwise(F.col("role")))
               .select(*links.columns))
    return settled.localCheckpoint(), len(demoted)


def _driver_gazetteer(pipeline: tuple[str, str]) -> Any:
    """The gazetteer of the job's pipeline, loaded on the driver."""
    from ..nlp.pipeline import _gazetteer
    from .steps import worker_pipeline

    return _gazetteer(worker_pipeline(*pipeline))
