"""A canonical text of everything the NLP pass produces for a set of papers.

Used by ``tests/test_extract_digest.py`` to pin the extraction bit for bit
(speed work must not change it): every candidate with all its fields, the
feature rows the decision scores (sorted by name; floats to 10 decimals), the
probabilities, ``doc.ents`` and ``doc.spans`` with their extensions, and the
extraction records.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any

from spacy.language import Language

from graphbuild.nlp.candidates import Candidate, doc_text, text_doc
from graphbuild.nlp.decide import SPANS_KEY, prepare
from graphbuild.nlp.features import corpus_stats
from graphbuild.nlp.pipeline import _gazetteer, corpus_context, doc_to_extraction
from graphbuild.records import Paper


def _candidate(c: Candidate, num: Callable[[float], Any]) -> list[Any]:
    return [c.start, c.end, c.text, c.source, c.key, c.type, [[t, num(w)] for t, w in c.votes.items()],
            c.proposed, c.role, c.group, c.sentence, c.accepted, c.strong, c.generic, list(c.sources),
            c.rule_kept, c.rule_final, num(c.score), c.entity]


def _num(x: float) -> str:
    """Floats to 10 decimals: a sum's last bit may depend on the order of its terms."""
    return f"{x:.10f}"


def _row(features: dict[str, float], num: Callable[[float], Any]) -> list[list[Any]]:
    return sorted([name, num(value)] for name, value in features.items())


def extraction_records(papers: Sequence[Paper], nlp: Language, proposers: Language,
                       num: Callable[[float], Any] = _num) -> list[dict[str, Any]]:
    """One record per paper: candidates, feature rows, ``doc.ents``, ``doc.spans`` and the extraction.

    ``proposers`` is the same pipeline without ``graphbuild_decide`` (its candidates are
    what the decision's features are computed from).
    """
    gaz = _gazetteer(nlp)
    texts = [p.text for p in papers]
    corpus = corpus_stats(texts)
    out = []
    with corpus_context(nlp, texts):
        docs = nlp.pipe(text_doc(nlp, t) for t in texts)
        for paper, doc, before in zip(papers, docs, proposers.pipe(text_doc(proposers, t) for t in texts)):
            text = doc_text(before)
            title_end = before._.gb_title_end if before._.gb_title_end >= 0 else len(text)
            prepared = prepare(text, before._.gb_sents or [(0, len(text))], title_end,
                               copy.deepcopy(before._.gb_candidates or []), gaz, corpus)
            spans = doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else []
            out.append({
                "id": paper.id,
                "features": [_row(f, num) for f in prepared.features],
                "group_features": [_row(f, num) for f in prepared.group_features],
                "groups": prepared.groups,
                "candidates": [_candidate(c, num) for c in doc._.gb_candidates or []],
                "ents": [[e.start_char, e.end_char, e.label_, e._.gb_name, e._.gb_proposed, e._.gb_role,
                          num(e._.gb_score), e._.gb_source] for e in doc.ents],
                "spans": [[s.start_char, s.end_char, s.label_] for s in spans],
                "extraction": doc_to_extraction(doc, paper.id, paper.title, gaz).to_dict(),
            })
    return out


def extraction_digest(papers: Sequence[Paper], nlp: Language, proposers: Language) -> str:
    """SHA-256 of :func:`extraction_records` as canonical JSON."""
    text = json.dumps(extraction_records(papers, nlp, proposers), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
