"""Features of candidate spans and of the entities they group into, for the decision model.

Pure functions over the text, the sentence spans and the candidates the
proposing components found: nothing here decides. Each feature is a string
(present or not) or a string with a value; :mod:`graphbuild.nlp.decide`
weighs them with learned coefficients.

Feature families: the proposers that found the span; its shape (casing,
digits, hyphens, length); the gazetteer's entry and type; the type votes of
head nouns and list context; the words left and right; cue phrases; where
it stands (title, before the title's colon, first sentence); how the paper
uses the same form elsewhere (how often, whether it is also written in lower
case, whether it is defined as an abbreviation). Features named with the
:data:`TYPE_ONLY` prefix (the name's word pieces, the head noun of an
appositive after it) are seen by the type model only: the entity model is
fitted without them.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from ..records import SCORED_TYPES
from .candidates import Candidate
from .doc_context import _TOKEN, DocContext, title_name_stem
from .entity_types import TRAINED_AGENT_NOUNS, architecture_head, kind_type
from .featurespace import MAX_BLOCKS, FeatureSpace, Row
from .gazetteer import form_key, variant_key
from .lexicon import (
    ARTIFACT_KINDS,
    COLLECTIVES,
    COMPARISON_ENDS,
    COMPARISON_WORDS,
    DONE_WITH_BEFORE,
    INTRODUCING_VERBS,
    LIST_GAP,
    LIST_GAP_END,
    LIST_GAP_ENDS,
    LIST_SEPARATOR,
    LISTED_NAMES_BEFORE,
    MADE_AFTER,
    MADE_KIND_NAMED,
    NAMES_LISTED_UP_TO,
    PROPOSED_KINDS,
    SET_WORDS,
    TASK_ENDINGS,
    VERSION,
    alternation,
    compound_head_type,
    family_stems,
    head_type,
    is_generic,
    subject_after_comma,
    word_alternation,
)
from .patterns import INNER_CAP, coined_apposed_type, shape_score
from .proposals import titled_kind_at

__all__ = ["BARE", "group_candidates", "head_form_key", "singular_noun", "candidate_features", "entity_features",
           "owned_by_authors", "made_object", "titled_own_kind", "trained_on", "drawn_from", "with_other_claimed",
           "Grouping", "CorpusStats", "corpus_stats", "long_head_type"]

Grouping = list[list[int]]

_LEFT_WORD = re.compile(r"([A-Za-z][\w\-]*)[^\w\n]{0,3}$")
_RIGHT_WORD = re.compile(r"^[^\w\n]{0,3}([A-Za-z][\w\-]*)")
_WE = re.compile(r"\b(?:we|our|this paper|this work|here)\b", re.I)
_WE_WORDS = ("we", "our", "this paper", "this work", "here")


def _we_in(context: DocContext, lo: int, hi: int) -> bool:
    """``_WE.search(text[lo:hi]) is not None``: where the lower-cased text stands for the case-insensitive
    pattern (:attr:`DocContext.caseless_safe`), its words are found by substring searches of it, each
    tested for the word boundaries on either side.
    """
    text = context.text
    if not context.caseless_safe:
        return _WE.search(text[lo:hi]) is not None
    hi = min(hi, len(text))
    find = context.lowered.find
    for word in _WE_WORDS:
        at = find(word, lo, hi)
        while at >= 0:
            end = at + len(word)
            if (at == lo or not _is_word(text[at - 1])) and (end == hi or not _is_word(text[end])):
                return True
            at = find(word, at + 1, hi)
    return False


def _is_word(ch: str) -> bool:
    r"""Whether ``ch`` is a word character of a ``str`` pattern (``\w``, what ``\b`` tells from the rest)."""
    return ch.isalnum() or ch == "_"
_OUR_BEFORE = re.compile(r"\b(?:our|the proposed|this new|a new|a novel|novel)\s+(?:[\w-]+\s+){0,3}[\"“']?$", re.I)


def _OUR_HINT(low: str) -> bool:
    """A cheap test that must hold wherever ``_OUR_BEFORE`` matches (of the lower-cased text): a part of each
    alternative without "s" or "k" (which match "ſ" and "K" case-insensitively, whose lower cases they are not).
    """
    return "our" in low or "new" in low or "novel" in low or "the propo" in low


_SIBLING = re.compile(r"^\s*(?:,|and|&|/)\s*")
_DIGIT = re.compile(r"\d")
_PLURAL = re.compile(r"(?:'s|’s|s)$")


#: a word (``_TOKEN``) that opens a sentence, after a newline or after ".", "!", "?" or ":" and one or
#: two spaces (the three characters before it match ``(?:^|[.!?:]\s+|\n)$``); the text's first word opens
#: one too. (What these consume before the word is never part of another word.) One pattern per character
#: before the word, each opening with its literal, which the regular-expression engine skips to as
#: ``str.find`` does (where one pattern ``[\n.!?:]…`` called its character-class test at every character);
#: the newline's is not where one of the others takes the newline among its spaces (the same word)
_OPENING_TOKENS = (re.compile(rf"\n(?<![.!?:]\n)(?<![.!?:]\s\n)({_TOKEN.pattern})"),
                   *(re.compile(rf"{re.escape(end)}\s\s?({_TOKEN.pattern})") for end in ".!?:"))


def _opening_tokens(body: str) -> list[str]:
    """The words (``_TOKEN``) that open a sentence of ``body`` past its first, in no set order."""
    newline, stop, exclamation, question, colon = _OPENING_TOKENS
    return (newline.findall(body) + stop.findall(body) + exclamation.findall(body) + question.findall(body)
            + colon.findall(body))


class CorpusStats:
    """How the papers being built write each word: capitalised or not (away from a sentence's
    start), and in how many papers. Built once per corpus by :func:`corpus_stats`.
    """

    __slots__ = ("counts", "papers", "_features", "_old_features", "_features_of", "_space", "_generation")

    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = {}  # lower-cased word -> [capitalised, lower-case, papers]
        self.papers = 0
        self._features: dict[tuple[str, str], tuple[int, ...]] = {}  # (name, proposer) -> ids, per ``counts``
        self._old_features: dict[tuple[str, str], tuple[int, ...]] = {}  # (older generation: see MAX_BLOCKS)
        self._features_of: object = None
        self._space: object = None
        self._generation = 0

    def add(self, text: str) -> None:
        """Count one paper's abstract (the text after its title)."""
        start = text.find("\n\n")
        body = text[start + 2:] if start >= 0 else text
        self.papers += 1
        self._features_of = None
        seen: set[str] = set()
        counts = self.counts
        # per distinct form (the words counted in C): a capitalised form counts where it does not
        # open a sentence, i.e. its occurrences less those of _opening_tokens
        opening = _opening_tokens(body)
        first = _TOKEN.match(body)
        if first is not None:
            opening.append(first.group())
        at_open = Counter(opening) if opening else {}
        for word, n in Counter(_TOKEN.findall(body)).items():
            key = word.lower()
            row = counts.get(key)
            if row is None:
                row = counts[key] = [0, 0, 0]
            if key not in seen:
                seen.add(key)
                row[2] += 1
            if word == key:
                row[1] += n
            else:
                row[0] += n - at_open.get(word, 0)

    def feature_ids(self, space: FeatureSpace, name: str, source: str) -> tuple[int, ...]:
        """The ids in ``space`` of the corpus features of a one-word name (and their conjunctions
        with its proposer ``source``).
        """
        if self._features_of is not self.counts or self._space is not space:
            # counts or space changed
            self._features, self._old_features, self._features_of, self._space = {}, {}, self.counts, space
            self._generation = space.generation
        elif self._generation != space.generation:
            # the space forgot ids: what holds only the lasting ones stays
            lasting = getattr(space, "known", 0)
            self._features = {k: ids for k, ids in self._features.items() if max(ids) < lasting}
            self._old_features = {k: ids for k, ids in self._old_features.items() if max(ids) < lasting}
            self._generation = space.generation
        key = (name, source)
        ids = self._features.get(key)
        if ids is None:
            ids = self._old_features.get(key)
            if ids is None:
                ids = space.conjoin(source, [n for n, _ in self._features_uncached(name)])
            if len(self._features) >= MAX_BLOCKS // 2:
                self._old_features, self._features = self._features, {}
            self._features[key] = ids
        return ids

    def casing(self, words: Iterable[str]) -> str:
        """The casing and spread classes (:meth:`feature_ids`' features) of lower-cased ``words``, as
        ``word=class`` items joined by ``;`` (``u``: a word the corpus does not write).

        Two statistics that give a paper's one-word candidates the same classes decide them alike, so an
        extraction made under the one holds under the other.

        >>> corpus_stats(["A title", "We fine-tune ZorbNet. ZorbNet wins."]).casing(["zorbnet", "quux"])
        'zorbnet=hi/1;quux=u'
        """
        out = []
        for word in words:
            classes = _classes(self.counts.get(word))
            out.append(f"{word}={'/'.join(classes) if classes else 'u'}")
        return ";".join(out)

    def _features_uncached(self, name: str) -> tuple[tuple[str, float], ...]:
        classes = _classes(self.counts.get(name.lower()))
        if classes is None:
            return (("cs_unseen", 1),)
        return (("cs_cap=" + classes[0], 1), ("cs_papers=" + classes[1], 1))


def _classes(row: list[int] | None) -> tuple[str, str] | None:
    """A word's classes from its :attr:`CorpusStats.counts` row: how often it is capitalised away from a
    sentence's start, and in how many papers it appears; ``None`` for a word the corpus does not write.
    """
    if row is None or row[0] + row[1] == 0:
        return None
    rate = row[0] / (row[0] + row[1])
    return ("0" if rate == 0 else "lo" if rate < 0.5 else "mid" if rate < 0.9 else "hi",
            "1" if row[2] <= 1 else "few" if row[2] <= 4 else "many")


def corpus_stats(texts: Iterable[str]) -> CorpusStats:
    r"""Word casing statistics over a corpus of ``title\n\nabstract`` texts."""
    stats = CorpusStats()
    for text in texts:
        stats.add(text)
    return stats


