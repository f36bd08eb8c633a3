"""Who proposes an entity, decided across the corpus: a later paper that "proposes" a known entity uses it.

The NLP pass decides "proposed by this paper" from one abstract, and a paper
built on a well-known entity ("a BERT-based ranker") is sometimes marked as
proposing it. The corpus can tell: where several papers propose the same
entity and one of them is clearly earlier (an earlier year, or the same year
and an earlier date when both dates are known: the rule of
:func:`graphbuild.citations.earlier`), the later ones use it. Their
``proposes`` link becomes ``uses``, its evidence and offsets kept.

Left alone:

* papers without a year (nothing is known of their place), and papers of the
  earliest year when several share it and no dates tell them apart;
* a link a curation operation set (``proposed`` or ``mention`` with a role):
  curation wins (:attr:`graphbuild.resolve.Resolution.curated`);
* an entity whose name may be shared by distinct things (:func:`shared_names`):
  two papers proposing "SAM" may well propose two things, and so may two
  papers proposing a name the gazetteer does not know.

The rule is one pure function, :func:`later_proposals`, over
:class:`Proposal` records; the single build (:func:`settle_proposers`) and
the Spark job (:mod:`graphbuild.spark.proposers`, which collects the small
table of contested proposals) both call it, after curation and before
confidence and inferred citations, so both see the settled roles. A build
re-resolves its whole corpus, so an earlier paper added later demotes the
paper that proposed first until then, and a later one added is demoted.

>>> later_proposals([Proposal("p1", "entity:bert", 2018), Proposal("p2", "entity:bert", 2020),
...                  Proposal("p3", "entity:bert", 2020, curated=True), Proposal("p4", "entity:bert")])
[('p2', 'entity:bert')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .citations import earlier
from .records import Entity, Paper
from .resolve import Resolution

if TYPE_CHECKING:
    from .nlp.gazetteer import Gazetteer

__all__ = ["Proposal", "later_proposals", "shared_names", "split_ids", "settle_proposers", "demoted_line"]


@dataclass(frozen=True, slots=True)
class Proposal:
    """A paper's ``proposes`` link to an entity, with what places the paper in time.

    ``curated``: a curation operation set the link; it is never changed.
    """

    paper_id: str
    entity_id: str
    year: int | None = None
    date: str | None = None
    curated: bool = False


def later_proposals(proposals: Iterable[Proposal], shared: Collection[str] = ()) -> list[tuple[str, str]]:
    """The ``(paper id, entity id)`` proposals that become uses, sorted.

    A proposal is demoted when another proposal of the same entity is clearly
    earlier (:func:`~graphbuild.citations.earlier`), unless it is curated or its
    entity is in ``shared`` (a name of distinct things). A curated proposal
    still counts as the earlier one.
    """
    by_entity: dict[str, list[Proposal]] = defaultdict(list)
    for p in proposals:
        by_entity[p.entity_id].append(p)
    out = []
    for eid, group in by_entity.items():
        if len(group) < 2 or eid in shared:
            continue
        dated = [p for p in group if p.year is not None]
        for p in dated:
            if not p.curated and any(earlier(q, p) for q in dated if q.paper_id != p.paper_id):
                out.append((p.paper_id, eid))
    return sorted(set(out))


def split_ids(ids: Iterable[str]) -> set[str]:
    """The entity ids of names resolution split by type: ``entity:sam`` and ``entity:sam:model`` both.

    Resolution gives an entity of a name already taken by another type the id ``<id>:<type>``
    (:func:`graphbuild.resolve.resolve_entities`); name keys hold no colon.

    >>> sorted(split_ids(["entity:sam", "entity:sam:model", "entity:bert"]))
    ['entity:sam', 'entity:sam:model']
    """
    out: set[str] = set()
    for eid in ids:
        base, sep, _type = eid.rpartition(":")
        if sep and base.count(":") == 1:
            out.update((eid, base))
    return out


def shared_names(entities: Iterable[Entity], gaz: Gazetteer | None, split: Collection[str] = ()) -> set[str]:
    """The ids of ``entities`` whose name may be shared by distinct things, so that two proposers are no clue.

    * resolution split the name by type (``split``: :func:`split_ids` of all entity ids);
    * a name or alias is a form two gazetteer entries share ("SAM", "DFT": ``Gazetteer.senses``);
    * the gazetteer knows none of its names: a name nobody catalogued is as likely coined again by an
      unrelated paper ("DAN", "QuokkaNet") as used by a later one, and the corpus
      cannot tell the two apart (on the annotated papers, such demotions fixed as many proposals as
      they broke). A known entity has one origin, which the earliest proposer most likely is.
    """
    out: set[str] = set()
    for ent in entities:
        forms = (ent.name, *ent.aliases)
        known = gaz is not None and any(gaz.lookup(f) is not None for f in forms)
        if ent.id in split or not known or (gaz is not None and any(f in gaz.senses for f in forms)):
            out.add(ent.id)
    return out


def settle_proposers(resolution: Resolution, papers: Sequence[Paper],
                     gaz: Gazetteer | None) -> tuple[Resolution, int]:
    """``resolution`` with the later proposals of :func:`later_proposals` made uses, and how many changed.

    The single build calls it on the curated resolution (``resolution.curated`` names the links curation
    set); entities and every other link are kept as they are.
    """
    counts: dict[str, int] = defaultdict(int)
    for link in resolution.links:
        if link.role == "proposes":
            counts[link.entity_id] += 1
    contested = {eid for eid, n in counts.items() if n > 1}
    if not contested:
        return resolution, 0
    when = {p.id: (p.year, p.date) for p in papers}
    proposals = [Proposal(link.paper_id, link.entity_id, *when.get(link.paper_id, (None, None)),
                          curated=(link.paper_id, link.entity_id) in resolution.curated)
                 for link in resolution.links if link.role == "proposes" and link.entity_id in contested]
    entities = [e for e in resolution.entities if e.id in contested]
    shared = shared_names(entities, gaz, split_ids(e.id for e in resolution.entities))
    demoted = set(later_proposals(proposals, shared))
    if not demoted:
        return resolution, 0
    links = [replace(link, role="uses") if (link.paper_id, link.entity_id) in demoted else link
             for link in resolution.links]
    return replace(resolution, links=links), len(demoted)


def demoted_line(count: int) -> str:
    """The build summary's line for ``count`` proposals made uses.

    >>> demoted_line(2)
    'proposers: 2 PROPOSES edge(s) of later papers made USES (an earlier corpus paper proposes the entity)'
    """
    return (f"proposers: {count} PROPOSES edge(s) of later papers made USES "
            "(an earlier corpus paper proposes the entity)")
