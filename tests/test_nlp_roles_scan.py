"""The roles' rules read a bounded part of a long sentence per candidate (invented text throughout): a text with
no full stop is one sentence, and rules that searched the whole sentence so far for every candidate made the
pass quadratic in its length."""

from __future__ import annotations

import re

from graphbuild.nlp import roles
from graphbuild.nlp.candidates import Candidate
from graphbuild.nlp.roles import _PROPOSE, _rstripped, _SentenceScan, _tail_from, assign_roles

#: one invented clause of a run-on text: a proposal, a list after a colon, a name made and named
_CLAUSE = ("we propose Zorblet{i}, a lean model that builds on Quimbo{i} and Ferrix{i}: the Zorblet{i} model and "
           "the Quimbo{i} model, and we train a compact model, Tallow{i}, that beats Grizzle{i}, ")


def _run_on(n: int) -> tuple[str, list[Candidate]]:
    """A title and ``n`` clauses joined by commas into one sentence, and a candidate at every coined name."""
    title = "Zorblet: Lean Models"
    text = title + "\n\n" + "".join(_CLAUSE.format(i=i) for i in range(n)) + "and more."
    cands = [Candidate(m.start(), m.end(), m.group(), "shape", sentence=1)
             for m in re.finditer(r"\b(?:Zorblet|Quimbo|Ferrix|Tallow|Grizzle)\d+", text)]
    return text, cands