def group_candidates(cands: list[Candidate], gaz_key: Callable[[Candidate], str | None]) -> Grouping:
    """Candidates naming one thing in a paper, as lists of indices into ``cands``.

    Forms join when their name keys and numbers agree (``OPT-1.3B`` is not
    ``OPT-13B``), when one is the other's plural or possessive (``BERTs``,
    ``BERT's``; not ``ViT-S``, a size), when their last words are one common noun in another
    number or short form (:func:`head_form_key`), when the gazetteer maps them to one
    entry, or when an abbreviation pair links them. A whole-title name joins the
    pair whose long form it is but for a plural head ("Proximal Policy
    Optimization Algorithms" and "proximal policy optimization (PPO)").
    """
    forms = [_form_links(c.text) for c in cands]
    singular = {f[0] for f in forms if f[0]}
    long_forms = {f[1] for f, c in zip(forms, cands) if c.source == "abbrev-long" and c.group >= 0}
    first: dict[str, int] = {}  # a link -> the first candidate that has it
    parent = list(range(len(cands)))  # union-find over candidates; a root is its group's smallest index

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, c in enumerate(cands):
        key, vkey, plural, head = forms[i]
        links = [vkey]  # (OPT-1.3B is not OPT-13B, ViT-S no plural of ViT)
        if plural is not None and key[:-1] in singular:
            links.append(plural)
        if head:
            links.append(head)
        g = gaz_key(c)
        if g:
            links.append("gaz:" + g)
        if c.group >= 0:
            links.append(f"grp:{c.group}")
        stem = title_name_stem(c.text) if c.source == "title" and long_forms else None
        if stem is not None and variant_key(stem) in long_forms:
            links.append(variant_key(stem))
        for link in links:
            if not link:
                continue
            j = first.setdefault(link, i)
            a, b = root(i), root(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(len(cands)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


@lru_cache(maxsize=200_000)
def _form_links(text: str) -> tuple[str, str, str | None, str | None]:
    """What :func:`group_candidates` reads of a form: its name key, its variant key, the variant key of
    its singular where it may be a plural or possessive (a final "s" of the key and the form, not after a
    space, hyphen or underscore; of a key of three letters only after a capital: "VAs", not "gas"), and its
    ``head:`` link.
    """
    key = form_key(text)
    plural = None
    if key.endswith("s") and text.endswith("s") and text[-2:-1] not in " -_" \
            and (len(key) > 3 or text[-2:-1].isupper()):
        plural = variant_key(text[:-2] if text[-2:-1] in "'’" else text[:-1])
    head = head_form_key(text)
    return key, variant_key(text), plural, "head:" + head if head else None


#: the common short forms of a name's head noun, as the head they stand for ("Generative Adversarial
#: Nets" are "generative adversarial networks")
_HEAD_SHORT_FORMS = {"net": "network", "nets": "networks", "algo": "algorithm", "algos": "algorithms"}
#: the last word of a name of two words or more, and what is before it (a hyphen joins words too)
_LAST_WORD = re.compile(r"^(.*\w)[\s\-]+([A-Za-z][a-z]{2,})(?:'s|’s)?$")
#: endings of a final "s" that is no plural ("loss", "corpus", "analysis", "series")
_NO_PLURAL = ("ss", "us", "is", "series", "species")


@lru_cache(maxsize=200_000)
def head_form_key(name: str) -> str | None:
    """The key of a name of two words or more whose last word is a common noun, with that noun
    singular and in its full form: the plural, the possessive and a short form of the head (``Net``
    for ``Network``) of one name agree. ``None`` for one word, or a last word that is an acronym or
    holds a digit (``QuokkaNet-XS``, ``Llama 2``), whose final letters are part of the name.

    >>> head_form_key("Generative Adversarial Nets") == head_form_key("generative adversarial network")
    True
    >>> head_form_key("Gaussian Processes") == head_form_key("Gaussian process's")
    True
    >>> head_form_key("Koala Dataset Series"), head_form_key("GATs"), head_form_key("Quokka-XS")
    ('koaladatasetseries', None, None)
    """
    # (every match holds a hyphen or white space, which a name of letters and digits has not: one word)
    m = _LAST_WORD.match(name) if "-" in name or not name.isalnum() else None
    if m is None:
        return None
    word = m.group(2).lower()
    return variant_key(f"{m.group(1)} {singular_noun(_HEAD_SHORT_FORMS.get(word, word))}")


def singular_noun(word: str) -> str:
    """The singular of a plural common noun in lower case ("strategies", "processes", "networks");
    any other word as it is ("loss", "corpus", "series").

    >>> [singular_noun(w) for w in ("strategies", "processes", "networks", "loss", "series")]
    ['strategy', 'process', 'network', 'loss', 'series']
    """
    if word.endswith(_NO_PLURAL):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


_LOWER_PREFIX = re.compile(r"^([a-z]{1,3})-[A-Z]")
#: English words and prefixes that open ordinary hyphenated words ("non-IID", "top-1", "multi-GPU"),
#: unlike a coined short prefix ("ip-NSW", "p-Tuning")
_WORD_PREFIXES = frozenset("non top pre all bi co re de un sub pro mid low off out per end few one two ten key "
                           "max min web big new old day law tri uni".split())
_TAIL_SPLIT = re.compile(r"[-\s]")
#: one capitalised word glued to a model's or a benchmark's lower-case ending, no English word's ("Quillnet",
#: "Loamformer", "Zorbgan", "Vexbench"): a coined name with no inner capital to show it (an English word
#: ending so, "Internet", "Cabinet", "Slogan", is the learned weight's to outvote: the words are few)
_COINED_BLEND = re.compile(r"[A-Z][a-z]{3,}(?:former|net|nets|gan|bench|diff|seg)")
#: how often the abstract writes a capitalised one-word name, sentence openings too (the keys and names of the
#: features ``written=…``): a coined word written three times is named, where a stray capital is written once
_WRITTEN = tuple(("written", f"written={n}") for n in range(4))
#: the features named by a count or a score, by its value
_NW = tuple(f"nw={n}" for n in range(5))
_SHAPE = tuple(f"shape={n}" for n in range(3))
_ALLCAPS_LEN = tuple(f"allcaps_len={n}" for n in range(7))


@lru_cache(maxsize=200_000)
def _shape_names(name: str) -> tuple[str, ...]:
    """The names of the shape features of a name (casing, digits, hyphens, length, words), in a fixed order."""
    words = name.split()
    n_words = len(words)
    out = [_NW[n_words if n_words < 4 else 4], _SHAPE[int(shape_score(name))]]
    add = out.append
    if _DIGIT.search(name):
        add("digit")
    upper, lower = _letter_cases(name)
    # (``INNER_CAP`` needs an ASCII lower-case letter and an ASCII capital)
    if not (upper or lower) and INNER_CAP.search(name):
        add("innercap")
    if upper:
        add("allcaps")
        letters = sum(map(str.isalpha, name))
        add(_ALLCAPS_LEN[letters if letters < 6 else 6])
    elif lower:
        add("lower")
    elif all(w[:1].isupper() for w in words):
        add("titlecase")
    hyphen = "-" in name
    if hyphen:
        add("hyphen")
    if name.endswith("++"):
        add("plusplus")
    m = _LOWER_PREFIX.match(name) if hyphen else None
    if m is not None:
        add("lowerprefix" if m.group(1) not in _WORD_PREFIXES and m.group(1) not in STOP_WORDS else "wordprefix")
    if len(name) <= 3:
        add("short")
    if n_words > 2:
        out += dict.fromkeys("connector=" + w.lower() for w in words[1:-1] if w[:1].islower() or w == "&")
    low = name.lower()
    if low in STOP_WORDS:
        add("stopword")
    elif n_words > 1 and words[0].lower() in STOP_WORDS:
        add("first_stop")  # "While Information Retrieval", "for which …": a sentence's word, not a name's
    elif n_words > 1 and words[0][-3:] in ("ing", "ngs"):
        add("first_ing")  # "Testing GPT-3", "Extending Context Window": a verb opening a sentence
    if n_words == 1:
        head = head_type(low)
        if head:
            add("headword=" + head)
        elif _COINED_BLEND.fullmatch(name):
            add("blend")
    elif n_words > 1:
        head = head_type(words[-1])
        if head:  # "… Matrix Completion", "… Transformer"
            add("lasthead=" + head)
    if is_generic(name):
        add("generic")
    tail = _tail(name, words).lower()
    if len(tail) > 2:
        add("suffix3=" + tail[-3:])
    return tuple(out)


def _letter_cases(name: str) -> tuple[bool, bool]:
    """Whether ``name`` holds letters and all are capitals, and whether it holds letters and all
    are lower case (an ASCII name answers by ``str.isupper`` and ``str.islower``: its letters are
    its cased characters).
    """
    if name.isascii():
        return name.isupper(), name.islower()
    letters = list(filter(str.isalpha, name))
    upper = bool(letters) and all(map(str.isupper, letters))
    return upper, not upper and bool(letters) and all(map(str.islower, letters))


def _tail(name: str, words: list[str]) -> str:
    """``_TAIL_SPLIT.split(name)[-1]``: what follows the last hyphen or white space, given
    ``name.split()`` (which splits at the same white space).
    """
    if not words or name[-1].isspace():
        return ""
    return words[-1].rpartition("-")[2]


@dataclass(slots=True)
class _GroupEvidence:
    """What the members of each group show together (shared by all of them as ``g…`` features)."""

    group_of: dict[int, int]
    sources: list[set[str]]
    count: list[int]
    outside: list[bool]
    strong: list[bool]
    rule: list[bool]
    final: list[bool]
    votes: list[dict[str, float]]


def _group_evidence(cands: list[Candidate], groups: Grouping, title_end: int) -> _GroupEvidence:
    ev = _GroupEvidence({i: g for g, members in enumerate(groups) for i in members}, [], [], [], [], [], [], [])
    # (group by group, each member in the order of the candidates: a group's members are in that order)
    for members in groups:
        sources: set[str] = set()
        outside = strong = rule = final = False
        votes: dict[str, float] = {}
        for i in members:
            c = cands[i]
            sources.update(c.sources or (c.source,))
            outside |= c.start >= title_end
            strong |= c.strong
            rule |= c.rule_kept
            final |= c.rule_final
            for t, w in c.votes.items():
                votes[t] = max(votes.get(t, 0), w)
        ev.sources.append(sources)
        ev.count.append(len(members))
        ev.outside.append(outside)
        ev.strong.append(strong)
        ev.rule.append(rule)
        ev.final.append(final)
        ev.votes.append(votes)
    return ev


#: the prefix of every feature of a record that is a title alone (:attr:`DocContext.bare`): the models
#: weigh such a record's features apart, learned from the annotated papers' titles alone, which training
#: reads beside their whole texts (:mod:`graphbuild.nlp.train`); a title over an abstract is read as before
BARE = "T:"


def candidate_features(text: str, sents: list[tuple[int, int]], title_end: int, cands: list[Candidate],
                       groups: Grouping, gaz_types: list[str | None], corpus: CorpusStats | None = None,
                       space: FeatureSpace | None = None, context: DocContext | None = None) -> list[Row]:
    """One feature row per candidate (see the module docstring for the families), as ids of ``space``.

    ``corpus`` holds the casing statistics of the papers being built; without
    it, those of this paper alone are used. ``space.named(row)`` gives a row's
    ``name -> value`` dictionary. ``context``: the document's :class:`DocContext`, if made already.
    """
    if corpus is None:
        corpus = corpus_stats([text])
    if space is None:
        space = FeatureSpace()
    doc = context if context is not None else DocContext(text, sents, title_end)
    ev = _group_evidence(cands, groups, title_end)
    group_rows = [_group_row(space, ev, g) for g in range(len(groups))]
    blocks, block = space.blocks, space.block
    bias = space.id("bias")
    # (in a title alone, a kind of model the gazetteer holds as an ordinary word too, "Transformer(s)", is no
    # known name a longer phrase holds: "Thornwise Transformers" describes one, names none)
    known = sorted((c.start, c.end) for c, t in zip(cands, gaz_types)
                   if t and not (doc.bare and c.generic and not c.strong))
    stems = {c.text for c in cands if c.strong and " " not in c.text}
    families = _families(cands)
    long_classes = _group_long_classes(cands, groups)
    out = []
    for i, c in enumerate(cands):
        g = ev.group_of[i]
        g_ids, g_votes, g_flags, count = group_rows[g]
        source, name = c.source, c.text
        left, right, cues = _context(doc, c)
        # what depends on the form and its proposers, then every flag of the candidate, each one block of ids
        form = ("form", name, source, c.sources, gaz_types[i])
        ids = [bias, *(blocks.get(form) or block(form, source, _form_names, form)), *g_ids]
        holds = bool(known) and _holds_known(c, known)
        flags = ("flags", source, count, c.strong, *g_flags, c.rule_kept, c.rule_final, c.proposed, c.generic,
                 not c.accepted, c.key is not None and not c.strong, c.start >= doc.copyright_at, doc.survey,
                 left is None, holds, holds and _JOINER.search(name) is not None,
                 bool(stems) and _variant_of_strong(name, stems),
                 name in families and _alone(text, c.start, families[name]), c.named,
                 doc.usage(name), doc.place_key(c, ev.outside[g]), *cues,
                 bool(known) and coordinated_with(text, c, known))
        ids += blocks.get(flags) or block(flags, source, _flag_names, flags)
        if " " not in name:
            ids += corpus.feature_ids(space, name, source)
            if name[:1].isupper() and not doc.bare:
                times = doc.remember("written", name, lambda n: text.count(n, title_end))
                written = _WRITTEN[min(times, 3)]
                ids += blocks.get(written) or block(written, "", list, written[1:])
                if times >= 2 and _coined_plain(doc, c):
                    ids += blocks.get(_COINED_PLAIN_KEY) or block(_COINED_PLAIN_KEY, "", list, ("coined_plain",))
        slips = _slip_names(doc, c, long_classes[g])
        if slips:
            slip_key = ("slips", source, slips)
            ids += blocks.get(slip_key) or block(slip_key, source, tuple, slips)
        if left is not None:
            key = ("L", left, source)
            ids += blocks.get(key) or block(key, source, _neighbour_names, "L", left)
            if (left in _LIST_JOINERS or text.endswith(",", 0, c.start - 1)) and c.start >= title_end:
                lead = _list_lead(doc, c)
                if lead is not None:
                    key = ("LL", lead, source)
                    ids += blocks.get(key) or block(key, source, _neighbour_names, "LL", lead)
        if right is not None:
            key = ("R", right, source)
            ids += blocks.get(key) or block(key, source, _neighbour_names, "R", right)
            phrase = _phrase_head_after(text, c.end) if right in _LIST_JOINERS or not (
                right in STOP_WORDS or head_type(right)) else None
            if phrase is not None:
                key = ("Rphrase", phrase, "")  # (no proposer pairs with it)
                ids += blocks.get(key) or block(key, "", _prefixed, "Rphrase=", (phrase,))
        # for the type model only: the name's word pieces, how much the paper speaks of learning, the
        # head noun of an appositive after it
        pieces = ("pieces", name)
        ids += blocks.get(pieces) or block(pieces, "", _piece_names, name)
        learning = _LEARNING_KEYS[doc.learning]
        ids += blocks.get(learning) or block(learning, "", _prefixed, TYPE_ONLY, (f"learning={doc.learning}",))
        if c.end < title_end and _title_task(text, c.end, title_end):
            ids += blocks.get(_TITLE_TASK_KEY) or block(_TITLE_TASK_KEY, "", _prefixed, TYPE_ONLY, ("title_task",))
        appos = _appositive_head(text, c.end, min(len(text), c.end + _APPOS_REACH))
        if appos is not None:
            head = ("appos", appos)
            ids += blocks.get(head) or block(head, "", _prefixed, TYPE_ONLY + "appos=", (appos,))
        valued = {(blocks.get(("vote", t)) or block(("vote", t), "", _prefixed, "vote=", (t,)))[0]: min(w, 6.0) / 3
                  for t, w in c.votes.items()}
        valued.update(g_votes)
        out.append((ids, valued))
    return out


#: a plain capitalised word, as a coined name is written: "Wordhoard", "Gale" (not "WordHoard", "GPT-4")
_PLAIN_WORD = re.compile(r"[A-Z][a-z]{2,}")
#: a kind of artifact the authors name in apposition right before the name: "a large corpus, ", "our model, "
#: (group 1 the kind's head noun)
_KIND_APPOSED = re.compile(r"\b(?:a|an|our)\s+(?:[\w\-]+\s+){0,5}?([a-z][\w\-]*)\s*,\s*$")
#: the marks that end a sentence or a heading before a word: one there is capitalised whatever it is
_OPENERS = ".!?:\n"
_COINED_PLAIN_KEY = ("coined_plain",)


def _coined_plain(doc: DocContext, c: Candidate) -> bool:
    """Whether ``c`` is a plain capitalised word the abstract coins as a name: a cue or an appositive after a
    kind of artifact introduces it ("a large corpus, Wordhoard, of …", "a model named Gale"), and the abstract
    writes it capitalised inside sentences at least twice and never in lower case. Its casing is then the
    name's, not a sentence's opening ("However", "Results") nor a word's own (a place or a person is written
    so too, but no cue brings it in as the authors' artifact).
    """
    if c.start < doc.title_end or not _PLAIN_WORD.fullmatch(c.text) or is_generic(c.text):
        return False
    if not (c.named or c.proposed or c.source == "cue" or _appositive_kind(doc.text, c.start)):
        return False
    if doc.usage(c.text) == "also_lower":
        return False
    return doc.remember("inner", c.text, lambda word: _inner_capitalised(doc.text, doc.title_end, word)) >= 2


def _appositive_kind(text: str, start: int) -> bool:
    """Whether a kind of artifact stands in apposition right before ``start``: "We curate a benchmark, X"."""
    m = _KIND_APPOSED.search(text, max(0, start - 60), start)
    return m is not None and m.group(1) in ARTIFACT_KINDS


def _inner_capitalised(text: str, title_end: int, word: str) -> int:
    """How many times the abstract (past ``title_end``) writes ``word`` as a whole word that does not open a
    sentence.
    """
    n, at, size = 0, text.find(word, title_end), len(word)
    while at >= 0:
        before = text[max(0, at - 4):at].rstrip()
        if (at + size == len(text) or not text[at + size].isalnum()) and at and not text[at - 1].isalnum() \
                and before and before[-1] not in _OPENERS:
            n += 1
        at = text.find(word, at + size)
    return n


#: a candidate's flags, in the order of their values in the key :func:`candidate_features` builds
_FLAGS = ("strong", "gstrong", "grule_kept", "grule_final", "rule_kept", "rule_final", "rule_proposed",
          "rule_generic", "generic_definition", "gaz_ambiguous", "after_copyright", "survey_title", "L=<s>",
          "holds_known", "joins_known", "variant_of_strong", "stem_of_variant", "named_here")
#: the cues around a candidate, in the order :func:`_context` gives them
_CUES = ("R=(", "L=(", "listed", "propose_verb_before", "we_propose_before", "our_before", "modifier_after",
         "caplist", "on_clause", "compared_before", "built_in", "beside_known")


def _form_names(key: tuple[str, str, str, tuple[str, ...], str | None]) -> list[str]:
    """The features of a form found by given proposers: the proposers, its shape, its gazetteer type."""
    _, name, source, sources, gaz_type = key
    return [*_source_names(sources or (source,)), *_shape_names(name),
            *([_named("gaz=", gaz_type)] if gaz_type else [])]


def _flag_names(key: tuple[Any, ...]) -> list[str]:
    """The features named by a candidate's flags (the key :func:`candidate_features` builds)."""
    source, count = key[1], key[2]
    n = 3 + len(_FLAGS)
    flags, usage, place, cues = key[3:n], key[n], key[n + 1], key[n + 2:]
    names = [*itertools.compress(_FLAGS, flags), _named("count=", count), *itertools.compress(_CUES, cues)]
    if usage:
        names.append(usage)
    if place[0] == "title":
        names += ["in_title", *(["title_head"] if place[1] else []), *([] if place[2] else ["title_only"]),
                  *(["title_whole"] if place[3] else []), *(["title_name"] if place[4] else []),
                  *(["subtitle_opening"] if place[5] else []),
                  _named("title_src=", source)]
    else:
        names += [*(["sent_start"] if place[1] else []), _named("sent=", place[2])]
    return names


@lru_cache(maxsize=200_000, typed=True)
def _named(prefix: str, value: object) -> str:
    """``prefix`` and ``value`` as one feature name, made once per pair (a string hashed once)."""
    return f"{prefix}{value}"


#: the prefix of features only the type model sees (the entity model is fitted without them)
TYPE_ONLY = "t:"
#: the keys of the type model's feature of how much a paper speaks of machine learning (one that never
#: does names mostly methods and data: systems, theory, retrieval), per level of DocContext.learning
_LEARNING_KEYS = tuple(("learning", n) for n in range(3))
#: an appositive after a name (after a comma or a colon), to the words of its phrase: "X, a new dataset of …", "X:
#: a general approach that …", "X, the first benchmark of …", "X, two vision-language models" (a family introduced by
#: its members' count)
#: (up to eight words: the head is looked for in the first five, the kind of a collection's members a little
#: further: ", a collection of open scientific language models"); past a spelled-out parenthesis of up to 80
#: characters ("X (Labelled Orchard Images from Drone Surveys), a test set of …") or a long form set off by dashes
#: ("X — Sparse Pretraining over Words — a multilingual encoder"; a dash may stand for the comma: "X — a tagger"),
#: and a parenthesised acronym or aside ("i.e." or "e.g." in parentheses, :data:`_ASIDE`)
#: inside the kind, dropped before the head is looked for ("a Large Language Model (LLM) serving engine"); a
#: modifier may hold a short parenthesis ("an E(3)-equivariant diffusion model", "an SO(3)-invariant encoder")
_APPOS = re.compile(r"(?:\)|\s*\([^()]{1,80}\))?(?:[,:]\s+|\s*[—–](?:\s*[^—–()\n]{1,80}?\s*[—–])?\s*)"
                   r"(?:a|an|the\s+first|two|three|four|five)\s+"
                   r"((?:[\w\-]+(?:\(\w{1,3}\)[\w\-]*)?\s+|\([A-Z][\w\-]*\)\s+|\((?:i\.e\.|e\.g\.)[^()]{1,40}\)\s+){0,7}"
                   r"[\w\-]+)")
#: an aside in parentheses inside an appositive's kind, which the kind's words are read past: "a large-scale
#: multimodal (i.e., audio and visual) spoken dialogue corpus"
_ASIDE = re.compile(r"\((?:i\.e\.|e\.g\.)[^()]*\)")
#: how far past a name its appositive is read (a long form of up to 80 characters may come before the kind)
_APPOS_REACH = 130
#: the prepositions that end a title phrase's head (``_LONG_HEAD_CUT`` is made of them)
_HEAD_CUT_WORDS = frozenset("of on for in with from over via under by to".split())


def _phrase_kind(words: list[str], reach: int = 5, cut: bool = False) -> str | None:
    """The type the first head noun among the first ``reach`` ``words`` of a phrase signals (that of the last head of
    the compound it opens: :func:`~.lexicon.compound_head_type`), but the kind of
    the members for a collection of them ("a collection of language models" -> Model, "a family of datasets" ->
    Dataset, "a suite of benchmarks" -> Dataset; "a collection of papers" keeps the collection's own type).
    ``cut``: the head comes before a preposition ("Accelerator for Quantized Networks" -> the accelerator).
    """
    for k, word in enumerate(words[:reach]):
        low = word.lower()
        if low in COLLECTIVES and k + 2 < len(words) and words[k + 1].lower() == "of":
            inner = _members_kind(words[k + 2:k + 7])
            if inner is not None:
                return inner
        if low in _RELATIVE_KINDS:
            return None  # what a name is a variant of, not what it is: "X, a variant whose drop rate …"
        t = head_type(low) or ("Model" if architecture_head(words, k) else None) \
            or ("Dataset" if low in SET_WORDS and (k and words[k - 1].lower() in _HELD_OUT_WORDS
                                                    or _COUNTED_OF.match(" ".join(words[k + 1:k + 4])) is not None)
                else None)
        if t == "Tool" and k + 1 < len(words) and head_type(words[k + 1]) in SCORED_TYPES:
            continue  # a tool's word modifying a head: "A Genomic Language Model", "a programming language benchmark"
        if t:
            return compound_head_type(words, k, t)  # (the compound's last head: "a model compression technique")
        if cut and low in _HEAD_CUT_WORDS:
            return None
    return None


#: (a set's word, :data:`~.lexicon.SET_WORDS`, names a set of data by its use, after :data:`_HELD_OUT_WORDS`: "a test
#: set of …", "an evaluation split", "A Test Set for …", or by a count of what it holds, :data:`_COUNTED_OF`: "a prompt
#: set of 1,600 prompts")
#: "of" and a count after a set's word: "of 1,600 …", "of about 300 …" (a set of things counted is data: "X, a prompt
#: set of 1,600 compositional prompts", "a new split of 500 issues we call X")
_COUNTED_OF = re.compile(r"of\s+(?:about\s+|over\s+|some\s+|roughly\s+)?\d")
_HELD_OUT_WORDS = frozenset("test evaluation validation held-out dev development challenge training".split())


def _members_kind(words: list[str]) -> str | None:
    """The scored type of the first head noun among ``words`` (what follows a collection's "of"), before a
    preposition: "open scientific language models" -> Model (no "language" as a tool: what a collection holds is
    an artifact), "sparse autoencoders" -> Model (:func:`~.entity_types.kind_type`), "datasets for speech" ->
    Dataset, "papers annotated with …" -> ``None``; the last noun of a compound
    (:func:`~.lexicon.compound_head_type`).
    """
    for k, word in enumerate(words):
        low = word.lower()
        t = kind_type(low)
        if t in SCORED_TYPES:
            return compound_head_type(words, k, t)
        if low in _HEAD_CUT_WORDS:
            return None
    return None


def _appositive_head(text: str, start: int, end: int) -> str | None:
    """The type the head noun of an appositive after a name signals: "WIT, a new dataset of …" -> Dataset,
    "X, a collection of language models" -> Model (:func:`_phrase_kind`).
    """
    m = _APPOS.match(text, start, end)
    if m is None:
        return None
    return _phrase_kind([w for w in _ASIDE.sub(" ", m.group(1)).split() if w[0] != "("])  # (past an acronym: "a
    # Graph Neural Network (GNN) training library", and an aside: "a multimodal (i.e., audio and visual) corpus")


def _appositive_agent(text: str, start: int, end: int) -> str | None:
    """Model for an appositive in the abstract after a name that an agent noun of a model heads
    (:data:`~.entity_types.TRAINED_AGENT_NOUNS`), where no head noun of the lexicon does: "X, a scene text
    recognizer built from …", "X, an MLP-only forecaster that …" (a learned component named by what it does, as a
    copula's predicate is read: :func:`copula_kind`; in the abstract only, where a title's "X: A Gesture
    Recognizer" may name an algorithm). Read by :func:`defined_type` only, not by the type model's appositive
    feature.
    """
    m = _APPOS.match(text, start, end)
    if m is None:
        return None
    for word in _ASIDE.sub(" ", m.group(1)).split()[:6]:
        low = word.lower()
        if low in _HEAD_CUT_WORDS:
            return None
        if low in TRAINED_AGENT_NOUNS:
            return "Model"
    return None


#: what the title says a name before its colon is: "X: A Benchmark for …", "X: The First Dataset of …"
_TITLE_APPOS = re.compile(r"(?:\s*\([^()]{1,30}\))?\s*(?::|,|--|—)\s+(?:[Aa]n?|[Tt]he|[Oo]ur)\s+"
                          r"((?:[\w\-]+\s+){0,5}[\w\-]+)")
#: the word right after a name in the title: "The X Benchmark: …", "X Models for …"
_TITLE_NEXT = re.compile(r"\s+([A-Za-z][\w\-]*)")


def _title_kind(text: str, end: int, title_end: int) -> str | None:
    """The type the title gives a name of it ending at ``end``: the head noun of the phrase its colon
    opens ("X: A Benchmark for …" -> Dataset), else the head noun right after it ("The X Dataset"). Names
    listed before the colon share its phrase ("X-S and X-M: Small Vision-Language Models" -> Model).
    """
    listed = _TITLE_LISTED.match(text, end, title_end)
    if listed is not None:
        end = listed.end()
    m = _TITLE_APPOS.match(text, end, title_end)
    if m is not None:
        # (the head comes before a preposition: "X: A Bit-Serial Accelerator for Quantized Networks"; the
        # members' kind of a collection: "X: A Suite of Open Models")
        return _phrase_kind(m.group(1).split(), 6, cut=True)
    if _TITLE_QUESTION.match(text, end, title_end) is not None:
        return "Dataset"  # "X: Can LLMs Read Maps?": a benchmark that asks how models do
    m = _TITLE_BARE.match(text, end, title_end)
    if m is not None and m.group(1) in _EVALUATING:
        return "Dataset"  # "X: Evaluating Quill Reading in …": a benchmark
    if m is not None and not m.group(1).endswith("ing") and not _GERUND_BEFORE_OBJECT.search(m.group(0)) \
            and (m.group(2) or m.group(1)).lower() not in _AGENT_HEADS:
        t = head_type(m.group(2) or m.group(1))
        if t:
            return t
    m = _TITLE_NEXT.match(text, end, title_end)
    return head_type(m.group(1)) if m is not None else None


#: the names listed after a title's name up to its colon: ", X-B and X-L" in "X-S, X-B and X-L: …"
_TITLE_LISTED = re.compile(r"(?:(?:\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+)[A-Z][\w\-.+]*)+(?=\s*:)")
#: gerunds opening a title's colon phrase that name what a benchmark does
_EVALUATING = frozenset("Evaluating Benchmarking Measuring Assessing Testing Probing Stress-Testing".split())
#: a title's colon phrase that is a question of what models do: "X: How Well Do Multimodal LLMs Read Maps?", "X: Do
#: Speech Models Understand Prosody?", before a subtitle as well: "X: Do Agents Follow Each Other? A Debate …")
_TITLE_QUESTION = re.compile(r"\s*:\s+(?:How|Do|Does|Can|Could|Are|Is|What|Which|Why|Where|When|Will|Should)\s"
                             r"[^:?]*\?(?:\s|$)")
#: heads the lexicon types Model that a bare title phrase gives a system built around models ("X: Web Agents for …")
_AGENT_HEADS = frozenset(("agent", "agents"))
#: a title's colon phrase without an article, to its head noun before a preposition or the end: "X: Small
#: Multilingual Embedding Models in Three Sizes" (group 1 its first word, group 2 its head)
_TITLE_BARE = re.compile(r"\s*:\s+([A-Z][\w\-]*)(?:\s+[A-Z][\w\-]*){0,5}?(?:\s+([A-Z][\w\-]*))?"
                         r"(?=\s+(?i:for|with|of|in|at|on|via|that|from|by|and|to|under|across)\b|\s*$|\s*[:,(])")


#: a gerund in a title's colon phrase with words between it and the head: a verb whose object the head is ("X:
#: Efficiently Serving Long-Context Large Language Models with …" names what is served), not a modifier right before
#: it ("X: Small Multilingual Text Embedding Models")
_GERUND_BEFORE_OBJECT = re.compile(r"[a-z]ing\s+\S+\s+\S")


#: a title's colon phrase to its last word before a preposition or the title's end: "X: Soil Moisture
#: Forecasting with …" (group 1: "Forecasting")
_TITLE_PHRASE_END = re.compile(r"\s*:\s+(?:[\w\-]+\s+){0,5}?([\w\-]+)"
                               r"(?=\s+(?i:for|with|of|in|at|on|via|from|by|under|across|using)\b|\s*$)")
_TITLE_TASK_KEY = ("title_task",)


def _title_task(text: str, end: int, title_end: int) -> bool:
    """Whether the title's colon right after a name (ending at ``end``) opens a task ("X: Soil Moisture
    Forecasting with Transformers", "X: streaming speech recognition in 30 MB"): the name is then what
    does the task, often a model, where a phrase of a technique ("X: Sparse Upcycling of …") gives a method.
    """
    m = _TITLE_PHRASE_END.match(text, end, title_end)
    return m is not None and m.group(1).lower() in TASK_ENDINGS


def defined_type(text: str, title_end: int, c: Candidate) -> str | None:
    """The type the paper's own words give a name it introduces, at one mention: the phrase its title's
    colon opens ("X: A Benchmark for …"), the word after it in the title ("The X Dataset"), or an
    appositive after it ("X, a benchmark of …"); ``None`` when none of them names a type.
    """
    if c.source == "title" and " " not in c.text and c.end <= title_end and not text[c.end:title_end].strip() \
            and not text[:c.start].strip():
        return _lone_title_kind(text, title_end)  # the title is one word, the name: "Quillfeather"
    if c.end < title_end:
        return copula_kind(text, c.end, title_end) or titled_kind_at(text[:title_end], c.start, c.end) \
            or _title_kind(text, c.end, title_end)
    stop, reach = min(len(text), c.end + 70), min(len(text), c.end + _APPOS_REACH)
    return _appositive_head(text, c.end, reach) or copula_kind(text, c.end, stop) \
        or _kind_named_before(text, title_end, c.start) or _appositive_agent(text, c.end, reach)


#: a name defined by a copula: "X is a dataset of …", "X Is a Loss: …", "X is not a model but a schedule" (what
#: follows the "but"), "X (ours) is an optimizer" (group 1 the words of the predicate's phrase; a negated kind
#: alone, "X is not a model", gives none)
_COPULA = re.compile(r"(?:\s*\([^()\n]{1,30}\))?\s+(?i:is|was)\s+(?:(?i:not)\s+(?i:an?)\s+[\w\-]+(?:\s+[\w\-]+)?,?\s+"
                     r"(?i:but|rather)\s+)?(?i:an?)\s+((?:[\w\-]+\s+){0,5}[\w\-]+)")


def copula_kind(text: str, end: int, stop: int) -> str | None:
    """The type the kind a copula right after a name (ending at ``end``) gives it: "X is a dataset of 2.4M events"
    -> Dataset, "X Is Not a Model but a Schedule" -> Method; the head noun before a preposition
    (:func:`_phrase_kind`); ``None`` without such a predicate.
    """
    m = _COPULA.match(text, end, stop)
    if m is None:
        return None
    words = m.group(1).split()
    return _phrase_kind(words, cut=True) or _agent_kind(words)


def _agent_kind(words: list[str]) -> str | None:
    """The type :func:`kind_type` gives the first word of a predicate's phrase before a preposition ("a locomotion
    controller for …" -> Model, "a WaveRNN-derived codec with …"): what the paper says its name is, where no head
    noun of the lexicon's heads the phrase (the dev sets: 2 right types more, 1 lost, "a learned controller" of a
    set that types controllers methods; the annotated abstracts' CV unchanged).
    """
    for word in words[:6]:
        low = word.lower()
        if low in _HEAD_CUT_WORDS:
            return None
        t = kind_type(low)
        if t in SCORED_TYPES:
            return t
    return None


#: the kind of the first thing the authors bring in: "We present a convolutional architecture" (group 1 its head)
_FIRST_KIND = re.compile(r"\b[Ww]e\s+(?:\w+ly\s+)?(?:present|propose|introduce|release|describe|build|train|design)\s+"
                         r"(?:a|an)\s+(?:[\w\-]+\s+){0,4}?([a-z][a-z\-]*)\b(?=\s+(?:that|which|for|of|with|to|on|in|"
                         r"built|trained|whose|where)\b|[,.;])")


def _lone_title_kind(text: str, title_end: int) -> str:
    """The type of a name that is the whole title: that of the kind the abstract first brings in ("We present a
    convolutional architecture" -> Model, "We release a corpus of …" -> Dataset), else Model (a title of one
    coined word names an architecture or a model far more often than anything else).
    """
    m = _FIRST_KIND.search(text, title_end)
    t = head_type(m.group(1)) if m is not None else None
    return t if t in SCORED_TYPES else "Model"


#: a kind of artifact, then the name given to it by a naming participle: "a compact bi-encoder model called " (the
#: name follows; group 1 the kind's head noun); also through a copula and with an "as" after the participle, as
#: informal abstracts write it ("the model is named ", "The student models are named ", "a new transformer which
#: is called as "; up to six words between the article and the head noun), or in a
#: clause of the authors ("a residual network, which we name ", "The model, which we call ", "a corpus we call ",
#: "a policy, which we refer to as ", "This simple recipe, which we term "); a dash may stand for the comma ("the
#: model—named "). (Not "coined": "a … system, coined as X" of the annotated abstracts names a model, a system
#: being a method's kind there.)
_KIND_CALLED = re.compile(r"\b(?:[Aa]n?|[Oo]ur|[Tt]he|[Tt]his|[Tt]hese)\s+(?:[\w\-]+\s+){0,6}?([a-z][\w\-]*)"
                          r"(?:,|\s*[—–])?\s*"
                          r"(?:(?:(?:which|that)\s+)?(?:is|was|are|were)\s+(?:called|named|dubbed|termed)|"
                          r"(?:(?:which|that)\s+)?we\s+(?:call|name|dub|term|refer\s+to\s+as)|called|named|dubbed|"
                          r"termed)\s+(?:as\s+)?(?:it\s+)?[\"“']?$")
#: the verbs of the authors naming a thing ("we call X", "we refer to it as X")
_NAMING_VERBS = r"call|name|dub|term|refer\s+to"
#: a naming verb (a participle, or the authors' present tense in "which we call"), with the "as" informal
#: abstracts put after it (or the "it" of "we call it"), ending the text before a name
_NAMED_AS_END = re.compile(rf"\b(?:called|named|dubbed|termed|we\s+(?:{_NAMING_VERBS}))(?:\s+as)?"
                           r"(?:\s+it)?$")
#: a kind the sentence opens with, or the authors' own, its name in apposition after a comma or a dash: "The
#: resulting controller, ", "our codec—" (group 1 the kind's head noun; a definite kind only: "On a set of traces, X
#: improves …" is none)
_KIND_OPENS = re.compile(r"(?:(?:^|[.!?]\s+)(?:The|Our)|\bour)\s+(?:[\w\-]+\s+){0,3}?([a-z][\w\-]*)\s*(?:,|[—–])\s*$")
#: a kind the text calls new, what it holds after "of" perhaps, right before a name set off by a comma, wherever the
#: phrase stands: "On X and on a new benchmark of real user forms, Zorb-Real, …", "and a new Welsh sentiment set, Zorb,"
#: (group 1 the kind's head noun; a count after "of" is :data:`_COUNTED_SET`'s)
_NEW_KIND = re.compile(r"\b(?:[Aa]n?|[Oo]ur)\s+new\s+(?:[\w\-]+\s+){0,4}?([a-z][\w\-]*)"
                       r"(?:\s+of\s+(?:[a-z][\w\-]*\s+){0,4}?[a-z][\w\-]*)?\s*,$")
#: what the authors call the thing the sentence made: "… into a one-step consistency model and call the result "
_THE_RESULT = re.compile(r"\b(?:call|calling|name|naming|dub|dubbing)\s+the\s+result\s*$")
#: the authors naming the thing by its kind, the name following: "We name the tagger ", "we call the resulting
#: model ", "We refer to the architecture as " (group 1 the kind's head noun; "the result" is :data:`_THE_RESULT`'s).
#: Named so, "the system" is the model the abstract just assembled from its parts ("… and decode with a CRF. We call
#: the system X"), whatever a system is in apposition ("X, a system for …", a method's kind): the dev sets' names
#: so given are 7 models to 1 method (the annotated abstracts hold none)
_NAME_THE_KIND = re.compile(rf"\b(?:{_NAMING_VERBS})\s+(?:the|this|our)\s+(?:[\w\-]+\s+){{0,2}}?"
                            r"([a-z][\w\-]*)(?:\s+as)?$")
#: the words after an indefinite article, for :data:`_THE_RESULT`'s kind: "a one-step consistency model"
_MADE_KIND = re.compile(r"\b(?:a|an)\s+((?:[\w\-]+\s+){0,3}[\w\-]+)")
#: kinds that say what a name is of, not what it is: "a variant, X" (of a method or of a model); but the variant
#: the authors name by their naming words is one of a procedure ("a memory-bank variant we call X", "call the variant
#: X": the dev sets' names so given, 9 methods to 1 model; the annotated abstracts hold none)
_RELATIVE_KINDS = frozenset(("variant", "variants"))
#: a set or a subset as the kind a name is given by the authors' naming words, their appositive or a sentence's
#: definite opening ("a subset we call X", "The diagnostic set, which we name X", "We assemble a new labelled set,
#: X"): data (the dev sets' mentions so given: 9 more of data sets, none of another type; the annotated abstracts
#: hold none; a set the locative phrase before a subject names, "On the Zorb test set, X improves …", is none of
#: these shapes)
_SET_KINDS = SET_WORDS | {"subset", "subsets"}
#: a set's word, "of" and a count, in the kind the authors name: "a new split of 500 issues we call X" (group 1 the
#: words after the count: what the set holds)
_COUNTED_KIND = re.compile(r"\b(?:set|sets|split|splits|subset|subsets|collection)\s+" + _COUNTED_OF.pattern
                           + r"[\d,.]*\s*[kKM]?\s+((?:[\w\-]+,?\s+){0,4})")


def _kind_named_before(text: str, title_end: int, start: int) -> str | None:
    """The scored type the kind named right before a name signals: "a compact retrieval model called X" ->
    Model, "we design a new scheduling algorithm, X" -> Method; ``None`` without one.
    """
    window = text[max(title_end, start - 80):start]
    tail = window.rstrip(" \"“'")
    named = False  # (named by the authors' naming words, not put in apposition)
    if tail.endswith(("called", "named", "dubbed", "termed", " as", " call", " name", " dub", " term", " it")) \
            and _NAMED_AS_END.search(tail):
        m = _KIND_CALLED.search(window)
        kind, named = (m.group(1) if m is not None else None), True
        counted = _COUNTED_KIND.search(m.group(0)) if m is not None else None
        if counted is not None:  # "a new split of 500 issues we call X", "a new set of 40 sequences, called X": data,
            return _members_kind(counted.group(1).replace(",", " ").split()) or "Dataset"  # unless it holds artifacts
    elif tail.endswith(("result", "result,")) and _THE_RESULT.search(tail.rstrip(",")):
        kind = _last_made_kind(window[max(window.rfind(". "), 0):])
    elif (m := _NAME_THE_KIND.search(tail)) is not None:  # "We name the tagger X", "we refer to the model as X"
        kind, named = m.group(1), True
        if kind == "system":  # "We call the (complete) system X": the whole the authors assembled and now name
            return "Model"
    elif tail.endswith((",", "—", "–")):  # (a comma alone, after the authors' verb or opening the sentence with a
        # definite kind: not "On a set of traces, X improves …")
        m = MADE_KIND_NAMED.search(window) if tail.endswith(",") else None
        kind = m.group(2) if m is not None else None
        if kind is None:
            m = _KIND_OPENS.search(window) or _NEW_KIND.search(tail)
            kind = m.group(1) if m is not None else None
        if kind is None and tail.endswith(","):
            m = _COUNTED_SET.search(tail)
            if m is not None:  # "a new set of 4,200 barnyard clips, X": data, unless it holds artifacts
                return _members_kind(m.group(1).split()) or "Dataset"
            return coined_apposed_type(text, start)  # a coined compound after its kind: "a subset, Zorb-Pairs, …"
    else:
        return None  # (every match ends in a comma or a naming participle)
    if kind in _SET_KINDS:  # "a subset we call X", "The diagnostic set, which we name X", "a new labelled set, X"
        return "Dataset"
    if kind in _RELATIVE_KINDS:  # "a memory-bank variant we call X", "call the variant X": the authors' change made
        return "Method" if named else None  # to a procedure; in apposition ("X, a Zorb variant") either type's
    t = kind_type(kind) if kind is not None else None
    return t if t in SCORED_TYPES else None


#: a set of counted items right before a name set off by a comma: "a new set of 4,200 barnyard clips, ", "a collection
#: of 12k annotated recordings, " (group 1 the words after the count, up to the plural noun that ends them)
_COUNTED_SET = re.compile(r"\b(?:[Aa]n?|[Oo]ur)\s+(?:new\s+)?(?:set|collection)\s+of\s+(?:about\s+|over\s+|some\s+)?"
                          r"\d[\d,.]*\s*[kKM]?\s+((?:[a-z][\w\-]*\s+){0,3}[a-z][\w\-]*s),$")


def _last_made_kind(sentence: str) -> str | None:
    """The head noun of the last kind brought in by an indefinite article in ``sentence`` that
    :func:`kind_type` types: "We distil it into a one-step consistency model and call the result " -> "model".
    """
    kind = None
    for m in _MADE_KIND.finditer(sentence):
        for word in m.group(1).split():
            if kind_type(word) in SCORED_TYPES:
                kind = word
                break
    return kind


_PIECE = re.compile(r"[A-Z]{2,}(?![a-z])|[A-Z]?[a-z]{2,}")


def _piece_names(name: str) -> list[str]:
    """The type model's features of a name's word pieces (``t:piece=…``, each once)."""
    return list(dict.fromkeys([_named(_PIECE_PREFIX, p) for p in _pieces(name)]))


_PIECE_PREFIX = TYPE_ONLY + "piece="


def _pieces(name: str) -> list[str]:
    """The word pieces of a name, lower-cased: "WebImageText" -> web, image, text; "SuperGLUE" -> super, glue."""
    return [p.lower() for p in _PIECE.findall(name)]


_JOINER = re.compile(r"\+|\s(?:with|on|and|or|in|to|for|using|from|over|at|vs\.?)\s")


#: what is before the last hyphen or space followed by a word character (the greedy group reaches the last)
_VARIANT_STEM = re.compile(r"(.*)[- ](?=\w)", re.S)


def _variant_of_strong(name: str, stems: set[str]) -> bool:
    """Whether ``name`` is another strong name of the document with a one-word suffix ("SMR-mini" beside
    "SMR", "GPT-3 13B" beside "GPT-3"; not "SMR Technical Report").
    """
    stem = _variant_stem(name)
    return stem is not None and stem in stems


@lru_cache(maxsize=200_000)
def _variant_stem(name: str) -> str | None:
    """``name`` up to its last hyphen or space followed by a word character ("GPT-3" of "GPT-3 13B");
    ``None`` without one.
    """
    m = _VARIANT_STEM.match(name)
    return m.group(1) if m is not None else None


def _families(cands: list[Candidate]) -> dict[str, list[str]]:
    """The family stems of the document's strong names (:func:`~graphbuild.nlp.lexicon.family_stems`), each
    with the variants it is the stem of ("Quill" -> ["Quill-v2"]).
    """
    out: dict[str, list[str]] = {}
    for c in cands:
        if c.strong:
            for stem in family_stems(c.text):
                out.setdefault(stem, []).append(c.text)
    return out


def _alone(text: str, start: int, variants: list[str]) -> bool:
    """Whether the stem written at ``start`` stands alone, not as the start of one of its variants: "the
    original Quill model" beside "Quill-v2" names the family or the first release, "Quill" of "Quill-v2" does not.
    """
    return not any(text.startswith(v, start) for v in variants)


def _holds_known(c: Candidate, known: list[tuple[int, int]]) -> bool:
    """Whether a shorter candidate the gazetteer knows lies inside ``c`` ("ImageNet with ResNet-50");
    ``known`` is sorted.
    """
    size = c.end - c.start
    for k in range(bisect_left(known, (c.start, -1)), len(known)):
        s, e = known[k]
        if s >= c.end:
            return False
        if e <= c.end and e - s < size:
            return True
    return False


#: the gap between two coordinated names: ", ", " and ", ", and ", " or ", "/"
_COORDINATION_GAP = re.compile(LIST_SEPARATOR)


#: a short form in brackets right after a listed name, before the list goes on: " (HighD)"
_APPOSED_SHORT = re.compile(r"\s*\([^()]{1,30}\)")


def coordinated_with(text: str, c: Candidate, spans: list[tuple[int, int]], *, in_list: bool = False) -> bool:
    """Whether ``c`` is coordinated with one of the names at ``spans`` (sorted), right before or after it
    (:data:`_COORDINATION_GAP`, not a name opening the clause after a comma: :func:`subject_after_comma`). With
    ``in_list``, a list as a list is written: a short form in brackets may follow each name ("Highway Drone
    (HighD), Roundabout Drone (RounD), and …"), and a bare comma between the two counts only where the list goes
    on after the later one (not an apposition: "hidden-unit dropout for CD, HuD-CD for short").
    """
    def gap_from(start: int) -> int:
        if in_list:
            m = _APPOSED_SHORT.match(text, start)
            if m is not None:
                return m.end()
        return start

    def joined(m: re.Match[str], later_end: int) -> bool:
        if subject_after_comma(m.group(), text, later_end):
            return False
        return not in_list or m.group().strip() != "," or _COORDINATION_GAP.match(text, gap_from(later_end)) is not None

    k = bisect_left(spans, (c.end, -1))
    after = gap_from(c.end)
    if k < len(spans) and spans[k][0] - after <= 6:
        m = _COORDINATION_GAP.match(text, after)
        if m is not None and m.end() == spans[k][0] and joined(m, spans[k][1]):
            return True
    for j in range(k - 1, max(-1, k - 4), -1):
        s, e = spans[j]
        if e <= c.start:
            e = gap_from(e)
        if e <= c.start and c.start - e <= 6:
            m = _COORDINATION_GAP.match(text, e)
            if m is not None and m.end() == c.start and joined(m, c.end):
                return True
    return False


def _group_row(space: FeatureSpace, ev: _GroupEvidence, g: int) -> tuple[tuple[int, ...], dict[int, float],
                                                                          tuple[bool, bool, bool], int]:
    """A group's shared features: its proposers, its type votes (valued), its flags, its size."""
    sources = tuple(sorted(ev.sources[g]))
    blocks = space.blocks
    ids = blocks.get(("gsrc", sources)) or space.block(("gsrc", sources), "", _prefixed, "gsrc=", sources)
    votes = {(blocks.get(("gvote", t)) or space.block(("gvote", t), "", _prefixed, "gvote=", (t,)))[0]:
             min(w, 6.0) / 3 for t, w in ev.votes[g].items()}
    return ids, votes, (ev.strong[g], ev.rule[g], ev.final[g]), min(ev.count[g], 4)


@lru_cache(maxsize=4096)
def _source_names(sources: tuple[str, ...]) -> tuple[str, ...]:
    """``src=`` features of the proposers (few combinations: made once)."""
    return tuple(_prefixed("src=", sources))


def _prefixed(prefix: str, values: Iterable[str]) -> list[str]:
    """``prefix + value`` for each distinct value."""
    return [prefix + v for v in dict.fromkeys(values)]


@lru_cache(maxsize=200_000)
def _neighbour_names(side: str, word: str) -> tuple[str, ...]:
    """The word next to a name (``L=``/``R=``) and the type its head noun signals (one tuple per word
    and side, whatever the proposer: its strings are hashed once).
    """
    t = head_type(word)
    return (f"{side}={word}", f"{side}head={t}") if t else (f"{side}={word}",)


#: the run of ``[\w-]`` characters at the start of a (reversed) string
_RUN = re.compile(r"[\w\-]*")


def _left_word(window: str) -> re.Match[str] | None:
    r"""``_LEFT_WORD.search(window)``, started where a match can start.

    A match's word reaches at least the fifth-last character (at most three characters and a
    final newline follow it), so it starts inside the run of ``[\w-]`` characters holding that
    character, or after it; the pattern looks neither behind nor at the string's start, so the
    search from there finds the same leftmost match.
    """
    last = max(0, len(window) - 5)
    run = _RUN.match(window[last::-1]).end()  # type: ignore[union-attr]
    return _LEFT_WORD.search(window, last + 1 - run)


def _context(doc: DocContext, c: Candidate) -> tuple[str | None, str | None, tuple[bool, ...]]:
    """The words left and right of ``c`` (lower-cased; ``None``: none) and the cues around it
    (in the order of :data:`_CUES`).
    """
    text, sents = doc.text, doc.sents
    start = c.start
    s, e = sents[c.sentence] if 0 <= c.sentence < len(sents) else (0, len(text))
    # the 45 characters before the name (in its sentence); the 80 before only where those are all white space
    window = text[max(s, start - 45): start]
    core = window.rstrip()
    if not core and start - 45 > s:
        core = text[max(s, start - 80): start].rstrip()
    after = text[c.end: min(e, c.end + 60)]
    m = _left_word(window[-30:])
    left = m.group(1).lower() if m is not None else None
    m = _RIGHT_WORD.match(after)
    right = m.group(1).lower() if m is not None else None
    propose = doc.propose_near(max(s, start - 60), start)
    return left, right, (after[:1] == "(", core.endswith("("), _sibling_after(after),
                         propose, propose and _we_in(doc, s, start),
                         _OUR_HINT(window.lower()) and _OUR_BEFORE.search(window) is not None,
                         after.startswith(("-based", "-style")),
                         c.source == "capword" and _capitalised_list(c.text, core, after),
                         _on_clause(core, after),
                         core.endswith(_COMPARED_ENDS) and _COMPARED_BEFORE.search(core, len(core) - 30) is not None,
                         core.endswith(_BUILT_IN_ENDS) and _BUILT_IN_BEFORE.search(core, len(core) - 60) is not None)


#: a comparison right before a name (``COMPARISON_WORDS``), perhaps with an article: "faster than X", "compared
#: with the X", "unlike X": what a paper measures itself against is a method, system or model. (Not "surpasses
#: X": measured, the feature with it cost CV F1 0.0006 and synth6 F1 0.0016 for +0.0004 type accuracy.)
_COMPARED_BEFORE = re.compile(r"(?<![\w\-])(?:"
                              + alternation(w for w in COMPARISON_WORDS if not w.startswith("surpass"))
                              + r")(?:\s+(?:the|a|an))?$")
#: how every match of ``_COMPARED_BEFORE`` ends (its last letters)
_COMPARED_ENDS = (*COMPARISON_ENDS, "he", "a")
#: what a system is built into, right before a name: "implemented in X", "we built it on top of X"
_BUILT_IN_BEFORE = re.compile(r"\b(?:implement(?:ed|s|ing)?|buil[dt]|integrated|prototyped?|deployed|"
                              r"runs?|running)\s+(?:[\w\-]+\s+){0,4}?(?:in|into|on top of|atop|inside)(?:\s+the)?$")
#: how every match of ``_BUILT_IN_BEFORE`` ends (its last letters)
_BUILT_IN_ENDS = ("in", "to", "of", "op", "de", "he")


#: a capitalised word (with its suffixes) coordinated after a name: ", Zorb", " and Zorb", " or Zorb"
_CAP_AFTER = re.compile(rf"(?:{LIST_GAP})[A-Z][a-z][\w\-]*")
#: ... and before it: "Zorb and ", "Zorb, "
_CAP_BEFORE = re.compile(rf"(?<![\w\-])[A-Z][a-z][\w\-]*(?:{LIST_GAP_END})$")


def _capitalised_list(name: str, before: str, after: str) -> bool:
    """Whether a one-word capitalised name stands in a list beside another capitalised word ("such as
    Zorb and Quill", "Unlike Zorb, Quill and ..."): mid-sentence capitals coordinated together name things.
    ``before`` is the text before the name, right-stripped; ``after`` the text after it.
    """
    if " " in name or not name[:1].isupper() or name.isupper():
        return False
    return _CAP_AFTER.match(after) is not None or before.endswith(_CAP_BEFORE_ENDS) \
        and _CAP_BEFORE.search(before) is not None


#: how every match of ``_CAP_BEFORE`` ends (its ``$`` also matches before a final line break)
_CAP_BEFORE_ENDS = (*LIST_GAP_ENDS, "\n")


#: the left words of a name listed after another: "Zorb and Quill", "Zorb, Quill"
_LIST_JOINERS = frozenset(("and", "or"))
#: the names listed before a later one, back to the list's start: "Zorb, Quill and ", "Zorb Net-2 and "
_LIST_BEFORE = re.compile(rf"(?:[A-Z][\w\-.+]*(?:\s+[A-Z0-9][\w\-.+]*){{0,2}}(?:{LIST_GAP}))+$")


def _list_before(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """``_LIST_BEFORE.search(text, lo, hi)``, not tried where the text before ``hi`` ends in no list's gap: every
    match ends with one, perhaps followed by white space (so its last other character ends one of
    ``LIST_GAP_ENDS``); a failed search tries every capital of the window.
    """
    return _LIST_BEFORE.search(text, lo, hi) if text[lo:hi].rstrip().endswith(LIST_GAP_ENDS) else None


def _list_lead(doc: DocContext, c: Candidate) -> str | None:
    """The word before the list a later member of it stands in, lower-cased: "such as Zorb and Quill" ->
    "as" for Quill, "compared with Zorb, Quill and Lark" -> "with" for Quill and Lark (the cue that
    introduces a list holds for all its names); ``None`` where no list of capitalised names leads to ``c``.
    (Not asked in a title, where every word is capitalised.)
    """
    text, sents = doc.text, doc.sents
    s = sents[c.sentence][0] if 0 <= c.sentence < len(sents) else 0
    lo = max(s, c.start - 100)
    m = _list_before(text, lo, c.start)
    if m is None or m.start() == lo:
        return None
    w = _left_word(text[max(s, m.start() - 30): m.start()])
    return w.group(1).lower() if w is not None else None


#: what ends a sentence's opening "On" before a name: "On", "and on", each perhaps with "the", and the names
#: listed before it ("On Zorb and ", right-stripped)
_ON_BEFORE = re.compile(rf"(?<![\w\-])(?:On|and on)(?: the)?{LISTED_NAMES_BEFORE}$")
#: the rest of an "On X," opening after the name: more names coordinated, up to three lower-case words, the comma
_ON_CLAUSE_AFTER = re.compile(rf"(?:(?:{LIST_GAP})[A-Z][\w\-.+]*){{0,3}}"
                              r"(?:\s+[a-z][a-z\-]*){0,3}\s*,")


#: how every match of ``_ON_BEFORE`` ends
_ON_BEFORE_ENDS = ("On", "on", "the", *LIST_GAP_ENDS)


def _on_clause(before: str, after: str) -> bool:
    """Whether a name opens its sentence as where something is measured: "On Zorbset, our method reaches",
    "On the Quill and Zorb benchmarks, ..." (what results are reported on is data).
    ``before`` is the text before the name, right-stripped; ``after`` the text after it.
    """
    return before.endswith(_ON_BEFORE_ENDS) and _ON_BEFORE.search(before) is not None \
        and _ON_CLAUSE_AFTER.match(after) is not None


#: the noun phrase after a name, past names coordinated with it: " and Quill pedestrian datasets" (the words
#: in group 1)
_PHRASE_AFTER = re.compile(rf"(?:(?:{LIST_GAP})[A-Z][\w\-.+]*){{0,3}}"
                           r"((?:\s+[a-z][a-z\-]*){1,3})")


def _phrase_head_after(text: str, end: int) -> str | None:
    """The type the head noun of the phrase a name modifies signals, where other words stand between
    them: "the Zorb and Quill pedestrian datasets" -> Dataset (for both names), "Zorb low-light video
    benchmarks" -> Dataset; ``None`` where the word right after the name is the head (``Rhead=`` tells
    that) or no head noun of a type follows before a function word.
    """
    m = _PHRASE_AFTER.match(text, end, end + 80)
    if m is None:
        return None
    words = m.group(1).split()
    if m.start(1) == end and head_type(words[0]):
        return None
    for word in words:
        if word in STOP_WORDS:
            return None
        t = head_type(word)
        if t:
            return t
    return None


def listed_as_data(text: str, title_end: int, cands: list[Candidate], members: list[int]) -> bool:
    """Whether a mention of an entity in the abstract is one of a list of names that a data set's head noun
    ends, past modifiers but no function word: "the biomedical Zorb and Quill datasets", "the Zorb, Quill
    and Wren pedestrian corpora" (each name of the list a data set: of the annotated names so written, the annotated
    abstracts' 46 and the dev sets' 151 are all data sets, though the type model's weights on the head after the
    list, ``Rphrase=Dataset``, may be outweighed by a name's shape: "CDR" typed a method).
    """
    for i in members:
        c = cands[i]
        if c.start < title_end:
            continue
        m = _PHRASE_AFTER.match(text, c.end, c.end + 80)
        if m is None or m.start(1) == c.end and _LISTED_GAP_BEFORE.search(text, max(0, c.start - 60), c.start) is None:
            continue  # (a name the head follows right after is one of such a list only as its last: "… and Quill")
        for word in m.group(1).split():
            if word in STOP_WORDS:
                break
            t = head_type(word)
            if t is not None:
                if t == "Dataset":
                    return True
                break
    return False


#: a list's gap after a capitalised name, before the last name of the list: "Zorb and " in "the Zorb and Quill
#: datasets"
_LISTED_GAP_BEFORE = re.compile(rf"[A-Z][\w\-.+]*(?:{LIST_GAP})$")


def _sibling_after(after: str) -> bool:
    r"""``bool(_SIBLING.match(after)) and after.strip()[:1] in (",", "a", "&", "/")``, the pattern
    tried only after that first character (``strip`` and the pattern's ``\s`` skip the same white space).
    """
    return after.lstrip()[:1] in (",", "a", "&", "/") and _SIBLING.match(after) is not None


def entity_features(text: str, title_end: int, cands: list[Candidate], members: list[int],
                    type_: str, gaz_hit: bool, context: DocContext | None = None, gaz: Any = None
                    ) -> dict[str, float]:
    """Features of one entity (a group of candidates) for the ``proposed`` decision.

    ``context`` is the document's :class:`DocContext` when the caller has one; ``gaz`` the gazetteer
    (to tell a variant of a known name: "ImageNet-1M" of "ImageNet").
    """
    if context is None:
        context = DocContext(text, [(0, len(text))], title_end)
    title = text[:title_end]
    colon = title.find(":")
    f: dict[str, float] = {"bias": 1, "type=" + type_: 1}
    if gaz_hit:
        f["gaz"] = 1
    if context.survey or context.comparison:
        f["survey_title"] = 1
    first_sentence = min(cands[i].sentence for i in members)
    f[f"first_sent={min(max(first_sentence, 0), 4)}"] = 1
    _proposal_context(context, title, colon, [cands[i] for i in members], f)
    f[f"count={min(len(members), 4)}"] = 1
    for i in members:
        c = cands[i]
        for src in c.sources or (c.source,):
            f["src=" + src] = 1
        if c.proposed:
            f["rule_proposed"] = 1
        if c.named:
            f["named_here"] = 1
        if c.start < title_end:
            f["in_title"] = 1
            # ("Zorb-style Pretraining: …" opens with what the paper makes after a name, not with the name)
            made_after = MADE_AFTER.match(text, c.end) is not None
            if 0 <= colon and c.end <= colon and not made_after:
                f["title_head"] = 1
            if c.start == 0 and not made_after:
                f["title_start"] = 1
            if (c.start, c.end) in context.whole_title:
                f["title_phrase"] = 1  # a whole part of the title: before its colon, its first phrase
        if c.source == "abbrev-long" and title.lower().startswith(c.text.lower()):
            f["title_is_long_form"] = 1
        if shape_score(c.text) >= 2:
            f["coined"] = 1
        if c.start < title_end and c.start > 0 and text[c.start - 1] == "(" and text[c.end:c.end + 1] == ")":
            f["title_paren"] = 1  # "…: Regularization by Denoising (RED)"
        s = c.sentence
        before = text[max(0, c.start - 80): c.start]
        if context.propose_near(max(0, c.start - 50), c.start):
            f["propose_verb_before"] = 1
        if _OUR_HINT(before.lower()) and _OUR_BEFORE.search(before):
            f["our_before"] = 1
        if s >= 0 and context.propose_near(max(0, c.start - 80), c.start) and _we_in(context, max(0, c.start - 80),
                                                                                      c.start):
            f["we_verb_window"] = 1
        if _APPOSITIVE.match(text, c.end):
            f["appositive"] = 1
        m = _apposed(before)
        if m is not None and head_type(m.group(1).lower()):
            f["apposed"] = 1  # "a new simple network architecture, the Transformer"
    if "in_title" in f and "coined" not in f and _studies_only(text, title_end):
        f["title_of_study"] = 1  # a plain title phrase where the abstract studies and proposes nothing
    if len(members) == 1 and first_sentence >= 2 and "in_title" not in f and "rule_proposed" not in f \
            and "named_here" not in f:
        f["once_late"] = 1  # named once, past the abstract's opening, with no cue of the authors' own
    _builds_on(text, title, cands, members, gaz, f)
    first = _first_in_abstract(context, cands, members)
    if first is not None:
        _cited_as_example(context.text, *first, f)
        _introduced_here(context.text, *first, f)
        _first_neighbours(context.text, *first, f)
    for i in members:
        if cands[i].role == "compares_with":
            f["compared_with"] = 1  # "X outperforms A, B and C": the others are no paper's own here
    if context.url_names and any(form_key(cands[i].text) in context.url_names for i in members):
        f["url_name"] = 1  # "code at github.com/owner/NAME"
    if any(cands[i].source == "abbrev-short" for i in members):
        f["defined"] = 1  # the text defines the name's abbreviation ...
        if not gaz_hit:
            f["defined_new"] = 1  # ... and the gazetteer does not know it
        elif any(cands[i].source == "abbrev-long" and cands[i].key is None and cands[i].proposed for i in members):
            # ... with a long form the gazetteer does not know, which the authors bring in: a known
            # abbreviation given a new meaning ("a gated prompt tuning (GPT) method is proposed")
            f["defined_anew"] = 1
    if gaz_hit:  # a known name the paper itself introduces ("We introduce INSTRUCTOR"): its evidence weighs
        # otherwise than that of a new name (every feature is paired with the gazetteer hit)
        f.update({"gaz&" + name: value for name, value in f.items() if name not in ("gaz", "bias")})
    if context.bare:
        f = {BARE + name: value for name, value in f.items()}
    return f


#: the features of an entity the paper plainly claims: a rule's proposal cue, a naming cue, the name before
#: the title's colon or opening the title
_CLAIMED = ("rule_proposed", "named_here", "title_head", "title_start")


def with_other_claimed(rows: list[dict[str, float]], cands: list[Candidate] | None = None,
                       groups: list[list[int]] | None = None,
                       context: DocContext | None = None) -> list[dict[str, float]]:
    """``rows`` (the proposed model's features of a document's entities), with ``other_claimed`` on
    each entity without a claim of its own (:data:`_CLAIMED`) where another entity of the paper has
    one: a paper that names what it brings in ("We introduce Zorbo, …") uses the other names it
    gives without a cue ("… with a Quix-3 backbone on the Blip benchmark").

    Given the document (its candidates, each row's ``groups`` of members, its ``context``), also
    ``beside_claimed=before`` or ``=after`` on such an entity whose first mention in the abstract shares
    its sentence with a claimed entity's mention, on that side of it: what the paper's own thing runs on
    ("In simulation with Quix, Zorbo detects …") or is made of or set against ("Zorbo pairs a Quix encoder
    with …", "Zorbo beats Quix"), as against a name the paper gives apart from its own.
    """
    claimed = [any(k in row for k in _CLAIMED) for row in rows]
    if not any(claimed):
        return rows
    beside: dict[int, int] = {}
    firsts: list[tuple[Candidate, int] | None] = [None] * len(rows)
    if cands is not None and groups is not None and context is not None:
        beside = _claimed_sentences(claimed, cands, groups, context.title_end)
        if beside:
            firsts = [_first_in_abstract(context, cands, members) for members in groups]
    for row, own, first in zip(rows, claimed, firsts):
        if own:
            continue
        row["other_claimed"] = 1
        if first is not None and first[0].sentence in beside:
            row["beside_claimed=" + ("before" if first[0].start < beside[first[0].sentence] else "after")] = 1
    return rows


def _claimed_sentences(claimed: list[bool], cands: list[Candidate], groups: list[list[int]],
                       title_end: int) -> dict[int, int]:
    """The abstract's sentences that mention a claimed entity (``claimed``, per group), each to where its
    first such mention starts.
    """
    out: dict[int, int] = {}
    for own, members in zip(claimed, groups):
        for i in members if own else ():
            c = cands[i]
            if c.start >= title_end and c.sentence >= 0 and c.start < out.get(c.sentence, c.start + 1):
                out[c.sentence] = c.start
    return out


_APPOSITIVE = re.compile(r",\s+(?:a|an)\s")
#: an abstract that studies something ("We study when …", "This survey covers …", "we measure")
#: (each written with its subject words as the alternatives of word_alternation, so that a search of the whole
#: abstract skips to their first letters)
_STUDY_VERBS = (r"\s+(?:study|analy[sz]e|measure|investigate|examine|ask|survey|review|compare|characteri[sz]e|"
                r"quantify|audit|revisit)")
_STUDY_NOUNS = r"\s+(?:survey|review|study|analysis|paper\s+(?:studies|reviews|surveys|analy[sz]es))"
_STUDY_ABSTRACT = re.compile(word_alternation("|".join(
    [f"{we}{_STUDY_VERBS}" for we in ("We", "we")] + [f"{this}{_STUDY_NOUNS}" for this in ("This", "this")])) + r"\b")
#: an abstract that brings something of its own ("We propose …", "we introduce", "We present X, a")
_PROPOSE_ABSTRACT = re.compile(word_alternation("We|we") + r"\s+(?:propose|introduce|present|develop|design|release)\b")


@lru_cache(maxsize=8)
def _studies_only(text: str, title_end: int) -> bool:
    """Whether the abstract (``text`` after ``title_end``) studies something and proposes nothing of its own
    (once per document: each of its title names asks).
    """
    return _STUDY_ABSTRACT.search(text, title_end) is not None and _PROPOSE_ABSTRACT.search(text, title_end) is None


#: the authors own the name in what follows it: "Guanaco, our best model family", ", which we call"
_OURS_AFTER = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?,\s+(?:our\s|which\s+we\s+(?:call|name|term|dub))")
#: the connective of a title before a phrase in it: "… with deep neural networks and tree search"
_TITLE_CONNECTIVE = re.compile(r"\b(via|for|with|using|from|by|through|of|on|in|to|towards?)\b", re.I)
#: a variant of a family: the family's name, a space or hyphen, then a size, a version or one or two capitals
_VARIANT_OF = re.compile(r"^(.+?)[- ](?:[^- ]*\d[^- ]*|[A-Z]{1,2})$")


#: the authors' proposal verb right before a name, at most two lower-case words between: "We propose
#: deep residual networks (ResNet)", "and release Guanaco"
_WE_VERB_OBJECT = re.compile(r"\b(?:[Ww]e|and)\s+(?:\w+ly\s+)?(?:propose|introduce|present|release)[sd]?\s+"
                             r"(?:(?!to\s)[a-z][\w\-]*\s+){0,2}$")


#: the authors' verb of making right before a name, its object: "we assemble X, a unified benchmark", "We maintain
#: X, a leaderboard", "…, producing X" (and the second of two: "producing X and Y")
_MADE_OBJECT = re.compile(r"(?:\b[Ww]e\s+(?:\w+ly\s+|also\s+)?(?:assembl|compil|curat|construct|creat|maintain)\w*|"
                          r",\s+(?:thereby\s+)?producing)\s+(?:[A-Z][\w\-]*\s+and\s+)?$")


def made_object(text: str, title_end: int, cands: list[Candidate], members: list[int]) -> bool:
    """Whether the abstract first names an entity the gazetteer does not know as the object of the authors' verb of
    making (:data:`_MADE_OBJECT`: "To compare them we assemble X, a unified benchmark", "We translated the test
    sets anew, producing X and Y"): data or a leaderboard a survey or a study makes, with no verb of proposing.
    """
    body = [i for i in members if cands[i].start >= title_end]
    if not body or any(cands[i].key is not None for i in members):
        return False
    first = min(cands[i].start for i in body)
    return _MADE_OBJECT.search(text, max(title_end, first - 60), first) is not None


def titled_own_kind(text: str, title_end: int, cands: list[Candidate], members: list[int]) -> bool:
    """Whether the title names an entity the gazetteer does not know in its last phrase as "the NAME KIND"
    (:func:`~graphbuild.nlp.proposals.titled_kind_at`): the artifact a survey, a comparison or a study adds to
    the things it names.
    """
    title = text[:title_end]
    return all(cands[i].key is None for i in members) and any(
        cands[i].end <= title_end and titled_kind_at(title, cands[i].start, cands[i].end) is not None
        for i in members)


def owned_by_authors(text: str, title_end: int, cands: list[Candidate], members: list[int]) -> bool:
    """Whether the authors plainly own an entity, whatever the gazetteer knows: a mention the rules
    guessed proposed, right after the authors' proposal verb, that either the text defines ("We propose
    deep residual networks (ResNet)") or the authors call theirs ("release Guanaco, our best model");
    a long form the text defines right after "our" ("our dense passage retriever (DPR)").
    """
    for i in members:
        c = cands[i]
        if c.start < title_end:
            continue
        if c.source == "abbrev-long" and text[c.start - 4:c.start] in ("our ", "Our "):
            return True  # "Our dense passage retriever (DPR) beats ...": the authors' own, defined
        if not c.proposed or not _WE_VERB_OBJECT.search(text, max(title_end, c.start - 60), c.start):
            continue
        if c.source == "abbrev-long" or _OURS_AFTER.match(text, c.end):
            return True
    return False


def _builds_on(text: str, title: str, cands: list[Candidate], members: list[int],
               gaz: Any, f: dict[str, float]) -> None:
    """Evidence on whether the paper introduces an entity or builds on it: the authors own the name
    in what follows it ("X, our best model"); the connective before its phrase in the title ("with",
    "via"); a variant of a known name that the title does not name ("ImageNet-1M" where the gazetteer
    knows "ImageNet").
    """
    title_low = title.lower()
    for i in members:
        c = cands[i]
        if _OURS_AFTER.match(text, c.end):
            f["ours_after"] = 1
        if c.start < len(title):
            if c.start > 0:
                conns = _TITLE_CONNECTIVE.findall(title, 0, c.start)
                if conns:
                    f["title_after=" + conns[-1].lower()] = 1
            continue
        if gaz is not None:
            m = _VARIANT_OF.match(c.text)
            if m is not None and m.group(1).lower() not in title_low and gaz.lookup(m.group(1)) is not None:
                f["known_family"] = 1


#: a cue that gives what follows as an example, and names listed before the one at the end: "models such
#: as A, B and", "(e.g., A,", "including"
_EXAMPLE_BEFORE = re.compile(r"(?:\bsuch\s+as|\be\.g\.,?|\bfor\s+(?:example|instance),?|\blike|\bincluding)\s+"
                             r"(?:(?:the\s+)?[\w\-.+]+(?:\s+[\w\-.+]+)?(?:,|,?\s+and|,?\s+or)\s+){0,3}(?:the\s+)?$",
                             re.I)
#: a part of each alternative of ``_EXAMPLE_BEFORE``, in lower case
_EXAMPLE_WORDS = ("such", "e.g.", "for", "like", "including")


def _example_hint(window: str) -> bool:
    """A cheap test that must hold wherever ``_EXAMPLE_BEFORE`` matches in ``window``: one of its words in the
    lower-cased window, or a window that is not ASCII (where the case-insensitive pattern takes "ſ" for "s"
    and the Kelvin sign for "k").
    """
    if not window.isascii():
        return True
    low = window.lower()
    return any(word in low for word in _EXAMPLE_WORDS)


#: a word that sets what the sentence names before the authors' work: "Earlier models", "existing methods"
_EARLIER = re.compile(r"\b(?:earlier|previous|previously|prior|existing|conventional|traditional)\b", re.I)


def _first_in_abstract(context: DocContext, cands: list[Candidate],
                       members: list[int]) -> tuple[Candidate, int] | None:
    """An entity's first mention after the title and where its sentence starts; ``None`` for an entity
    of the title only.
    """
    body = [cands[i] for i in members if cands[i].start >= context.title_end]
    if not body:
        return None
    c = min(body, key=lambda c: c.start)
    sents = context.sents
    return c, sents[c.sentence][0] if 0 <= c.sentence < len(sents) else context.title_end


#: the authors' verb that brings in or trains what it names next: "We train X, a family of …", "we build the X"
_WE_MAKE_BEFORE = re.compile(word_alternation("We|we|and")
                             + rf"\s+(?:\w+ly\s+)?(?:{INTRODUCING_VERBS}|train)(?:e|s|d|ed|es)?\s+"
                             r"(?:(?:the|our|a|an)\s+)?$")
#: an appositive that says what a name is: ", a family of", ", an encoder-decoder model"
_DEFINING_APPOSITIVE = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?,\s+(?:a|an)\s")


def _introduced_here(text: str, c: Candidate, s: int, f: dict[str, float]) -> None:
    """Whether the authors bring a name in where the abstract first names it (``c``, in the sentence
    starting at ``s``): right after their verb, with an appositive that says what it is ("We train X, a
    family of speech models"), or in the list after the colon of a sentence in which they propose several
    things of a kind ("We propose two architectures …: the A model … and the B model").
    """
    # (the appositive, matched at one place, first: it is seldom there; the verb is searched for in a window)
    if _DEFINING_APPOSITIVE.match(text, c.end) and _WE_MAKE_BEFORE.search(text, max(s, c.start - 60), c.start):
        f["we_make_defined"] = 1
    colon = text.rfind(":", s, c.start)
    if colon >= 0 and PROPOSED_KINDS.search(text, s, colon + 1):
        f["listed_as_proposed"] = 1


def _cited_as_example(text: str, c: Candidate, s: int, f: dict[str, float]) -> None:
    """Whether the abstract names an entity first (``c``, in the sentence starting at ``s``) as an example
    of other work: after "such as", "e.g.", "like" or "including" ("Earlier models such as X read …"), and
    whether the words before it in its sentence set it before the authors' work ("earlier", "previous",
    "existing").
    """
    before = text[max(s, c.start - 80):c.start]
    if _example_hint(before) and _EXAMPLE_BEFORE.search(before):
        f["example_of"] = 1
        if _EARLIER.search(text, s, c.start):
            f["example_of_earlier"] = 1
    elif _EARLIER.search(text, max(s, c.start - 40), c.start):
        f["earlier_before"] = 1


#: the word right before a name (after an article, if one stands there), in its sentence: group 1 the
#: word, group 2 the article
_WORD_BEFORE = re.compile(r"(?<![\w\-])([A-Za-z]+)\s+(?:(a|an|the)\s+)?$")
#: the words before a name that tell how the sentence brings it in: a preposition of use, basis or
#: comparison ("on X", "with X", "than X", "adapted from X", "following the X recipe"), a list's joiner
_FUNCTION_BEFORE = frozenset("on with in from of using via over against than versus vs and or by for to into "
                             "following like unlike as upon atop beyond between across under".split())
#: the features of a first mention right after a word of ``_FUNCTION_BEFORE`` that puts a name to use, sets it as
#: a basis or compares with it ("with X", "on X", "over X", "following the X recipe"): not a list's joiner ("and",
#: "or") nor "as" or "into", which also give what the authors make ("released as X", "distilled into X")
IN_PASSING_BEFORE = tuple(sorted("first_after=" + w for w in _FUNCTION_BEFORE - {"and", "or", "as", "into"}))

#: the names (a capital or a digit in each of up to three words) listed after a name: ", Quill and Lark-2"
_LIST_AFTER = re.compile(rf"(?:(?:{LIST_GAP})[A-Z0-9][\w\-.+]*(?:\s+[A-Z0-9][\w\-.+]*){{0,2}})+")
#: one gap of a list
_GAP = re.compile(LIST_GAP)

#: a lower-case word right after a name, one space between ("X backbone", "X arm", "X achieves")
_LOWER_AFTER = re.compile(r" ([a-z][a-z\-]*)")


def _first_neighbours(text: str, c: Candidate, s: int, f: dict[str, float]) -> None:
    """The words around an entity's first mention in the abstract (``c``, in the sentence starting at
    ``s``): the function word before it ("evaluated on X", "compared with X", "built on the X"), whether
    an article stands right before it ("a ViT-like encoder": a thing of a known kind, used), and the
    type signalled by the head noun after it ("the X backbone", "an X arm"): how a sentence names
    something the authors use, not bring in.
    """
    m = _WORD_BEFORE.search(text, max(s, c.start - 30), c.start)
    if m is not None:
        word = m.group(1).lower()
        if word in _FUNCTION_BEFORE:
            f["first_after=" + word] = 1
        if m.group(2):
            f["first_article"] = 1
    if _listed_items(text, c, s) >= 3:
        f["name_list"] = 1
    m = _LOWER_AFTER.match(text, c.end)
    if m is not None:
        f["first_head=" + (head_type(m.group(1)) or "none")] = 1


def _listed_items(text: str, c: Candidate, s: int) -> int:
    """How many names a list holds that ``c`` (in the sentence starting at ``s``) stands in, ``c`` too: "We
    compare Zorb, Quill and Lark" (3 for each); 1 where no name is coordinated with it.
    """
    n = 1
    after = _LIST_AFTER.match(text, c.end)
    if after is not None:
        n += len(_GAP.findall(after.group()))
    before = _list_before(text, max(s, c.start - 100), c.start)
    if before is not None:
        n += len(_GAP.findall(before.group()))
    return n


#: a verb of training or testing, then the preposition that brings in what it is done on or with: "Models are
#: trained with the Adam optimizer on", "fine-tuned on the", "evaluated on", "We evaluate X across the" (no clause
#: break between); or a step done with a program or procedure ("energies are computed with X":
#: ``DONE_WITH_BEFORE``; "In simulation with X", "Implemented in X", "generated by X": a verb of computing, then
#: with/in/using/by), or one the text says is used or run ("We use X", "Simulations use X", "We run the open-source
#: X", "adopting X")
_TRAINED_ON = re.compile(r"\b(?:(?:(?:pre-?)?train(?:s|ed|ing)?|fine-?tun(?:e|es|ed|ing)|evaluat(?:e|es|ed|ing)|"
                         r"test(?:s|ed|ing)?|benchmark(?:ed|ing))\b[^.;:()]{0,60}?\s(?:on|with|across)|"
                         # a statistical model is fit to its data ("is fit to linked tax records and to the PSID")
                         r"(?:fit|fits|fitted|fitting|calibrated)\b[^.;:()]{0,60}?\s(?:to|on)|"
                         rf"{DONE_WITH_BEFORE}|"
                         r"(?:[Ss]imulat|[Cc]omput|[Pp]erform|[Ii]mplement|[Gg]enerat|[Pp]roduc|[Ss]olv|[Rr]esolv|[Oo]btain|"
                         # (their verb and noun endings only: not "conductivities")
                         r"[Pp]rocess|[Cc]onduct|[Rr]un|[Cc]arri)(?:e[sd]?|ed|ing|ning|ions?|ations?|s)?\b"
                         r"(?:\s+[\w\-]+){0,3}?\s+(?:with|in|using|by)|"
                         r"us(?:e|es|ed|ing)|employ(?:s|ed|ing)?|adopt(?:s|ed|ing)?|leverag(?:e|es|ed|ing)|run(?:s|ning)?|ran|"
                         # a base the work starts from: "fine-tuned HingBERT", "We adapt AstroNet to"
                         r"fine-?tun(?:e|es|ed|ing)|adapt(?:s|ed|ing)?)"
                         r"\s+(?:(?:the|a|an)\s+)?(?:open-source\s+)?$")
#: the source of what a model is trained on or applied to, past the names listed before: "trained on spectroscopic
#: redshifts from the A Survey and X", "applied to photometry from X" (a clause of the proposing sentence); or of a
#: count of items: "We curated 7,200 polymers from X", "12k clinical notes from the X"
_SOURCE_OF_TRAINING = re.compile(r"(?:\b(?:(?:pre-?)?train(?:s|ed|ing)?|appl(?:y|ies|ied|ying))\s+(?:on|to)\s"
                                 r"[^.;:()]{0,50}?|(?<![\w.,])\d[\d,.]*[kKM]?(?:\s+[\w\-]+){1,2}?)"
                                 r"\sfrom\s+(?:the\s+)?" + NAMES_LISTED_UP_TO + "$")


def trained_on(context: DocContext, cands: list[Candidate], members: list[int]) -> bool:
    """Whether an entity is only what something is trained, tuned or tested on or with, or a tool the work
    runs: the abstract names it first after such a verb ("Models are trained on X"), or after a verb of use
    ("Simulations use X", "computed with X", "Implemented in X, …"), of a base the work starts from ("fine-tuned
    X", "We adapt X to"), or as the source of what a model is trained on or applied to ("trained on redshifts
    from the A Survey and X", :data:`_SOURCE_OF_TRAINING`), the rules found no
    proposal of it and the title does not name it (data or a tool the work uses, not what it brings in).
    """
    if any(cands[i].proposed or cands[i].start < context.title_end for i in members):
        return False
    first = _first_in_abstract(context, cands, members)
    if first is None:
        return False
    c, s = first
    lo = max(s, c.start - 80)
    return _TRAINED_ON.search(context.text, lo, c.start) is not None \
        or _SOURCE_OF_TRAINING.search(context.text, max(s, c.start - 110), c.start) is not None


#: what only a model is said to be or do, right after its name as the subject: trained ("X is trained on …", "X was
#: pretrained …"), tuned from a base ("X is fine-tuned from Y", "X is initialised from Y"), sized ("X is a 1.5B
#: model", "X is a 500M-parameter …", "X has 600M parameters"), run or rendered at a rate ("X runs at 25 FPS", "X
#: renders at 90 FPS", "X runs daily at …"), run on a named device ("X also runs on a real Franka arm", "X runs in
#: real time on a Snapdragon …"; not "on a single 24GB GPU", said of methods of serving as well) or released in
#: sizes ("X is released in two sizes"); not "X fine-tunes Y" or "X is adapted from Y", said of a method of
#: tuning or a module as well, nor "X scores 41%" (an acronym of an exploration bonus: "PPO with FN scores 9,450")
_MODEL_PREDICATE = re.compile(
    r"\s+(?:(?:is|was|are|were)\s+(?:first\s+|then\s+|also\s+)?(?:pre-?)?trained\b|"
    r"(?:is|was|are|were)\s+(?:first\s+|then\s+|also\s+)?(?:fine-?tuned|initiali[sz]ed)\s+from\b|"
    r"(?:is|was)\s+an?\s+\d+(?:\.\d+)?\s?[MBK]\b|"
    r"(?:has|contains)\s+(?:only\s+|about\s+|just\s+)?\d+(?:\.\d+)?\s?[MBK]\s+(?:parameters|params)\b|"
    r"(?:runs|renders)\s+(?:[a-z]+\s+)?at\s+\d|(?:is|are)\s+released\s+in\s+\w+\s+sizes\b|"
    r"(?:also\s+)?runs\s+(?:[\w\-]+\s+){0,3}?on\s+(?:a|an|one|the)\s+(?:single\s+|real\s+)?[A-Z])")
#: a model's training as a participle right after its name: "compared with X trained on the same data", "supervised
#: X trained with …" (the dev sets' 50 models to 7 methods, all but one names the gazetteer knows, which
#: :func:`~.decide._predicated_type` leaves alone; the one a lower-case technique, "a probabilistic context-free
#: grammar trained on …", which :func:`model_predicated` does not read so)
_TRAINED_AFTER = re.compile(r"\s+trained\s+(?:only\s+|solely\s+|jointly\s+)?(?:on|with|by|using|from)\s")
#: a model's training said of the subject that opens a sentence, past a clause of what it does: "X builds on Y
#: and is trained on …", "X has 600M parameters and was trained on 64 GPUs" (not a name inside the clause: "Our
#: agent uses Monte Carlo tree search with the PUCT rule and was trained on …")
_TRAINED_LATER = re.compile(r"(?:\s+[^\s.;,:]+){1,12}?\s+and\s+(?:is|was)\s+(?:pre-?)?trained\b")
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?]\s+|\n)$")
#: the object of training right after the verb: "We train X on …", "we pretrain X", "We fine-tune X, a …", in the
#: past as well ("We trained X, built on …") and as the second verb of the authors' clause ("We adapt Y to Z and
#: train X on …", "and then fine-tuned X") (the dev sets: 88 models to 10 methods, "We train sparse autoencoders",
#: "We train XGBoost models"; the annotated abstracts: 6 models to 1 method)
_TRAINED_OBJECT = re.compile(r"\b(?:[Ww]e|and(?:\s+then)?)\s+(?:(?:pre-?)?train(?:ed)?|fine-?tuned?)\s+$")


#: "baseline" right after a name: what the paper measures itself against, named by the one system that was run
#: ("above the Zorb-SLU baseline", "a Quill baseline"): a name with a capital so is a model's more often than a
#: method's (the invented dev sets: 13 unknown names of models to 4 of methods and data sets); not the plural,
#: which names a kind of which several were run ("state-of-the-art OL2R baselines", "TF-IDF baselines")
_BASELINE_AFTER = re.compile(r" baseline\b")


def model_predicated(context: DocContext, cands: list[Candidate], members: list[int]) -> bool:
    """Whether a mention of an entity in the abstract is the subject of what only a model is said to be or do:
    "X is trained on …", "X is fine-tuned from Y", "X is a 1.5B model", "X has 600M parameters", "X runs at 25 FPS",
    "X is released in two sizes" (:data:`_MODEL_PREDICATE`), a name with a capital trained as a participle right
    after it ("than X trained on …": :data:`_TRAINED_AFTER`), or, opening a sentence, "X builds on Y and is trained
    on …" (:data:`_TRAINED_LATER`); or the object of training ("We train X on …": :data:`_TRAINED_OBJECT`).
    Every whole-word occurrence of a form counts, a candidate or not (a sentence's opening word is not always one).
    """
    text, title_end = context.text, context.title_end
    for form in {cands[i].text for i in members}:
        at = text.find(form, title_end)
        while at >= 0:
            end = at + len(form)
            if (at == 0 or not _is_word(text[at - 1])) and (end == len(text) or not _is_word(text[end])) and (
                    _MODEL_PREDICATE.match(text, end) is not None
                    or not form.islower() and (_TRAINED_AFTER.match(text, end) is not None
                                               or _BASELINE_AFTER.match(text, end) is not None)
                    or _TRAINED_OBJECT.search(text, max(title_end, at - 24), at) is not None
                    or _SENTENCE_OPENS.search(text, max(title_end, at - 3), at) is not None
                    and _TRAINED_LATER.match(text, end) is not None):
                return True
            at = text.find(form, end)
    return False


#: the units of data a name can be the source of (no units a model generates as well: "images from X", "samples
#: from X", "data from X" name a generator as often as a source)
_DATA_UNITS = ("pairs prompts instructions questions problems tasks sentences documents records tensors matrices "
               "transcriptions utterances dialogues conversations articles posts reviews scans observations statistics "
               "outcomes").split()
#: a unit of data, then "from" (up to two words between), up to a name: "1M image-text pairs from X", "prompts
#: sampled from X", "Outcomes come from the X"; or a part of it: "subsets of X", "the test split of X", "a mixture
#: of X and Y" (past the names listed before the name)
_DRAWN_FROM = re.compile(word_alternation("|".join(w for u in _DATA_UNITS for w in (u, u.capitalize())))
                         + r"\s+(?:[\w\-]+\s+){0,2}?from\s+(?:the\s+)?" + NAMES_LISTED_UP_TO + "$|"
                         + word_alternation("subsets?|splits?|portions?|partitions?|mixture")
                         + r"\s+(?:of\s+)?(?:the\s+)?" + NAMES_LISTED_UP_TO + "$")


def drawn_from(context: DocContext, cands: list[Candidate], members: list[int]) -> bool:
    """Whether an entity the abstract names is first what units of data are drawn from: "1M image-text pairs from
    X and Y", "subsets of X" (data, whatever its shape says); not the clause's subject after such a phrase ("With
    prompts from Zorb, Quill reaches …" for Quill).
    """
    first = _first_in_abstract(context, cands, members)
    if first is None:
        return False
    c, s = first
    lo = max(s, c.start - 60)
    return _DRAWN_FROM.search(context.text, lo, c.start) is not None \
        and not subject_after_comma(context.text[lo:c.start], context.text, c.end)


#: the plural nouns a count after a name may have that are parts or measures of a model, a method or a run, not
#: items of data: "X consists of 12 layers", "X, 3 times faster", "X contains 7B parameters"
_NO_DATA_UNITS = ("points times layers parameters params epochs steps seconds minutes hours days weeks months years "
                  "runs seeds heads experts modules blocks stages components branches phases encoders decoders "
                  "networks levels iterations rounds percent models variants checkpoints").split()
#: a count of plural items right after a name, what a collection of data is described by: "X contains 2,310
#: reactions", "X comprises about 12k clips", "X, which consists of 1.2M images"; or as its appositive, a whole
#: count (no decimals: ", 2.9 points"; or in words: ", four million sessions") of a plural noun, up to two words
#: before it ("We introduce X, 3,400 questions over maps", "We build X, 24K preference pairs"); not a count of a
#: model's parts or of a run's measures (:data:`_NO_DATA_UNITS`: "X, 12 stacked convolutional blocks"); or an
#: amount of recorded or stored data, in hours or bytes, "of" what it holds ("We release X, 900 hours of transcribed
#: calls", "X, 2 GB of news text", "X contains 40 hours of speech"), where hours alone measure a run
_COUNTED_NOUN = rf"(?!(?:{'|'.join(_NO_DATA_UNITS)})\b)[a-z\-]+s\b"
_COUNT_OF = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
_COUNT_SCALE = r"\s*(?:[kKM]\b|thousand\b|million\b)?\s*"
_COUNT_IN_WORDS = (r"(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty|a)\s+)?(?:hundred\s+)?"
                   r"(?:thousand|million|billion)\s+")
_DATA_AMOUNT = r"\d[\d,]*(?:\.\d+)?\s*(?:hours|hrs|minutes|GB|TB|MB|gigabytes|terabytes)\s+of\b"
_APPOSED_AMOUNT = r"(?:(?:about|over|some|roughly|nearly|around|almost|approximately|more\s+than)\s+)?"
#: a count set after a name as its apposition: "X, 22,000 posts", "X, 900 hours of calls", "X, four million
#: sessions"
_COUNT_APPOSED = (r"\s*,\s+" + _APPOSED_AMOUNT + "(?:" + _DATA_AMOUNT + "|(?:" + _COUNT_OF + _COUNT_SCALE + "|"
                  + _COUNT_IN_WORDS + r")(?:[a-z\-]+\s+){0,2}?" + _COUNTED_NOUN + ")")
_COUNTED_CONTENTS = re.compile(
    r"\)?(?:,?(?:\s+which)?\s+(?:now\s+|also\s+)?(?:contains|comprises|consists\s+of|includes|holds|spans)\s+"
    + _APPOSED_AMOUNT + "(?:" + _DATA_AMOUNT + "|"
    + _COUNT_OF + r"(?:\.\d+)?" + _COUNT_SCALE + r"(?:[a-z\-]+\s+){0,2}?" + _COUNTED_NOUN
    + ")|" + _COUNT_APPOSED + ")")
#: the appositive count alone: "X, 22,000 posts in …"
COUNTED_APPOSED = re.compile(r"\)?" + _COUNT_APPOSED)


def counted_contents(context: DocContext, cands: list[Candidate], members: list[int]) -> bool:
    """Whether a mention of an entity in the abstract is followed by a count of the items it holds: "X contains
    2,310 reactions", "We introduce X, 3,400 questions over …" (:data:`_COUNTED_CONTENTS`), what a collection of
    data is said to be and a model or a method is not.
    """
    text, title_end = context.text, context.title_end
    return any(_COUNTED_CONTENTS.match(text, cands[i].end, min(len(text), cands[i].end + 80)) is not None
               for i in members if cands[i].start >= title_end)


#: a verb that gives out what the authors made, then what it gives out (up to seven words, none closing a clause) and
#: "as", right before a name: "We release the collected ratings as X", "The prompts are shared as X", "text and code,
#: which we compile as X" (group ``obj``: what is given out, empty in the passive or a relative clause)
_RELEASED_AS = re.compile(r"\b(?:[Rr]eleas|[Ss]har|[Pp]ublish|[Cc]ompil|[Oo]pen-sourc)(?:e|es|ed|ing|d)?\s+"
                          r"(?P<obj>(?:(?!as\b)[^\s;:]+\s+){0,7}?)as\s+$")
#: what, given out as a name, is no data: a model, its weights, code or a method ("We release the weights as X",
#: "Our implementation is released as X"), besides any word the lexicon reads as a model's or a method's head
#: (:func:`~.lexicon.head_type`: "the detector", "our rounding scheme")
_RELEASED_NO_DATA = re.compile(r"\b(?:models?|weights|checkpoints?|code|codebase|implementations?|library|librar"
                               r"ies|toolkits?|packages?|tools?|software|methods?|frameworks?|pipelines?|systems?|"
                               r"agents?|policy|policies|recipes?|plugins?|APIs?|apps?|encoders?|decoders?|"
                               r"networks?|architectures?|algorithms?|kernels?|configurations?|variants?)\b", re.I)
#: what a verb of :data:`_RELEASED_AS` with no object gives out: the last word before a relative clause of the
#: authors or a participle after a comma ("400 hours of recorded runs, which we release as" -> "runs", "a family of
#: backbones, released as" -> "backbones"), else a passive subject, the clause's text after its last comma ("The
#: translated prompts are shared as")
_GIVEN_BEFORE = re.compile(r"([\w\-]+)\)?(?:,\s+|,?\s+(?:which|that)\s+we\s+(?:\w+ly\s+|also\s+)?)$|[^,;]*$")


def released_as(context: DocContext, cands: list[Candidate], members: list[int]) -> bool:
    """Whether the authors give out a mention of an entity in the abstract as the name of something that is no
    model, code or method (:data:`_RELEASED_AS`, :data:`_RELEASED_NO_DATA`): "We release the anonymised answers as
    X", "The translated prompts are shared as X" (data, whatever the name's shape says); not "We release the
    weights as X" nor "Our implementation is released as X".
    """
    text, sents = context.text, context.sents
    for i in members:
        c = cands[i]
        if c.start < context.title_end or not 0 <= c.sentence < len(sents):
            continue
        s = sents[c.sentence][0]
        m = _RELEASED_AS.search(text, max(s, c.start - 90), c.start)
        if m is None:
            continue
        if not (given := m.group("obj")):
            before = _GIVEN_BEFORE.search(text, s, m.start())
            given = (before.group(1) or before.group()) if before is not None else ""
        if not _RELEASED_NO_DATA.search(given) and not any(
                head_type(w) in ("Model", "Method") for w in re.findall(r"[a-z][a-z\-]+", given)):
            return True
    return False


#: the name set beside a head noun that a new thing opens: "a new benchmark, WinoBias", "an online
#: algorithm, SwAV", "our model, the X"
_APPOSED = re.compile(r"\b(?:an?|our|new|novel)\s+(?:[\w\-]+\s+){0,4}?([A-Za-z][\w\-]*)\s*,\s+"
                      r"(?:the\s+|namely\s+|called\s+|dubbed\s+|termed\s+)?[\"“']?$", re.I)
#: what follows the comma of an ``_APPOSED`` match (which is the text's last comma)
_APPOSED_TAIL = re.compile(_APPOSED.pattern[_APPOSED.pattern.rindex(",") + 1:], re.I)
_HEAD_NAME = re.compile(r"[A-Za-z0-9][\w\-+.]*")
#: what a title's name adds to an earlier version's: a ``VERSION`` ("++", "-v3", " 2", "2.0"), or a tier word
#: ("-XL", " Plus", " Pro", " Next")
_NEWER_VERSION = re.compile(rf"{VERSION}|[\- ](?:xl|plus|pro|next)", re.I)
#: a word every match of ``_PREDECESSOR_BEFORE`` holds (in lower case)
_PREDECESSOR_WORDS = ("predecessor", "earlier", "previous", "prior", "original", "exten", "improves", "successor",
                      "buil")
#: a word that makes the name after it an earlier work the paper builds on: "its predecessor", "our earlier",
#: "an extension of", "We extend", "extends", "builds on", "we build upon"
_PREDECESSOR_BEFORE = re.compile(r"\b(?:predecessors?|earlier|previous|prior|original|extensions?\s+of|extend|extends|"
                                 r"extending|improves\s+(?:up)?on|successor\s+(?:to|of)|"
                                 r"buil(?:d|ds|t|ding)\s+(?:up)?on)\s+(?:(?:the|our|its)\s+)?$",
                                 re.I)


def _apposed(before: str) -> re.Match[str] | None:
    """``_APPOSED.search(before)``, searched only where what follows the last comma can end a match
    (nothing after the match's comma is a comma).
    """
    comma = before.rfind(",")
    if comma < 0 or _APPOSED_TAIL.match(before, comma + 1) is None:
        return None
    return _APPOSED.search(before)


def _proposal_context(context: DocContext, title: str, colon: int, members: list[Candidate],
                      f: dict[str, float]) -> None:
    """Whether the sentence of an entity's first mention in the abstract says the authors bring it in
    (anywhere in it: "This paper presents Approximate nearest neighbor … (ANCE), a …"), and whether
    the entity is a variant of the name before the title's colon ("SegFormer-B0" of "SegFormer: …").
    """
    text, title_end = context.text, context.title_end
    body = [c for c in members if c.start >= title_end]
    if body:
        c = first = min(body, key=lambda c: c.start)
        s = max(text.rfind(". ", title_end, c.start) + 2, title_end)
        e = text.find(". ", c.end)
        e = e if e >= 0 else len(text)
        if context.propose_near(s, e) and _we_in(context, s, e):
            f["we_propose_sentence"] = 1
    if 0 < colon <= 40:
        head = _HEAD_NAME.match(title)
        if head and head.end() == len(title[:colon].rstrip()):
            stem = head.group().lower()
            if any(c.text.lower().startswith(stem) and len(c.text) > len(stem) for c in members):
                f["title_variant"] = 1
            if any(c.start >= title_end and stem.startswith(c.text.lower())
                   and _NEWER_VERSION.fullmatch(stem, len(c.text)) for c in members):
                f["title_base"] = 1  # "Ferrex" where the title names "Ferrex++: …": the version it improves on
    if 0 < colon <= 40 and "title_base" not in f:
        family = _version_family(title[:colon].strip())
        if family is not None and any(c.start >= title_end and c.text.lower() != title[:colon].strip().lower()
                                      and _version_family(c.text, family) == family for c in members):
            f["title_base"] = 1  # "Ferrex" or "Ferrex-v2" where the title names "Ferrex 3.0: …" or "Ferrex-v3: …"
    if body:
        lo = max(title_end, first.start - 40)
        window = text[lo:first.start]  # (the case-insensitive words tested where they may be, ASCII, first)
        if (not window.isascii() or any(w in window.lower() for w in _PREDECESSOR_WORDS)) \
                and _PREDECESSOR_BEFORE.search(text, lo, first.start):
            f["predecessor_before"] = 1  # "its predecessor X", "an extension of X", "our earlier X"


def _version_family(name: str, bare: str | None = None) -> str | None:
    """The family of a versioned name, lower-cased, without its version ("ferrex" of "Ferrex 3.0",
    "Ferrex-v3", "Ferrex++"); ``bare`` (a family) when ``name`` is that family itself; else ``None``.
    """
    low = name.lower()
    if bare is not None and low == bare:
        return bare
    last = low[-2:-1] if low.endswith("\n") else low[-1:]  # where a match of _TRAILING_VERSION ends
    if last != "+" and not last.isdecimal():
        return None
    m = _TRAILING_VERSION.search(low)
    return low[:m.start()] if m is not None and m.start() > 0 else None


#: a ``VERSION`` at a name's end: "++", " 2.0", "-v3", "v2" (no tier word: "Ferrex Pro" is no version of "Ferrex"'s
#: family here, where a name only ends in "+" or a digit)
_TRAILING_VERSION = re.compile(rf"(?:{VERSION})$")


# ---------------------------------------------------------------- acronyms that may name nothing

#: head nouns of a long form that name no research artifact, by class: a business or physical quantity
#: ("click-through rate", "net present value"), a rule or law, a piece of hardware, a file or data
#: format, a body of people ("… Association")
_NOT_ARTIFACT_HEADS = {
    **dict.fromkeys("rate rates ratio ratios value values volume volumes price prices cost costs revenue margin "
                    "yield index indices indexes share percentage proportion amount quantity quantities level "
                    "levels count counts number numbers density frequency temperature pressure speed velocity "
                    "duration period interval return returns income growth capacity demand supply sales profit "
                    "balance budget expenditure consumption emission emissions output product".split(), "quantity"),
    **dict.fromkeys("regulation regulations act law laws directive directives standard standards "
                    "guideline guidelines convention treaty code codes requirement requirements".split(),
                    "regulation"),
    **dict.fromkeys("unit units processor processors chip chips memory memories device devices array arrays "
                    "circuit circuits card cards sensor sensors accelerator accelerators machine machines "
                    "hardware controller controllers display displays camera cameras".split(), "hardware"),
    **dict.fromkeys("format formats language languages protocol protocols interface interfaces notation "
                    "file files extension encoding markup".split(), "format"),
    **dict.fromkeys("association organization organisation agency institute council committee consortium "
                    "foundation society university laboratory department administration company "
                    "conference workshop symposium journal".split(), "body"),
}
#: the bodies of :data:`_NOT_ARTIFACT_HEADS` that are venues: an evaluation campaign's or a newspaper's name is
#: often its collection's too ("Text REtrieval Conference (TREC)", "Document Understanding Conference",
#: "Wall Street Journal (WSJ)")
_VENUE_HEADS = frozenset("conference workshop symposium journal".split())
#: a long form's words up to its first preposition (its head noun ends them): "rate of return" -> "rate"
_LONG_HEAD_CUT = re.compile(r"\s+(?:" + "|".join(sorted(_HEAD_CUT_WORDS)) + r")\s+", re.I)
#: a resolution that opens a name: "256x256 Koala" (the name is what follows)
_RESOLUTION = re.compile(r"^\d+\s*[x×]\s*\d+\b")
#: a short all-caps token (with digits, hyphens, slashes or a caret): what a list of acronyms lists
_CAPS_ITEM = r"[A-Z][A-Z0-9\-/^]*[A-Z0-9]"
_CAPS_BEFORE = re.compile(rf"(?<![\w\-]){_CAPS_ITEM}(?:{LIST_GAP})$")
_CAPS_AFTER = re.compile(rf"^(?:{LIST_GAP}){_CAPS_ITEM}(?![\w\-])")


def long_form_class(long: str) -> str | None:
    """The class of thing a long form's head noun names when it is no research artifact ("quantity",
    "regulation", "hardware", "format", "body"), else ``None``.

    >>> long_form_class("Average Quokka Rate"), long_form_class("Koala Data Protection Regulation")
    ('quantity', 'regulation')
    >>> long_form_class("rate of quokka return"), long_form_class("Quokka Network") is None
    ('quantity', True)
    """
    return _NOT_ARTIFACT_HEADS.get(_long_form_head(long))


#: the quantities of :data:`_NOT_ARTIFACT_HEADS` that are only ever measured, never built: "conversion rate",
#: "gross merchandise volume" (no "index", "count", "value" or "product": "Differentiable Search Index",
#: "Shapley values" name techniques)
_MEASURE_HEADS = frozenset("rate rates ratio ratios volume volumes price prices cost costs revenue margin share "
                           "percentage proportion profit sales expenditure".split())


def long_form_names_no_artifact(long: str) -> bool:
    """Whether a long form names a body of people that is no venue (:func:`long_form_class` "body", but not
    "… Conference" or "… Journal": "Radiological Society of North America", "Coastal Survey Agency") or a
    measure (:data:`_MEASURE_HEADS`: "Conversion Rate", "Gross Merchandise Volume"): who makes or runs
    things, or what is measured of them, never the artifact.

    >>> long_form_names_no_artifact("Koala Radiology Society of Quokkaland")
    True
    >>> long_form_names_no_artifact("Quokka Return Rate"), long_form_names_no_artifact("Koala Retrieval Conference")
    (True, False)
    """
    head = _long_form_head(long)
    return _NOT_ARTIFACT_HEADS.get(head) == "body" and head not in _VENUE_HEADS or head in _MEASURE_HEADS


#: the head nouns of a long form that decide the type of the name it defines, whatever the kind the sentence names
#: it as ("a new framework, Hierarchical Koala Graph Network (HKGN)" is a model): on the 907 annotated abstracts,
#: names whose long form is headed by "network(s)" are models 91 times to 4 methods, by "transformer(s)" 43 to none
_DECISIVE_HEADS = {
    **dict.fromkeys("network networks net nets transformer transformers".split(), "Model"),
    **dict.fromkeys("dataset datasets corpus corpora benchmark benchmarks".split(), "Dataset"),
    **dict.fromkeys("algorithm algorithms optimizer optimizers optimiser optimisers regularization "
                    "regularisation loss attack attacks".split(), "Method"),
}


def long_head_type(long: str) -> str | None:
    """The type a long form's head noun decides (:data:`_DECISIVE_HEADS`), else ``None``.

    >>> long_head_type("Hierarchical Quokka Graph Network"), long_head_type("Koala Trend Networks for Ranking")
    ('Model', 'Model')
    >>> long_head_type("Quokka Contrastive Loss"), long_head_type("rate of quokka networks") is None
    ('Method', True)
    """
    return _DECISIVE_HEADS.get(_long_form_head(long))


def _long_form_head(long: str) -> str:
    """A long form's head noun, lower-cased: the last word before its first preposition, past a hyphen
    ("Graph-Network for Ranking" → "network"); ``""`` for no word.
    """
    words = _LONG_HEAD_CUT.split(long, maxsplit=1)[0].split()
    return words[-1].rpartition("-")[2].lower().strip(",.;:\"'") if words else ""


def _group_long_classes(cands: list[Candidate], groups: Grouping) -> list[str | None]:
    """Per group, the :func:`long_form_class` of its first long form of an abbreviation pair."""
    out: list[str | None] = []
    for members in groups:
        longs = [cands[i] for i in members if cands[i].source == "abbrev-long"]
        out.append(long_form_class(min(longs, key=lambda c: c.start).text) if longs else None)
    return out


def _slip_names(context: DocContext, c: Candidate, long_class: str | None) -> tuple[str, ...]:
    """Evidence on a short acronym or a name that may name nothing: the class of the thing the group's
    long form names (a rate, a regulation, hardware …), the acronym in a web address or in a list of
    acronyms ("compared with AB, CD and EF"), a resolution opening the name ("256x256 Koala").
    """
    name, text = c.text, context.text
    out = []
    if long_class is not None:
        out.append("lform=" + long_class)
    words = name.split()
    caps = len(words) == 1 and name[:1].isupper() and name.upper() == name and any(ch.isalpha() for ch in name)
    if caps:
        if context.url_names and form_key(name) in context.url_names:
            out.append("caps_in_url")
        lo = max(0, c.start - 20)
        # (every match of _CAPS_BEFORE ends in a list's gap: the text before the name, right-stripped, ends in one
        # of LIST_GAP_ENDS)
        if text[lo:c.start].rstrip().endswith(LIST_GAP_ENDS) and _CAPS_BEFORE.search(text, lo, c.start) \
                or _CAPS_AFTER.match(text[c.end:c.end + 20]):
            out.append("caps_listed")
    if name[:1].isdecimal() and _RESOLUTION.match(name):  # (its \d: a decimal digit, as isdecimal)
        out.append("res_prefix")
    return tuple(out)
