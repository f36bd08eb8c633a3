"""Review: ranked suggestions for a person to accept or dismiss, written to the curation file.

:func:`suggest` looks at a built graph (and, for type conflicts, the per-paper
extractions) and proposes curation operations, most valuable first (by the
number of papers they touch):

* likely duplicates, suggested as merges: an acronym and its long form
  (``GCN`` / ``graph convolutional network``), the same name with a generic
  head word (``ResNet`` / ``ResNet model``), and fuzzy-similar names of one
  type (rapidfuzz ``ratio``; numbers must agree, so ``GPT-3`` and ``GPT-2``
  are never suggested; a looser threshold within one family);
* type conflicts: papers that disagree on an entity's type, or a name whose
  shape says another type (``Top-1`` typed a Dataset), suggested as a retype;
* doubtful entities: the least confident (see :func:`entity_confidence`),
  suggested as rejects.

Each suggestion has a stable id (a hash of what it proposes), so a decision
written to the curation file (the accepted op carries ``suggestion``; a
dismissal is a ``dismiss`` op) keeps it from being asked again.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .curation import CurationOp
from .records import Extraction, name_key
from .schema import ENTITY_ROLE_RELS

__all__ = ["Suggestion", "suggest", "entity_confidence", "mention_confidence", "add_confidence",
           "decided_suggestions", "decided_by_hand"]

_STOP = frozenset("a an and for in of on the to with via by from".split())
_GENERIC_HEADS = ("model", "models", "method", "methods", "network", "networks", "dataset", "datasets",
                  "benchmark", "algorithm", "framework", "architecture", "approach", "corpus", "task")
_VAGUE_HEADS = ("framework", "approach", "algorithm", "architecture", "module", "strategy", "scheme",
                "pipeline", "technique", "mechanism")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*?s?$")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One proposed curation operation and why."""

    id: str
    kind: str  # "duplicate", "type-conflict" or "doubtful"
    op: CurationOp
    papers: int  # papers the operation touches
    reason: str
    evidence: tuple[tuple[str, str], ...] = ()  # (paper id, sentence)
    score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The suggestion as a JSON-ready dict (operation and evidence included)."""
        return {"id": self.id, "kind": self.kind, "papers": self.papers, "reason": self.reason,
                "operation": self.op.to_dict(), "evidence": [list(e) for e in self.evidence],
                "score": round(self.score, 3)}


@dataclass(slots=True)
class _Ent:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    family: str | None
    papers: dict[str, str] = field(default_factory=dict)  # paper id -> evidence sentence
    roles: Counter = field(default_factory=Counter)


def _entities(graph: Any) -> dict[str, _Ent]:
    ents = {n: _Ent(n, d["name"], d["type"], tuple(d.get("aliases") or ()), d.get("family"))
            for n, d in graph.nodes(data=True) if d.get("label") == "Entity"}
    for u, v, key, d in graph.edges(keys=True, data=True):
        ent = ents.get(v)
        if ent is not None and key != "VARIANT_OF":
            ent.papers[u] = d.get("evidence") or ""
            ent.roles[key] += 1
    return ents


_PREFIX = {"duplicate": "m", "type-conflict": "t", "doubtful": "r"}


def _sid(kind: str, *parts: str) -> str:
    return _PREFIX[kind] + hashlib.sha1("|".join((kind, *parts)).encode()).hexdigest()[:7]


def _evidence(*ents: _Ent, per: int = 2) -> tuple[tuple[str, str], ...]:
    out = []
    for ent in ents:
        out.extend(sorted((p, s) for p, s in ent.papers.items() if s)[:per])
    return tuple(out)


def _merge(a: _Ent, b: _Ent, reason: str, score: float) -> Suggestion:
    """Fold the entity in fewer papers into the other (ties: into the shorter name)."""
    src, dst = sorted((a, b), key=lambda e: (len(e.papers), -len(e.name), e.id))
    op = CurationOp("merge", src.id, into=dst.id, entity_name=src.name, into_name=dst.name, note=f"review: {reason}")
    sid = _sid("duplicate", *sorted((a.id, b.id)))
    return Suggestion(sid, "duplicate", op, len(set(a.papers) | set(b.papers)),
                      f"{src.name!r} ({src.type}, {len(src.papers)} papers) looks like {dst.name!r} "
                      f"({dst.type}, {len(dst.papers)} papers): {reason}", _evidence(src, dst), score)


def _initials(name: str) -> set[str]:
    words = [w for w in re.split(r"[\s\-/]+", name) if w]
    if len(words) < 2 or any(len(w) > 1 and w.isupper() for w in words):
        return set()  # "MLP-Mixer" is a coined name, not a long form
    full = "".join(w[0] for w in words).lower()
    content = "".join(w[0] for w in words if w.lower() not in _STOP).lower()
    return {full, content}


def _acronym_pairs(ents: list[_Ent]) -> Iterable[Suggestion]:
    """An entity named by an acronym with no long form of its own, and the one entity
    whose name or alias spells it out (several candidates: a homonym, no suggestion).
    """
    long_forms: dict[str, dict[str, _Ent]] = defaultdict(dict)
    for ent in ents:
        for form in (ent.name, *ent.aliases):
            for initials in _initials(form):
                if len(initials) >= 2:
                    long_forms[initials][ent.id] = ent
    singular: dict[str, list[_Ent]] = defaultdict(list)
    for ent in ents:
        for form in (ent.name, *ent.aliases):
            singular[form].append(ent)
    for ent in ents:
        if not _ACRONYM.match(ent.name):
            continue
        key = name_key(ent.name[:-1] if ent.name.endswith("s") and ent.name[-2:-1].isupper() else ent.name)
        own = {_singular(a) for a in ent.aliases if key in _initials(a)}
        cands = [c for c in long_forms.get(key, {}).values() if c.id != ent.id and c.type == ent.type
                 and (not _ACRONYM.match(c.name) or name_key(c.name) == key)]
        if own:  # it spells itself out: only an entity with the same long form is a duplicate
            for cand in cands:
                if own & {_singular(f) for f in (cand.name, *cand.aliases)}:
                    yield _merge(ent, cand, f"the same long form {cand.name!r}", 0.95)
        elif len(cands) == 1:  # several: the acronym is ambiguous
            yield _merge(ent, cands[0], f"{ent.name!r} is the acronym of {cands[0].name!r}", 0.9)
        if ent.name.endswith("s") and ent.name[-2:-1].isupper():
            for other in singular.get(ent.name[:-1], ()):
                if other.id != ent.id:
                    yield _merge(ent, other, f"{ent.name!r} is the plural of {ent.name[:-1]!r}", 0.95)


def _singular(form: str) -> str:
    key = name_key(form)
    return key[:-1] if key.endswith("s") else key


def _long_forms(ent: _Ent) -> set[str]:
    """The spelled-out forms among an entity's aliases (initials giving its name)."""
    key = name_key(ent.name)
    return {_singular(a) for a in ent.aliases if key in _initials(a)}


