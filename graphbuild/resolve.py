"""Corpus-level resolution: one entity per thing across all papers.

Per-paper entities are merged when they share a canonical gazetteer name or a
surface form (case, hyphen and space variants agree by :func:`name_key`; a
head noun's plural and short form by :func:`~graphbuild.nlp.features.head_form_key`).
Short acronyms (four characters or fewer) are ambiguous across papers
(``SAM``), so they only merge entities of the same type. Versions and sizes
get a ``family``: ``Llama-3.1-8B`` -> ``Llama``.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .nlp.abbreviations import acronym_singular
from .nlp.features import head_form_key
from .nlp.gazetteer import Gazetteer
from .nlp.pipeline import family_name
from .records import ROLES, Entity, EntityMention, Extraction, Link, entity_id, name_key

__all__ = ["Resolution", "resolve_entities", "mention_buckets"]


@dataclass(slots=True)
class Resolution:
    """Corpus entities and the paper -> entity links between them and the papers."""

    entities: list[Entity] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    #: the (paper id, entity id) links whose role a curation operation set (``proposed``, ``mention`` with a
    #: role): rules over the whole corpus (:mod:`graphbuild.proposers`) leave them as they are
    curated: frozenset[tuple[str, str]] = frozenset()
    #: the corpus papers a curation ``drop`` took out (no links here): the build leaves out their nodes,
    #: authorship and citations both ways (:func:`graphbuild.stages.kept_papers`)
    dropped: frozenset[str] = frozenset()

    def by_id(self) -> dict[str, Entity]:
        """The entities keyed by node id."""
        return {e.id: e for e in self.entities}


def _short(key: str) -> bool:
    return len(key) <= 4


def mention_buckets(em: EntityMention, key_of: Callable[[str], str] = name_key) -> set[tuple[str, str]]:
    """The (key, type) buckets in which a paper's mention meets the mentions of the same thing in
    other papers (the type only for a short key: see :func:`_group_stream`). The Spark job joins
    mentions on the same buckets.
    """
    keys = {key_of(em.canonical or em.name)} | {key_of(m) for m in em.mentions}
    keys |= {"head:" + head for m in (em.name, *em.mentions) if (head := head_form_key(m))}
    keys |= {key_of(one) for m in em.mentions if (one := acronym_singular(m))}
    return {(key, em.type if _short(key) and not em.canonical else "") for key in keys if key}


def resolve_entities(extractions: Iterable[Extraction], gaz: Gazetteer | None = None) -> Resolution:
    """Merge per-paper entities into corpus entities and paper->entity links.

    Parameters
    ----------
    extractions : the per-paper NLP output. Read twice (once to group the mentions, once to name the groups
        and link the papers), so that no mention is held between the two: an iterable that reads them anew
        each time (such as :func:`graphbuild.load.curated_graph`'s, from the disk) keeps the memory bounded in
        the number of extractions; an iterator is read once into a list.
    gaz : the gazetteer, which names and types an entity when it knows it.

    Returns
    -------
    Resolution
        Corpus entities sorted by id, and one :class:`~graphbuild.records.Link`
        per (paper, entity) pair carrying the strongest role.
    """
    if iter(extractions) is extractions:  # an iterator: it cannot be read twice
        extractions = list(extractions)
    group_of, n_groups = _group_stream(extractions)
    groups = [_Group() for _ in range(n_groups)]
    # (paper, group) -> (role rank, mention number, the link but its entity)
    best: dict[tuple[str, int], tuple[int, int, tuple[str, str, int, int]]] = {}
    i = 0
    for x in extractions:
        for em in x.entities:
            g = group_of[i]
            groups[g].add(em)
            rank = ROLES.index(em.role) if em.role in ROLES else len(ROLES)
            key = (x.paper_id, g)
            if key not in best or rank < best[key][0]:
                best[key] = (rank, i, (em.role if em.role in ROLES else "uses", em.evidence, em.start, em.end))
            i += 1
    entities: dict[str, Entity] = {}
    group_entity: list[str] = []
    families: dict[str, str] = {}  # entity id -> family name
    for group in groups:  # in the order of their first mentions
        eid = group.entity(entities, gaz)
        group_entity.append(eid)
        if group.families:
            families[eid] = group.families.most_common(1)[0][0]
    del groups

    _link_families(entities, families, gaz)

    # links: one per (paper, entity), the strongest role wins (the first mention of it among equals)
    strongest: dict[tuple[str, str], tuple[int, int, tuple[str, str, int, int]]] = {}
    for (pid, g), found in best.items():
        link_key = (pid, group_entity[g])
        if link_key not in strongest or found[:2] < strongest[link_key][:2]:
            strongest[link_key] = found
    links = []
    papers_per_entity: Counter[str] = Counter()
    for (pid, eid), (_, _, (role, evidence, start, end)) in sorted(strongest.items()):
        links.append(Link(pid, eid, role, evidence=evidence, char_start=start, char_end=end))
        papers_per_entity[eid] += 1
    for ent in entities.values():
        ent.paper_count = papers_per_entity.get(ent.id, 0)
    return Resolution(entities=sorted(entities.values(), key=lambda e: e.id), links=links)


def _group_stream(extractions: Iterable[Extraction]) -> tuple[array[int], int]:
    """The group of each mention of ``extractions`` (in reading order), numbered by their first mention, and how
    many groups; the mentions are not kept.

    Mentions join when they share a name key (their canonical name, name or
    any surface form) or the key of a name whose head noun is one in another
    number or short form (:func:`~graphbuild.nlp.features.head_form_key`:
    "Quokka Nets", "quokka network"), or a plural acronym's singular ("QNs":
    QN); a short key joins only mentions of the same type unless the mention
    carries a gazetteer canonical name (:func:`mention_buckets`).
    """
    parent = array("q")
    owner: dict[tuple[str, str], int] = {}
    known: dict[str, str] = {}  # name -> name_key: a corpus repeats the same few thousand names

    def key_of(name: str) -> str:
        key = known.get(name)
        if key is None:
            key = known[name] = name_key(name)
        return key

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for x in extractions:
        for em in x.entities:
            i = len(parent)
            parent.append(i)
            for bucket in mention_buckets(em, key_of):
                a, b = root(owner.setdefault(bucket, i)), root(i)
                if a != b:
                    parent[max(a, b)] = min(a, b)  # a root is its group's first mention
    number: dict[int, int] = {}
    group_of = array("q", (number.setdefault(root(i), len(number)) for i in range(len(parent))))
    return group_of, len(number)


class _Group:
    """What :func:`resolve_entities` reads of the mentions of one group, counted as they stream by."""

    __slots__ = ("canonical", "names", "types", "forms", "families")

    def __init__(self) -> None:
        self.canonical: Counter[str] = Counter()
        self.names: Counter[str] = Counter()
        self.types: Counter[str] = Counter()
        self.forms: dict[str, None] = {}  # every name and surface form, in order
        self.families: Counter[str] = Counter()

    def add(self, em: EntityMention) -> None:
        if em.canonical:
            self.canonical[em.canonical] += 1
        self.names[em.name] += 1
        self.types[em.type] += 1
        self.forms.update(dict.fromkeys((em.name, *em.mentions)))
        if em.family:
            self.families[em.family] += 1

    def entity(self, entities: dict[str, Entity], gaz: Gazetteer | None) -> str:
        """Add the group's entity to ``entities`` (joined with one of the same name and type); its id."""
        name = (self.canonical or self.names).most_common(1)[0][0]
        entry = gaz.lookup(name) if gaz is not None else None
        type_ = entry.type if entry is not None else self.types.most_common(1)[0][0]
        eid = entity_id(name_key(name))
        if eid in entities and entities[eid].type != type_:
            eid = f"{eid}:{type_.lower()}"
        aliases = [m for m in self.forms if m != name]
        if eid in entities:  # same name, same type, split by the short-acronym rule: join them
            old = entities[eid]
            old.aliases = tuple(dict.fromkeys((*old.aliases, *aliases)))
        else:
            entities[eid] = Entity(id=eid, name=name, type=type_, aliases=tuple(aliases))
        return eid