class _Counting:
    """A compiled pattern that adds up how many characters its searches may read (from ``pos`` to the end)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.read = pattern, 0

    def _count(self, string: str, pos: int = 0, endpos: int | None = None) -> None:
        self.read += (len(string) if endpos is None else min(endpos, len(string))) - pos

    def search(self, string: str, pos: int = 0, endpos: int = 2 ** 31):  # type: ignore[no-untyped-def]
        self._count(string, pos, endpos)
        return self.pattern.search(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = 2 ** 31):  # type: ignore[no-untyped-def]
        self._count(string, pos, endpos)
        return self.pattern.finditer(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = 2 ** 31):  # type: ignore[no-untyped-def]
        return self.pattern.match(string, pos, endpos)  # (anchored: reads a bounded part)


def _characters_read(monkeypatch, n: int) -> int:  # type: ignore[no-untyped-def]
    """How many characters the sentence-so-far patterns read to assign roles in a run-on text of ``n`` clauses."""
    counters = {}
    for name in ("_PROPOSE", "_LIST_ITEM", "_SUBJECT_OPENING", "_MADE_INTO", "_NAMED_BEFORE", "_OUR"):
        counters[name] = _Counting(getattr(roles, name))
        monkeypatch.setattr(roles, name, counters[name])
    text, cands = _run_on(n)
    assign_roles(text, [(0, 20), (22, len(text))], cands, 20)
    monkeypatch.undo()
    assert any(c.proposed for c in cands[5:])  # (the rules did run: "we propose Zorblet3")
    return sum(c.read for c in counters.values())


def test_roles_read_a_long_sentence_about_once_per_candidate(monkeypatch):
    # twice the clauses, twice the candidates: about twice the characters read (not four times)
    small, large = _characters_read(monkeypatch, 40), _characters_read(monkeypatch, 80)
    assert large < 2.5 * small, (small, large)


def test_roles_the_same_on_a_run_on_text_as_clause_by_clause():
    # the proposal of each clause is found in the long sentence as in the clause alone
    text, cands = _run_on(30)
    assign_roles(text, [(0, 20), (22, len(text))], cands, 20)
    proposed = {c.text for c in cands if c.proposed}
    assert {"Zorblet7", "Tallow7"} <= proposed and "Grizzle7" not in proposed


def test_last_match_of_a_sentence_so_far_is_that_of_a_full_search():
    # every prefix ending before a word: the same last proposal verb as ``list(finditer(prefix))[-1]``
    sentence = ("Earlier we   propose to test, and we also present Zorb and introduce Quill; then  "
                "we construct Tarn, and Mivvy, us to build a new one, and we release it and Plon. ") * 4
    scan = _SentenceScan(sentence)
    for m in re.finditer(r"(?<=\s)\S", sentence):
        before = sentence[:m.start()]
        found = list(_PROPOSE.finditer(before))
        expected = (found[-1].start(), found[-1].end()) if found else None
        assert scan.last_match(_PROPOSE, (0, len(sentence)), before, roles._PROPOSE_REACH) == expected, m.start()


def test_sentence_matches_are_kept_apart_by_pattern():
    # one scan asked for two patterns over the same sentence: each its own matches (kept by the pattern's
    # identity, not its hash), asked again the same
    sentence = "we propose Zorb and we present Quill, then compare Zorb with Tarn"
    scan = _SentenceScan(sentence)
    verbs, names = re.compile(r"\bpro\w+|\bpre\w+"), re.compile(r"[A-Z]\w+")
    for _ in range(2):
        for pattern in (verbs, names, re.compile(r"\bpro\w+|\bpre\w+")):
            expected = [m.span() for m in pattern.finditer(sentence)]
            assert scan._sentence_matches(pattern, 0, len(sentence)) == tuple(map(list, zip(*expected)))
            before = sentence[:sentence.index("Tarn")]
            found = list(pattern.finditer(before))
            assert scan.last_match(pattern, (0, len(sentence)), before, 8) == found[-1].span()


def test_bounded_tails_equal_the_whole_strings():
    for before in ["a " * 300, "x" * 700 + " y z", "word " * 50 + " " * 200, "a called " + " " * 100 + "“",
                   "short called  ", "q" * 1000]:
        for words in (2, 5, 12):
            parts = before.rsplit(None, words)
            assert _tail_from(before, words) == (len(parts[0]) if len(parts) > words else 0)
        for ending in (",", "called", "dubbed"):
            assert _rstripped(before, " \"“'").endswith(ending) == before.rstrip(" \"“'").endswith(ending)
    scan = _SentenceScan("a: b: c d")
    assert [scan.last_colon(0, hi) for hi in range(10)] == ["a: b: c d".rfind(":", 0, hi) for hi in range(10)]
    assert scan.holds("b:", (0, 9), 5) and not scan.holds("b:", (0, 9), 4) and not scan.holds("b:", (4, 9), 9)


def test_authors_of_a_procedure_read_near_the_name(monkeypatch):
    # the list of surnames around a name is found at the end of a long text as in a short one, reading a
    # bounded part of the text for each name (not all of it from the name to the end)
    from graphbuild.nlp import lexicon

    listed = "bandwidths follow the procedure of Quillico, Mattaneo and Tirunik."
    counting = _Counting(lexicon._AUTHORS_OF)
    monkeypatch.setattr(lexicon, "_AUTHORS_OF", counting)
    for text in (listed, "We train Zorblet on Quimbo. " * 4000 + listed):
        at = text.index("Mattaneo")
        assert lexicon.authors_named(text, at, at + len("Mattaneo"))
    long = "Zorblet " + "We train Zorblet on Quimbo. " * 4000
    counting.read = 0
    assert not lexicon.authors_named(long, 0, len("Zorblet"))
    assert counting.read < 1000


def test_a_document_reads_the_whole_text_once_per_name():
    from graphbuild.nlp.doc_context import DocContext

    text = "Zorblet: Lean Models\n\n" + "We train Zorblet on zorblet data. " * 50
    doc = DocContext(text, [(0, 20), (22, len(text))], 20)
    reads: list[str] = []
    for _ in range(3):
        assert doc.remember("count", "Zorblet", lambda name: reads.append(name) or text.count(name)) == 51
    assert reads == ["Zorblet"] and doc.usage("Zorblet") == doc.usage("Zorblet") == "also_lower"