def _head_stripped(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _GENERIC_HEADS:
        words.pop()
    return name_key(" ".join(words))


def _same_long_form(ents: list[_Ent]) -> Iterable[Suggestion]:
    by_key: dict[str, list[_Ent]] = defaultdict(list)
    for ent in ents:
        by_key[_head_stripped(ent.name)].append(ent)
    for key, group in by_key.items():
        if len(group) > 1 and len(key) >= 3:
            group.sort(key=lambda e: e.id)
            for other in group[1:]:
                mine, theirs = _long_forms(group[0]), _long_forms(other)
                if mine and theirs and not mine & theirs:
                    continue  # spelled out differently: a homonym (PCD and PCD)
                if name_key(other.name) == name_key(group[0].name):
                    yield _merge(group[0], other, "the same name with two types", 0.85)
                elif other.type == group[0].type:
                    yield _merge(group[0], other, "the same name up to a generic word", 0.85)


def _fuzzy_pairs(ents: list[_Ent], cutoff: float = 90.0, family_cutoff: float = 85.0) -> Iterable[Suggestion]:
    from rapidfuzz import fuzz, process

    by_type: dict[str, list[_Ent]] = defaultdict(list)
    for ent in ents:
        if len(name_key(ent.name)) >= 8:
            by_type[ent.type].append(ent)
    for group in by_type.values():
        keys = [name_key(e.name) for e in group]
        digits = [_DIGITS.findall(e.name) for e in group]
        scores = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=family_cutoff, workers=-1)
        for i, j in zip(*scores.nonzero()):
            if i >= j or digits[i] != digits[j] or _extends(keys[i], keys[j]) or \
                    _size_variants(group[i].name, group[j].name):
                continue
            a, b = group[i], group[j]
            same_family = a.family is not None and a.family == b.family
            if scores[i, j] >= cutoff or same_family:
                why = f"similar names ({scores[i, j]:.0f}/100{', same family' if same_family else ''})"
                yield _merge(a, b, why, float(scores[i, j]) / 100)