def _same_type_name(by_key: dict[str, Entity], etype: str) -> Callable[[str], str | None]:
    """A ``known`` lookup for :func:`family_name`: the name of an entity of type ``etype`` by name key."""
    def known(key: str) -> str | None:
        ent = by_key.get(key)
        return ent.name if ent is not None and ent.type == etype else None
    return known


def _link_families(entities: dict[str, Entity], families: dict[str, str], gaz: Gazetteer | None) -> None:
    """Set ``Entity.family``: to an existing entity, or to a family entity added (from the gazetteer)."""
    by_key = {name_key(e.name): e for e in entities.values()}
    for ent in list(entities.values()):
        fam_name = families.get(ent.id) or family_name(ent.name, _same_type_name(by_key, ent.type))
        if not fam_name or name_key(fam_name) == name_key(ent.name):
            continue
        fam = by_key.get(name_key(fam_name))
        if fam is None:
            entry = gaz.lookup(fam_name) if gaz is not None else None
            fam = Entity(id=entity_id(name_key(fam_name)), name=entry.name if entry else fam_name,
                         type=entry.type if entry else ent.type,
                         aliases=tuple(entry.aliases) if entry else ())
            if fam.id in entities:
                fam = entities[fam.id]
            else:
                entities[fam.id] = fam
                by_key[name_key(fam.name)] = fam
        ent.family = fam.id
