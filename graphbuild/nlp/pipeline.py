"""The NLP pass: a spaCy pipeline of graphbuild's components, and papers -> extractions.

>>> from graphbuild.nlp.pipeline import make_pipeline
>>> make_pipeline().pipe_names[:3]
['graphbuild_sentences', 'graphbuild_gazetteer', 'graphbuild_abbreviations']
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# importing the component modules registers their factories
from . import abbreviations, entity_types, patterns, roles, sentences  # noqa: F401
from .tokenizer import TextKeepingTokenizer, doc_text
from .candidates import Candidate
from .gazetteer import Gazetteer, GazetteerComponent
from ..records import ROLES, EntityMention, Extraction, Paper, name_key

__all__ = ["COMPONENTS", "make_pipeline", "extract_papers", "extract_text", "doc_to_extraction", "family_name"]

COMPONENTS = (
    "graphbuild_sentences",
    "graphbuild_gazetteer",
    "graphbuild_abbreviations",
    "graphbuild_patterns",
    "graphbuild_typing",
    "graphbuild_roles",
)

_PIPELINES: dict[tuple[str, str], Language] = {}


def make_pipeline(model: str | None = None, *, gazetteer_path: str = "") -> Language:
    """A blank English pipeline (or an installed spaCy model) plus graphbuild's components.

    Parameters
    ----------
    model : name or path of an installed spaCy pipeline to start from; ``None``
        for ``spacy.blank("en")`` (nothing to download).
    gazetteer_path : a gazetteer ``.jsonl`` file or folder; empty for the shipped one.
    """
    if model:
        nlp = spacy.load(model)
        nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    else:
        nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "graphbuild.TextKeepingTokenizer.v1"}}})
    # spaCy's tokenizer cache slows down sharply once full; keep it large
    if hasattr(nlp.tokenizer, "max_cache_size"):
        nlp.tokenizer.max_cache_size = 1_000_000
    # adaptation settings name two datasets: "GTA→Cityscapes", "Synthia->Cityscapes"
    infixes = [*nlp.Defaults.infixes, r"→", r"(?<=[A-Za-z0-9])->(?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    for name in COMPONENTS:
        config = {"path": gazetteer_path} if name == "graphbuild_gazetteer" else {}
        nlp.add_pipe(name, config=config)
    nlp.meta["graphbuild"] = {"model": model or "", "gazetteer": gazetteer_path}
    return nlp


def cached_pipeline(model: str | None = None, gazetteer_path: str = "") -> Language:
    """One pipeline per (model, gazetteer) per process; building it takes about a second."""
    key = (model or "", gazetteer_path)
    if key not in _PIPELINES:
        _PIPELINES[key] = make_pipeline(model, gazetteer_path=gazetteer_path)
    return _PIPELINES[key]


def _gazetteer(nlp: Language) -> Gazetteer:
    comp = nlp.get_pipe("graphbuild_gazetteer")
    if not isinstance(comp, GazetteerComponent):
        raise TypeError("the pipeline's graphbuild_gazetteer component is not graphbuild's")
    return comp.gazetteer


def extract_papers(
    papers: Iterable[Paper],
    nlp: Language | None = None,
    *,
    batch_size: int = 256,
    n_process: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Extraction]:
    """Run the NLP pass over papers, yielding one :class:`Extraction` per paper, in order.

    With ``n_process > 1`` the papers go to worker processes in chunks of
    ``batch_size``; each worker builds the same pipeline (from the settings
    recorded in ``nlp.meta["graphbuild"]``) and sends back extractions.
    """
    nlp = nlp or cached_pipeline()
    papers = list(papers)
    if n_process > 1 and len(papers) > batch_size:
        yield from _extract_parallel(papers, nlp, batch_size, n_process, progress)
        return
    gaz = _gazetteer(nlp)
    texts = (p.text for p in papers)
    for paper, doc in zip(papers, nlp.pipe(texts, batch_size=batch_size)):
        yield doc_to_extraction(doc, paper.id, paper.title, gaz)
        if progress:
            progress(1)


def _extract_chunk(args: tuple[str, str, list[tuple[str, str, str]]]) -> list[Extraction]:
    model, gazetteer_path, items = args
    nlp = cached_pipeline(model or None, gazetteer_path)
    gaz = _gazetteer(nlp)
    return [doc_to_extraction(doc, pid, title, gaz)
            for (pid, title, _), doc in zip(items, nlp.pipe(text for _, _, text in items))]


def _extract_parallel(papers: list[Paper], nlp: Language, batch_size: int, n_process: int,
                      progress: Callable[[int], None] | None) -> Iterator[Extraction]:
    from concurrent.futures import ProcessPoolExecutor

    settings = nlp.meta.get("graphbuild", {})
    chunks = [
        (settings.get("model", ""), settings.get("gazetteer", ""),
         [(p.id, p.title, p.text) for p in papers[i: i + batch_size]])
        for i in range(0, len(papers), batch_size)
    ]
    with ProcessPoolExecutor(max_workers=n_process) as pool:
        for result in pool.map(_extract_chunk, chunks):
            yield from result
            if progress:
                progress(len(result))


def extract_text(text: str, nlp: Language | None = None, *, title: str = "") -> Extraction:
    """The NLP pass on free text (a draft abstract, an idea)."""
    nlp = nlp or cached_pipeline()
    body = f"{title}\n\n{text}" if title else f"\n\n{text}"
    return doc_to_extraction(nlp(body), "text:query", title, _gazetteer(nlp))


# ------------------------------------------------------------------ grouping

_SUFFIX = re.compile(
    r"^(?P<base>.+?)(?:[-\s_](?P<word>XL|XXL|Base|Large|Small|Tiny|Huge|Mini|mini|Pro|Plus|Ultra|Instruct|Chat|"
    r"Lite|MoE|DPO|SFT|RLHF|Turbo|[A-Z]\d*|v\d+(?:\.\d+)*)|[-\s_]?(?P<num>\d+(?:\.\d+)*[a-z]?|\d+(?:\.\d+)?[BMKk]|"
    r"\d+x\d+[BM]))$"
)


def family_name(name: str, known: Callable[[str], str | None]) -> str | None:
    """The family a version or size variant belongs to, if its stem is a known name.

    ``known(stem)`` returns the canonical name of a known entity or ``None``.
    The shortest known stem wins: ``Llama-3.1-8B`` -> ``Llama``.

    >>> family_name("Llama-3.1-8B", {"llama": "Llama"}.get)
    'Llama'
    >>> family_name("MiniCPM-DPO", {"minicpm": "MiniCPM"}.get)
    'MiniCPM'
    >>> family_name("ToxicChat", {"llama": "Llama"}.get) is None
    True
    """
    found = None
    current = name
    for _ in range(4):
        m = _SUFFIX.match(current)
        if not m or len(m.group("base")) < 2:
            break
        current = m.group("base").rstrip("-_ ")
        hit = known(name_key(current))
        if hit and name_key(hit) != name_key(name):
            found = hit
    return found


def doc_to_extraction(doc: Doc, paper_id: str, title: str, gaz: Gazetteer) -> Extraction:
    """Group a document's selected candidates into one :class:`EntityMention` per entity."""
    cands: list[Candidate] = doc._.gb_candidates or []
    sents = doc._.gb_sents or [(0, len(doc_text(doc)))]
    # union-find over the keys that name the same thing in this paper
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    def keys_of(c: Candidate) -> list[str]:
        ks = [name_key(c.text)]
        entry = gaz.lookup(c.text) or (gaz.by_key.get(c.key) if c.key else None)
        if entry is not None:
            ks.append("gaz:" + entry.key)
        if c.group >= 0:
            ks.append(f"grp:{c.group}")
        return [k for k in ks if k]

    cand_keys = [(c, keys_of(c)) for c in cands]
    for _, ks in cand_keys:
        for k in ks[1:]:
            union(ks[0], k)
    groups: dict[str, list[Candidate]] = {}
    for c, ks in cand_keys:
        if ks:
            groups.setdefault(find(ks[0]), []).append(c)

    entities: list[EntityMention] = []
    for members in groups.values():
        entity = _entity_from(members, doc_text(doc), sents, gaz)
        if not any(ch.isalpha() for ch in entity.name):
            continue  # "1", "2-3": numbers picked up by a cue are not names
        if entity.proposed or not all(c.generic for c in members):
            entities.append(entity)  # a generic word counts only in the paper that introduces it
    entities.sort(key=lambda e: e.start)
    return Extraction(paper_id=paper_id, title=title, entities=entities)