def _extends(a: str, b: str) -> bool:
    """Whether one name key extends the other (``cityscapesc``, ``sroberta``): a variant, not a
    duplicate; a plural ``s`` does not count.
    """
    short, long = sorted((a, b), key=len)
    if long.startswith(short):
        return long[len(short):] not in ("s", "es")
    return long.endswith(short)


def _size_variants(a: str, b: str) -> bool:
    """Whether two names differ only in a short last part (``SwinV2-G`` / ``SwinV2-H``, ``-S`` / ``-XL``)."""
    ta, tb = re.split(r"[\s\-_/]+", a.lower()), re.split(r"[\s\-_/]+", b.lower())
    return len(ta) == len(tb) > 1 and ta[:-1] == tb[:-1] and max(len(ta[-1]), len(tb[-1])) <= 3


def _type_conflicts(ents: dict[str, _Ent], extractions: Iterable[Extraction],
                    known: Any) -> Iterable[Suggestion]:
    by_paper: dict[str, list[_Ent]] = defaultdict(list)
    for ent in ents.values():
        for pid in ent.papers:
            by_paper[pid].append(ent)
    votes: dict[str, Counter] = defaultdict(Counter)
    for ex in extractions:
        linked = by_paper.get(ex.paper_id, [])
        for em in ex.entities:
            keys = {name_key(em.canonical or em.name), *(name_key(m) for m in em.mentions)}
            for ent in linked:
                if keys & {name_key(f) for f in (ent.name, *ent.aliases)}:
                    votes[ent.id][em.type] += 1
                    break
    for eid, counter in votes.items():
        ent = ents[eid]
        others = [(n, t) for t, n in counter.items() if t != ent.type]
        if not others or known(ent.name):  # the gazetteer's type stands
            continue
        n_alt, alt = max(others)
        share = n_alt / sum(counter.values())
        if share >= 0.4:
            spread = ", ".join(f"{t} in {n}" for t, n in counter.most_common())
            op = CurationOp("retype", ent.id, type=alt, entity_name=ent.name,
                            note=f"review: papers disagree ({spread})")
            yield Suggestion(_sid("type-conflict", ent.id, alt), "type-conflict", op, len(ent.papers),
                             f"{ent.name!r} is a {ent.type}, but papers disagree: {spread}",
                             _evidence(ent, per=3), share)


_SHAPE_TYPES = (
    (re.compile(r"^(top-?\d+|f1|f-?score|accuracy|precision|recall|perplexity|bleu|rouge|auc|auroc|map|mrr|"
                r"ndcg(@\d+)?|recall@\d+|hits@\d+|exact match|word error rate)( score)?$", re.I), "Metric"),
    (re.compile(r"\b(dataset|corpus|benchmark|treebank)s?$", re.I), "Dataset"),
)


def _shape_conflicts(ents: list[_Ent], known: Any) -> Iterable[Suggestion]:
    """Names whose shape says another type: ``Top-1`` typed a Dataset, ``X corpus`` typed a Method."""
    for ent in ents:
        for pattern, type_ in _SHAPE_TYPES:
            if ent.type != type_ and pattern.search(ent.name) and not known(ent.name):
                op = CurationOp("retype", ent.id, type=type_, entity_name=ent.name,
                                note=f"review: the name reads like a {type_}")
                yield Suggestion(_sid("type-conflict", ent.id, type_), "type-conflict", op, len(ent.papers),
                                 f"{ent.name!r} is a {ent.type}, but the name reads like a {type_}",
                                 _evidence(ent, per=3), 0.8)
                break


