"""A draft as the query: split long text into passages, rank per passage, fuse by reciprocal rank.

Each suggestion says which passage it answers (the passage where it ranks
best), so a draft's introduction and its method section each get their
own reading list, merged into one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import arguments
from ..errors import editor_lines, shortened
from ..progress import Progress, no_progress
from ._sparse import top
from .config import Weights
from .fusion import reciprocal_rank
from .index import RelatedIndex
from .ranking import RelatedResult, _weights, ranked, result_for

__all__ = ["Passage", "PassageResult", "split_passages", "related_to_draft"]

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(\[])")
#: a line that is no prose of a draft: a Markdown heading, a LaTeX comment, or LaTeX commands alone
#: on their line (``\section{Introduction}\label{sec:intro}``, ``\begin{abstract}``)
_NOT_PROSE = re.compile(r"#|%|(?:\\[A-Za-z]+\*?(?:\[[^\]]*\]|\{[^{}]*\})*\s*)+$")
#: the fence opening or closing a Markdown code block (```python, ~~~): the lines between are code, no prose
_FENCE = re.compile(r"(`{3,}|~{3,})")
#: a command only a LaTeX source holds (``\documentclass``, ``\begin{``, ``\section{``, ``\cite{``): the draft's
#: lone ``%`` then starts a comment, where a Markdown or text draft's ``50%`` is prose
_LATEX_SOURCE = re.compile(r"\\(?:documentclass|usepackage|begin\{|(?:sub)*section\*?\{|cite[pt]?\*?[{\[]|input\{)")
#: a LaTeX comment within a line: a ``%`` no backslash escapes, to the end of the line
_LATEX_COMMENT = re.compile(r"(?<!\\)%.*")


@dataclass(frozen=True, slots=True)
class Passage:
    """A piece of a draft: its number (from 1), first line (from 1) and text."""

    number: int
    line: int
    text: str

    def snippet(self, width: int = 70) -> str:
        """The passage's start, on one line."""
        return shortened(" ".join(self.text.split()), width)


@dataclass(frozen=True, slots=True)
class PassageResult:
    """A suggestion for a draft and the passage it answers."""

    result: RelatedResult
    passage: Passage
    fused: float  # the reciprocal-rank fusion score


def split_passages(text: str, *, max_words: int = 150, min_words: int = 25) -> list[Passage]:
    """Paragraphs (blank-line separated; Markdown headings and code blocks, LaTeX comments (in a LaTeX
    source, also those after a line's prose) and command lines dropped), long ones cut at sentence ends
    into pieces of at most ``max_words`` (a longer sentence is cut between words); pieces under
    ``min_words`` join the one before while the two hold at most ``max_words``.
    """
    pieces: list[tuple[int, str]] = []
    for line_no, para in _paragraphs(text):
        words: list[str] = []
        for sentence in _SENTENCE_END.split(para):
            for chunk in _chunks(sentence.split(), max_words):
                if words and len(words) + len(chunk) > max_words:
                    pieces.append((line_no, " ".join(words)))
                    words = []
                words.extend(chunk)
        if words:
            pieces.append((line_no, " ".join(words)))
    merged: list[tuple[int, str]] = []
    for line_no, piece in pieces:
        n, before = len(piece.split()), len(merged[-1][1].split()) if merged else 0
        # a short piece joins its neighbour, but never past max_words: a draft of short paragraphs
        # is several passages, not one
        if merged and (n < min_words or before < min_words) and before + n <= max_words:
            merged[-1] = (merged[-1][0], merged[-1][1] + " " + piece)
        else:
            merged.append((line_no, piece))
    return [Passage(i, line, body) for i, (line, body) in enumerate(merged, start=1)]


def _chunks(words: list[str], size: int) -> list[list[str]]:
    """``words`` in runs of at most ``size``: a "sentence" with no end in sight (a pasted table, a text
    without punctuation, one long line) is cut, or it is one passage the NLP pass takes minutes over.
    """
    return [words[i:i + size] for i in range(0, len(words), max(size, 1))] if len(words) > size else [words]


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    current: list[str] = []
    start = 1
    fence = ""  # the fence of the code block the line is in, if any
    latex = bool(_LATEX_SOURCE.search(text))
    for number, line in enumerate(editor_lines(text), start=1):
        stripped = line.strip()
        if latex and "%" in stripped and not stripped.startswith("%"):
            stripped = _LATEX_COMMENT.sub("", stripped).rstrip()  # "Prose. % TODO cite X": the prose alone
        in_code = bool(fence)
        if fence and stripped.startswith(fence) and not stripped.strip(fence[0]):
            fence = ""  # the closing fence: the opening one's character, as many or more, nothing else
        elif not fence and (opening := _FENCE.match(stripped)):
            fence, in_code = opening.group(1), True
        if in_code or not stripped or _NOT_PROSE.match(stripped):
            if current:
                out.append((start, " ".join(current)))
                current = []
            continue
        if not current:
            start = number
        current.append(stripped)
    if current:
        out.append((start, " ".join(current)))
    return out


def related_to_draft(index: RelatedIndex, text: str, *, k: int = 10, weights: Weights | None = None,
                     depth: int = 50, rrf_k: float = 60.0,
                     extract: Callable[[str], Any] | None = None,
                     progress: Progress = no_progress) -> list[PassageResult]:
    """Papers for a whole draft: the top ``depth`` of each passage, fused by reciprocal rank.

    Parameters
    ----------
    index : the related-work index.
    text : the draft (Markdown or plain text).
    k : how many suggestions.
    weights : fusion weights of each passage's ranking (default: the fitted ones).
    depth : how deep each passage's ranking goes into the fusion.
    rrf_k : the constant of reciprocal-rank fusion.
    extract : text -> Extraction for each passage (default: the workspace's pipeline).
    progress : told ``("ranking passages", done, total)`` as each passage is ranked.
    """
    passages = split_passages(arguments.text(text, "text") or "")
    k, depth = arguments.whole(k, "k", minimum=0), arguments.whole(depth, "depth", minimum=0)
    if not passages or k <= 0:
        return []
    w = _weights(index, weights)
    queries, runs = [], []
    for done, passage in enumerate(passages, start=1):
        q = index.text_query(passage.text, extract)
        queries.append(q)
        runs.append(top(ranked(index, q, w)[0], depth))  # the scores of every paper are not kept: see below
        progress("ranking passages", done, len(passages))
    fused = reciprocal_rank(runs, rrf_k)
    order = sorted(fused, key=lambda j: (-fused[j][0], j))[:k]
    # Only the passages a suggestion answers are ranked again, for its score parts and reasons: keeping
    # every passage's score arrays (7 per passage, one value per corpus paper) took gigabytes for a long draft.
    again: dict[int, tuple[Any, dict[str, Any]]] = {}
    out = []
    for j in order:
        score, which = fused[j]
        if which not in again:
            again[which] = ranked(index, queries[which], w)
        scores, parts = again[which]
        out.append(PassageResult(result_for(index, queries[which], j, scores, parts, w), passages[which],
                                 round(score, 5)))
    return out