def _entity_from(members: list[Candidate], text: str, sents: list[tuple[int, int]], gaz: Gazetteer) -> EntityMention:
    longs = [c for c in members if c.source == "abbrev-long"]
    entry = None
    for c in longs + [c for c in members if c.source != "abbrev-long"]:
        entry = gaz.lookup(c.text) or (gaz.by_key.get(c.key) if c.key else None)
        if entry is not None:
            break
    if entry is not None and longs and not any(gaz.lookup(c.text) is entry for c in longs):
        # "Semi-Supervised Learning (SSL)": the definition wins over a known meaning of the acronym
        entry = None
    mentions: list[str] = []
    for c in members:
        if c.text not in mentions:
            mentions.append(c.text)
    pair_long = [c.text for c in members if c.source == "abbrev-long"]
    pair_short = [c.text for c in members if c.source == "abbrev-short"]
    if entry is not None and (name_key(entry.name) in {name_key(m) for m in mentions}
                              or any(m != m.lower() for m in mentions)):
        name = entry.name  # lower-case-only mentions keep their form: a technique family
    elif pair_long and pair_short:
        name = pair_long[0] if pair_long[0].islower() else pair_short[0]
    else:
        name = Counter(c.text for c in members).most_common(1)[0][0]
    if entry is not None and entry.type:
        type_ = entry.type
    else:
        votes: dict[str, float] = {}
        for c in members:
            for t, w in c.votes.items():
                votes[t] = votes.get(t, 0.0) + w
        votes.pop("Tool", None)
        type_ = max(sorted(votes), key=lambda t: votes[t]) if votes else "Method"
        if any(c.votes.get("Task") for c in members if c.source.startswith("abbrev")):
            type_ = "Task"  # defined as a task ("federated online learning to rank (FOLTR)"); "FOLTR methods" are others
    proposed = any(c.proposed for c in members)
    if proposed and type_ == "Task" and entry is None and name != name.lower():
        type_ = "Method"  # a named thing a paper proposes is an artifact, not a task
    role = min((c.role for c in members), key=ROLES.index)
    if role == "evaluates_on" and type_ != "Dataset":
        role = "uses"
    if proposed:
        role = "proposes"
    evidence_c = next(c for c in members if c.role == role) if any(c.role == role for c in members) else members[0]
    s, e = sents[evidence_c.sentence] if 0 <= evidence_c.sentence < len(sents) else (0, len(text))
    family = None
    if entry is not None:
        fam = gaz.family_of(entry)
        family = fam.name if fam else None
    if family is None and entry is None:
        family = family_name(name, lambda key: gaz.by_key[key].name if key in gaz.by_key else None)
        fam_entry = gaz.by_key.get(name_key(family)) if family else None
        if fam_entry is not None and fam_entry.type in ("Model", "Method", "Dataset"):
            type_ = fam_entry.type  # a variant has its family's type
    return EntityMention(
        name=name,
        type=type_,
        mentions=mentions,
        proposed=proposed,
        role=role,
        evidence=text[s:e],
        start=evidence_c.start,
        end=evidence_c.end,
        canonical=entry.name if entry is not None else None,
        family=family,
    )