def entity_confidence(name: str, papers: int, roles: Mapping[str, int], known: bool) -> float:
    """A heuristic confidence that a name is a real entity, in [0, 1].

    Known to the gazetteer: 0.95. Otherwise start at 0.6; add 0.15 for each
    further paper (up to 0.3), 0.1 for a typed cue (proposed, evaluated on,
    compared with) and 0.1 for a coined shape (a capital or digit after the
    first character); subtract 0.15 each for four or more words, a function
    word inside (``and``, ``of``, ``based``, ...), a generic head word at the
    end (``framework``, ``algorithm``, ...), and 0.2 for under three characters.

    >>> entity_confidence("FooNet", 1, {"PROPOSES": 1}, known=False)
    0.8
    >>> entity_confidence("candidate generation and re-ranking based framework", 1, {"USES": 1}, known=False)
    0.15
    """
    if known:
        return 0.95
    words = name.lower().split()
    score = 0.6 + min(0.3, 0.15 * (papers - 1))
    if any(k != "USES" and n for k, n in roles.items()):
        score += 0.1
    if re.search(r"[A-Z0-9]", name[1:]):
        score += 0.1
    score -= 0.15 * (len(words) >= 4)
    score -= 0.15 * any(w in _STOP or w in ("based", "per", "using") for w in words[1:-1])
    score -= 0.15 * (len(words) > 1 and words[-1] in _VAGUE_HEADS)
    score -= 0.2 * (len(name_key(name)) < 3)
    return round(max(0.0, min(1.0, score)), 2)


def mention_confidence(em: Any, role: str) -> float:
    """Confidence that a paper mentions an entity: the extractor's probability when its
    record carries one (``probability``, ``confidence`` or ``score``), else 0.95 for a
    gazetteer match, else :func:`entity_confidence` of the name in one paper, +0.05
    when the paper writes it in several forms (an abbreviation it defines).
    """
    for attr in ("probability", "confidence", "score"):
        value = getattr(em, attr, None)
        if isinstance(value, (int, float)) and 0 < value <= 1:
            return round(float(value), 2)
    if em.canonical:
        return 0.95
    forms = len(set(em.mentions) | {em.name})
    return round(min(1.0, entity_confidence(em.name, 1, {ENTITY_ROLE_RELS.get(role, "USES"): 1}, False)
                     + 0.05 * (forms > 1)), 2)


def add_confidence(resolution: Any, extractions: Iterable[Extraction], known: Any = None) -> Any:
    """The resolution with ``confidence`` on every entity and link (a new object; what else it carries, such as
    the curated links and the dropped papers, is kept).

    A link's confidence comes from the paper's mention of the entity
    (:func:`mention_confidence`); a link without one (added by a curation
    ``mention``) keeps its own, else 1.0. An entity's is :func:`entity_confidence`
    over its papers and roles, ``known`` when the gazetteer knows one of its names.
    """
    from dataclasses import replace

    known = known or (lambda name: False)
    forms = {e.id: {name_key(f) for f in (e.name, *e.aliases)} for e in resolution.entities}
    of_paper: defaultdict[str, list[int]] = defaultdict(list)  # paper id -> its links' places
    for n, link in enumerate(resolution.links):
        of_paper[link.paper_id].append(n)
    found: dict[int, float | None] = {}  # link's place -> its mention's confidence (None: no mention)
    for ex in extractions:  # one at a time: none is held (they may be read from the disk)
        for n in of_paper.get(ex.paper_id, ()):
            link = resolution.links[n]
            em = next((m for m in ex.entities
                       if {name_key(m.canonical or m.name), *map(name_key, m.mentions)} & forms[link.entity_id]),
                      None)
            found[n] = mention_confidence(em, link.role) if em is not None else None
    links = []
    roles: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for n, link in enumerate(resolution.links):
        conf = found.get(n)
        links.append(replace(link, confidence=conf if conf is not None else (link.confidence or 1.0)))
        roles[link.entity_id][ENTITY_ROLE_RELS.get(link.role, "USES")] += 1
    entities = []
    for ent in resolution.entities:
        is_known = any(known(f) for f in (ent.name, *ent.aliases))
        conf = entity_confidence(ent.name, ent.paper_count, roles[ent.id], is_known)
        entities.append(replace(ent, confidence=conf))
    return replace(resolution, entities=entities, links=links)


def _doubtful(ents: dict[str, _Ent], known: Any, limit: int, threshold: float = 0.65) -> Iterable[Suggestion]:
    families = {e.family for e in ents.values() if e.family}
    scored = []
    for ent in ents.values():
        if not ent.papers or ent.id in families:
            continue
        conf = entity_confidence(ent.name, len(ent.papers), ent.roles, known(ent.name))
        if conf < threshold:
            scored.append((conf, ent.id, ent))
    for conf, _, ent in sorted(scored)[:limit]:
        op = CurationOp("reject", ent.id, entity_name=ent.name, note=f"review: doubtful (confidence {conf:.2f})")
        yield Suggestion(_sid("doubtful", ent.id), "doubtful", op, len(ent.papers),
                         f"{ent.name!r} ({ent.type}) may not be an entity: confidence {conf:.2f}",
                         _evidence(ent, per=3), 1 - conf)


def decided_suggestions(ops: Iterable[CurationOp]) -> set[str]:
    """Ids of suggestions already accepted or dismissed in a curation file."""
    return {op.suggestion for op in ops if op.suggestion}


def decided_by_hand(ops: Iterable[CurationOp]) -> tuple[set[str], set[str]]:
    """What a curation file settled about entities, as name keys: ``(typed, kept)``.

    ``typed``: the entities whose type a person set (a ``retype``, a ``split``
    or a ``mention`` giving a type: the split's new entity, the mention's
    entity). ``kept``: those and the other entities a person named as entities
    (a split's new entity, a rename's new name, a ``mention`` or ``proposed``
    operation's entity).

    >>> typed, kept = decided_by_hand([CurationOp("split", "Inception", name="Inception score", type="Metric",
    ...                                           papers=("p1",)), CurationOp("rename", "GCN", name="GCNet")])
    >>> sorted(typed), sorted(kept)
    (['inceptionscore'], ['gcnet', 'inceptionscore'])
    """
    typed: set[str] = set()
    kept: set[str] = set()
    for op in ops:
        named = op.name if op.op in ("split", "rename") else op.entity if op.op in ("retype", "mention", "proposed") \
            else None
        if named is None:
            continue
        kept.add(name_key(named))
        if op.op == "retype" or (op.op in ("split", "mention") and op.type):
            typed.add(name_key(named))
    return typed - {""}, kept - {""}


def suggest(graph: Any, extractions: Iterable[Extraction] = (), *, decided: Iterable[str] = (),
            known: Any = None, limit: int | None = None, doubtful: int = 20,
            retyped: Iterable[str] = (), curation: Iterable[CurationOp] = ()) -> list[Suggestion]:
    """Ranked curation suggestions for a built graph, most papers touched first.

    Parameters
    ----------
    graph : the workspace graph (``Workspace.graph()``).
    extractions : the per-paper extractions, for type conflicts (optional).
    decided : suggestion ids to leave out (see :func:`decided_suggestions`).
    known : ``name -> bool``, whether a name is in the gazetteer (default: none are).
    limit : at most this many suggestions.
    doubtful : at most this many doubtful-entity suggestions are considered.
    retyped : the entities (names or ids) a curation file retypes already: no type suggestion undoes a
        hand correction (``op.entity`` of its ``retype`` operations).
    curation : the curation file's operations: no suggestion undoes what they decided by hand
        (:func:`decided_by_hand`): no type suggestion for an entity whose type they set (a retype, a
        split or mention with a type), no reject of an entity they named (a split's new entity, a
        rename, a mention), and their accepted or dismissed suggestions are left out.

    Returns
    -------
    list of Suggestion
        one per proposed operation, ranked by papers touched, then score, then id.
    """
    ents = _entities(graph)
    known = known or (lambda name: False)
    listed = sorted(ents.values(), key=lambda e: e.id)
    found: dict[str, Suggestion] = {}
    sources = [_acronym_pairs(listed), _same_long_form(listed), _fuzzy_pairs(listed),
               _type_conflicts(ents, extractions, known), _shape_conflicts(listed, known),
               _doubtful(ents, known, doubtful)]
    ops = list(curation)
    skip = set(decided) | decided_suggestions(ops)
    typed, kept = decided_by_hand(ops)
    settled = {"type-conflict": typed | {name_key(t) for t in retyped} - {""}, "doubtful": kept}
    for source in sources:
        for s in source:
            if s.id in skip or s.id in found:
                continue
            if settled.get(s.kind):
                ent = ents[s.op.entity]
                if settled[s.kind] & {name_key(f) for f in (ent.id, ent.name, *ent.aliases)}:
                    continue
            found[s.id] = s
    ranked = sorted(found.values(), key=lambda s: (-s.papers, -s.score, s.id))
    return ranked[:limit] if limit else ranked
